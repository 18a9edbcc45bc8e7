/**
 * Exercise 3: one expression evaluated by several Workers over shared memory.
 * Read README.md in this folder first.
 *
 * Check your work with `deno task check 3 --quick` (correctness only), then
 * `deno task check 3` (correctness and speed).
 *
 * @module
 */

/**
 * What the calling thread posts to a Worker: the two arrays and one slice.
 * shared_memory_worker.ts receives it. Change it if your design needs more.
 */
export interface SliceOrder {
  /** The input, on a SharedArrayBuffer. */
  a: Float64Array;
  /** The output, on a SharedArrayBuffer, as long as `a`. */
  out: Float64Array;
  /** First index of the slice. */
  start: number;
  /** One past the last index of the slice. */
  end: number;
}

/**
 * Writes out[i] = sin²(2π·a[i]) + cos²(2π·a[i]) for start ≤ i < end and returns
 * the sum of those values, added in ascending i. Both the calling thread and the
 * Workers can run it: shared_memory_worker.ts imports it from here.
 *
 * @param a The input.
 * @param out The output, as long as `a`.
 * @param start First index, included.
 * @param end Last index, excluded.
 * @returns The sum of out[start..end).
 */
export function evaluateSlice(
  a: Float64Array,
  out: Float64Array,
  start: number,
  end: number,
): number {
  // TODO (task 1): loop i from start to end. Compute x = 2π·a[i] once, then
  // Math.sin(x) and Math.cos(x) once each; store s*s + c*c in out[i] and add it
  // to the sum you return.
  void [a, out, start, end]; // Only keeps the linter quiet about unused parameters: delete it.
  throw new Error("Not implemented: evaluateSlice()");
}

/**
 * Evaluates sin²(2π·a[i]) + cos²(2π·a[i]) into out[i] for every i, on `threads`
 * Workers, and resolves to the sum of the results.
 *
 * The contract (README.md, "What you write"):
 * - cut the array into `threads` contiguous slices of equal size, the last one
 *   taking the remainder; with threads ≥ 2 and a.length ≥ threads, start exactly
 *   `threads` Workers, one per slice (threads = 1 may run on the calling thread);
 * - each Worker fills its slice of `out` and returns its partial sum; add the
 *   partials in slice order;
 * - terminate every Worker you started before you resolve;
 * - an empty array resolves to 0.
 *
 * @param a The input, a view on a SharedArrayBuffer.
 * @param out The output, a view on a SharedArrayBuffer, as long as `a`.
 * @param threads How many Workers to use, a positive integer.
 * @returns The sum of every out[i].
 * @throws {RangeError} If threads is not a positive integer.
 * @throws {TypeError} If a or out is not on a SharedArrayBuffer, or their
 *   lengths differ.
 */
export function evaluateParallel(
  a: Float64Array,
  out: Float64Array,
  threads: number,
): Promise<number> {
  // TODO (task 1): check the arguments (RangeError, TypeError). Then, for now,
  // compute everything on this thread with evaluateSlice(a, out, 0, a.length):
  // that is already right for threads = 1.

  // TODO (task 1): now the Workers. For each slice, start one with
  //   new Worker(new URL("./shared_memory_worker.ts", import.meta.url), { type: "module" })
  // post it a SliceOrder, and wrap "the partial sum it posts back" in a Promise.
  // Await them all (in slice order), add them up, and terminate every Worker,
  // also when one fails (try/finally).

  // TODO (task 2): run `deno task check 3` and compare your speed-up with the
  // required one it prints. Then `deno task bench 3` (task 3).

  void [a, out, threads]; // Only keeps the linter quiet about unused parameters: delete it.
  throw new Error("Not implemented: evaluateParallel()");
}
