/**
 * Exercise 6's serial reference, for the floor under the learner's one-Worker
 * run (`lib/check/speed/floor.ts`): the slow series without 9, on the calling thread,
 * with exercise 1's integer digit test, the one exercise 6's README asks for.
 * Called like `slowSeriesParallel(n, workers)` so that one input serves both; it
 * ignores the Worker count.
 *
 * @module
 */

/** The largest k the int32 loop handles: up to here `(k / 10) | 0` is a floored division. */
const INT32_MAX = 2 ** 31 - 1;

/**
 * Sums 1/k for k = 1..n whose decimal form has no 9, in ascending k, with the
 * integer digit test, on the calling thread.
 *
 * @param n The last k.
 * @param _workers Ignored: the reference is serial.
 */
export function serialSum(n: number, _workers?: number): number {
  let total = 0;
  const last = Math.min(n, INT32_MAX);
  for (let k = 1; k <= last; k++) {
    let rest = k;
    let nine = false;
    while (rest > 0) {
      const next = (rest / 10) | 0; // int32 division by a constant: a multiply and a shift
      if (rest - next * 10 === 9) {
        nine = true;
        break;
      }
      rest = next;
    }
    if (!nine) total += 1 / k;
  }
  return total;
}
