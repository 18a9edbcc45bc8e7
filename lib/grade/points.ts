/**
 * Where a grade is decided: the points an exercise's check earns. Everything
 * else in grading runs checks or writes files; this file alone turns a status
 * and a tier into points.
 *
 * - A passed check earns `points.pass`; a measured speed tier adds the bonuses
 *   up to it: silver adds `points.silver`, gold adds `points.silver + points.gold`.
 * - An exercise with no speed part (its speed is judged by its tests, or it is
 *   a quiz) has no tier to reach, so a pass earns every point it offers.
 * - An inconclusive exercise (its tests passed but its speed could not be
 *   measured fairly: the machine stayed busy, or one core for a parallel part)
 *   is not graded: `null`, never 0 and never a pass. The grader re-runs it at
 *   the end of the run; if it is still inconclusive it is marked so.
 * - An exercise graded with partial credit (a quiz) that did not pass earns
 *   that share of its pass points.
 * - Anything else (a fail, an error, a rejected or missing submission) earns 0.
 * - An exercise with an optional stretch part (exercise 9) adds the stretch's
 *   bonus points to a pass, by the stretch's own tier. They are extra credit:
 *   `maxPoints` leaves them out, so a learner who skips the stretch loses nothing.
 *
 * @module
 */
import type { Exercise } from "../exercise/catalogue.ts";
import type { Tier } from "../check/types.ts";

/** What the points depend on: a check's outcome, as the grader recorded it. */
export interface GradedOutcome {
  status: "pass" | "fail" | "error" | "inconclusive";
  /** The tier of the measured speed parts (`overallTier`), or null. */
  tier: Tier | null;
  /** Mean credit for partial-credit exercises, else null. */
  credit: number | null;
  /** The tier of the optional stretch part, or null/absent (not written, not reached, none). */
  stretchTier?: Tier | null;
}

/** Points are given to this precision (a third of a quiz question shows as 0.33). */
const POINT_DECIMALS = 2;

/** The most points `exercise` can earn. */
export function maxPoints(exercise: Exercise): number {
  const { pass, silver, gold } = exercise.points;
  return pass + silver + gold;
}

/**
 * The points `outcome` earns on `exercise`, or null when it cannot be graded
 * (inconclusive).
 *
 * @example
 * ```ts
 * import { findExercise } from "../exercise/catalogue.ts";
 * import { pointsFor } from "./points.ts";
 * const slowSeries = findExercise("1")!; // pass 6, silver 2, gold 2
 * const silver = pointsFor(slowSeries, { status: "pass", tier: "silver", credit: null });
 * if (silver !== 8) throw new Error(`expected 8, got ${silver}`);
 * ```
 */
export function pointsFor(exercise: Exercise, outcome: GradedOutcome): number | null {
  if (outcome.status === "inconclusive") return null;
  const { pass, silver, gold } = exercise.points;
  if (outcome.status !== "pass") {
    if (outcome.credit === null || exercise.partialCredit !== true) return 0;
    return round(pass * Math.min(1, Math.max(0, outcome.credit)));
  }
  if (exercise.speed.kind === "none") return maxPoints(exercise);
  const bonus = stretchBonus(exercise, outcome.stretchTier ?? null);
  switch (outcome.tier) {
    case "gold":
      return pass + silver + gold + bonus;
    case "silver":
      return pass + silver + bonus;
    default:
      return pass + bonus;
  }
}

/** The bonus points of the stretch part's tier: 0 without a stretch or below its pass tier. */
export function stretchBonus(exercise: Exercise, tier: Tier | null): number {
  const points = exercise.stretch?.points;
  if (points === undefined || tier === null) return 0;
  if (tier === "gold") return points.pass + points.silver + points.gold;
  if (tier === "silver") return points.pass + points.silver;
  return points.pass;
}

function round(x: number): number {
  const scale = 10 ** POINT_DECIMALS;
  return Math.round(x * scale) / scale;
}
