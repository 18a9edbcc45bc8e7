/**
 * `deno task profile N|slug [--solution | --dir PATH] [--top K] [--out FILE] [--seed S] [--size NAME]`
 *
 * Runs the exercise's code once on its benchmark input under V8's CPU profiler
 * and prints where the time went, line by line, in the learner's own file.
 *
 * A learner's tool, not a verdict: the code runs in this process, with this
 * process's permissions, because the profiler only sees the isolate it is
 * connected to. `deno task check` is what judges, from a sandboxed runner.
 *
 * Exit status: 0 when the profile was printed, 1 when the code could not be
 * profiled (missing file, a load error, a throw), 2 on a usage error.
 *
 * @module
 */
import { renderFlamePage } from "../learner/profile/flame.ts";
import { writeAtomically } from "../exercise/files.ts";
import { WORKBOOK_DIR } from "../exercise/workbook_dir.ts";
import { parseArgs } from "node:util";
import { existsSync } from "node:fs";
import { type Exercise, findExercise, unknownExercise } from "../exercise/catalogue.ts";
import { loadCheck } from "../check/check.ts";
import { describeThrown, firstLine } from "../check/describe.ts";
import { entryFile, invocationDir, shown, type Source, sourceRoot } from "../exercise/paths.ts";
import { buildExercise } from "../exercise/build.ts";
import { seedOption, sourceOption, UsageError } from "./args.ts";
import { type ProfiledRun, ProfiledRunError, profileRun } from "../learner/profile/run.ts";
import type { MemoryReport, ProfileSummary } from "../learner/profile/types.ts";
import { MAX_SEED } from "../exercise/rng.ts";
import { benchmarkInput } from "../check/benchmark_input.ts";
import { paint } from "../report/style.ts";
import type { Entry } from "../check/types.ts";
import { formatMs, plural } from "../report/format.ts";

/** Lines listed unless --top says otherwise: enough to see the shape, short enough to read. */
const DEFAULT_TOP = 10;

const USAGE = `Usage: deno task profile N|slug [options]

  N|slug           the exercise: a number (4) or a slug (bottleneck)
  --solution       profile the reference solution instead of your code
  --dir PATH       profile the files under PATH, laid out like exercises/
  --top K          how many lines to list (default ${DEFAULT_TOP})
  --out FILE       also write the profile as a .cpuprofile (speedscope and Chrome DevTools open it)
  --flame FILE     where to write the flame graph page (default .workbook/flame-SLUG.html)
  --seed S         the benchmark input drawn from seed S (0 to ${MAX_SEED})
  --size NAME      benchmark size (default; exercise 2 also has full)
  -h, --help       this text`;

/** Source text longer than this is cut, so that a row fits a terminal. */
const SOURCE_WIDTH = 72;
/** Above this idle share the report says that Workers are not in the profile. */
const IDLE_NOTE_SHARE = 0.2;

/** A usage error: one line, exit 2. */
/** The code could not be profiled: one line, exit 1. */
class ProfileError extends Error {}

interface Parsed {
  exercise: Exercise;
  source: Source;
  top: number;
  out: string | undefined;
  flame: string | undefined;
  seed: number;
  size: string;
}

function parse(args: string[]): Parsed | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        solution: { type: "boolean", default: false },
        dir: { type: "string" },
        top: { type: "string" },
        out: { type: "string" },
        flame: { type: "string" },
        seed: { type: "string" },
        size: { type: "string", default: "default" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (thrown) {
    throw new UsageError(firstLine((thrown as Error).message));
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? "Name the exercise to profile, e.g. deno task profile 4"
        : `Profile one exercise at a time: got ${positionals.join(", ")}`,
    );
  }
  const key = positionals[0] as string;
  const exercise = findExercise(key);
  if (exercise === undefined) {
    throw new UsageError(unknownExercise(key));
  }
  const source = sourceOption(values);
  let top = DEFAULT_TOP;
  if (values.top !== undefined) {
    top = Number(values.top);
    if (!/^\d+$/.test(values.top) || top < 1) {
      throw new UsageError(
        `Cannot use --top ${values.top}: give a whole number of lines, 1 or more`,
      );
    }
  }
  const seed = seedOption(values.seed);
  if (values.out === "") throw new UsageError("Cannot use --out with an empty file name");
  if (values.flame === "") throw new UsageError("Cannot use --flame with an empty file name");
  return { exercise, source, top, out: values.out, flame: values.flame, seed, size: values.size };
}

/** Loads the learner's module and calls its entry point on the benchmark input, profiled. */
async function profileExercise(parsed: Parsed): Promise<{
  run: ProfiledRun<unknown>;
  file: string;
  inputText: string;
}> {
  const { exercise } = parsed;
  if (!exercise.available) {
    throw new ProfileError(
      `Exercise ${exercise.number} (${exercise.slug}) is not available yet: it comes with a later part of the workbook`,
    );
  }
  if (parsed.source.kind === "solutions" && !existsSync(sourceRoot(parsed.source))) {
    throw new ProfileError(
      "Cannot profile the reference solution: solutions are not included in this copy",
    );
  }
  const file = entryFile(exercise, parsed.source);
  try {
    if (!(await Deno.stat(file)).isFile) throw new Error("not a file");
  } catch {
    throw new ProfileError(`Cannot find ${shown(file)}: expected the exercise file there`);
  }
  // AssemblyScript sources are built first, as for a check (exercise 8's kernel.wasm).
  const built = await buildExercise(exercise, `${sourceRoot(parsed.source)}/${exercise.dir}`);
  if (!built.ok) throw new ProfileError(built.message);
  const check = await loadCheck(exercise);
  if (!(parsed.size in check.benchmark.sizes)) {
    throw new UsageError(
      `Cannot use --size ${parsed.size}: exercise ${exercise.number} offers ${
        Object.keys(check.benchmark.sizes).join(", ")
      }`,
    );
  }
  // The input of the first timed pair of `deno task check --seed S` (pair 0 is the warm-up).
  const input = benchmarkInput(check.benchmark, { seed: parsed.seed, size: parsed.size });
  const args = check.prepare(input);
  const url = new URL(`file://${file}`).href;

  // Loaded before profiling starts, so that transpiling does not dilute the shares;
  // the profile then holds the call alone.
  let entry: unknown;
  try {
    entry = (await import(url))[exercise.entry];
  } catch (thrown) {
    throw new ProfileError(`Cannot load ${shown(file)}: ${describeThrown(thrown)}`);
  }
  if (typeof entry !== "function") {
    throw new ProfileError(
      `Cannot profile ${shown(file)}: it does not export a function named ${exercise.entry}`,
    );
  }
  const call = entry as Entry;
  // The same call the check makes (sample_worker.ts): the check's own driver if it has one.
  const invoke = () =>
    check.invoke === undefined
      ? (call as (...args: unknown[]) => unknown)(...args)
      : check.invoke(call, args, input, { moduleUrl: url });
  try {
    const run = await profileRun(invoke, { focus: url, progress: true });
    return { run, file, inputText: check.describe(input) };
  } catch (thrown) {
    if (!(thrown instanceof ProfiledRunError)) throw thrown;
    const what = describeThrown(thrown.thrown);
    throw new ProfileError(
      /not implemented/i.test(what)
        ? `Cannot profile ${exercise.entry}(): it is not implemented yet (${what})`
        : `Cannot profile ${exercise.entry}(): it threw ${what} after ${
          formatMs(thrown.wallMs)
        } on the benchmark input`,
    );
  }
}

function formatShare(share: number): string {
  return `${(100 * share).toFixed(1)}%`;
}

function formatBytes(bytes: number): string {
  const mb = bytes / 2 ** 20;
  return mb >= 10 ? `${mb.toFixed(0)} MB` : `${mb.toFixed(1)} MB`;
}

function clip(text: string): string {
  return text.length <= SOURCE_WIDTH ? text : `${text.slice(0, SOURCE_WIDTH - 1)}…`;
}

function printLines(summary: ProfileSummary, top: number): void {
  const lines = summary.lines.slice(0, top);
  const heading = lines.length === 1 ? "Top line" : `Top ${lines.length} lines`;
  console.log(paint("bold", `\n${heading} by self time`) + " (in your file)");
  if (lines.length === 0) {
    console.log("  no sample landed in your file: the call was too short to sample");
    return;
  }
  console.log(paint("dim", "   share       self  line  source"));
  for (const line of lines) {
    console.log(
      `  ${formatShare(line.share).padStart(6)} ${formatMs(line.selfMs).padStart(10)} ${
        String(line.line).padStart(5)
      }  ${clip(line.text)}`,
    );
  }
  const rest = summary.lines.slice(top).reduce((sum, l) => sum + l.selfMs, 0);
  if (rest > 0) {
    console.log(
      paint(
        "dim",
        `  ${formatShare(rest / summary.totalMs).padStart(6)} ${
          formatMs(rest).padStart(10)
        }        ${plural(summary.lines.length - top, "more line")}`,
      ),
    );
  }
  for (const other of summary.elsewhere) {
    console.log(
      `  ${formatShare(other.share).padStart(6)} ${formatMs(other.ms).padStart(10)}        ${
        paint("dim", `${other.label} — ${other.what}`)
      }`,
    );
  }
}

function printFunctions(summary: ProfileSummary): void {
  if (summary.functions.length === 0) return;
  console.log(paint("bold", "\nFunctions in your file") + " (total = itself and what it calls)");
  const label = (f: { name: string; line: number }) => `${f.name} (line ${f.line})`;
  const width = Math.max(20, ...summary.functions.map((f) => label(f).length));
  console.log(
    paint(
      "dim",
      `  ${"function".padEnd(width)}  ${"self".padStart(17)}  ${"total".padStart(17)}  allocated`,
    ),
  );
  for (const f of summary.functions) {
    const self = `${formatShare(f.selfShare).padStart(6)} ${formatMs(f.selfMs).padStart(10)}`;
    const total = `${formatShare(f.totalShare).padStart(6)} ${formatMs(f.totalMs).padStart(10)}`;
    const allocated = f.allocated === null ? "" : formatBytes(f.allocated);
    console.log(`  ${label(f).padEnd(width)}  ${self}  ${total}  ${allocated}`);
  }
}

function printMemory(memory: MemoryReport): void {
  console.log(paint("bold", "\nMemory"));
  console.log(
    `  peak RSS    ${
      formatBytes(memory.peakRss)
    } (the whole process, sampled every ${memory.intervalMs} ms; ${
      formatBytes(memory.rssBefore)
    } before the call)`,
  );
  console.log(
    `  JS heap     ${formatBytes(memory.heapUsedBefore)} in use before, ${
      formatBytes(memory.heapUsedAfter)
    } after (${formatBytes(memory.heapTotalAfter)} reserved)`,
  );
  if (memory.allocated !== null) {
    console.log(
      `  allocated   ${
        formatBytes(memory.allocated)
      } on the JS heap during the call, freed or not (sampled estimate)`,
    );
  }
}

async function main(args: string[]): Promise<number> {
  let parsed: Parsed | "help";
  try {
    parsed = parse(args);
  } catch (thrown) {
    if (!(thrown instanceof UsageError)) throw thrown;
    console.error(`profile: ${thrown.message} (deno task profile --help shows the options)`);
    return 2;
  }
  if (parsed === "help") {
    console.log(USAGE);
    return 0;
  }
  const { exercise } = parsed;
  let result;
  try {
    result = await profileExercise(parsed);
  } catch (thrown) {
    if (thrown instanceof UsageError) {
      console.error(`profile: ${thrown.message}`);
      return 2;
    }
    if (thrown instanceof ProfileError) {
      console.error(`profile: ${thrown.message}`);
      return 1;
    }
    throw thrown;
  }
  const { run, file, inputText } = result;
  const { summary } = run;

  console.log(
    paint("bold", `Exercise ${exercise.number} · ${exercise.slug}`) +
      ` · profile of ${shown(file)}`,
  );
  const returned = typeof run.value === "number" ? `returned ${run.value} in` : "took";
  console.log(
    `${exercise.entry}() on the benchmark input (${inputText}) ${returned} ${
      formatMs(run.wallMs)
    } · ` + paint("dim", `(--seed ${parsed.seed} repeats this input)`),
  );
  console.log(
    paint(
      "dim",
      `${summary.samples} samples over ${
        formatMs(summary.totalMs)
      }; a share is the part of all that time spent on the line itself`,
    ),
  );
  if (summary.mapping === "javascript") {
    console.log(
      paint(
        "yellow",
        "Line numbers are those of the JavaScript Deno ran from your file (its source map was not found)",
      ),
    );
  }
  printLines(summary, parsed.top);
  printFunctions(summary);
  printMemory(run.memory);
  const idle = summary.elsewhere.find((o) => o.label === "(idle)");
  if (idle !== undefined && idle.share > IDLE_NOTE_SHARE) {
    console.log(
      `\nThis thread waited ${
        formatShare(idle.share)
      } of the time: work done in Workers is not in this profile.`,
    );
  }

  const flame = parsed.flame === undefined
    ? `${WORKBOOK_DIR}/flame-${exercise.slug}.html`
    : parsed.flame.startsWith("/")
    ? parsed.flame
    : `${invocationDir()}/${parsed.flame}`;
  try {
    const page = renderFlamePage(
      run.profile,
      new URL(`file://${file}`).href,
      `Flame graph · exercise ${exercise.number} (${exercise.slug}) · ${shown(file)}`,
      `${exercise.entry}() on the benchmark input (${inputText}), drawn from --seed ${parsed.seed}. ` +
        "For an interactive view, write the profile with --out FILE.cpuprofile and open it " +
        "in speedscope (drag the file onto its page) or in Chrome DevTools (Performance panel, " +
        '"Load profile").',
    );
    await writeAtomically(flame, page);
    console.log(
      `\nFlame graph: ${shown(flame)} (open it in a browser: file://${encodeURI(flame)})`,
    );
  } catch (thrown) {
    console.error(`profile: Cannot write ${shown(flame)}: ${describeThrown(thrown)}`);
    return 1;
  }

  if (parsed.out !== undefined) {
    const out = parsed.out.startsWith("/") ? parsed.out : `${invocationDir()}/${parsed.out}`;
    try {
      await Deno.writeTextFile(out, JSON.stringify(run.profile));
    } catch (thrown) {
      console.error(`profile: Cannot write ${parsed.out}: ${describeThrown(thrown)}`);
      return 1;
    }
    console.log(
      `\nProfile written to ${
        shown(out)
      }: open it in speedscope (drag it onto the page) or Chrome DevTools (Performance panel, "Load profile").`,
    );
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
