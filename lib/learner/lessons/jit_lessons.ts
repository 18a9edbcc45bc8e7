/**
 * Exercise 7's compiler lesson: the course's trig series took 7.5 s in Python
 * and 0.69 s under Numba, "more than a 10× speed-up". V8 compiles every loop
 * already; to see what its compiler buys, run the same loop with the JIT
 * switched off (`--v8-flags=--jitless`: Ignition, the interpreter, only),
 * each in a fresh `deno` subprocess.
 *
 * @module
 */
import type { LessonOptions, LessonSection } from "./section.ts";
import { formatRatio, formatTime, loadAverage, median, textTable } from "./timing.ts";

/** The probe program, run in a subprocess. */
const PROBE = new URL("./jit_probe.ts", import.meta.url).pathname;
/** The deopt demonstration, run under `--trace-deopt`. */
const DEOPT_DEMO = new URL("./deopt_demo.ts", import.meta.url).pathname;

/** One subprocess run of the probe: its time and its sum. */
async function probe(n: number, flags: string[]): Promise<{ ms: number; total: number }> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", ...flags, PROBE, String(n)],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(output.stdout).trim();
  if (!output.success) {
    throw new Error(`jit probe failed: ${new TextDecoder().decode(output.stderr).trim()}`);
  }
  return JSON.parse(text) as { ms: number; total: number };
}

/**
 * The JIT beside the interpreter on Σ cos(i)/i: the median of `samples` fresh
 * subprocesses each.
 *
 * @param options Samples, progress.
 * @param n Terms (default 10^7: the interpreter takes seconds where the JIT takes tens of ms).
 * @returns The section to print.
 */
export async function jitlessLesson(
  options: LessonOptions,
  n = 10_000_000,
): Promise<LessonSection> {
  const rows: { label: string; flags: string[]; course: string }[] = [
    {
      label: "interpreter only (--v8-flags=--jitless)",
      flags: ["--v8-flags=--jitless"],
      course: "7.493 s (CPython)",
    },
    {
      label: "V8 as usual (Sparkplug, Maglev, TurboFan)",
      flags: [],
      course: "0.693 s (Numba @jit)",
    },
  ];
  const times: number[] = [];
  const totals = new Set<number>();
  for (const row of rows) {
    options.progress?.(row.label);
    const runs: number[] = [];
    for (let s = 0; s < options.samples; s++) {
      const run = await probe(n, row.flags);
      runs.push(run.ms);
      totals.add(run.total);
    }
    times.push(median(runs));
  }
  const [slow = Number.NaN, fast = Number.NaN] = times;
  return {
    title: `The compiler's share: Σ cos(i)/i, n = ${n.toLocaleString("en")}, fresh process each, ` +
      `median of ${options.samples}`,
    lines: [
      ...textTable(["how", "the course (n = 10^8)", "here", "speed-up"], [
        [rows[0]?.label ?? "", rows[0]?.course ?? "", formatTime(slow), "1×"],
        [rows[1]?.label ?? "", rows[1]?.course ?? "", formatTime(fast), formatRatio(slow / fast)],
      ]),
      `  sums ${
        totals.size === 1 ? "agree bit for bit" : "differ"
      } · load average ${loadAverage()}`,
      "  The course's ~10× came from compiling Python; here the interpreter-only run shows what",
      "  V8's compilers already give every loop you write. What remains for you in exercise 7",
      "  is the work per term (Math.cos), not the compiling.",
    ],
  };
}

/**
 * The deopt demonstration under `--trace-deopt`: its own output, and V8's
 * trace lines that name `addTerms`.
 *
 * @returns The section to print.
 */
export async function deoptLesson(): Promise<LessonSection> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", "--v8-flags=--trace-deopt", DEOPT_DEMO],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const lines = new TextDecoder().decode(output.stdout).split("\n");
  const trace = lines.filter((line) => /deoptimiz|bailout/i.test(line) && /addTerms/.test(line));
  const own = lines.filter((line) => !/^\[|^\s/.test(line) && line.trim() !== "");
  return {
    title: "Object mode against nopython mode, in V8 terms: --trace-deopt",
    lines: [
      ...own.map((line) => `  ${line}`),
      `  V8's trace, the lines about addTerms (${trace.length}):`,
      ...trace.slice(0, 6).map((line) =>
        `    ${line.match(/\(kind: [^)]*\)/)?.[0] ?? line.trim().slice(0, 100)}`
      ),
      "  (the full trace: deno task deopt, or deno run --v8-flags=--trace-deopt your_file.ts)",
      "  Numba's nopython mode compiles for known types and refuses the rest; object mode falls",
      "  back to generic objects. V8 does both at run time: it compiles for the types it saw,",
      "  and when another type arrives it deoptimizes (the trace above) and runs generic code",
      "  until it has compiled again for the wider set of types.",
    ],
  };
}
