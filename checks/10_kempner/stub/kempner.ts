/**
 * Exercise 10: the whole infinite series. Read README.md in this folder first.
 *
 * Check your work with `deno task check 10`.
 *
 * @module
 */

/**
 * The sum of 1/k over every k ≥ 1 whose decimal form does not contain `digit`:
 * the limit the slow series of exercise 1 creeps towards.
 *
 * It must be right to at least 10 significant digits (for 9: 22.92067661926…)
 * and take under a second, module load included.
 *
 * @param digit The digit left out, 0 to 9.
 * @returns The infinite sum.
 */
export function kempnerSum(digit: number): number {
  // TODO (task 1): group the allowed numbers by their number of digits, and
  // sum the first few groups term by term (README.md, "The method").
  // TODO (task 2): from there on, get each group's sums of 1/x^p from the
  // previous group's with the recurrence, until a group adds nothing.
  // Delete the next line once your code uses `digit`.
  void digit;
  throw new Error("Not implemented: kempnerSum()");
}
