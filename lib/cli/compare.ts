/**
 * `deno task compare N|slug [--reveal] [--quick] [--seed S] [--size NAME]`: your
 * code and the reference solution checked with the same seed (the same hidden
 * inputs and the same benchmark inputs), side by side, then the source diff.
 *
 * Both runs are ordinary checks (`runCheck`): the verdict comes from
 * `lib/check/verdict.ts` as it does for `deno task check`. Each run times its own
 * baseline, so each column shows the baseline it was measured against.
 *
 * The reference's source is shown once you have passed the exercise (a full
 * `deno task check N` recorded in `.workbook/progress.json`), or with `--reveal`.
 *
 * Exit status: 0 once both ran, 1 for an exercise not available yet, 2 on a usage error.
 *
 * @module
 */
import type { Exercise } from "../exercise/catalogue.ts";
import type { CheckEvent } from "../check/check.ts";
import { loadCheck, runCheck } from "../check/check.ts";
import {
  atMostPositionals,
  exerciseArg,
  notAvailable,
  parseOptions,
  runMain,
  seedOption,
  UsageError,
} from "./args.ts";
import { unifiedDiff } from "../learner/diff.ts";
import { REPO_ROOT, shown, type Source } from "../exercise/paths.ts";
import { readProgress } from "../learner/progress.ts";
import { pairProgress, printHeader, speedBar } from "../report/text.ts";
import { paint } from "../report/style.ts";
import type { CheckResult, SpeedupStats } from "../check/types.ts";
import { overallTier } from "../check/verdict.ts";
import { formatMs } from "../report/format.ts";

const USAGE = `Usage: deno task compare N|slug [options]

  N|slug        the exercise: a number (1) or a slug (slow-series)
  --reveal      show the reference's source even before you have passed the exercise
  --quick       correctness only, no speed measurement (a few seconds)
  --seed S      the same hidden inputs as an earlier run
  --size NAME   benchmark size, where the exercise offers more than one
  -h, --help    this text`;

const encoder = new TextEncoder();

function write(text: string): void {
  Deno.stdout.writeSync(encoder.encode(text));
}

/**
 * A one-line progress display for a check: a mark per hidden test as it
 * finishes, then the speed-up of each timed pair.
 */
function progressLine(label: string): (event: CheckEvent) => void {
  return (event) => {
    switch (event.kind) {
      case "tests-start":
        write(`  ${label.padEnd(10)} ${event.total} tests `);
        return;
      case "test": {
        const status = event.result.status;
        write(
          status === "pass"
            ? paint("green", "✓")
            : status === "skipped"
            ? paint("dim", "–")
            : paint("red", "✗"),
        );
        if (event.index === event.total - 1) write("\n");
        return;
      }
      case "performance-start":
        write(paint("dim", `  ${"".padEnd(10)} speed, ${event.pairs} pairs: `));
        return;
      case "pair": {
        write(paint("dim", pairProgress(event.index, event.sample, event.counted)));
        if (event.index === event.pairs) write("\n");
        return;
      }
      case "printed":
        return; // The code's own output is not shown here; deno task check shows it.
    }
  };
}

function verdictCell(result: CheckResult): string {
  const tier = overallTier(result);
  if (result.status === "pass") return `✓ pass${tier ? ` · ${tier}` : ""}`;
  return result.status === "fail" ? "✗ fail" : "✗ error";
}

/** The two results as rows of a table: what, yours, reference. */
function comparisonRows(
  exercise: Exercise,
  yours: CheckResult,
  reference: CheckResult,
): string[][] {
  const tests = (r: CheckResult) =>
    r.tests.length === 0
      ? "–"
      : `${r.tests.filter((t) => t.status === "pass").length} of ${r.tests.length} passed`;
  const stats = (s: SpeedupStats | null | undefined) =>
    s ? `${s.median.toFixed(2)}× (${s.min.toFixed(2)}–${s.max.toFixed(2)})` : "–";
  const speedup = (r: CheckResult) => stats(r.performance?.speedup);
  const speedNote = (r: CheckResult) => {
    const perf = r.performance;
    if (exercise.speed.kind === "none") return "no speed part";
    if (perf === null) return r.quick ? "not measured (--quick)" : "not measured";
    return perf.speedup === null ? `not measured: ${perf.reason}` : perf.tier ?? "below pass";
  };
  const rows = [
    ["file", shown(yours.source), shown(reference.source)],
    ["hidden tests", tests(yours), tests(reference)],
    ["verdict", verdictCell(yours), verdictCell(reference)],
    [
      "baseline",
      formatMs(yours.performance?.baselineMs ?? null),
      formatMs(reference.performance?.baselineMs ?? null),
    ],
    [
      "time",
      formatMs(yours.performance?.candidateMs ?? null),
      formatMs(reference.performance?.candidateMs ?? null),
    ],
    ["speed-up", speedup(yours), speedup(reference)],
    ["tier", speedNote(yours), speedNote(reference)],
  ];
  if (exercise.parallel !== undefined) {
    // The second speed part: the same code on Workers against itself on one.
    const part = (r: CheckResult) =>
      r.parallel === null
        ? "–"
        : `${stats(r.parallel.speedup)}${r.parallel.tier ? ` · ${r.parallel.tier}` : ""}`;
    rows.push([`on ${exercise.parallel.threads} Workers`, part(yours), part(reference)]);
  }
  return rows;
}

function printTable(exercise: Exercise, yours: CheckResult, reference: CheckResult): void {
  const rows = [["", "yours", "reference"], ...comparisonRows(exercise, yours, reference)];
  const widths = [0, 1].map((i) => Math.max(...rows.map((r) => [...(r[i] ?? "")].length)));
  for (const [index, row] of rows.entries()) {
    const [name = "", mine = "", theirs = ""] = row;
    const line = `  ${name.padEnd(widths[0]!)}  ${mine.padEnd(widths[1]!)}  ${theirs}`.trimEnd();
    console.log(index === 0 ? paint("bold", line) : line);
  }
  for (const [label, result] of [["yours", yours], ["reference", reference]] as const) {
    const perf = result.performance;
    if (perf?.speedup && perf.tiers) {
      console.log(`  ${label.padEnd(widths[0]!)}  ${speedBar(perf.speedup.median, perf.tiers)}`);
    }
  }
  const problem = yours.tests.find((t) => t.status !== "pass");
  if (problem !== undefined) {
    console.log(paint("dim", `  your first problem: ${problem.name} — ${problem.message}`));
  } else if (yours.status !== "pass") {
    console.log(paint("dim", `  yours: ${yours.summary}`));
  }
  const mine = yours.performance?.speedup?.median;
  const theirs = reference.performance?.speedup?.median;
  if (mine !== undefined && theirs !== undefined) {
    const share = Math.round((mine / theirs) * 100);
    console.log(
      `  Your speed-up is ${share}% of the reference's (each against its own baseline runs).`,
    );
  }
}

async function printSources(exercise: Exercise, reveal: boolean): Promise<void> {
  const state = await readProgress();
  const passed = state.exercises[exercise.slug]?.passed === true;
  console.log();
  if (!reveal && !passed) {
    console.log(
      `The reference's source stays hidden until you pass exercise ${exercise.number}` +
        ` (deno task check ${exercise.number}); to see it now: deno task compare ${exercise.number} --reveal`,
    );
    return;
  }
  for (const file of exercise.files) {
    const mine = `exercises/${exercise.dir}/${file}`;
    const theirs = `solutions/${exercise.dir}/${file}`;
    // A missing file diffs as empty: every line of the other one shows.
    const read = (path: string) => Deno.readTextFile(`${REPO_ROOT}/${path}`).catch(() => "");
    const lines = unifiedDiff(await read(mine), await read(theirs), {
      from: `${mine} (yours)`,
      to: `${theirs} (reference)`,
    });
    if (lines.length === 0) {
      console.log(`${mine} is the same as the reference.`);
      continue;
    }
    console.log(paint("bold", `Source: yours → the reference (${file})`));
    for (const line of lines) {
      if (line.startsWith("@@")) console.log(paint("cyan", line));
      else if (line.startsWith("-")) console.log(paint("red", line));
      else if (line.startsWith("+")) console.log(paint("green", line));
      else console.log(line);
    }
  }
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    reveal: { type: "boolean", default: false },
    quick: { type: "boolean", default: false },
    seed: { type: "string" },
    size: { type: "string", default: "default" },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  atMostPositionals(positionals, 1, "compare");
  const exercise = exerciseArg(positionals[0], "compare");
  const seed = seedOption(values.seed);
  if (!exercise.available) {
    console.error(notAvailable(exercise));
    return 1;
  }
  const sizes = (await loadCheck(exercise)).benchmark.sizes;
  if (!(values.size in sizes)) {
    throw new UsageError(
      `Cannot use --size ${values.size}: exercise ${exercise.number} offers ${
        Object.keys(sizes).join(", ")
      }`,
    );
  }

  printHeader(exercise);
  console.log(
    `Comparing your code with the reference · seed ${seed} ` +
      paint("dim", `(--seed ${seed} repeats this run)`),
  );
  const run = async (source: Source, label: string) => {
    const result = await runCheck({
      exercise,
      source,
      seed,
      quick: values.quick,
      size: values.size,
      onEvent: progressLine(label),
    });
    if (result.tests.length === 0) console.log(`  ${label.padEnd(10)} ${result.summary}`);
    return result;
  };
  // Not recorded as progress: a comparison runs both sides back to back on one seed, on
  // whatever the machine is doing; `deno task check` is what status and the report count.
  const yours = await run({ kind: "exercises" }, "yours");
  const reference = await run({ kind: "solutions" }, "reference");
  console.log();
  printTable(exercise, yours, reference);
  await printSources(exercise, values.reveal);
  return 0;
}

if (import.meta.main) await runMain("compare", () => main(Deno.args));
