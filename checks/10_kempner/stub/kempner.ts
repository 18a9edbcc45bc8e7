/**
 * Exercise 10: the whole infinite series. Read README.md in this folder first.
 *
 * Check your work with `deno task check 10`.
 *
 * @module
 */

/**
 * The sum of 1/k over every k ≥ 1 whose decimal form does not contain the
 * digit string `omit`: the limit the slow series of exercise 1 creeps towards.
 *
 * It must be right to at least 10 significant digits (for "9": 22.92067661926…,
 * for "42": 228.44630415923…) and take under a second, module load included.
 *
 * @param omit The digit string left out: 1 to 3 decimal digits, leading zeros
 *   and repeats included ("9", "05", "42", "000").
 * @returns The infinite sum.
 */
export function kempnerSum(omit: string): number {
  // TODO (task 1): sort the allowed numbers into levels (their number of digits)
  // and states (how much of `omit` they end with), and sum the first few levels
  // term by term (README.md, "The method").
  // TODO (task 2): from there on, get each level's sums of 1/x^p from the
  // previous level's with the recurrence, until a level adds nothing.
  // Delete the next line once your code uses `omit`.
  void omit;
  throw new Error("Not implemented: kempnerSum()");
}
