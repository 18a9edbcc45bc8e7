/**
 * The floor under an own-code baseline: a parallel part that measures the
 * learner's code on N Workers against the same code on one can be inflated by
 * code that runs slowly on purpose when given one Worker. So the one-Worker run
 * is also held to a fixed serial reference (trusted code, timed in the same run,
 * between the pairs): slower than `margin` × the reference, and the part fails
 * with its own reason, whatever its speed-up.
 *
 * Measuring is here (when a reference sample is due; the sample itself runs in
 * `performance.ts`); deciding is `judgeFloor` and `judgeCeiling` in `../verdict.ts`,
 * where every verdict is decided.
 *
 * @module
 */

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
