/**
 * What every part of a check shares while it runs: its options, the loaded
 * hidden check, the candidate's entry and what its processes may read; and the
 * two ways a sample is started (a runner session for Worker mode, the options
 * of a sample process for process mode).
 *
 * @module
 */
import type { Exercise } from "../exercise/catalogue.ts";
import { type RunnerSandbox, RunnerSession } from "../sandbox/runner_client.ts";
import type { Target } from "../sandbox/runner.ts";
import { type ContentionProbe, type MeasuredPair } from "./speed/measure.ts";
import { type Source } from "../exercise/paths.ts";
import type { ExerciseCheck, PerformanceResult, TestResult } from "./types.ts";

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
  /** Tests: a fake contention probe in place of /proc (`contention.ts`). */
  contentionProbe?: ContentionProbe;
  /** Tests: the usable cores in place of the machine's (one core, say). */
  cores?: number;
}

/** Progress, as it happens, for a reporter to show. */
export type CheckEvent =
  | { kind: "tests-start"; total: number; file: string; seed: number }
  | { kind: "test"; index: number; total: number; result: TestResult }
  | {
    kind: "performance-start";
    /** The cap: a part stops earlier once its pairs agree. */
    pairs: number;
    size: string;
    label: string;
    /** True when the pairs take turns to go first (ABBA, both modes); else baseline first. */
    alternating: boolean;
  }
  | { kind: "pair"; index: number; pairs: number; sample: MeasuredPair; counted: boolean }
  | { kind: "performance-end" }
  /** A speed part judged: its table can be shown before the next part's pairs start. */
  | { kind: "part-done"; part: "speed" | "parallel"; result: PerformanceResult }
  | { kind: "printed"; line: string };

export interface RunContext {
  /** True for exercises whose code starts Workers: samples run in processes (sample_process.ts). */
  processMode: boolean;
  options: CheckOptions;
  check: ExerciseCheck<unknown, unknown>;
  candidate: Target;
  checkUrl: string;
  readPaths: string[];
}

/** Options for a sample process of this check. */
export function processOptions(
  context: RunContext,
  target: Target,
  input: unknown,
  timeoutMs: number,
) {
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

/** A runner session (Worker mode) with this check's sandbox, read paths and limits. */
export function startSession(context: RunContext): RunnerSession {
  return new RunnerSession({
    ...context.options.sandbox,
    readPaths: context.readPaths,
    ...(context.options.heapLimitMb === undefined
      ? {}
      : { heapLimitMb: context.options.heapLimitMb }),
    onOutput: (line) => context.options.onEvent?.({ kind: "printed", line }),
  });
}
