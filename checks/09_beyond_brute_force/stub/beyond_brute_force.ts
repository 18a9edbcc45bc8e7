/**
 * Exercise 9: beat the compiled languages by algorithm. Read README.md in this
 * folder first.
 *
 * Check your work with `deno task check 9`.
 *
 * @module
 */

/**
 * Sums 1/k for k = 1..n whose decimal form does not contain `digit`, like
 * exercise 1, but without testing every k.
 *
 * Add the terms in ascending k: then your sum is the brute force's, to the last
 * bit, and the check's tolerance is tight.
 *
 * @param n The last k to consider; 0 gives an empty sum.
 * @param digit The digit left out, 1 to 9.
 * @returns The sum of the kept terms.
 */
export function slowSeriesFast(n: number, digit: number): number {
  // TODO (task 1): visit only the numbers without `digit`. Build each from a
  // prefix P that has no `digit` either: the block 10·P + m for every allowed m.
  // TODO (task 2): step from one allowed prefix to the next without testing
  // the numbers in between (README.md, "Counting without the digit").
  // Delete the next line once your code uses both parameters.
  void [n, digit];
  throw new Error("Not implemented: slowSeriesFast()");
}
