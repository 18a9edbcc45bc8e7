/**
 * Exercise 8: the slow series on WebAssembly, on every core (Question 4 of the
 * course). Read README.md in this folder first.
 *
 * The kernel is in kernel.as.ts (AssemblyScript); the Worker that runs it is in
 * wasm_kernel_worker.ts; this file splits the work and adds up the results.
 * Check your work with `deno task check 8 --quick` (correctness only), then
 * `deno task check 8` (correctness and speed).
 *
 * @module
 */

/** The largest n: every k must fit the kernel's i32, with room for `k++` past the last. */
export const MAX_N = 2_000_000_000;

/**
 * Sums 1/k for k = 1..n whose decimal form has no digit 9, with the
 * WebAssembly kernel on `threads` Workers.
 *
 * Split 1..n into `threads` intervals by the rule of exercise 6; start exactly
 * `threads` Workers (one per interval, also when threads = 1: the calling
 * thread never runs the kernel); add the partial sums in interval order;
 * terminate every Worker before you return, also when one fails.
 *
 * @param n The last k, an integer from 0 to {@linkcode MAX_N}.
 * @param threads How many Workers, a positive integer.
 * @returns The sum.
 * @throws {RangeError} (as a rejection) If n or threads is out of range.
 */
export function slowSeriesWasm(n: number, threads: number): Promise<number> {
  // TODO (task 2): one Worker per interval. Start each with
  //   new Worker(new URL("./wasm_kernel_worker.ts", import.meta.url), { type: "module" })
  // post it its interval [lo, hi], and wrap "the partial sum it posts back" in
  // a Promise. Await them in interval order; terminate the Workers in a finally.
  void [n, threads]; // Only keeps the linter quiet about unused parameters: delete it.
  throw new Error("Not implemented: slowSeriesWasm()");
}
