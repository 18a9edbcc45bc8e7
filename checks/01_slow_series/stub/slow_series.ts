/**
 * Exercise 1: the slow series. Read README.md in this folder first.
 *
 * Check your work with `deno task check 1 --quick` (correctness only), then
 * `deno task check 1` (correctness and speed).
 *
 * @module
 */

/**
 * Sums 1/k for k = 1..n, leaving out every k whose decimal form contains the
 * digit string `omit`. The terms are added in ascending k, in doubles.
 *
 * Leading zeros in `omit` count: with omit = "05", k = 5 is kept (its decimal
 * form is "5") and k = 105 is left out.
 *
 * For example, slowSeries(10, "9") is 1 + 1/2 + … + 1/8 + 1/10 (1/9 is left out),
 * and slowSeries(0, "9") is 0.
 *
 * @param n The last k to consider, an integer ≥ 0; 0 gives an empty sum.
 * @param omit The digit string to leave out, such as "9", "0", "42" or "05".
 * @returns The sum of the kept terms.
 */
// Delete the next line once your code uses both `n` and `omit`.
// deno-lint-ignore no-unused-vars
export function slowSeries(n: number, omit: string): number {
  // TODO (task 1): make it correct. Loop k from 1 to n, skip k when its decimal
  // form contains `omit`, and add 1 / k otherwise. The plainest test will do:
  // String(k).includes(omit). Run `deno task check 1 --quick` until it passes.

  // TODO (task 2): make it fast. Test the digits with integer arithmetic
  // instead of building a string for every k (README.md, "Task 2"). Parse
  // `omit` once, before the loop. Run `deno task check 1` to see the speed-up.

  throw new Error("Not implemented: slowSeries()");
}
