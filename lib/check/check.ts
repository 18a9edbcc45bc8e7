/**
 * A check, end to end: hidden tests first, then (if they all pass) the speed
 * measurement, then the verdict. The candidate only ever runs inside runner
 * subprocesses (`runner_client.ts`); this process plans, supervises and judges.
 *
 * @module
 */
import os from "node:os";
import type { Exercise, SpeedRule } from "../exercise/catalogue.ts";
import { type JobOutcome, type RunnerSandbox, RunnerSession } from "../sandbox/runner_client.ts";
import type { Target } from "../sandbox/runner.ts";
import { measurePairs, PairProblem, type PairSample } from "./measure.ts";
import { createRng, deriveSeed } from "../exercise/rng.ts";
import {
  candidateReadPaths,
  entryFile,
  REPO_ROOT,
  repoUrl,
  type Source,
  sourceRoot,
} from "../exercise/paths.ts";
import { describeMachine } from "./machine.ts";
import { buildExercise, buildFile } from "../exercise/build.ts";
import { judgeOutput, judgeTest, outputProblem } from "./judge_output.ts";
import { runSampleProcess } from "../sandbox/sample_process.ts";
import type { FailureCode } from "../sandbox/failure.ts";
import { wasmImportProblem } from "../sandbox/wasm_imports.ts";
import { decideStatus, judgeSpeed, requiredSpeedups, skippedPerformance } from "./verdict.ts";
import type {
  CheckResult,
  ExerciseCheck,
  MachineInfo,
  PerformanceResult,
  TestCase,
  TestResult,
} from "./types.ts";

/** After this many timed-out tests the rest are not run: each would cost a full timeout. */
const MAX_TIMEOUTS = 2;

export interface CheckOptions {
  exercise: Exercise;
  source: Source;
  seed: number;
  /** Correctness only: no speed measurement. */
  quick: boolean;
  /** A benchmark size the exercise offers (`"default"` unless asked). */
  size: string;
  onEvent?: (event: CheckEvent) => void;
  /** Overrides the exercise's per-test time limit (tests use a short one). */
  timeoutMs?: number;
  /** Overrides the runner's heap limit, in MB (tests use a small one). */
  heapLimitMb?: number;
  /** Grading: the runners' read paths (replacing the defaults below), limits and schedule. */
  sandbox?: RunnerSandbox;
}

/** Progress, as it happens, for a reporter to show. */
export type CheckEvent =
  | { kind: "tests-start"; total: number; file: string; seed: number }
  | { kind: "test"; index: number; total: number; result: TestResult }
  | { kind: "performance-start"; pairs: number; size: string; label: string }
  | { kind: "pair"; index: number; pairs: number; sample: PairSample }
  | { kind: "printed"; line: string };

/** Loads an exercise's hidden check definition. */
export async function loadCheck(exercise: Exercise): Promise<ExerciseCheck<unknown, unknown>> {
  if (exercise.check === undefined) {
    throw new Error(`Cannot check exercise ${exercise.number}: it has no check definition`);
  }
  return (await import(repoUrl(exercise.check))).check as ExerciseCheck<unknown, unknown>;
}

/** Runs one exercise's check and returns its result; never throws for bad candidate code. */
export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  const started = performance.now();
  const { exercise, seed } = options;
  const file = entryFile(exercise, options.source);
  const machine = describeMachine();
  const result = (
    tests: TestResult[],
    performanceResult: PerformanceResult | null,
    override?: Pick<CheckResult, "status" | "summary">,
    parallelResult: PerformanceResult | null = null,
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

  const exerciseDir = `${sourceRoot(options.source)}/${exercise.dir}`;
  const built = await buildExercise(exercise, exerciseDir);
  if (!built.ok) return result([], null, { status: "error", summary: built.message });
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
    const modules = await Promise.all(exercise.judgeData.map((path) => import(repoUrl(path))));
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
  const parallelResult = exercise.parallel === undefined
    ? null
    : await runPerformance(context, machine, parallelPart(context));
  return result(tests, performanceResult, undefined, parallelResult);
}

/** The mean credit of `tests`: a pass counts 1, a partly right answer its credit. */
export function meanCredit(tests: readonly TestResult[]): number {
  if (tests.length === 0) return 0;
  const total = tests.reduce((sum, t) => sum + (t.status === "pass" ? 1 : t.credit ?? 0), 0);
  return total / tests.length;
}

/**
 * A pair in sample processes, baseline first, each on a fresh process's main
 * thread; timed in `sample_process.ts`, judged here.
 */
async function processPair(
  context: RunContext,
  part: SpeedPart,
  input: unknown,
  baselineInput: unknown,
  timeoutMs: number,
): Promise<PairSample> {
  const { check } = context;
  const where = `on the benchmark input (${check.describe(input)})`;
  const base = await runSampleProcess({
    ...processOptions(context, part.baseline, baselineInput, timeoutMs),
    timed: true,
  });
  const baseProblem = base.ok ? outputProblem(check, base, baselineInput, part.own) : base.message;
  if (!base.ok || baseProblem !== null) {
    const whose = part.own ? "your code on one Worker failed: " : "the baseline failed: ";
    throw new PairProblem(`${where}: ${whose}${baseProblem}`);
  }
  const candidate = await runSampleProcess({
    ...processOptions(context, context.candidate, input, timeoutMs),
    timed: true,
  });
  const judged = judgeOutput(check, candidate, base.output, input);
  if (judged.status !== "pass") throw new PairProblem(`${where}: ${judged.message}`);
  return { baselineMs: base.ms, candidateMs: candidate.ms };
}

interface RunContext {
  /** True for exercises whose code starts Workers: samples run in processes (sample_process.ts). */
  processMode: boolean;
  options: CheckOptions;
  check: ExerciseCheck<unknown, unknown>;
  candidate: Target;
  checkUrl: string;
  readPaths: string[];
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
  try {
    for (const [index, testCase] of cases.entries()) {
      let testResult: TestResult;
      if (stopReason !== undefined) {
        testResult = { name: testCase.name, status: "skipped", message: stopReason };
      } else {
        const limit = options.timeoutMs ?? check.timeoutMs;
        let code: FailureCode | undefined;
        if (context.processMode) {
          ({ code, ...testResult } = await processTest(context, testCase, limit));
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
  }
  return results;
}

/** Options for a sample process of this check. */
function processOptions(context: RunContext, target: Target, input: unknown, timeoutMs: number) {
  return {
    checkUrl: context.checkUrl,
    target,
    input,
    readPaths: context.readPaths,
    timeoutMs,
    ...(context.options.sandbox === undefined ? {} : { sandbox: context.options.sandbox }),
    ...(context.options.heapLimitMb === undefined
      ? {}
      : { heapLimitMb: context.options.heapLimitMb }),
    onOutput: (line: string) => context.options.onEvent?.({ kind: "printed", line }),
  };
}

/** A test run in its own sample process, judged here. */
async function processTest(
  context: RunContext,
  testCase: TestCase<unknown, unknown>,
  timeoutMs: number,
): Promise<CodedResult> {
  const target = caseTarget(context, testCase);
  const sample = await runSampleProcess(processOptions(context, target, testCase.input, timeoutMs));
  // The oracle runs here, after the candidate, in this trusted process (when grading, as
  // test work: never beside another submission's timed pair).
  const release = await context.options.sandbox?.gate?.("test", Deno.pid);
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

function startSession(context: RunContext): RunnerSession {
  return new RunnerSession({
    ...context.options.sandbox,
    readPaths: context.readPaths,
    ...(context.options.heapLimitMb === undefined
      ? {}
      : { heapLimitMb: context.options.heapLimitMb }),
    onOutput: (line) => context.options.onEvent?.({ kind: "printed", line }),
  });
}

/**
 * One speed verdict: a rule, the code it is measured against, and what each side
 * gets. Most exercises have one part (their `speed` against their `baseline`);
 * an exercise with `parallel` adds a second: its own code on N Workers against
 * its own code on one.
 */
interface SpeedPart {
  rule: SpeedRule;
  /** The baseline's label in the report. */
  label: string;
  baseline: Target;
  /** True when the baseline is the learner's own code. */
  own: boolean;
  candidateInput(input: unknown): unknown;
  baselineInput(input: unknown): unknown;
}

/** The primary speed part of an exercise, or a reason there is none. */
function primaryPart(context: RunContext): SpeedPart | string {
  const { exercise } = context.options;
  const plan = context.check.benchmark;
  const baseline = exercise.baseline;
  if (baseline === undefined) return "this exercise has no baseline";
  return {
    rule: exercise.speed,
    label: baseline.label,
    baseline: baseline.kind === "own"
      ? context.candidate
      : { url: repoUrl(baseline.module), exportName: baseline.exportName },
    own: baseline.kind === "own",
    candidateInput: (input) => input,
    baselineInput: (input) => plan.baselineInput?.(input) ?? input,
  };
}

/** The parallel speed part, for exercises that have one. */
function parallelPart(context: RunContext): SpeedPart | string {
  const { exercise } = context.options;
  const parallel = exercise.parallel;
  const withThreads = context.check.benchmark.withThreads;
  if (parallel === undefined) return "this exercise has no parallel part";
  if (withThreads === undefined) return "the check cannot vary the number of Workers";
  return {
    rule: { kind: "parallel", ...parallel },
    label: "your code on 1 Worker",
    baseline: context.candidate,
    own: true,
    candidateInput: (input) => withThreads(input, parallel.threads),
    baselineInput: (input) => withThreads(input, 1),
  };
}

async function runPerformance(
  context: RunContext,
  machine: MachineInfo,
  partOrReason: SpeedPart | string,
): Promise<PerformanceResult> {
  const { options, check } = context;
  const { exercise, size } = options;
  if (typeof partOrReason === "string") {
    return { ...skippedPerformance(partOrReason, size), status: "error" };
  }
  const part = partOrReason;
  const required = requiredSpeedups(part.rule, machine.cores);
  if ("skipped" in required) return skippedPerformance(required.skipped, size);
  const plan = check.benchmark;
  const sizeEntry = plan.sizes[size];
  if (sizeEntry === undefined) {
    throw new RangeError(`Cannot measure exercise ${exercise.number}: no benchmark size "${size}"`);
  }
  const pairs = sizeEntry.pairs ?? plan.pairs;
  const timeoutMs = options.timeoutMs ?? sizeEntry.timeoutMs ?? check.timeoutMs;
  options.onEvent?.({ kind: "performance-start", pairs, size: sizeEntry.label, label: part.label });

  async function runPair(index: number): Promise<PairSample> {
    const drawn = plan.input(createRng(deriveSeed(options.seed, index)), size);
    const input = part.candidateInput(drawn);
    if (context.processMode) {
      return await processPair(context, part, input, part.baselineInput(drawn), timeoutMs);
    }
    // A fresh process per pair: nothing the previous candidate left running survives.
    const session = startSession(context);
    try {
      const outcome = await session.run({
        kind: "pair",
        checkUrl: context.checkUrl,
        baseline: part.baseline,
        candidate: context.candidate,
        input,
        baselineInput: part.baselineInput(drawn),
        baselineIsLearners: part.own,
      }, 2 * timeoutMs);
      const where = `on the benchmark input (${check.describe(input)})`;
      if (outcome.kind !== "reply") throw new PairProblem(`${where}: ${outcome.message}`);
      const reply = outcome.reply;
      if (reply.kind !== "pair") {
        throw new PairProblem("the runner answered with the wrong kind of reply");
      }
      if (reply.problem !== null) {
        // With the learner's own code as baseline, its one-Worker run is theirs to fix.
        const whose = reply.culprit !== "baseline"
          ? ""
          : part.own
          ? "your code on one Worker failed: "
          : "the baseline failed: ";
        throw new PairProblem(`${where}: ${whose}${reply.problem}`);
      }
      return { baselineMs: reply.baselineMs, candidateMs: reply.candidateMs };
    } finally {
      await session.close();
    }
  }

  // Another job on the cores makes a parallel speed-up read low: say so (it stays a fail).
  const loadBefore = os.loadavg()[0] ?? 0;
  try {
    const measured = await measurePairs(pairs, runPair, (index, sample) => {
      options.onEvent?.({ kind: "pair", index, pairs, sample });
    });
    const judged = judgeSpeed(part.rule, machine.cores, { ...measured, pairs, size });
    if (judged.status === "fail" && part.rule.kind === "parallel" && loadBefore >= machine.cores) {
      judged.reason += ` (the machine was busy: load average ${
        loadBefore.toFixed(1)
      } on ${machine.cores} cores; run again when it is quieter)`;
    }
    return judged;
  } catch (thrown) {
    if (!(thrown instanceof PairProblem)) throw thrown;
    return { ...skippedPerformance(thrown.message, size), status: "error", pairs };
  }
}
