/**
 * Exercise 8's baseline: exercise 1's string test with the digit 9, called like
 * the learner's `slowSeriesWasm(n, threads)` so that one benchmark input serves
 * both.
 *
 * @module
 */
import { slowSeriesBaseline } from "../01_slow_series/baseline.ts";

/**
 * Sums 1/k for k = 1..n whose decimal form has no 9, with the string test, on
 * the calling thread.
 *
 * @param n The last k.
 * @param _threads Ignored: the baseline always runs on one thread.
 */
export function slowSeriesNoNine(n: number, _threads?: number): number {
  return slowSeriesBaseline(n, "9");
}
