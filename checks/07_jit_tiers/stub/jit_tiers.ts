/**
 * Exercise 7: JIT tiers and the trig series Σ cos(i)/i. Read README.md in this
 * folder first.
 *
 * Check your work with `deno task check 7 --quick` (correctness only), then
 * `deno task check 7` (correctness and speed).
 *
 * @module
 */

/**
 * Sums cos(i)/i for i = 1..n, in ascending i, on the calling thread (no
 * Workers). As n grows the sum tends to −ln(2 sin ½) = 0.0420195058253689…
 *
 * @param n The last i, a non-negative safe integer; 0 gives 0.
 * @returns The partial sum.
 * @throws {RangeError} If n is not a non-negative safe integer.
 */
export function trigSeries(n: number): number {
  // TODO (task 1): the plain loop, one Math.cos(i) / i per term. Make it pass
  // `deno task check 7 --quick`, then time it (first_calls.ts, README.md).
  // TODO (task 2): make it fast: write partialTrigSum below and call it here.
  void n; // Only keeps the linter quiet about the unused parameter: delete it.
  throw new Error("Not implemented: trigSeries()");
}

/**
 * Sums cos(i)/i for lo ≤ i ≤ hi, in ascending i; an empty interval (hi < lo)
 * gives 0. trigSeries and every Worker use it.
 *
 * @param lo The first i, at least 1.
 * @param hi The last i.
 * @returns The partial sum.
 */
export function partialTrigSum(lo: number, hi: number): number {
  // TODO (task 2): get cos i and sin i from the previous pair by the
  // angle-addition formulas (README.md, "Task 2"), and restart the pair with
  // Math.cos and Math.sin at lo and every K terms. State your bound on the error.
  void [lo, hi]; // Only keeps the linter quiet about unused parameters: delete it.
  throw new Error("Not implemented: partialTrigSum()");
}

/**
 * Sums cos(i)/i for i = 1..n on `workers` Workers.
 *
 * Split 1..n by the rule of exercise 6 (size = floor(n / workers), the last
 * interval absorbs the remainder); start exactly `workers` Workers, one per
 * interval, also when some intervals are empty; add the partial sums in
 * interval order; terminate every Worker before you return, also when one fails.
 *
 * @param n The last i, a non-negative safe integer.
 * @param workers How many Workers, a positive integer.
 * @returns The sum.
 * @throws {RangeError} (as a rejection) If n or workers is out of range.
 */
export function trigSeriesParallel(n: number, workers: number): Promise<number> {
  // TODO (task 3): one Worker per interval, each started with
  //   new Worker(new URL("./jit_tiers_worker.ts", import.meta.url), { type: "module" })
  // and given its [lo, hi]; Promise.all keeps the interval order.
  void [n, workers]; // Only keeps the linter quiet about unused parameters: delete it.
  throw new Error("Not implemented: trigSeriesParallel()");
}
