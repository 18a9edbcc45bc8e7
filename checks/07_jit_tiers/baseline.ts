/**
 * Exercise 7's baseline: the plain loop, one `Math.cos` call per term, each
 * term with its sign from the seed (`../shared/term_sign.ts`). It is called like the
 * learner's `trigSeriesParallel(n, workers, seed)` so that one benchmark input
 * serves both, and ignores the Worker count: it always runs on the calling
 * thread.
 *
 * @module
 */
import { termSign } from "../shared/term_sign.ts";

/** Sums termSign(seed, i)·cos(i)/i for i = 1..n, in ascending i, one `Math.cos` call per term. */
export function trigSeriesBaseline(n: number, _workers: number, seed: number): number {
  let total = 0;
  for (let i = 1; i <= n; i++) total += termSign(seed, i) * Math.cos(i) / i;
  return total;
}
