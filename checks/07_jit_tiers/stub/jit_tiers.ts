/**
 * Exercise 7: JIT tiers and the trig series Σ ±cos(i)/i. Read README.md in this
 * folder first.
 *
 * Check your work with `deno task check 7 --quick` (correctness only), then
 * `deno task check 7` (correctness and speed).
 *
 * @module
 */

/**
 * The sign of term i for `seed`: +1 or −1. Given: keep it as it is (the check
 * has its own copy, and sums with that one).
 *
 * Seed 0 gives +1 for every i: the course's series Σ cos(i)/i, which has a
 * closed form (−ln(2 sin ½) minus a tail that shrinks like 1/n). Any other seed
 * gives each term a sign from a hash of the seed and i, which no formula sums:
 * the check times those, so every cosine has to be computed. The bit is read
 * without a branch: a branch the CPU cannot predict would cost more than the
 * rest of the term.
 *
 * @param seed A 32-bit integer.
 * @param i The term's index, a positive integer (read modulo 2^32).
 * @returns 1 or −1.
 */
export function termSign(seed: number, i: number): number {
  if (seed === 0) return 1;
  let h = Math.imul(i >>> 5, 0x9e3779b1) ^ seed;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return 1 - (((h >>> (i & 31)) & 1) << 1);
}

/**
 * Sums termSign(seed, i)·cos(i)/i for i = 1..n, in ascending i, on the calling
 * thread (no Workers). With seed 0 (every sign +1) it is the course's series,
 * whose sum tends to −ln(2 sin ½) = 0.0420195058253689… as n grows.
 *
 * @param n The last i, a non-negative safe integer; 0 gives 0.
 * @param seed The signs' seed, a 32-bit integer; 0 for the course's series.
 * @returns The partial sum.
 * @throws {RangeError} If n is not a non-negative safe integer.
 */
export function trigSeries(n: number, seed: number): number {
  // TODO (task 1): the plain loop, one termSign(seed, i) * Math.cos(i) / i per
  // term. Make it pass `deno task check 7 --quick`, then time it
  // (first_calls.ts, README.md).
  // TODO (task 2): make it fast: write partialTrigSum below and call it here.
  void [n, seed]; // Only keeps the linter quiet about unused parameters: delete it.
  throw new Error("Not implemented: trigSeries()");
}

/**
 * Sums termSign(seed, i)·cos(i)/i for lo ≤ i ≤ hi, in ascending i; an empty
 * interval (hi < lo) gives 0. trigSeries and every Worker use it.
 *
 * @param lo The first i, at least 1.
 * @param hi The last i.
 * @param seed The signs' seed.
 * @returns The partial sum.
 */
export function partialTrigSum(lo: number, hi: number, seed: number): number {
  // TODO (task 2): get cos i and sin i from the previous pair by the
  // angle-addition formulas (README.md, "Task 2"), and restart the pair with
  // Math.cos and Math.sin at lo and every K terms. State your bound on the error.
  void [lo, hi, seed]; // Only keeps the linter quiet about unused parameters: delete it.
  throw new Error("Not implemented: partialTrigSum()");
}

/**
 * Sums termSign(seed, i)·cos(i)/i for i = 1..n on `workers` Workers.
 *
 * Split 1..n by the rule of exercise 6 (size = floor(n / workers), the last
 * interval absorbs the remainder); start exactly `workers` Workers, one per
 * interval, also when some intervals are empty; add the partial sums in
 * interval order; terminate every Worker before you return, also when one fails.
 *
 * @param n The last i, a non-negative safe integer.
 * @param workers How many Workers, a positive integer.
 * @param seed The signs' seed, a 32-bit integer.
 * @returns The sum.
 * @throws {RangeError} (as a rejection) If n or workers is out of range.
 */
export function trigSeriesParallel(n: number, workers: number, seed: number): Promise<number> {
  // TODO (task 3): one Worker per interval, each started with
  //   new Worker(new URL("./jit_tiers_worker.ts", import.meta.url), { type: "module" })
  // and given its [lo, hi, seed]; Promise.all keeps the interval order.
  void [n, workers, seed]; // Only keeps the linter quiet about unused parameters: delete it.
  throw new Error("Not implemented: trigSeriesParallel()");
}
