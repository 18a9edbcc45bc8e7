/**
 * `deno task bench N|slug [--samples K] [--seed S] [--size NAME]`: mitata's
 * table for the baseline, your code and the reference, all on the exercise's
 * benchmark input (built by the hidden check, as a timed pair of `check` builds it).
 *
 * `--n VALUE` runs the scaling table on the benchmark input at another n (the
 * check's `withN`); a lesson flag (`--ladder`, `--flat`, `--jitless`, …, listed
 * in `lib/learner/lessons/registry.ts`) reproduces one of the course's tables
 * instead of mitata's.
 *
 * The harness (what is benched, and how it is called and timed) is
 * `lib/learner/bench.ts`; this file parses the options and prints. It is a
 * learner's tool, not a verdict: everything runs in this process. Code that
 * never returns hangs this command too: Ctrl-C stops it.
 *
 * Exit status: 0 once the table is printed, 1 for an exercise not available yet,
 * 2 on a usage error.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { group, run, summary } from "mitata";
import { loadCheck } from "../check/check.ts";
import {
  atMostPositionals,
  exerciseArg,
  notAvailable,
  parseOptions,
  runMain,
  seedOption,
  UsageError,
} from "./args.ts";
import { extraSections } from "../learner/bench_sections.ts";
import { addBench, caller, contenders, load, snapshot, timed, tryOnce } from "../learner/bench.ts";
import { REPO_ROOT, sourceRoot } from "../exercise/paths.ts";
import { buildExercise, buildFile } from "../exercise/build.ts";
import { printHeader } from "../report/text.ts";
import { benchmarkInput } from "../check/benchmark_input.ts";
import { paint } from "../report/style.ts";
import { formatMs } from "../report/format.ts";
import { LESSONS, lessonsOf, lessonUsage } from "../learner/lessons/registry.ts";
import { LESSON_SAMPLES, loadAverage } from "../learner/lessons/timing.ts";
import { recordLesson } from "../learner/lessons/record.ts";
import { writeRecordedLesson } from "../learner/lessons/recorded.ts";
import { describeMachine } from "../check/machine.ts";
import { inputAtN, parseN, TYPICAL_BENCHMARK_N } from "../learner/lessons/n_input.ts";

const USAGE = () =>
  `Usage: deno task bench N|slug [options]

  N|slug        the exercise: a number (1) or a slug (slow-series)
  --samples K   timed calls per function (default: as many as fit in about 2 s, 5 to 50)
  --seed S      the seed the benchmark input is drawn from
  --size NAME   benchmark size, where the exercise offers more than one
  --n VALUE     the scaling table at another n (1e10, 10^8, 50_000_000): exercises 3, 6, 7, 8;
                with a lesson flag below, that lesson's problem size
  --write       with a lesson flag: record its figures in data/lessons.json, which READMEs
                quote (maintainers; run it under the timing lock, on a quiet machine)
  -h, --help    this text

The course's lessons, each instead of mitata's table:
${lessonUsage()}`;

/** Default time budget per function: enough samples for a median, short on a shared machine. */
const BUDGET_MS = 2000;
/** Bounds on the default sample count: a median needs a few; more than 50 adds little. */
const MIN_SAMPLES = 5;
const MAX_SAMPLES = 50;
/** Largest `--samples` accepted. */
const SAMPLES_LIMIT = 1000;
/** Below this time per call, mitata's own defaults (batches, ~0.6 s per function) suit better. */
const FAST_CALL_MS = 1;

function colourWanted(): boolean {
  return !Deno.env.get("NO_COLOR") && Deno.stdout.isTerminal();
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    samples: { type: "string" },
    seed: { type: "string" },
    size: { type: "string", default: "default" },
    n: { type: "string" },
    write: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
    ...Object.fromEntries(
      LESSONS.map((lesson) => [lesson.flag, { type: "boolean" as const, default: false }]),
    ),
  });
  if (values.help) {
    console.log(USAGE());
    return 0;
  }
  atMostPositionals(positionals, 1, "bench");
  const exercise = exerciseArg(positionals[0], "bench");
  const seed = seedOption(values.seed);
  let fixedSamples: number | null = null;
  if (values.samples !== undefined) {
    fixedSamples = Number(values.samples);
    if (!/^\d+$/.test(values.samples) || fixedSamples < 1 || fixedSamples > SAMPLES_LIMIT) {
      throw new UsageError(
        `Cannot use --samples ${values.samples}: give an integer from 1 to ${SAMPLES_LIMIT}`,
      );
    }
  }
  const flags = values as Record<string, unknown>;
  const asked = LESSONS.filter((lesson) => flags[lesson.flag] === true);
  let n: number | null = null;
  if (values.n !== undefined) {
    const parsed = parseN(values.n);
    if (typeof parsed !== "number") throw new UsageError(parsed.message);
    n = parsed;
  }
  if (asked.length > 0) {
    return await runLessons(exercise.number, asked, {
      samples: fixedSamples ?? LESSON_SAMPLES,
      seed,
      n,
      write: values.write,
    });
  }
  if (values.write) {
    throw new UsageError("Cannot use --write without a lesson flag: it records a lesson's figures");
  }
  if (!exercise.available) {
    console.error(notAvailable(exercise));
    return 1;
  }
  // AssemblyScript sources are built first, as for a check; a compile error is one line.
  // A student copy has no solutions/: no reference to build or bench, and nothing to say of it.
  const withReference = existsSync(sourceRoot({ kind: "solutions" }));
  const roots = [sourceRoot({ kind: "exercises" })];
  if (withReference) roots.push(sourceRoot({ kind: "solutions" }));
  for (const root of roots) {
    const built = await buildExercise(exercise, `${root}/${exercise.dir}`);
    if (!built.ok) console.error(built.message);
  }
  for (const source of exercise.baselineSources ?? []) {
    const built = await buildFile(`${REPO_ROOT}/${source}`);
    if (!built.ok) console.error(built.message);
  }
  const check = await loadCheck(exercise);
  const sizeEntry = check.benchmark.sizes[values.size];
  if (sizeEntry === undefined) {
    throw new UsageError(
      `Cannot use --size ${values.size}: exercise ${exercise.number} offers ${
        Object.keys(check.benchmark.sizes).join(", ")
      }`,
    );
  }

  printHeader(exercise);
  console.log(
    paint("dim", "In this process, for exploring: deno task check gives the verdict."),
  );
  if (exercise.speed.kind === "none") {
    console.log(paint("dim", `This exercise has no speed part: ${exercise.speed.why}`));
  }
  console.log(`Building the benchmark input (${sizeEntry.label}) · seed ${seed}`);
  // The input of the first timed pair of `deno task check --seed S`.
  const defaultInput = benchmarkInput(check.benchmark, { seed, size: values.size });
  let input = defaultInput;
  if (n !== null) {
    const atN = inputAtN(check.benchmark, input, n, exercise.number);
    if (!atN.ok) throw new UsageError(atN.problem.message);
    input = atN.input;
  }
  console.log(paint("dim", `  ${check.describe(input)}`));
  if (n !== null) {
    // The lesson at another n is the scaling table; mitata's samples at 10^10
    // would take many minutes, so its table is left out here.
    // Whose code to scale: yours when it runs and is right on the benchmark's own
    // input (one call there is cheap; at a large n it would not be).
    const runs = await yoursRuns(exercise, check, defaultInput);
    const sections = await extraSections(exercise, {
      seed,
      size: values.size,
      samples: fixedSamples,
      input,
      functions: runs === null ? new Map() : new Map([["yours", runs]]),
      n,
      timeoutMs: Math.max(1, n / TYPICAL_BENCHMARK_N) * 2 * check.timeoutMs,
    });
    for (const section of sections) {
      console.log(`\n${paint("bold", section.title)}`);
      for (const line of section.lines) console.log(line);
    }
    return 0;
  }
  // One set of arguments per distinct input: the functions share it, as they share the JIT.
  const prepared = new Map<unknown, unknown[]>();
  const argsFor = (forInput: unknown) => {
    let args = prepared.get(forInput);
    if (args === undefined) {
      args = check.prepare(forInput);
      prepared.set(forInput, args);
    }
    return args;
  };

  console.log("Calling each once, and checking its answer against the first one's:");
  const ready = new Map<string, () => unknown>();
  const timesMs = new Map<string, number>();
  let expected: unknown = undefined;
  let haveExpected = false;
  const list = contenders(exercise, check, input, withReference);
  const width = Math.max(...list.map((c) => c.label.length));
  for (const contender of list) {
    const prefix = `  ${contender.label.padEnd(width)}  `;
    Deno.stdout.writeSync(new TextEncoder().encode(prefix));
    const fn = await load(contender);
    if (typeof fn === "string") {
      console.log(paint("red", `✗ not benched: ${fn}`));
      continue;
    }
    const args = argsFor(contender.input);
    const call = caller(fn, { ...contender, args }, check);
    const once = await tryOnce(call, args, check);
    if (!once.ok) {
      console.log(paint("red", `✗ not benched: ${once.message}`));
      continue;
    }
    let note: string;
    const invalid = check.validate(once.output, contender.input) ??
      (contender.learners ? check.checkWorkers?.(contender.input, once.meta) ?? null : null);
    if (invalid !== null) {
      note = paint("red", ` ✗ wrong: ${invalid}`);
    } else if (!haveExpected) {
      // Outputs may live in buffers that the next call reuses: keep a copy.
      expected = snapshot(once.output);
      haveExpected = true;
      note = paint("green", " ✓");
    } else {
      const mismatch = check.compare(expected, once.output, contender.input);
      note = mismatch === null
        ? paint("green", " ✓ agrees")
        : paint("red", ` ✗ wrong: ${mismatch}`);
    }
    console.log(`${formatMs(once.ms)}${note}`);
    ready.set(contender.label, timed(call, once.async));
    timesMs.set(contender.label, once.ms);
  }
  expected = undefined; // Let a large copy go before timing.

  if (ready.size === 0) {
    console.log("\nNothing to time: no function ran.");
    return 0;
  }
  const samplesFor = (label: string): number | null => {
    if (fixedSamples !== null) return fixedSamples;
    const ms = timesMs.get(label) ?? 0;
    if (ms < FAST_CALL_MS) return null; // mitata's defaults
    return Math.min(MAX_SAMPLES, Math.max(MIN_SAMPLES, Math.floor(BUDGET_MS / ms)));
  };
  const counts = [...ready.keys()].map((label) => {
    const count = samplesFor(label);
    return `${label.split(" ")[0]} ${count ?? "auto"}`;
  });
  console.log(
    `\nTiming with mitata · samples: ${counts.join(", ")}` +
      paint("dim", fixedSamples === null ? " (--samples K sets them)" : ""),
  );

  group(`${exercise.number} ${exercise.slug}: ${sizeEntry.label}`, () => {
    summary(() => {
      for (const [label, call] of ready) {
        addBench(label, call, {
          samples: samplesFor(label),
          baseline: label.startsWith("baseline"),
        });
      }
    });
  });
  await run({ colors: colourWanted() });

  const sections = await extraSections(exercise, {
    seed,
    size: values.size,
    samples: fixedSamples,
    input,
    functions: ready,
    n: null,
  });
  for (const section of sections) {
    console.log(`\n${paint("bold", section.title)}`);
    for (const line of section.lines) console.log(line);
  }
  console.log(
    paint(
      "dim",
      `\navg is the mean time of one call; the summary divides the averages. ` +
        `deno task check ${exercise.number} measures the speed-up that counts.`,
    ),
  );
  return 0;
}

/**
 * Your function, ready to call, when it loads, runs once on `input` and gives a
 * valid answer there; null otherwise (the scaling table then uses the reference).
 */
async function yoursRuns(
  exercise: Parameters<typeof contenders>[0],
  check: Parameters<typeof contenders>[1],
  input: unknown,
): Promise<(() => unknown) | null> {
  const mine = contenders(exercise, check, input).find((c) => c.label === "yours");
  if (mine === undefined) return null;
  const fn = await load(mine);
  if (typeof fn === "string") return null;
  const args = check.prepare(mine.input);
  const call = caller(fn, { ...mine, args }, check);
  const once = await tryOnce(call, args, check);
  if (!once.ok) return null;
  const invalid = check.validate(once.output, mine.input) ??
    check.checkWorkers?.(mine.input, once.meta) ?? null;
  return invalid === null ? timed(call, once.async) : null;
}

/** Runs the lessons asked for, after checking they belong to `exercise`. */
async function runLessons(
  exercise: number,
  asked: readonly (typeof LESSONS)[number][],
  options: { samples: number; seed: number; n: number | null; write: boolean },
): Promise<number> {
  for (const lesson of asked) {
    if (lesson.exercise !== exercise) {
      const own = lessonsOf(exercise).map((l) => `--${l.flag}`).join(", ") || "none";
      throw new UsageError(
        `Cannot use --${lesson.flag} on exercise ${exercise}: it is exercise ${lesson.exercise}'s ` +
          `(deno task bench ${lesson.exercise} --${lesson.flag}); exercise ${exercise}'s lessons: ${own}`,
      );
    }
    if (options.n !== null && !lesson.takesN) {
      throw new UsageError(`Cannot use --n with --${lesson.flag}: its problem size is fixed`);
    }
  }
  console.log(
    paint(
      "dim",
      "In this process, for exploring: the machine may be shared, so read the load average.",
    ),
  );
  const encoder = new TextEncoder();
  for (const lesson of asked) {
    const sections = await lesson.run({
      ...options,
      progress: (what) => Deno.stderr.writeSync(encoder.encode(`  measuring: ${what}\n`)),
    });
    for (const section of sections) {
      console.log(`\n${paint("bold", section.title)}`);
      for (const line of section.lines) console.log(line);
      // Kept for answers.md's questions: deno task report shows it beside the answer.
      if (section.record !== undefined) {
        await recordLesson(section.record.key, section.record.summary);
      }
      if (options.write && section.measured !== undefined) {
        const m = describeMachine();
        await writeRecordedLesson(section.measured.key, {
          measured: new Date().toISOString(),
          machine: `${m.cpu}, ${m.cores} cores, ${m.os}, Deno ${m.deno}`,
          loadAverage: loadAverage(),
          samples: options.samples,
          size: section.measured.size,
          rows: section.measured.rows,
        });
        console.log(paint("dim", `  recorded in data/lessons.json as "${section.measured.key}"`));
      }
    }
  }
  return 0;
}

if (import.meta.main) await runMain("bench", () => main(Deno.args));
