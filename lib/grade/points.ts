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
 * - An exercise with an optional stretch part (exercise 9) earns the stretch's
 *   bonus points on a pass, by the stretch's own tier (`bonusFor`). They are
 *   extra credit, kept apart from the points: `pointsFor` never exceeds
 *   `maxPoints`, which leaves the bonus out, so a learner who skips the stretch
 *   loses nothing and one who does it is never graded above an exercise's
 *   maximum. A student's total (`totalsOf`) is the points, at most the
 *   maximum, with the bonus beside it.
 *
 * @module
 */
import type { Exercise } from "../exercise/catalogue.ts";
import type { Tier } from "../check/types.ts";
import type { ExerciseGrade } from "./result.ts";

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

/** The most extra credit `exercise` can earn (its stretch at gold); 0 without a stretch. */
export function maxBonus(exercise: Exercise): number {
  const points = exercise.stretch?.points;
  return points === undefined ? 0 : points.pass + points.silver + points.gold;
}

/**
 * The points `outcome` earns on `exercise` (at most `maxPoints`, the stretch's
 * bonus left out: `bonusFor`), or null when it cannot be graded (inconclusive).
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
  switch (outcome.tier) {
    case "gold":
      return pass + silver + gold;
    case "silver":
      return pass + silver;
    default:
      return pass;
  }
}

/**
 * The extra credit `outcome` earns on `exercise`: its stretch's bonus when the
 * exercise itself passed, else 0 (a stretch never pays for a failed exercise).
 *
 * @example
 * ```ts
 * import { findExercise } from "../exercise/catalogue.ts";
 * import { bonusFor, pointsFor } from "./points.ts";
 * const nine = findExercise("9")!; // pass 6, silver 2, gold 2; stretch 1 + 1 + 1
 * const outcome = { status: "pass", tier: "pass", credit: null, stretchTier: "gold" } as const;
 * if (pointsFor(nine, outcome) !== 6) throw new Error("the bonus is not in the points");
 * if (bonusFor(nine, outcome) !== 3) throw new Error("the bonus is apart");
 * ```
 */
export function bonusFor(exercise: Exercise, outcome: GradedOutcome): number {
  if (outcome.status !== "pass") return 0;
  return stretchBonus(exercise, outcome.stretchTier ?? null);
}

/** The bonus points of the stretch part's tier: 0 without a stretch or below its pass tier. */
export function stretchBonus(exercise: Exercise, tier: Tier | null): number {
  const points = exercise.stretch?.points;
  if (points === undefined || tier === null) return 0;
  if (tier === "gold") return points.pass + points.silver + points.gold;
  if (tier === "silver") return points.pass + points.silver;
  return points.pass;
}

/**
 * A student's totals over `exercises`: the points (at most `maxTotal`, an
 * exercise's points never exceeding its maximum), the maximum, and the extra
 * credit beside them.
 */
export function totalsOf(
  exercises: readonly Pick<ExerciseGrade, "points" | "maxPoints" | "bonus">[],
): { total: number; maxTotal: number; bonus: number } {
  const sum = (f: (e: (typeof exercises)[number]) => number) =>
    round(exercises.reduce((s, e) => s + f(e), 0));
  return {
    total: sum((e) => Math.min(e.points, e.maxPoints)),
    maxTotal: sum((e) => e.maxPoints),
    bonus: sum((e) => e.bonus ?? 0),
  };
}

function round(x: number): number {
  const scale = 10 ** POINT_DECIMALS;
  return Math.round(x * scale) / scale;
}
