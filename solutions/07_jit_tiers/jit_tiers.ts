/**
 * Exercise 7, reference solution: the trig series Σ ±cos(i)/i (each sign from
 * the seed, `termSign`), fast on one thread and split across Workers.
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
 * Sums termSign(seed, i)·cos(i)/i for i = 1..n, in ascending i. With seed 0
 * (every sign +1) the sum tends to −ln(2 sin ½) = 0.0420195058253689… as n grows.
 *
 * @param n The last i, a non-negative safe integer; 0 gives 0.
 * @param seed The signs' seed, a 32-bit integer; 0 for the course's series.
 * @returns The partial sum.
 * @throws {RangeError} If n or seed is out of range.
 *
 * @example The first term is cos 1
 * ```ts
 * import { trigSeries } from "./jit_tiers.ts";
 *
 * if (Math.abs(trigSeries(1, 0) - Math.cos(1)) > 1e-16) throw new Error("first term");
 * ```
 */
export function trigSeries(n: number, seed: number): number {
  checkCount(n, "n");
  checkSeed(seed);
  return partialTrigSum(1, n, seed);
}

/**
 * Sums termSign(seed, i)·cos(i)/i for lo ≤ i ≤ hi, in ascending i; an empty
 * interval gives 0.
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
 * The sign costs next to nothing: its integer hash runs beside the chain of
 * floating-point multiplications, which is what limits the loop.
 *
 * @param lo The first i, at least 1.
 * @param hi The last i.
 * @param seed The signs' seed.
 * @returns The partial sum.
 */
export function partialTrigSum(lo: number, hi: number, seed: number): number {
  // Seed 0 (every sign +1, the course's series, what the compiled yardstick
  // times) takes a loop of its own: through termSign, TurboFan kept `total` as a
  // tagged number there, a heap number allocated per term (read with `perf
  // annotate`): 430 ms at n = 10^8 against 184 ms, and 206 ms with any other
  // seed. 1 · c / i is c / i exactly, so the sum is the same double.
  if (seed === 0) return partialUnsignedSum(lo, hi);
  let total = 0;
  for (let anchor = lo; anchor <= hi; anchor += ANCHOR_INTERVAL) {
    const last = Math.min(hi, anchor + ANCHOR_INTERVAL - 1);
    let c = Math.cos(anchor);
    let s = Math.sin(anchor);
    for (let i = anchor; i <= last; i++) {
      total += termSign(seed, i) * c / i;
      const next = c * COS_1 - s * SIN_1;
      s = s * COS_1 + c * SIN_1;
      c = next;
    }
  }
  return total;
}

/** partialTrigSum for seed 0: the same recurrence and order, every sign +1. */
function partialUnsignedSum(lo: number, hi: number): number {
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
 * Sums termSign(seed, i)·cos(i)/i for i = 1..n on `workers` Workers: 1..n is split into equal
 * intervals (the last absorbs the remainder), each Worker sums its own with
 * `partialTrigSum` (anchored at its first term), and the partial sums are added
 * in interval order. Exactly `workers` Workers start, and all are terminated
 * before the promise settles.
 *
 * @param n The last i, a non-negative safe integer.
 * @param workers How many Workers, a positive integer.
 * @param seed The signs' seed, a 32-bit integer.
 * @returns The sum.
 * @throws {RangeError} (as a rejection) If n, workers or seed is out of range.
 */
export async function trigSeriesParallel(
  n: number,
  workers: number,
  seed: number,
): Promise<number> {
  checkCount(n, "n");
  checkSeed(seed);
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
      partials.push(sumInWorker(worker, lo, hi, seed));
    }
    let total = 0;
    for (const partial of await Promise.all(partials)) total += partial;
    return total;
  } finally {
    for (const worker of started) worker.terminate();
  }
}

/** Posts one interval and the seed to a Worker and resolves to the partial sum it posts back. */
function sumInWorker(worker: Worker, lo: number, hi: number, seed: number): Promise<number> {
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<number>) => resolve(event.data);
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault(); // handled here: do not let it end the calling thread
      reject(new Error(`A Worker failed on [${lo}, ${hi}]: ${event.message}`));
    };
    worker.postMessage([lo, hi, seed]);
  });
}

function checkSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < -(2 ** 31) || seed >= 2 ** 32) {
    throw new RangeError(
      `Cannot sum the trig series: seed must be a 32-bit integer, got ${String(seed)}`,
    );
  }
}

function checkCount(n: number, name: string): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(
      `Cannot sum the trig series: ${name} must be a non-negative safe integer, got ${String(n)}`,
    );
  }
}
