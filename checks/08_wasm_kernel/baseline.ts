/**
 * Exercise 8's baseline: exercise 1's string test with the digit 9, called like
 * the learner's `slowSeriesWasm(n, threads)` so that one benchmark input serves
 * both; the check's timed runs add the chunks to sum instead of 1..n
 * (chunks.ts: many short intervals scattered up to 2·10^9).
 *
 * @module
 */
import { timedChunks } from "./chunks.ts";

/**
 * Sums 1/k for k = 1..n whose decimal form has no 9 (or, given a chunk seed,
 * over the timed run's chunks, chunk sums added in order), with the string
 * test of exercise 1's baseline, on the calling thread.
 *
 * @param n The last k (unused with a chunk seed).
 * @param _threads Ignored: the baseline always runs on one thread.
 * @param chunkSeed The timed run's chunks (chunks.ts), with `chunkCount`.
 * @param chunkCount How many chunks.
 */
export function slowSeriesNoNine(
  n: number,
  _threads?: number,
  chunkSeed?: number,
  chunkCount = 0,
): number {
  const intervals: Array<[number, number]> = chunkSeed === undefined
    ? [[1, n]]
    : timedChunks(chunkSeed, chunkCount);
  let total = 0;
  for (const [lo, hi] of intervals) {
    let sum = 0;
    for (let k = lo; k <= hi; k++) {
      if (!String(k).includes("9")) sum += 1 / k;
    }
    total += sum;
  }
  return total;
}
