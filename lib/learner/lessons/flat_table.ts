/**
 * Exercise 4's first lesson, before the profiler: the course ran its NumExpr
 * pipeline on 1, 2 and 4 threads and got 18.4, 17.4 and 17.0 s — a flat
 * table, because the stage that dominates (turning integers into byte
 * strings) stays serial. Here the given pipeline's stages run as they do in
 * the course: the decimal forms built serially into one shared byte buffer, the
 * mask split over 1, 2, 4 Workers, the rest serial. Amdahl's law, measured:
 * speeding up the part that is not the bottleneck does not move the total.
 *
 * @module
 */
import { plural } from "../../report/format.ts";
import type { LessonOptions, LessonSection } from "./section.ts";
import type { MaskRequest } from "./mask_worker.ts";
import { formatRatio, formatTime, loadAverage, median, textTable } from "./timing.ts";

/** Bytes per decimal form: 10 digits hold every n the lesson accepts (below 10^10). */
const WIDTH = 10;
/** The largest n: 10 bytes per number must fit, and the buffers must fit in memory (~11 GB at the limit). */
export const FLAT_TABLE_MAX_N = 1_000_000_000;
/** The Worker counts of the course's table. */
export const FLAT_TABLE_THREADS: readonly number[] = [1, 2, 4];

/** A small pool of mask Workers over shared buffers. */
class MaskPool {
  private constructor(private readonly workers: Worker[]) {}

  static async start(threads: number, bytes: SharedArrayBuffer, mask: SharedArrayBuffer) {
    const url = new URL("./mask_worker.ts", import.meta.url).href;
    const workers = Array.from({ length: threads }, () => new Worker(url, { type: "module" }));
    const pool = new MaskPool(workers);
    await pool.all(() => ({ kind: "buffers", bytes, mask, width: WIDTH }));
    return pool;
  }

  /** Posts one request to every Worker and waits for all their replies. */
  all(request: (index: number) => MaskRequest): Promise<void> {
    return Promise.all(this.workers.map((worker, index) =>
      new Promise<void>((resolve, reject) => {
        worker.onmessage = () => resolve();
        worker.onerror = (event) => {
          event.preventDefault();
          reject(new Error(`mask Worker: ${event.message}`));
        };
        worker.postMessage(request(index));
      })
    )).then(() => undefined);
  }

  /** Marks 0..n-1 in slices, one per Worker. */
  mark(n: number, omit: number[]): Promise<void> {
    const size = Math.ceil(n / this.workers.length);
    return this.all((w) => ({
      kind: "slice",
      start: Math.min(n, w * size),
      end: Math.min(n, (w + 1) * size),
      omit,
    }));
  }

  stop(): void {
    for (const worker of this.workers) worker.terminate();
  }
}

/** One run's stage times, ms. */
interface StageTimes {
  integers: number;
  decimals: number;
  mask: number;
  rest: number;
  total: number;
  sum: number;
}

/** The pipeline once, with its mask stage on `pool`. */
async function runOnce(
  n: number,
  omit: string,
  pool: MaskPool,
  bytes: Uint8Array,
  mask: Uint8Array,
): Promise<StageTimes> {
  const t0 = performance.now();
  // Stage 1, serial: the integers (as the given pipeline builds them).
  const integers = Array.from({ length: n }, (_, i) => i + 1);
  const t1 = performance.now();
  // Stage 2, serial: each decimal form, written as bytes (numpy's astype(np.bytes_)).
  bytes.fill(0);
  for (let i = 0; i < n; i++) {
    const text = (integers[i] as number).toString();
    for (let c = 0; c < text.length; c++) bytes[i * WIDTH + c] = text.charCodeAt(c);
  }
  const t2 = performance.now();
  // Stage 3, parallel: the mask, split over the Workers.
  await pool.mark(n, [...omit].map((c) => c.charCodeAt(0)));
  const t3 = performance.now();
  // Stages 4–6, serial: keep, invert, sum.
  let total = 0;
  for (let i = 0; i < n; i++) if (mask[i] === 1) total += 1 / (integers[i] as number);
  const t4 = performance.now();
  return {
    integers: t1 - t0,
    decimals: t2 - t1,
    mask: t3 - t2,
    rest: t4 - t3,
    total: t4 - t0,
    sum: total,
  };
}

/**
 * The flat table: the pipeline with its mask on 1, 2, 4 Workers, each stage's
 * median time and the total's speed-up over one Worker.
 *
 * @param options Samples, progress.
 * @param n How many integers (default 10^7; the course used 10^8).
 * @param omit The digit string to leave out.
 * @returns The section to print.
 * @throws {RangeError} If n is not an integer from 1 to `FLAT_TABLE_MAX_N`.
 */
export async function flatTableLesson(
  options: LessonOptions,
  n = 10_000_000,
  omit = "9",
): Promise<LessonSection> {
  if (!Number.isSafeInteger(n) || n < 1 || n > FLAT_TABLE_MAX_N) {
    throw new RangeError(`Cannot run the flat table with n = ${n}: give 1 to ${FLAT_TABLE_MAX_N}`);
  }
  const bytesBuffer = new SharedArrayBuffer(n * WIDTH);
  const maskBuffer = new SharedArrayBuffer(n);
  const bytes = new Uint8Array(bytesBuffer), mask = new Uint8Array(maskBuffer);
  const rows: string[][] = [];
  const figures: string[] = [];
  let one = Number.NaN;
  let sums = new Set<number>();
  for (const threads of FLAT_TABLE_THREADS) {
    options.progress?.(plural(threads, "Worker"));
    const pool = await MaskPool.start(threads, bytesBuffer, maskBuffer);
    try {
      await runOnce(n, omit, pool, bytes, mask); // a warm-up, untimed, at full size
      const runs: StageTimes[] = [];
      for (let s = 0; s < options.samples; s++) {
        runs.push(await runOnce(n, omit, pool, bytes, mask));
      }
      const med = (key: keyof StageTimes) => median(runs.map((r) => r[key]));
      sums = new Set([...sums, ...runs.map((r) => r.sum)]);
      const total = med("total");
      if (Number.isNaN(one)) one = total;
      rows.push([
        String(threads),
        formatTime(med("integers")),
        formatTime(med("decimals")),
        formatTime(med("mask")),
        formatTime(med("rest")),
        formatTime(total),
        formatRatio(one / total),
      ]);
      figures.push(`${threads} W ${formatTime(total)} (${formatRatio(one / total)})`);
    } finally {
      pool.stop();
    }
  }
  return {
    record: {
      key: "flat",
      summary: `flat table, n = ${n.toLocaleString("en")}: ${
        figures.join(", ")
      }; load ${loadAverage()}`,
    },
    title:
      `The given pipeline, its mask stage on 1, 2, 4 Workers (n = ${n.toLocaleString("en")}, ` +
      `median of ${options.samples})`,
    lines: [
      ...textTable(
        [
          "Workers",
          "integers (serial)",
          "decimal bytes (serial)",
          "mask (parallel)",
          "keep+sum",
          "total",
          "speed-up",
        ],
        rows,
      ),
      "  the course (NumExpr, n = 10^8): 1 thread 18.427 s · 2 threads 17.375 s · 4 threads 17.029 s",
      `  sums ${
        sums.size === 1 ? "agree" : "differ"
      } · load average ${loadAverage()} · cores here ${navigator.hardwareConcurrency}`,
      "  The mask gets faster with Workers; the total hardly moves: the serial stages (building",
      "  the integers and their decimal forms) are most of the time. Which of them to fix is",
      "  what a profiler tells you: deno task profile 4.",
    ],
  };
}
