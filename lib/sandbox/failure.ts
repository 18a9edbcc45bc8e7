/**
 * Why a sample produced no output, as a code the judge switches on, and the
 * one place its learner-facing sentence is made. Every path that runs a
 * candidate (a Worker in the runner, a sample process) reports a failure as a
 * `SampleFailure`; `check.ts` decides what to do next from `code` alone, never
 * by reading the sentence.
 *
 * @module
 */
import type { TestStatus } from "../check/types.ts";

/** What went wrong, as the judge decides on it. */
export type FailureCode =
  /** The entry threw (or its promise rejected). */
  | "threw"
  /** The entry threw a "not implemented" error: the stub. */
  | "not-implemented"
  /** The module did not load, or has no such export. */
  | "load-error"
  /** What it returned cannot be sent back (a function, a class instance). */
  | "unsendable"
  /** The candidate called `Deno.exit()`. */
  | "exited"
  /** The wall-clock limit passed. */
  | "timeout"
  /** The process running the candidate died (a crash, a signal). */
  | "crashed"
  /** The JavaScript heap or the memory limit was hit. */
  | "out-of-memory"
  /** The harness refused the submission before running it (a kernel's imports, say). */
  | "refused"
  /** A limit or stop of the caller's (grading's wall clock, an abort). */
  | "stopped"
  /** The sample broke the protocol: no readable output where one was due. */
  | "garbled"
  /** The harness itself failed: a bug here, not in the candidate. */
  | "harness";

/**
 * The codes the candidate's side of the boundary (the sample Worker, the sample
 * host) may report; any other code from there is refused as garbled: a crash, a
 * limit or the harness's own failure is for the judge to say.
 */
export const CANDIDATE_SIDE_CODES: ReadonlySet<string> = new Set<FailureCode>([
  "threw",
  "not-implemented",
  "load-error",
  "unsendable",
  "exited",
]);

/** Whether `value` is a failure the candidate's side may report. */
export function isCandidateSideFailure(value: unknown): value is SampleFailure {
  if (value === null || typeof value !== "object") return false;
  const { code, detail } = value as Record<string, unknown>;
  return typeof code === "string" && CANDIDATE_SIDE_CODES.has(code) && typeof detail === "string";
}

/** A failure: its code and the detail that goes into the sentence. */
export interface SampleFailure {
  /** What kind of failure: the judge decides on this, never on the sentence. */
  code: FailureCode;
  /** The thrown message, the crash's last line, the limit: shown in the sentence. */
  detail: string;
}

const NOT_IMPLEMENTED = /not implemented/i;

/** `threw` or `not-implemented`, from the thrown value's one-line description. */
export function thrownFailure(description: string): SampleFailure {
  return {
    code: NOT_IMPLEMENTED.test(description) ? "not-implemented" : "threw",
    detail: description,
  };
}

/** The learner-facing sentence of a failure: the only place these sentences are made. */
export function failureMessage(failure: SampleFailure): string {
  const { detail } = failure;
  switch (failure.code) {
    case "threw":
      return `threw ${detail}`;
    case "not-implemented":
      return `not implemented yet (${detail})`;
    case "load-error":
      return `cannot load: ${detail}`;
    case "timeout":
      return `timed out after ${detail} (an endless loop?)`;
    case "out-of-memory":
      return detail === "" ? "ran out of memory (the JavaScript heap hit its limit)" : detail;
    case "garbled":
      return `the process running your code broke the harness's protocol (${detail})`;
    case "harness":
      return `the harness failed: ${detail}`;
    case "unsendable":
    case "exited":
    case "crashed":
    case "refused":
    case "stopped":
      return detail;
  }
}

/** The test status a failure gives: a wrong kind of answer fails, everything else is an error. */
export function failureStatus(code: FailureCode): TestStatus {
  return code === "unsendable" ? "fail" : "error";
}

/** `1500` → `"1.5 s"`. */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
