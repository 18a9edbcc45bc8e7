/**
 * The floor under an own-code baseline: a parallel part that measures the
 * learner's code on N Workers against the same code on one can be inflated by
 * code that runs slowly on purpose when given one Worker. So the one-Worker run
 * is also held to a fixed serial reference (trusted code, timed in the same run,
 * between the pairs): slower than `margin` × the reference, and the part fails
 * with its own reason, whatever its speed-up.
 *
 * Measuring is `sampleFloor` (one reference sample, in a fresh process like the
 * pairs); deciding is `judgeFloor`, a pure function of the medians.
 *
 * @module
 */
import { median } from "./measure.ts";
import type { FloorRule, PerformanceResult } from "../types.ts";

/**
 * Reference samples per part: one after each of the first three timed pairs, so
 * that they see the same machine as the pairs around them (a median of three
 * rides out one disturbed sample).
 */
export const FLOOR_SAMPLES = 3;

/** What the floor measured: the reference's samples, in ms. */
export interface FloorMeasurement {
  referenceMs: number[];
}

/** Whether a reference sample is due after the pair `index` (0 is the warm-up pair). */
export function floorSampleDue(index: number, taken: number): boolean {
  return index > 0 && taken < FLOOR_SAMPLES;
}

/**
 * `judged` (the parallel part's verdict) held to the floor: kept (its reason
 * naming both times) if the one-Worker median is within `rule.margin` × the
 * reference's median, else a fail that says why. A part that did not pass, or has no samples, is returned
 * as it is: there is nothing to take away.
 */
export function judgeFloor(
  judged: PerformanceResult,
  rule: Pick<FloorRule<unknown>, "label" | "margin">,
  measurement: FloorMeasurement,
): PerformanceResult {
  if (judged.status !== "pass" || judged.baselineMs === null) return judged;
  if (measurement.referenceMs.length === 0) return judged;
  const reference = median(measurement.referenceMs);
  const limit = rule.margin * reference;
  if (judged.baselineMs <= limit) {
    // Said on a pass too: the learner sees how close their one-Worker run is.
    return {
      ...judged,
      reason: `${judged.reason}; your code on 1 Worker took ${
        Math.round(judged.baselineMs)
      } ms, ${rule.label} on one thread ${Math.round(reference)} ms (at most ${rule.margin}×)`,
    };
  }
  return {
    ...judged,
    status: "fail",
    tier: null,
    reason: `your code on 1 Worker took ${
      Math.round(judged.baselineMs)
    } ms, more than ${rule.margin}× ${rule.label} on one thread (${
      Math.round(reference)
    } ms, same input, same run): the speed-up is measured against your one-Worker run, so that run must do the work as fast as serial code does (speed-up ${
      judged.speedup?.median.toFixed(2)
    }×, not counted)`,
  };
}

/**
 * The ceiling over an own-code parallel part: N Workers sharing the work of one
 * cannot be more than N times faster (on min(N, cores) cores), give or take
 * noise. A median speed-up above this × the usable cores means the N-Worker run
 * did less or other work than the one-Worker run (a table, a faster algorithm,
 * a sandbagged baseline), and is not paid. The reference solutions reached at
 * most 0.95 × cores here; 1.2 leaves room for a noisy baseline.
 */
export const CEILING_SLACK = 1.2;

/**
 * `judged` held to the ceiling: unchanged if its median speed-up is at most
 * CEILING_SLACK × `usable` cores, else a fail that says why.
 */
export function judgeCeiling(judged: PerformanceResult, usable: number): PerformanceResult {
  if (judged.status !== "pass" || judged.speedup === null) return judged;
  const ceiling = CEILING_SLACK * usable;
  if (judged.speedup.median <= ceiling) return judged;
  return {
    ...judged,
    status: "fail",
    tier: null,
    reason: `median speed-up ${judged.speedup.median.toFixed(2)}× is more than ${
      ceiling.toFixed(1)
    }×, beyond what ${usable} Workers sharing one Worker's work can reach on ${usable} cores: the run on several Workers must do the same work as the run on one`,
  };
}
