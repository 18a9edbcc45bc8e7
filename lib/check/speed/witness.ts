/**
 * The work-scaling witness (issue 11, class 2): after a part's timed pairs, the
 * candidate is timed once more on `plan.scaled(input, WITNESS_FACTOR)`, the same
 * kind of problem with about that many times the work. A lookup table answers
 * both in the same time; real code takes longer on the larger one. The verdict
 * (`judgeWitness`) lives in `verdict.ts`; this file only runs the samples.
 *
 * @module
 */
import type { BenchmarkPlan, WitnessResult } from "../types.ts";
import { judgeWitness, skippedWitness, WITNESS_FACTOR } from "../verdict.ts";

/** One timed run of the candidate: its time, or why it produced no valid output. */
export type TimedRun = { ms: number } | { problem: string };

export interface WitnessOptions {
  plan: BenchmarkPlan<unknown>;
  /** The input of a counted pair, as the candidate got it, and the candidate's time on it. */
  input: unknown;
  baseMs: number;
  /** Times the candidate once on `input` (a fresh sample, as in a pair). */
  time(input: unknown): Promise<TimedRun>;
  describe(input: unknown): string;
}

/**
 * Runs the witness. A low growth is measured again, base and scaled both fresh,
 * before it fails: one disturbed sample must not fail honest code.
 */
export async function runWitness(options: WitnessOptions): Promise<WitnessResult> {
  const { plan } = options;
  if (plan.scaled === undefined) {
    return skippedWitness("this check defines no scaled input (BenchmarkPlan.scaled)");
  }
  const scaled = plan.scaled(options.input, WITNESS_FACTOR);
  const first = await options.time(scaled);
  if ("problem" in first) return brokeOn(options, scaled, first.problem);
  const judged = judgeWitness(options.baseMs, first.ms);
  if (judged.status === "pass") return judged;
  const base = await options.time(options.input);
  if ("problem" in base) return brokeOn(options, options.input, base.problem);
  const again = await options.time(scaled);
  if ("problem" in again) return brokeOn(options, scaled, again.problem);
  return judgeWitness(base.ms, again.ms);
}

function brokeOn(options: WitnessOptions, input: unknown, problem: string): WitnessResult {
  return {
    ...skippedWitness(""),
    status: "fail",
    reason: `on the work-scaling input (${options.describe(input)}): ${problem}`,
    factor: WITNESS_FACTOR,
  };
}
