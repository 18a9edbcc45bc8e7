/**
 * Exercise 1: the slow series. Read README.md in this folder first.
 *
 * Check your work with `deno task check 1 --quick` (correctness only), then
 * `deno task check 1` (correctness and speed).
 *
 * @module
 */

/**
 * The sign of term k for `seed`: +1 or −1. Given: keep it as it is (the check
 * has its own copy, and sums with that one).
 *
 * Seed 0 gives +1 for every k: the course's series. The check also passes
 * other seeds, which give each term a sign from a hash of the seed and k, so
 * that no table of sums can stand in for the loop (README.md, "The seed"). The
 * bit is read without a branch: a branch the CPU cannot predict would cost more
 * than the rest of the hash.
 *
 * @param seed A 32-bit integer.
 * @param k The term's index, a positive integer (read modulo 2^32).
 * @returns 1 or −1.
 */
export function termSign(seed: number, k: number): number {
  if (seed === 0) return 1;
  // `>>>` and `&` keep k in integer registers (k is read modulo 2^32, beyond
  // any n the check times); Math.floor(k / 32) and k % 32 tripled the cost.
  let h = Math.imul(k >>> 5, 0x9e3779b1) ^ seed;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return 1 - (((h >>> (k & 31)) & 1) << 1);
}

/**
 * Sums termSign(seed, k)/k for k = 1..n, leaving out every k whose decimal form
 * contains the digit string `omit`. The terms are added in ascending k, in
 * doubles. With seed 0 every sign is +1: the sum of 1/k.
 *
 * Leading zeros in `omit` count: with omit = "05", k = 5 is kept (its decimal
 * form is "5") and k = 105 is left out.
 *
 * For example, slowSeries(10, "9", 0) is 1 + 1/2 + … + 1/8 + 1/10 (1/9 is left
 * out), and slowSeries(0, "9", seed) is 0.
 *
 * @param n The last k to consider, an integer ≥ 0; 0 gives an empty sum.
 * @param omit The digit string to leave out, such as "9", "0", "42" or "05".
 * @param seed The signs' seed, a 32-bit integer; 0 for the course's series.
 * @returns The sum of the kept terms.
 */
// Delete the next line once your code uses `n`, `omit` and `seed`.
// deno-lint-ignore no-unused-vars
export function slowSeries(n: number, omit: string, seed: number): number {
  // TODO (task 1): make it correct. Loop k from 1 to n, skip k when its decimal
  // form contains `omit`, and add termSign(seed, k) / k otherwise. The plainest
  // test will do: String(k).includes(omit). Run `deno task check 1 --quick`
  // until it passes.

  // TODO (task 2): make it fast. Test the digits with integer arithmetic
  // instead of building a string for every k (README.md, "Task 2"). Parse
  // `omit` once, before the loop. Run `deno task check 1` to see the speed-up.

  throw new Error("Not implemented: slowSeries()");
}
