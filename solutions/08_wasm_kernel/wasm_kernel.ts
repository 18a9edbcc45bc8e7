/**
 * Exercise 8, reference solution: the slow series on WebAssembly, on every core
 * (Question 4 of the course).
 *
 * The kernel, partialSum(lo, hi), is written in AssemblyScript (kernel.as.ts)
 * and compiled to kernel.wasm. This driver splits 1..n into one interval per
 * Worker, as in exercise 6; each Worker imports kernel.wasm itself and sums its
 * interval (wasm_kernel_worker.ts), and the partial sums are added here in
 * interval order, so the result is the same on every run.
 *
 * @module
 */

/** The largest n: every k must fit the kernel's i32, with room for `k++` past the last. */
export const MAX_N = 2_000_000_000;

/** The script every Worker runs; resolved next to this file, wherever it is loaded from. */
const WORKER_URL = new URL("./wasm_kernel_worker.ts", import.meta.url);

/**
 * Cuts 1..n into `parts` intervals by the course's rule (as in exercise 6):
 * size = floor(n / parts); interval i is [i·size + 1, (i + 1)·size], and the
 * last runs to n, absorbing the remainder. Empty intervals are [lo, lo − 1].
 *
 * @param n The last k, a non-negative integer.
 * @param parts How many intervals, a positive integer.
 * @returns `parts` pairs [lo, hi], inclusive, covering 1..n exactly once.
 */
export function intervals(n: number, parts: number): Array<[number, number]> {
  const size = Math.floor(n / parts);
  const result: Array<[number, number]> = [];
  for (let i = 0; i < parts - 1; i++) result.push([i * size + 1, (i + 1) * size]);
  result.push([(parts - 1) * size + 1, n]);
  return result;
}

/**
 * Sums 1/k for k = 1..n whose decimal form has no digit 9, with the
 * WebAssembly kernel on `threads` Workers.
 *
 * Exactly `threads` Workers start, one per interval, also when threads = 1
 * (the calling thread never runs the kernel), and every one is terminated
 * before the promise settles.
 *
 * @param n The last k, an integer from 0 to {@linkcode MAX_N}.
 * @param threads How many Workers, a positive integer.
 * @returns The sum, partial sums added in interval order.
 * @throws {RangeError} (as a rejection) If n or threads is out of range.
 *
 * @example One Worker and three agree
 * ```ts ignore
 * import { slowSeriesWasm } from "./wasm_kernel.ts";
 *
 * const one = await slowSeriesWasm(100_000, 1);
 * const three = await slowSeriesWasm(100_000, 3);
 * if (Math.abs(one - three) > 1e-12) throw new Error(`${one} vs ${three}`);
 * ```
 */
export async function slowSeriesWasm(n: number, threads: number): Promise<number> {
  if (!Number.isInteger(n) || n < 0 || n > MAX_N) {
    throw new RangeError(
      `Cannot sum the slow series: n must be an integer from 0 to ${MAX_N}, got ${String(n)}`,
    );
  }
  if (!Number.isSafeInteger(threads) || threads < 1) {
    throw new RangeError(
      `Cannot sum the slow series: threads must be a positive integer, got ${String(threads)}`,
    );
  }
  const started: Worker[] = [];
  try {
    const partials = intervals(n, threads).map(([lo, hi]) => {
      const worker = new Worker(WORKER_URL, { type: "module" });
      started.push(worker);
      return sumInWorker(worker, lo, hi);
    });
    let total = 0;
    for (const partial of await Promise.all(partials)) total += partial;
    return total;
  } finally {
    for (const worker of started) worker.terminate();
  }
}

/** Posts one interval to a Worker and resolves to the partial sum it posts back. */
function sumInWorker(worker: Worker, lo: number, hi: number): Promise<number> {
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<number>) => resolve(event.data);
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault(); // handled here: do not let it end the calling thread
      reject(new Error(`A Worker failed on [${lo}, ${hi}]: ${event.message}`));
    };
    worker.postMessage([lo, hi]);
  });
}
