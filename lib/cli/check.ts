/**
 * `deno task check N|slug [--solution | --dir PATH] [--seed S] [--quick] [--size NAME] [--json]`
 *
 * Exit status: 0 pass, 1 fail or error, 2 usage error, 3 inconclusive (the tests
 * passed but speed could not be measured fairly: a busy machine, or one core for
 * a parallel part; run again).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { existsSync } from "node:fs";
import {
  catalogueLines,
  type Exercise,
  findExercise,
  unknownExercise,
} from "../exercise/catalogue.ts";
import { loadCheck, missingJudgeData, runCheck } from "../check/check.ts";
import { diagnoseFiles, diagnosisLine } from "../learner/diagnose.ts";
import { describeMachine } from "../check/machine.ts";
import { entryFile, type Source, sourceRoot } from "../exercise/paths.ts";
import { seedOption, sourceOption, underWatch, UsageError } from "./args.ts";
import { recordResult } from "../learner/progress.ts";
import { recordHandIn } from "../learner/standing.ts";
import { unwrittenFiles } from "../learner/stubs.ts";
import { createEventPrinter, printHeader, printSummary } from "../report/text.ts";
import { MAX_SEED } from "../exercise/rng.ts";
import type { CheckResult } from "../check/types.ts";

const USAGE = `Usage: deno task check N|slug [options]

  N|slug           the exercise: a number (1) or a slug (slow-series)
  --solution       check the reference solution instead of your code
  --dir PATH       check the files under PATH, laid out like exercises/
  --seed S         repeat a run: the same hidden inputs (0 to ${MAX_SEED})
  --quick          correctness only, no speed measurement
  --size NAME      benchmark size (default; exercise 2 also has full)
  --json           print the result as JSON (see README.md, "The JSON report")
  -h, --help       this text

Exit status: 0 pass, 1 fail or error, 2 usage error, 3 inconclusive (the machine was
too busy to measure speed fairly, or has one core for a parallel part: run again)`;

interface Parsed {
  exercise: Exercise;
  source: Source;
  seed: number;
  quick: boolean;
  json: boolean;
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
        seed: { type: "string" },
        quick: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        size: { type: "string", default: "default" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (thrown) {
    throw new UsageError((thrown as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? "Name the exercise to check, e.g. deno task check 1"
        : `Check one exercise at a time: got ${positionals.join(", ")}`,
    );
  }
  const key = positionals[0] as string;
  const exercise = findExercise(key);
  if (exercise === undefined) {
    throw new UsageError(unknownExercise(key));
  }
  const source = sourceOption(values);
  const seed = seedOption(values.seed);
  return { exercise, source, seed, quick: values.quick, json: values.json, size: values.size };
}

/** A result for a check that could not start, so --json always prints one document. */
function earlyResult(parsed: Parsed, summary: string): CheckResult {
  const { exercise } = parsed;
  return {
    schema: "workbook-check/1",
    exercise: { number: exercise.number, slug: exercise.slug, title: exercise.title },
    status: "error",
    summary,
    source: exercise.available ? entryFile(exercise, parsed.source) : "",
    seed: parsed.seed,
    quick: parsed.quick,
    tests: [],
    credit: null,
    performance: null,
    parallel: null,
    machine: describeMachine(),
    durationMs: 0,
  };
}

async function main(args: string[]): Promise<number> {
  let parsed: Parsed | "help";
  try {
    parsed = parse(args);
  } catch (thrown) {
    if (!(thrown instanceof UsageError)) throw thrown;
    console.error(`check: ${thrown.message}`);
    console.error(`\n${USAGE}\n\nExercises:\n${catalogueLines().join("\n")}`);
    return 2;
  }
  if (parsed === "help") {
    console.log(`${USAGE}\n\nExercises:\n${catalogueLines().join("\n")}`);
    return 0;
  }
  const { exercise } = parsed;
  const early = (summary: string) => {
    // The JSON summary is one line; the text may take two (the quiz's hand-in).
    const line = summary.replaceAll("\n", " ");
    if (parsed.json) console.log(JSON.stringify(earlyResult(parsed, line), null, 2));
    else console.error(summary);
    return 1;
  };
  if (!exercise.available) {
    return early(
      `Exercise ${exercise.number} (${exercise.slug}) is not available yet: it comes with a later part of the workbook`,
    );
  }
  if (parsed.source.kind === "solutions" && !existsSync(sourceRoot(parsed.source))) {
    return early("Cannot check the reference solution: solutions are not included in this copy");
  }
  const check = await loadCheck(exercise);
  // A check that needs what the student version leaves out (a quiz's key) says so and stops:
  // exit 1, as for every check that cannot be judged in this copy (never 0, which reads as a pass).
  if (check.withoutJudgeData !== undefined && (await missingJudgeData(exercise)).length > 0) {
    return early(`${check.withoutJudgeData}\n${await handIn(exercise, parsed.source)}`);
  }
  const sizes = check.benchmark.sizes;
  if (!(parsed.size in sizes)) {
    console.error(
      `check: Cannot use --size ${parsed.size}: exercise ${exercise.number} offers ${
        Object.keys(sizes).join(", ")
      }`,
    );
    return 2;
  }

  if (!parsed.json) printHeader(exercise);
  const printer = parsed.json ? undefined : createEventPrinter(exercise);
  const result = await runCheck({
    exercise,
    source: parsed.source,
    seed: parsed.seed,
    quick: parsed.quick,
    size: parsed.size,
    ...(printer === undefined ? {} : { onEvent: printer.onEvent }),
  });
  printer?.flush();
  await recordResult(result, parsed.source); // the learner's own code only: see lib/learner/progress.ts
  if (parsed.json) console.log(JSON.stringify(result, null, 2));
  else {
    printSummary(result, exercise, printer?.partsShown, underWatch());
    // Correct but slow: name what the code does that costs, and the hint that cures it.
    const slow = [result.performance, result.parallel].some((p) => p?.status === "fail");
    if (slow) {
      const line = diagnosisLine(
        exercise.number,
        await diagnoseFiles(exercise, sourceRoot(parsed.source)),
      );
      if (line !== null) console.log(line);
    }
  }
  return exitCode(result.status);
}

/**
 * Where no key can judge the answers (the student copy's quiz), the learner's
 * own answers are recorded as handed in, for `status` and `report` to count
 * apart from the passes: once every file differs from its stub.
 *
 * @returns The line that says what was recorded.
 */
async function handIn(exercise: Exercise, source: Source): Promise<string> {
  if (source.kind !== "exercises") return "Only your own answers (exercises/) are handed in.";
  const unwritten = await unwrittenFiles(exercise, sourceRoot(source));
  if (unwritten.length > 0) {
    return `Not handed in yet: ${unwritten.join(" and ")} ${
      unwritten.length === 1 ? "is still the stub" : "are still the stubs"
    }; write your answers, then run deno task check ${exercise.number} again.`;
  }
  return await recordHandIn(exercise)
    ? `Handed in: ${
      exercise.files.join(" and ")
    } recorded as written (deno task status shows it as awaiting your instructor).`
    : "Not recorded as handed in (see the warning above).";
}

/** The exit status of a check: scripts tell "run again" (3) apart from a fail (1). */
export function exitCode(status: CheckResult["status"]): number {
  switch (status) {
    case "pass":
      return 0;
    case "inconclusive":
      return 3;
    default:
      return 1;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
