/**
 * Exercise 1's baseline: the course's first version, for TypeScript. It tests
 * each k through its decimal string, and adds the kept terms from left to right.
 *
 * @module
 */

/** Sums 1/k for k = 1..n whose decimal form does not contain `omit`, using a string test. */
export function slowSeriesBaseline(n: number, omit: string): number {
  let total = 0;
  for (let k = 1; k <= n; k++) {
    if (!String(k).includes(omit)) total += 1 / k;
  }
  return total;
}
