/**
 * Judging one sample's output: its shape, the exercise's rules on Workers (for
 * the learner's code), and agreement with the expected output. Used by the
 * runner (samples in Workers) and by the judge itself (samples in processes).
 *
 * @module
 */
import type { ExerciseCheck, SampleMeta, TestStatus } from "./types.ts";
import {
  type FailureCode,
  failureMessage,
  failureStatus,
  type SampleFailure,
} from "../sandbox/failure.ts";

export type { FailureCode, SampleFailure };

/** One part of a sample's arguments, and its buffers to transfer (`sharedInputs`). */
export interface SamplePart {
  /** The part itself (structured-cloned, its buffers moved). */
  value: unknown;
  /** The buffers it holds, transferred with it. */
  buffers: ArrayBuffer[];
}

/**
 * A sample's outcome: the output and the time, or why there is none: a code
 * (what the judge decides on) and its one-line sentence (what the learner reads).
 */
export type Sample =
  | {
    ok: true;
    output: unknown;
    meta: SampleMeta;
    ms: number;
    /**
     * A sample that sent its arrays' digests, not their bytes (`digestKey` in
     * sample_process.ts): `output` holds zero-filled placeholders; `record` is
     * what it wrote, `arrays` its arrays by digest.
     */
    digests?: { record: Uint8Array; arrays: Map<string, ArrayBufferView> };
    /** A fixed baseline's inputs, handed over after it ran (`sharedInputs` in types.ts). */
    inputs?: SamplePart;
  }
  | { ok: false; code: FailureCode; status: TestStatus; message: string; ms: number };

/** The sample of a failure, worded once (`failure.ts`). */
export function failedSample(failure: SampleFailure, ms: number): Sample & { ok: false } {
  return {
    ok: false,
    code: failure.code,
    status: failureStatus(failure.code),
    message: failureMessage(failure),
    ms,
  };
}

/**
 * Why a sample's output is unusable, or null: what the check's referee saw,
 * its shape, and for the learner's code (`learner`) the exercise's rules on Workers.
 */
export function outputProblem(
  check: ExerciseCheck<unknown, unknown>,
  sample: Sample & { ok: true },
  input: unknown,
  learner: boolean,
): string | null {
  // The referee's objection first: it saw from outside what the output may claim otherwise.
  return sample.meta.referee ?? check.validate(sample.output, input) ??
    (learner ? check.checkWorkers?.(input, sample.meta) ?? null : null);
}

/** Why `sample` is not an acceptable output, or null. */
export function judgeOutput(
  check: ExerciseCheck<unknown, unknown>,
  sample: Sample,
  expected: unknown,
  input: unknown,
): { status: TestStatus; message: string } {
  if (!sample.ok) return { status: sample.status, message: sample.message };
  const invalid = outputProblem(check, sample, input, true);
  if (invalid !== null) return { status: "fail", message: invalid };
  const mismatch = check.compare(expected, sample.output, input);
  if (mismatch !== null) return { status: "fail", message: mismatch };
  return { status: "pass", message: "" };
}

/** A test's verdict: status, one line, and partial credit when the check gives it. */
export interface TestVerdict {
  /** Pass, fail or error (`skipped` is the harness's, never a judge's). */
  status: TestStatus;
  /** Empty on a pass; otherwise one line saying what went wrong. */
  message: string;
  /** Partial credit, 0 to 1, for a test `compare` rejected (quizzes). */
  credit?: number;
  /** Why the sample gave no output, when it gave none: what the judge decides the next step on. */
  code?: FailureCode;
}

/**
 * Judges a test's sample: its output, then the time limit if the case has one,
 * then partial credit for a rejected answer if the check gives it.
 */
export function judgeTest(
  check: ExerciseCheck<unknown, unknown>,
  sample: Sample,
  expected: unknown,
  input: unknown,
  maxMs?: number,
): TestVerdict {
  const judged = judgeOutput(check, sample, expected, input);
  if (judged.status === "pass" && maxMs !== undefined && sample.ms > maxMs) {
    return {
      status: "fail",
      message: `right, but took ${
        Math.round(sample.ms)
      } ms; the limit is ${maxMs} ms (module load included)`,
    };
  }
  if (judged.status === "fail" && sample.ok && check.credit !== undefined) {
    const credit = Math.min(1, Math.max(0, check.credit(expected, sample.output, input)));
    return { ...judged, credit };
  }
  return sample.ok ? judged : { ...judged, code: sample.code };
}
