/**
 * A check, end to end: hidden tests first, then (if they all pass) the speed
 * measurement, then the verdict. The candidate only ever runs inside runner
 * subprocesses (`runner_client.ts`); this process plans, supervises and judges.
 *
 * @module
 */
import type { Exercise } from "../exercise/catalogue.ts";
import { type JobOutcome, RunnerSession } from "../sandbox/runner_client.ts";
import type { Target } from "../sandbox/runner.ts";
import { createRng } from "../exercise/rng.ts";
import {
  candidateReadPaths,
  entryFile,
  REPO_ROOT,
  repoUrl,
  shown,
  sourceRoot,
} from "../exercise/paths.ts";
import { sourceLimitProblem } from "./source_limits.ts";
import { describeMachine } from "./machine.ts";
import { buildExercise, buildFile } from "../exercise/build.ts";
import { judgeTest } from "./judge_output.ts";
import { type StartedSample, startSampleProcess } from "../sandbox/sample_process.ts";
import type { FailureCode } from "../sandbox/failure.ts";
import { wasmImportProblem } from "../sandbox/wasm_imports.ts";
import { decideStatus, skippedPerformance } from "./verdict.ts";
import type {
  CheckResult,
  ExerciseCheck,
  PerformanceResult,
  TestCase,
  TestResult,
} from "./types.ts";

import {
  type CheckEvent,
  type CheckOptions,
  processOptions,
  type RunContext,
  startSession,
} from "./run_context.ts";
import { parallelPart, primaryPart, runPerformance, stretchPart } from "./speed/performance.ts";

export type { CheckEvent, CheckOptions };
/** After this many timed-out tests the rest are not run: each would cost a full timeout. */
const MAX_TIMEOUTS = 2;

/** Loads an exercise's hidden check definition. */
export async function loadCheck(exercise: Exercise): Promise<ExerciseCheck<unknown, unknown>> {
  if (exercise.check === undefined) {
    throw new Error(`Cannot check exercise ${exercise.number}: it has no check definition`);
  }
  return (await import(repoUrl(exercise.check))).check as ExerciseCheck<unknown, unknown>;
}

/**
 * The judge data of `exercise` (an answer key, an oracle) that this copy of the
 * workbook does not hold: the student version leaves it out (lib/maintain/dist.ts).
 */
export async function missingJudgeData(exercise: Exercise): Promise<string[]> {
  const missing: string[] = [];
  for (const path of exercise.judgeData ?? []) {
    try {
      await Deno.stat(`${REPO_ROOT}/${path}`);
    } catch {
      missing.push(path);
    }
  }
  return missing;
}

/** Runs one exercise's check and returns its result; never throws for bad candidate code. */
export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  const started = performance.now();
  const { exercise, seed } = options;
  const file = entryFile(exercise, options.source);
  const machine = options.cores === undefined
    ? describeMachine()
    : { ...describeMachine(), cores: options.cores };
  const result = (
    tests: TestResult[],
    performanceResult: PerformanceResult | null,
    override?: Pick<CheckResult, "status" | "summary">,
    parallelResult: PerformanceResult | null = null,
    stretchResult: PerformanceResult | null = null,
  ): CheckResult => ({
    schema: "workbook-check/1",
    exercise: { number: exercise.number, slug: exercise.slug, title: exercise.title },
    ...(override ?? decideStatus(tests, performanceResult, parallelResult)),
    source: file,
    seed,
    quick: options.quick,
    tests,
    credit: exercise.partialCredit ? meanCredit(tests) : null,
    performance: performanceResult,
    parallel: parallelResult,
    stretch: stretchResult,
    machine,
    durationMs: Math.round(performance.now() - started),
  });

  try {
    const info = await Deno.stat(file);
    if (!info.isFile) throw new Error("not a file");
  } catch {
    return result([], null, {
      status: "error",
      summary: `Cannot find ${file}: expected the exercise file there`,
    });
  }

  // A folder the size of a table is refused before anything reads or builds it.
  const exerciseDir = `${sourceRoot(options.source)}/${exercise.dir}`;
  const tooLarge = await sourceLimitProblem(exercise, exerciseDir, shown(exerciseDir));
  if (tooLarge !== null) return result([], null, { status: "error", summary: tooLarge.message });

  // The optional stretch's source is built apart: its errors skip the stretch only.
  const stretchFile = exercise.stretch?.file;
  const mainFiles = exercise.files.filter((f) => f !== stretchFile);
  const built = await buildExercise({ ...exercise, files: mainFiles }, exerciseDir);
  if (!built.ok) return result([], null, { status: "error", summary: built.message });
  const stretchPresent = stretchFile !== undefined &&
    await Deno.stat(`${exerciseDir}/${stretchFile}`).then((i) => i.isFile, () => false);
  const stretchBuilt = stretchPresent ? await buildFile(`${exerciseDir}/${stretchFile}`) : null;
  const wasmProblem = await wasmImportProblem(exerciseDir);
  if (wasmProblem !== null) return result([], null, { status: "error", summary: wasmProblem });
  for (const source of exercise.baselineSources ?? []) {
    const baselineBuilt = await buildFile(`${REPO_ROOT}/${source}`);
    if (!baselineBuilt.ok) {
      return result([], null, { status: "error", summary: baselineBuilt.message });
    }
  }

  const check = await loadCheck(exercise);
  if (exercise.judgeData !== undefined) {
    const missing = await missingJudgeData(exercise);
    if (missing.length > 0 && check.withoutJudgeData !== undefined) {
      return result([], null, { status: "error", summary: check.withoutJudgeData });
    }
    const modules = await Promise.all(
      exercise.judgeData.map((path) =>
        missing.includes(path)
          ? undefined
          : import(repoUrl(path)) as Promise<Record<string, unknown>>
      ),
    );
    check.loadJudgeData?.(modules);
  }
  const context: RunContext = {
    // A Worker started from inside a Worker waits ~0.5 s in Deno 2.9: code that
    // starts Workers runs on a process's main thread instead.
    processMode: check.checkWorkers !== undefined || check.sampleIn === "process",
    options,
    check,
    candidate: { url: new URL(`file://${file}`).href, exportName: exercise.entry },
    checkUrl: repoUrl(exercise.check as string),
    readPaths: options.sandbox?.readPaths.slice() ?? candidateReadPaths(exercise, options.source),
  };

  const tests = await runTests(context);
  const allPassed = tests.every((t) => t.status === "pass");
  if (!allPassed || options.quick) return result(tests, null);
  if (exercise.speed.kind === "none") return result(tests, null);

  const performanceResult = await runPerformance(context, machine, primaryPart(context));
  options.onEvent?.({ kind: "part-done", part: "speed", result: performanceResult });
  let parallelResult: PerformanceResult | null = null;
  if (exercise.parallel !== undefined) {
    parallelResult = await runPerformance(context, machine, parallelPart(context));
    options.onEvent?.({ kind: "part-done", part: "parallel", result: parallelResult });
  }
  // The stretch earns bonus points only: whatever it gives, the status above stands.
  const stretchResult = exercise.stretch === undefined
    ? null
    : !stretchPresent
    ? skippedPerformance(`not timed: no ${exercise.stretch.file} (optional)`, options.size)
    : stretchBuilt !== null && !stretchBuilt.ok
    ? {
      ...skippedPerformance(`not timed: ${stretchBuilt.message.split("\n")[0]}`, options.size),
      status: "fail" as const,
    }
    : await runStretch(context, machine);
  return result(tests, performanceResult, undefined, parallelResult, stretchResult);
}

/**
 * The optional stretch: its boundary sums first (judged like a test, bit for
 * bit), then its speed. A stub or a wrong answer is not timed and earns no
 * bonus; it never changes the check's status.
 */
async function runStretch(
  context: RunContext,
  machine: ReturnType<typeof describeMachine>,
): Promise<PerformanceResult> {
  const { options, check } = context;
  const plan = check.benchmark.stretch;
  if (plan === undefined) {
    const reason = "the check does not say what the stretch times";
    return { ...skippedPerformance(reason, options.size), status: "error" };
  }
  const limit = options.timeoutMs ?? check.timeoutMs;
  for (const input of plan.preflight) {
    const testCase = {
      name: "stretch",
      input,
      module: plan.module,
      exportName: plan.exportName,
    };
    let verdict: CodedResult;
    if (context.processMode) {
      const started = await startSampleProcess(
        processOptions(context, caseTarget(context, testCase), testCase.input, limit),
      );
      verdict = await processTest(context, testCase, started);
    } else {
      const session = startSession(context);
      try {
        verdict = toTestResult(testCase.name, await session.run(testJob(context, testCase), limit));
      } finally {
        await session.close();
      }
    }
    if (verdict.status !== "pass") {
      const stub = verdict.code === "not-implemented" ||
        /unreachable|not implemented/i.test(verdict.message);
      const reason = stub
        ? "not timed: the stretch is not written yet (optional: it only adds bonus points)"
        : `not timed: ${check.describe(input)}: ${verdict.message}`;
      return { ...skippedPerformance(reason, options.size), status: stub ? "skipped" : "fail" };
    }
  }
  return await runPerformance(context, machine, stretchPart(context));
}

/** The mean credit of `tests`: a pass counts 1, a partly right answer its credit. */
export function meanCredit(tests: readonly TestResult[]): number {
  if (tests.length === 0) return 0;
  const total = tests.reduce((sum, t) => sum + (t.status === "pass" ? 1 : t.credit ?? 0), 0);
  return total / tests.length;
}

async function runTests(context: RunContext): Promise<TestResult[]> {
  const { options, check } = context;
  const cases = check.cases(createRng(options.seed));
  options.onEvent?.({
    kind: "tests-start",
    total: cases.length,
    file: context.candidate.url,
    seed: options.seed,
  });
  const results: TestResult[] = [];
  let session: RunnerSession | undefined;
  let timeouts = 0;
  let stopReason: string | undefined;
  const limit = options.timeoutMs ?? check.timeoutMs;
  // Process mode: the next test's process starts (and builds its input) while this one runs,
  // unless a test is timed (a time limit, or an exercise without a speed part, whose tests
  // time themselves: exercise 5's rounds of sleeps).
  const overlap = options.exercise.speed.kind !== "none" &&
    cases.every((c) => c.maxMs === undefined);
  const startTest = async (testCase: TestCase<unknown, unknown>) => {
    const options = processOptions(context, caseTarget(context, testCase), testCase.input, limit);
    const referee = await check.referee?.(testCase.input) ?? null;
    if (referee === null) return await startSampleProcess(options);
    try {
      return await startSampleProcess({
        ...options,
        input: referee.input,
        readPaths: [...options.readPaths, ...referee.readPaths],
        referee,
      });
    } catch (thrown) {
      await referee.close();
      throw thrown;
    }
  };
  let next: Promise<StartedSample> | undefined;
  try {
    for (const [index, testCase] of cases.entries()) {
      let testResult: TestResult;
      if (stopReason !== undefined) {
        testResult = { name: testCase.name, status: "skipped", message: stopReason };
      } else {
        let code: FailureCode | undefined;
        if (context.processMode) {
          const started = next ?? startTest(testCase);
          const following = cases[index + 1];
          next = overlap && following !== undefined ? startTest(following) : undefined;
          next?.catch(() => undefined); // handled when awaited: not an unhandled rejection meanwhile
          ({ code, ...testResult } = await processTest(context, testCase, await started));
        } else {
          if (session === undefined || !session.alive) session = startSession(context);
          const outcome = await session.run(testJob(context, testCase), limit);
          ({ code, ...testResult } = toTestResult(testCase.name, outcome));
        }
        // A stop by the caller's own limit (grading's wall clock) counts as a timeout too.
        if (code === "timeout" || code === "stopped") timeouts++;
        if (testCase.note !== undefined) testResult.note = testCase.note;
        stopReason = whyStop(code, index, timeouts);
      }
      results.push(testResult);
      options.onEvent?.({ kind: "test", index, total: cases.length, result: testResult });
    }
  } finally {
    await session?.close();
    await next?.then((started) => started.close());
  }
  return results;
}

/** A test run in its own sample process (started with its input built), judged here. */
async function processTest(
  context: RunContext,
  testCase: TestCase<unknown, unknown>,
  started: StartedSample,
): Promise<CodedResult> {
  const sample = await started.run();
  // The oracle runs here, after the candidate, in this trusted process (when grading, as
  // test work: never beside another submission's timed pair).
  const release = await context.options.sandbox?.gate?.("judge", Deno.pid);
  try {
    const expected = testCase.expected === undefined
      ? context.check.expected(testCase.input)
      : testCase.expected;
    const verdict = judgeTest(context.check, sample, expected, testCase.input, testCase.maxMs);
    return { name: testCase.name, ...verdict };
  } finally {
    release?.();
  }
}

/** A test's result and, when its sample gave no output, why (the code decides what runs next). */
type CodedResult = TestResult & { code?: FailureCode };

/** Why the remaining tests should not run after one that ended with `code`, or undefined to go on. */
function whyStop(
  code: FailureCode | undefined,
  index: number,
  timeouts: number,
): string | undefined {
  if (code === "load-error") return "not run: the module does not load";
  if (index === 0 && code === "not-implemented") {
    return "not run: the function is not implemented yet";
  }
  if (timeouts >= MAX_TIMEOUTS) return `not run: ${MAX_TIMEOUTS} tests already timed out`;
  return undefined;
}

/** What a test case calls: its export of its module, by default the entry of the entry file. */
function caseTarget(context: RunContext, testCase: TestCase<unknown, unknown>): Target {
  return {
    // A file beside the entry file (a compiled kernel, say), or the entry file itself.
    url: testCase.module === undefined
      ? context.candidate.url
      : new URL(testCase.module, context.candidate.url).href,
    exportName: testCase.exportName ?? context.candidate.exportName,
  };
}

function testJob(context: RunContext, testCase: TestCase<unknown, unknown>) {
  return {
    kind: "test" as const,
    checkUrl: context.checkUrl,
    candidate: caseTarget(context, testCase),
    input: testCase.input,
    ...(testCase.expected === undefined ? {} : { expected: testCase.expected }),
    ...(testCase.maxMs === undefined ? {} : { maxMs: testCase.maxMs }),
  };
}

function toTestResult(name: string, outcome: JobOutcome): CodedResult {
  switch (outcome.kind) {
    case "reply":
      if (outcome.reply.kind !== "test") {
        return {
          name,
          status: "error",
          message: "the runner answered with the wrong kind of reply",
        };
      }
      return {
        name,
        status: outcome.reply.status,
        message: outcome.reply.message,
        ...(outcome.reply.credit === undefined ? {} : { credit: outcome.reply.credit }),
        ...(outcome.reply.code === undefined ? {} : { code: outcome.reply.code }),
      };
    case "timeout":
    case "crashed":
      return { name, status: "error", message: outcome.message, code: outcome.code };
  }
}
