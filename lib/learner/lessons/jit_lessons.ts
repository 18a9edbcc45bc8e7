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
async function probe(
  n: number,
  flags: string[],
  series: "cos" | "recurrence",
): Promise<{ ms: number; total: number }> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", ...flags, PROBE, String(n), series],
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
  const rows: { label: string; flags: string[]; series: "cos" | "recurrence"; course: string }[] = [
    {
      label: "Math.cos per term, interpreter only (--jitless)",
      flags: ["--v8-flags=--jitless"],
      series: "cos",
      course: "7.493 s (CPython)",
    },
    {
      label: "Math.cos per term, V8 as usual",
      flags: [],
      series: "cos",
      course: "0.693 s (Numba @jit)",
    },
    {
      label: "recurrence, interpreter only (--jitless)",
      flags: ["--v8-flags=--jitless"],
      series: "recurrence",
      course: "—",
    },
    { label: "recurrence, V8 as usual", flags: [], series: "recurrence", course: "—" },
  ];
  const times: number[] = [];
  const totals = new Map<string, Set<number>>();
  for (const row of rows) {
    options.progress?.(row.label);
    const runs: number[] = [];
    for (let s = 0; s < options.samples; s++) {
      const run = await probe(n, row.flags, row.series);
      runs.push(run.ms);
      const seen = totals.get(row.series) ?? new Set<number>();
      seen.add(run.total);
      totals.set(row.series, seen);
    }
    times.push(median(runs));
  }
  const cells = rows.map((row, r) => {
    const ms = times[r] ?? Number.NaN;
    const interpreted = times[r - (r % 2)] ?? Number.NaN;
    return [
      row.label,
      row.course,
      formatTime(ms),
      r % 2 === 0 ? "1×" : formatRatio(interpreted / ms),
    ];
  });
  const agree = [...totals.values()].every((set) => set.size === 1);
  const ratio = (r: number) => formatRatio((times[r - 1] ?? Number.NaN) / (times[r] ?? Number.NaN));
  return {
    record: {
      key: "jitless",
      summary:
        `JIT over interpreter, n = ${n.toLocaleString("en")}: Math.cos per term ${ratio(1)}, ` +
        `recurrence ${ratio(3)}; load ${loadAverage()}`,
    },
    title: `The compiler's share: Σ cos(i)/i, n = ${n.toLocaleString("en")}, fresh process each, ` +
      `median of ${options.samples}`,
    lines: [
      ...textTable(["how", "the course (n = 10^8)", "here", "JIT over interpreter"], cells),
      `  sums ${
        agree ? "agree bit for bit, with and without the JIT" : "differ"
      } · load average ${loadAverage()}`,
      "  The course's ~10× came from compiling Python. With Math.cos in every term, most of the",
      "  time is the call into V8's C++, which no compiler of your loop removes: the JIT gains",
      "  little. Remove the call (the recurrence, hint 2) and the loop is only arithmetic: that",
      "  is where the compiler's share is large.",
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
        `    deoptimized: ${/reason: (.*?)\): begin/.exec(line)?.[1] ?? line.trim().slice(0, 100)}`
      ),
      "  (the whole trace: deno run --v8-flags=--trace-deopt lib/learner/lessons/deopt_demo.ts)",
      "  Numba's nopython mode compiles for known types and refuses the rest; object mode falls",
      "  back to generic objects. V8 does both at run time: it compiles for the types it saw,",
      "  and when another type arrives it deoptimizes (the trace above) and runs generic code",
      "  until it has compiled again for the wider set of types.",
    ],
  };
}
