/**
 * Exercise 7's baseline: the plain loop, one `Math.cos` call per term. It is
 * called like the learner's `trigSeriesParallel(n, workers)` so that one
 * benchmark input serves both, and ignores the Worker count: it always runs on
 * the calling thread.
 *
 * @module
 */

/** Sums cos(i)/i for i = 1..n, in ascending i, with one `Math.cos` call per term. */
export function trigSeriesBaseline(n: number, _workers?: number): number {
  let total = 0;
  for (let i = 1; i <= n; i++) total += Math.cos(i) / i;
  return total;
}
