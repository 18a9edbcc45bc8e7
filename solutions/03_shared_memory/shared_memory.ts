/**
 * Exercise 3, reference solution: one expression evaluated by several Workers
 * over shared memory.
 *
 * Each Worker is an OS thread with its own JavaScript heap. `a` and `out` live on
 * SharedArrayBuffers, so posting them hands every Worker a view of the same bytes:
 * nothing is copied, and what a Worker writes into `out` is what the caller reads.
 *
 * @module
 */

/** What the calling thread posts to a Worker: the two arrays and one slice. */
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

const TWO_PI = 2 * Math.PI;

/** The script every Worker runs; resolved next to this file, wherever it is loaded from. */
const WORKER_URL = new URL("./shared_memory_worker.ts", import.meta.url);

/**
 * Writes out[i] = sin²(2π·a[i]) + cos²(2π·a[i]) for start ≤ i < end and returns
 * the sum of those values, added in ascending i. The kernel both the calling
 * thread and the Workers run.
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
  let sum = 0;
  for (let i = start; i < end; i++) {
    // 2π·a[i] once, sin and cos once each: NumExpr's expression without the
    // repeated work it would do if written term by term.
    const x = TWO_PI * (a[i] as number);
    const s = Math.sin(x);
    const c = Math.cos(x);
    const value = s * s + c * c;
    out[i] = value;
    sum += value;
  }
  return sum;
}

/**
 * Evaluates sin²(2π·a[i]) + cos²(2π·a[i]) into out[i] for every i, on `threads`
 * Workers, and returns the sum of the results.
 *
 * The array is cut into `threads` contiguous slices of equal size, the last one
 * taking the remainder; each Worker fills its slice of `out` and returns its
 * partial sum, and the partials are added in slice order. With threads = 1 the
 * work runs on the calling thread. When the array is shorter than `threads`,
 * only a.length Workers start (one element each): a Worker with nothing to do
 * would cost its start-up time for nothing. An empty array gives 0 at once.
 *
 * NaN and ±Infinity in `a` give NaN in `out` (and so in the sum).
 *
 * @param a The input, a view on a SharedArrayBuffer.
 * @param out The output, a view on a SharedArrayBuffer, as long as `a`.
 * @param threads How many Workers to use, a positive integer.
 * @returns The sum of every out[i].
 * @throws {RangeError} (as a rejection) If threads is not a positive integer.
 * @throws {TypeError} (as a rejection) If a or out is not a Float64Array on a
 *   SharedArrayBuffer, or their lengths differ.
 *
 * @example Two Workers, four elements
 * ```ts
 * import { evaluateParallel } from "./shared_memory.ts";
 *
 * const a = new Float64Array(new SharedArrayBuffer(4 * 8));
 * const out = new Float64Array(new SharedArrayBuffer(4 * 8));
 * a.set([0, 0.125, 0.25, 0.3]);
 * const total = await evaluateParallel(a, out, 2);
 * if (Math.abs(total - 4) > 1e-12) throw new Error(`sum ${total}`);
 * ```
 */
export async function evaluateParallel(
  a: Float64Array,
  out: Float64Array,
  threads: number,
): Promise<number> {
  if (!Number.isSafeInteger(threads) || threads < 1) {
    throw new RangeError(
      `Cannot evaluate in parallel: threads must be a positive integer, got ${String(threads)}`,
    );
  }
  requireShared(a, "a");
  requireShared(out, "out");
  if (a.length !== out.length) {
    throw new TypeError(
      `Cannot evaluate in parallel: a and out differ in length (${a.length} and ${out.length})`,
    );
  }

  const n = a.length;
  if (n === 0) return 0;
  if (threads === 1) return evaluateSlice(a, out, 0, n);

  const count = Math.min(threads, n);
  const size = Math.floor(n / count);
  const workers: Worker[] = [];
  try {
    const partials: Promise<number>[] = [];
    for (let i = 0; i < count; i++) {
      const start = i * size;
      const end = i === count - 1 ? n : start + size;
      const worker = new Worker(WORKER_URL, { type: "module" });
      workers.push(worker);
      partials.push(runSlice(worker, { a, out, start, end }));
    }
    // Promise.all keeps the slice order, so the sum is the same on every run
    // whichever Worker finishes first.
    let total = 0;
    for (const partial of await Promise.all(partials)) total += partial;
    return total;
  } finally {
    // A Worker that is not terminated keeps its thread and its heap alive (and
    // keeps the process from exiting): end each one, on success or failure.
    for (const worker of workers) worker.terminate();
  }
}

/** Posts one slice to a Worker and resolves to the partial sum it posts back. */
function runSlice(worker: Worker, order: SliceOrder): Promise<number> {
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<number>) => resolve(event.data);
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault(); // handled here: do not let it end the calling thread
      reject(new Error(`A Worker failed on [${order.start}, ${order.end}): ${event.message}`));
    };
    // A typed array on a SharedArrayBuffer crosses as a new view of the same
    // memory: posting it copies no element.
    worker.postMessage(order);
  });
}

/** Throws a TypeError unless `array` is a Float64Array on a SharedArrayBuffer. */
function requireShared(array: Float64Array, name: string): void {
  if (!(array instanceof Float64Array) || !(array.buffer instanceof SharedArrayBuffer)) {
    throw new TypeError(
      `Cannot evaluate in parallel: ${name} must be a Float64Array on a SharedArrayBuffer, so that the Workers can share it`,
    );
  }
}
