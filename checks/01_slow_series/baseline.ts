/**
 * Exercise 1's baseline: the course's first version, for TypeScript. It tests
 * each k through its decimal string, and adds the kept terms from left to right,
 * each with its sign from the seed (seed 0: every sign +1, the course's series).
 *
 * @module
 */
import { termSign } from "../shared/term_sign.ts";

/**
 * Sums termSign(seed, k)/k for k = 1..n whose decimal form does not contain
 * `omit`, using a string test.
 */
export function slowSeriesBaseline(n: number, omit: string, seed: number): number {
  let total = 0;
  for (let k = 1; k <= n; k++) {
    if (!String(k).includes(omit)) total += termSign(seed, k) / k;
  }
  return total;
}
