/**
 * Exercise 7, reference solution: the trig series Σ cos(i)/i, fast on one
 * thread and split across Workers.
 *
 * V8's `Math.cos` costs about 55 ns a call here (glibc's, from C, about 13 ns),
 * and the plain loop spends nearly all its time there. Consecutive integers
 * differ by exactly 1, so cos(i + 1) and sin(i + 1) follow from cos i and sin i
 * by the angle-addition formulas: four multiplications and two additions, no
 * call. Each step adds a little rounding error, so every ANCHOR_INTERVAL terms
 * the pair is computed afresh with Math.cos and Math.sin (see `partialTrigSum`
 * for the bound this gives).
 *
 * @module
 */

/**
 * Terms between two anchors (fresh Math.cos and Math.sin). Two calls per 1024
 * terms cost under 1% of the loop, and keep every term within the bound stated
 * at `partialTrigSum`.
 */
export const ANCHOR_INTERVAL = 1024;

/** The rotation by one radian, computed once. */
const COS_1 = Math.cos(1);
const SIN_1 = Math.sin(1);

/** The script every Worker runs; resolved next to this file, wherever it is loaded from. */
const WORKER_URL = new URL("./jit_tiers_worker.ts", import.meta.url);

/**
 * Sums cos(i)/i for i = 1..n, in ascending i. As n grows the sum tends to
 * −ln(2 sin ½) = 0.0420195058253689…
 *
 * @param n The last i, a non-negative safe integer; 0 gives 0.
 * @returns The partial sum.
 * @throws {RangeError} If n is not a non-negative safe integer.
 *
 * @example The first term is cos 1
 * ```ts
 * import { trigSeries } from "./jit_tiers.ts";
 *
 * if (Math.abs(trigSeries(1) - Math.cos(1)) > 1e-16) throw new Error("first term");
 * ```
 */
export function trigSeries(n: number): number {
  checkCount(n, "n");
  return partialTrigSum(1, n);
}

/**
 * Sums cos(i)/i for lo ≤ i ≤ hi, in ascending i; an empty interval gives 0.
 *
 * cos i and sin i come from the angle-addition recurrence
 *   cos(i + 1) = cos i · cos 1 − sin i · sin 1,
 *   sin(i + 1) = sin i · cos 1 + cos i · sin 1,
 * restarted from Math.cos and Math.sin at lo and every ANCHOR_INTERVAL terms.
 *
 * The error bound, with u = 2^−53 (half an ulp of 1): the anchor pair is off by
 * at most √2·u (Math.cos and Math.sin are within an ulp). One step is off by at
 * most 2u per component from rounding its two products and their sum (the
 * products are at most 1 in sum of magnitudes, by Cauchy–Schwarz), √2·2u for
 * the pair, plus √2·u from the rounded cos 1 and sin 1; and a rotation does not
 * grow an error it is handed. So after j steps from an anchor the pair, and so
 * the cosine, is off by at most
 *   (3j + 1)·√2·u ≈ (3j + 1) · 1.57e−16,
 * which grows linearly and is reset at every anchor: below 4.9e−13 for
 * j < 1024. `tests/exercises/jit_tiers_test.ts` holds `cosinesByRecurrence` to it.
 *
 * @param lo The first i, at least 1.
 * @param hi The last i.
 * @returns The partial sum.
 */
export function partialTrigSum(lo: number, hi: number): number {
  let total = 0;
  for (let anchor = lo; anchor <= hi; anchor += ANCHOR_INTERVAL) {
    const last = Math.min(hi, anchor + ANCHOR_INTERVAL - 1);
    let c = Math.cos(anchor);
    let s = Math.sin(anchor);
    for (let i = anchor; i <= last; i++) {
      total += c / i;
      const next = c * COS_1 - s * SIN_1;
      s = s * COS_1 + c * SIN_1;
      c = next;
    }
  }
  return total;
}

/**
 * The cosines `partialTrigSum(first, first + count − 1)` divides by, computed by
 * the same statements in the same order, for the error-bound test.
 *
 * @param first The first i, at least 1.
 * @param count How many cosines.
 * @returns cos(first), cos(first + 1), … as the recurrence gives them.
 */
export function cosinesByRecurrence(first: number, count: number): Float64Array {
  const out = new Float64Array(count);
  const hi = first + count - 1;
  for (let anchor = first; anchor <= hi; anchor += ANCHOR_INTERVAL) {
    const last = Math.min(hi, anchor + ANCHOR_INTERVAL - 1);
    let c = Math.cos(anchor);
    let s = Math.sin(anchor);
    for (let i = anchor; i <= last; i++) {
      out[i - first] = c;
      const next = c * COS_1 - s * SIN_1;
      s = s * COS_1 + c * SIN_1;
      c = next;
    }
  }
  return out;
}

/**
 * Sums cos(i)/i for i = 1..n on `workers` Workers: 1..n is split into equal
 * intervals (the last absorbs the remainder), each Worker sums its own with
 * `partialTrigSum` (anchored at its first term), and the partial sums are added
 * in interval order. Exactly `workers` Workers start, and all are terminated
 * before the promise settles.
 *
 * @param n The last i, a non-negative safe integer.
 * @param workers How many Workers, a positive integer.
 * @returns The sum.
 * @throws {RangeError} (as a rejection) If n or workers is out of range.
 */
export async function trigSeriesParallel(n: number, workers: number): Promise<number> {
  checkCount(n, "n");
  if (!Number.isSafeInteger(workers) || workers < 1) {
    throw new RangeError(
      `Cannot sum the trig series: workers must be a positive integer, got ${String(workers)}`,
    );
  }
  const size = Math.floor(n / workers);
  const started: Worker[] = [];
  try {
    const partials: Promise<number>[] = [];
    for (let part = 0; part < workers; part++) {
      const lo = part * size + 1;
      const hi = part === workers - 1 ? n : (part + 1) * size;
      const worker = new Worker(WORKER_URL, { type: "module" });
      started.push(worker);
      partials.push(sumInWorker(worker, lo, hi));
    }
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

function checkCount(n: number, name: string): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(
      `Cannot sum the trig series: ${name} must be a non-negative safe integer, got ${String(n)}`,
    );
  }
}
