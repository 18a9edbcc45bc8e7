/**
 * Exercise 6, reference solution: the slow series split across Workers
 * (Questions 2 and 3 of the course).
 *
 * 1..n is cut into equal intervals, each Worker sums its own interval with the
 * integer digit test, and the partial sums are added in interval order. The
 * Workers share nothing and exchange two numbers each way: the work splits
 * with no communication in between, which is why it scales so well.
 *
 * @module
 */

/**
 * The largest k the int32 loop handles: up to here `(k / 10) | 0` is exactly a
 * floored division and V8 keeps every value in an integer register.
 */
const INT32_MAX = 2 ** 31 - 1;

/** The script every Worker runs; resolved next to this file, wherever it is loaded from. */
const WORKER_URL = new URL("./split_series_worker.ts", import.meta.url);

/**
 * Cuts 1..n into `parts` intervals by the course's rule: size = floor(n / parts);
 * interval i is [i·size + 1, (i + 1)·size], except the last, which runs to n and
 * so absorbs the remainder.
 *
 * There are always exactly `parts` intervals, in order, each starting right
 * after the previous one ends, and together they cover 1..n exactly once. The
 * edge cases follow from the rule:
 * - parts > n (so size = 0): the first parts − 1 intervals are empty, written
 *   [lo, lo − 1], here [1, 0], and the last is [1, n];
 * - n = 0: every interval is the empty [1, 0].
 *
 * @param n The last k, a non-negative safe integer.
 * @param parts How many intervals, a positive integer.
 * @returns `parts` pairs [lo, hi], inclusive; empty when hi = lo − 1.
 * @throws {RangeError} If n or parts is out of range.
 *
 * @example Ten terms in three parts
 * ```ts
 * import { intervals } from "./split_series.ts";
 *
 * const got = JSON.stringify(intervals(10, 3));
 * if (got !== "[[1,3],[4,6],[7,10]]") throw new Error(got);
 * ```
 */
export function intervals(n: number, parts: number): Array<[number, number]> {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(
      `Cannot split 1..n: n must be a non-negative safe integer, got ${String(n)}`,
    );
  }
  if (!Number.isSafeInteger(parts) || parts < 1) {
    throw new RangeError(
      `Cannot split 1..n: parts must be a positive integer, got ${String(parts)}`,
    );
  }
  const size = Math.floor(n / parts);
  const result: Array<[number, number]> = [];
  for (let i = 0; i < parts - 1; i++) result.push([i * size + 1, (i + 1) * size]);
  result.push([(parts - 1) * size + 1, n]);
  return result;
}

/**
 * Sums 1/k for lo ≤ k ≤ hi whose decimal form has no digit 9, in ascending k.
 * Each Worker runs this on its interval; an empty interval (hi < lo) gives 0.
 *
 * @param lo The first k, ≥ 1.
 * @param hi The last k.
 * @returns The partial sum.
 */
export function partialSum(lo: number, hi: number): number {
  let total = 0;
  const lastInt32 = Math.min(hi, INT32_MAX);
  for (let k = lo; k <= lastInt32; k++) {
    if (!hasNine(k)) total += 1 / k;
  }
  // Only for k beyond 2^31 − 1 (hours of work): the same test in doubles.
  for (let k = Math.max(lo, lastInt32 + 1); k <= hi; k++) {
    let rest = k;
    while (rest > 0 && rest % 10 !== 9) rest = Math.floor(rest / 10);
    if (rest === 0) total += 1 / k;
  }
  return total;
}

/** True when the decimal form of k (0 < k < 2^31) contains a 9. */
function hasNine(k: number): boolean {
  let rest = k;
  while (rest > 0) {
    const next = (rest / 10) | 0; // int32 division by a constant: a multiply and a shift
    if (rest - next * 10 === 9) return true;
    rest = next;
  }
  return false;
}

/**
 * Sums 1/k for k = 1..n whose decimal form has no digit 9, on `workers` Workers.
 *
 * 1..n is split by {@linkcode intervals}; each interval is summed in its own
 * Worker (exactly `workers` of them start, even for empty intervals), and the
 * partial sums are added in interval order, so the result is the same on every
 * run. Every Worker is terminated before the promise settles.
 *
 * @param n The last k, a non-negative safe integer.
 * @param workers How many Workers, a positive integer.
 * @returns The sum.
 * @throws {RangeError} (as a rejection) If n or workers is out of range.
 *
 * @example Two Workers agree with one
 * ```ts
 * import { slowSeriesParallel } from "./split_series.ts";
 *
 * const one = await slowSeriesParallel(1000, 1);
 * const two = await slowSeriesParallel(1000, 2);
 * if (Math.abs(one - two) > 1e-12) throw new Error(`${one} vs ${two}`);
 * ```
 */
export async function slowSeriesParallel(n: number, workers: number): Promise<number> {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(
      `Cannot sum in parallel: n must be a non-negative safe integer, got ${String(n)}`,
    );
  }
  if (!Number.isSafeInteger(workers) || workers < 1) {
    throw new RangeError(
      `Cannot sum in parallel: workers must be a positive integer, got ${String(workers)}`,
    );
  }
  const parts = intervals(n, workers);
  const started: Worker[] = [];
  try {
    const partials = parts.map(([lo, hi]) => {
      const worker = new Worker(WORKER_URL, { type: "module" });
      started.push(worker);
      return sumInWorker(worker, lo, hi);
    });
    // Promise.all keeps the interval order whichever Worker finishes first.
    let total = 0;
    for (const partial of await Promise.all(partials)) total += partial;
    return total;
  } finally {
    // A Worker left running keeps its thread (and the process) alive.
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
