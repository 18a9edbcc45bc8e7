/**
 * Exercise 8's baseline: exercise 1's string test with the digit 9, called like
 * the learner's `slowSeriesWasm(n, threads)` so that one benchmark input serves
 * both; the check's timed runs add a first k (an interval anywhere up to 2·10^9).
 *
 * @module
 */
/**
 * Sums 1/k for k = lo..n whose decimal form has no 9, with the string test of
 * exercise 1's baseline, on the calling thread.
 *
 * @param n The last k.
 * @param _threads Ignored: the baseline always runs on one thread.
 * @param lo The first k (default 1).
 */
export function slowSeriesNoNine(n: number, _threads?: number, lo = 1): number {
  let total = 0;
  for (let k = lo; k <= n; k++) {
    if (!String(k).includes("9")) total += 1 / k;
  }
  return total;
}
