/**
 * Exercise 6: the slow series split across Workers (Questions 2 and 3 of the
 * course). Read README.md in this folder first.
 *
 * Check your work with `deno task check 6 --quick` (correctness only), then
 * `deno task check 6` (correctness and speed).
 *
 * @module
 */

/**
 * Cuts 1..n into `parts` intervals by the course's rule: size = floor(n / parts);
 * interval i (from 0) is [i·size + 1, (i + 1)·size], except the last, which is
 * [(parts − 1)·size + 1, n] and so absorbs the remainder.
 *
 * There are always exactly `parts` intervals, in order, each starting right
 * after the previous one ends, and together they cover 1..n exactly once. The
 * edge cases follow from the rule:
 * - parts > n (so size = 0): the first parts − 1 intervals are empty, written
 *   [lo, lo − 1], here [1, 0], and the last is [1, n];
 * - n = 0: every interval is the empty [1, 0].
 *
 * For example, intervals(10, 3) is [[1, 3], [4, 6], [7, 10]].
 *
 * @param n The last k, a non-negative safe integer.
 * @param parts How many intervals, a positive integer.
 * @returns `parts` pairs [lo, hi], inclusive; empty when hi = lo − 1.
 * @throws {RangeError} If n is not a non-negative safe integer, or parts is not
 *   a positive integer.
 */
export function intervals(n: number, parts: number): Array<[number, number]> {
  // TODO (task 1): check n and parts, then build the intervals by the rule above.
  // Run `deno task check 6 --quick`: the interval tests come first.
  void [n, parts]; // Only keeps the linter quiet about unused parameters: delete it.
  throw new Error("Not implemented: intervals()");
}

/**
 * Sums 1/k for lo ≤ k ≤ hi whose decimal form has no digit 9, in ascending k.
 * Each Worker runs this on its interval (split_series_worker.ts imports it from
 * here); an empty interval (hi < lo) gives 0.
 *
 * @param lo The first k, ≥ 1.
 * @param hi The last k.
 * @returns The partial sum.
 */
export function partialSum(lo: number, hi: number): number {
  // TODO (task 2): the loop of exercise 1 with the digit fixed to 9, from lo to
  // hi. Copy your fast digit test over: this folder cannot import from another.
  void [lo, hi]; // Only keeps the linter quiet about unused parameters: delete it.
  throw new Error("Not implemented: partialSum()");
}

/**
 * Sums 1/k for k = 1..n whose decimal form has no digit 9, on `workers` Workers.
 *
 * Split 1..n with intervals(n, workers); sum each interval in its own Worker
 * (start exactly `workers` of them, even when some intervals are empty); add
 * the partial sums in interval order; terminate every Worker before you return.
 *
 * @param n The last k, a non-negative safe integer.
 * @param workers How many Workers, a positive integer.
 * @returns The sum.
 * @throws {RangeError} If n or workers is out of range.
 */
export function slowSeriesParallel(n: number, workers: number): Promise<number> {
  // TODO (task 2): two Workers first (Question 2). Start each one with
  //   new Worker(new URL("./split_series_worker.ts", import.meta.url), { type: "module" })
  // post it its interval, and wrap "the partial sum it posts back" in a Promise.
  // TODO (task 3): any number of Workers (Question 3): one per interval. Await
  // the partial sums in interval order and terminate every Worker, also when
  // one fails (try/finally).
  void [n, workers]; // Only keeps the linter quiet about unused parameters: delete it.
  throw new Error("Not implemented: slowSeriesParallel()");
}
