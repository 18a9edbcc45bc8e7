/**
 * Exercise 8's hidden check: the learner's compiled kernel `partialSum(lo, hi)`
 * (imported straight from their kernel.wasm, so a real kernel is required), and
 * the driver `slowSeriesWasm(n, threads)`.
 *
 * Speed: what is timed is the learner's kernel, run by the check's own driver
 * (`kernel_worker.ts`, chunked as the reference does), on one Worker against
 * exercise 1's string test, then on two Workers against one. A driver that
 * summed in JavaScript inside its Workers reached gold when the learner's
 * driver was timed; now no JavaScript of the learner's runs in a timed sample.
 * The learner's driver is judged by the tests (its sums, its Workers).
 *
 * @module
 */
import { finiteNumber } from "../../lib/check/kit.ts";
import type { Entry, ExerciseCheck, TestCase } from "../../lib/check/types.ts";
import { knownSums } from "../../data/known_sums.ts";
import { RELATIVE_TOLERANCE } from "../01_slow_series/check.ts";
import { slowSeriesBaseline } from "../01_slow_series/baseline.ts";
import { CHUNK, timedChunks } from "./chunks.ts";
import type { KernelOrder } from "./kernel_worker.ts";

export type WasmKernelInput =
  /** `partialSum(lo, hi)`, called on the learner's kernel.wasm. */
  | { kind: "kernel"; lo: number; hi: number }
  /**
   * `slowSeriesWasm(n, threads)`. A benchmark input also has `chunkSeed`, where
   * the check's timed run sums (the learner's driver, in `bench`, ignores it).
   */
  | { kind: "driver"; n: number; threads: number; chunkSeed?: number }
  /**
   * The check's driver: the learner's kernel on `threads` Workers, over `chunks`
   * chunks of CHUNK numbers scattered up to 2·10^9 (chunks.ts).
   */
  | { kind: "timed"; chunkSeed: number; chunks: number; threads: number };

/** The largest n the driver takes, and the largest k the kernel is tested on. */
const MAX_N = 2_000_000_000;
const RANDOM_KERNEL_CASES = 10;
/** Random intervals hold up to this many numbers: each case stays well under a second. */
const MAX_RANDOM_LENGTH = 300_000;
const RANDOM_DRIVER_CASES = 6;
const MAX_RANDOM_DRIVER_N = 3_000_000;
/**
 * Benchmark lengths: 1.6·10^7 to 2.4·10^7 numbers (at 2·10^7, about 0.4 s for
 * the string test here, and about 0.1 s for the kernel on one Worker, its
 * start and the kernel's slow first chunk included), timed in chunks scattered
 * up to 2·10^9 (chunks.ts): no table of running sums can stand in.
 */
export const BENCHMARK_N = { min: 16_000_000, max: 24_000_000 } as const;
/**
 * The Workers are timed on 2.5× the benchmark's n (5·10^7): at 2·10^7 a
 * Worker's share is 75 ms of work against 20–40 ms of starting it and loading
 * the kernel, and two Workers measured 1.26–1.52× over one. At 10^8 (the
 * course's n) a check would take 30 s.
 */
const PARALLEL_SCALE = 2.5;

/** The file the kernel cases import, in the learner's exercise folder. */
const KERNEL_MODULE = "kernel.wasm";

/** The check's Worker for the timed runs; `new URL(…, import.meta.url)` so the grader's sandbox lists it. */
const KERNEL_WORKER_URL = new URL("./kernel_worker.ts", import.meta.url).href;

/** The timed run of a benchmark input: about `n` numbers, in chunks drawn from its seed. */
export function timedInput(input: WasmKernelInput): WasmKernelInput {
  if (input.kind !== "driver") return input;
  return {
    kind: "timed",
    chunkSeed: input.chunkSeed ?? 0,
    chunks: Math.max(1, Math.round(input.n / CHUNK)),
    threads: input.threads,
  };
}

/** The trusted sum over a timed run's chunks, each with the string test, chunk sums added in order. */
function chunksSum(chunkSeed: number, chunks: number): number {
  let total = 0;
  for (const [lo, hi] of timedChunks(chunkSeed, chunks)) total += nineFreeSum(lo, hi);
  return total;
}

/**
 * The check's driver: the kernel at `kernelUrl` on `threads` Workers, the
 * chunks split into `threads` runs by the course's rule, partial sums added in
 * order. Runs in the sample process, where the only other code is the kernel's
 * WebAssembly.
 */
async function driveKernel(
  kernelUrl: string,
  chunkSeed: number,
  count: number,
  threads: number,
): Promise<number> {
  const chunks = timedChunks(chunkSeed, count);
  const size = Math.floor(count / threads);
  const workers: Worker[] = [];
  try {
    const partials: Promise<number>[] = [];
    for (let part = 0; part < threads; part++) {
      const first = part * size;
      const end = part === threads - 1 ? count : first + size;
      const order: KernelOrder = { kernelUrl, chunks: chunks.slice(first, end) };
      const worker = new Worker(KERNEL_WORKER_URL, { type: "module" });
      workers.push(worker);
      partials.push(
        new Promise((resolve, reject) => {
          worker.onmessage = (event: MessageEvent<number>) => resolve(event.data);
          worker.onerror = (event: ErrorEvent) => {
            event.preventDefault();
            reject(
              new Error(`the kernel failed on chunks ${first} to ${end - 1}: ${event.message}`),
            );
          };
          worker.postMessage(order);
        }),
      );
    }
    let total = 0;
    for (const partial of await Promise.all(partials)) total += partial;
    return total;
  } finally {
    for (const worker of workers) worker.terminate();
  }
}

/**
 * The trusted sum over an interval: the string test, in ascending k. Slow and
 * plainly right.
 */
export function nineFreeSum(lo: number, hi: number): number {
  let total = 0;
  for (let k = lo; k <= hi; k++) {
    if (!String(k).includes("9")) total += 1 / k;
  }
  return total;
}

function kernelCase(
  name: string,
  lo: number,
  hi: number,
  expected?: number,
): TestCase<WasmKernelInput, number> {
  return {
    name,
    input: { kind: "kernel", lo, hi },
    exportName: "partialSum",
    module: KERNEL_MODULE,
    ...(expected === undefined ? {} : { expected }),
  };
}

function describeInput(input: WasmKernelInput): string {
  switch (input.kind) {
    case "kernel":
      return `partialSum(${input.lo}, ${input.hi})`;
    case "driver":
      return `slowSeriesWasm(${input.n}, ${input.threads})`;
    case "timed":
      return `your kernel on ${input.chunks} chunks of ${CHUNK} numbers (seed ${input.chunkSeed}), the check's driver on ${input.threads} Worker${
        input.threads === 1 ? "" : "s"
      }`;
  }
}

export const check: ExerciseCheck<WasmKernelInput, number> = {
  cases(rng) {
    const nine = (n: number) => knownSums().find((s) => s.omit === "9" && s.n === n);
    const cases: TestCase<WasmKernelInput, number>[] = [
      // The kernel first (task 1): it can be tested before the driver is written.
      kernelCase("partialSum(1, 0) is an empty sum", 1, 0),
      kernelCase("partialSum(1, 1) is 1", 1, 1),
      kernelCase("partialSum(9, 9) leaves 9 out", 9, 9),
      kernelCase("partialSum(1, 100)", 1, 100),
      kernelCase("partialSum(85, 95): 89 to 95 go, 90 too", 85, 95),
      kernelCase("ten digits: partialSum(999_999_000, 1_000_001_000)", 999_999_000, 1_000_001_000),
      kernelCase("near the top: partialSum(1_999_990_000, 2_000_000_000)", 1_999_990_000, MAX_N),
    ];
    const million = nine(1_000_000);
    if (million !== undefined) {
      cases.push(kernelCase("partialSum(1, 10^6) (known sum)", 1, 1_000_000, million.sum));
    }
    for (let i = 1; i <= RANDOM_KERNEL_CASES; i++) {
      // Half the intervals start anywhere up to 2·10^9, half below 10^6.
      const top = i % 2 === 0 ? MAX_N - MAX_RANDOM_LENGTH : 1_000_000;
      const lo = rng.int(1, top);
      const hi = lo + rng.int(0, MAX_RANDOM_LENGTH) - 1;
      cases.push(kernelCase(`random interval ${i}: partialSum(${lo}, ${hi})`, lo, hi));
    }
    cases.push(
      { name: "n = 0 on 1 Worker", input: { kind: "driver", n: 0, threads: 1 } },
      { name: "n = 1 on 1 Worker", input: { kind: "driver", n: 1, threads: 1 } },
      { name: "n = 9 on 2 Workers", input: { kind: "driver", n: 9, threads: 2 } },
      { name: "more Workers than terms: n = 3 on 5", input: { kind: "driver", n: 3, threads: 5 } },
    );
    const hundredMillion = nine(100_000_000);
    if (hundredMillion !== undefined) {
      cases.push({
        name: "the course's n = 10^8 on 4 Workers (known sum)",
        input: { kind: "driver", n: hundredMillion.n, threads: 4 },
        expected: hundredMillion.sum,
      });
    }
    for (let i = 1; i <= RANDOM_DRIVER_CASES; i++) {
      const input = {
        kind: "driver" as const,
        n: rng.int(2, MAX_RANDOM_DRIVER_N),
        threads: rng.int(1, 8),
      };
      cases.push({ name: `random ${i}: n = ${input.n} on ${input.threads} Workers`, input });
    }
    return cases;
  },
  expected(input) {
    switch (input.kind) {
      case "kernel":
        return nineFreeSum(input.lo, input.hi);
      case "driver":
        return slowSeriesBaseline(input.n, "9", 0);
      case "timed":
        return chunksSum(input.chunkSeed, input.chunks);
    }
  },
  prepare: (input) => {
    switch (input.kind) {
      case "kernel":
        return [input.lo, input.hi];
      case "driver":
        return [input.n, input.threads];
      case "timed":
        // The baseline's arguments (n unused, threads, the chunks); the kernel's run reads the input.
        return [0, input.threads, input.chunkSeed, input.chunks];
    }
  },
  invoke(entry: Entry, args: unknown[], input, context) {
    const call = entry as (...args: unknown[]) => unknown;
    if (input.kind === "timed" && context.moduleUrl.endsWith(`/${KERNEL_MODULE}`)) {
      // The learner's side: `entry` is the kernel's export, imported here too (its
      // compile is timed, as a driver's would be); the Workers import it again.
      // The baseline, on the same input, is called with its arguments below.
      return driveKernel(context.moduleUrl, input.chunkSeed, input.chunks, input.threads);
    }
    if (input.kind !== "kernel") return call(...args);
    try {
      return call(...args);
    } catch (thrown) {
      // The stub's unreachable() traps; so do abort(), a failed assert and a
      // throw in AssemblyScript (the build turns them into traps).
      if (thrown instanceof WebAssembly.RuntimeError && /unreachable/.test(thrown.message)) {
        throw new Error(
          "Not implemented: partialSum() reached unreachable() (the stub's, or an abort, assert or throw in kernel.as.ts)",
        );
      }
      throw thrown;
    }
  },
  outputOf: (returned) => returned,
  transferables: () => [],
  validate(value, input) {
    return finiteNumber(value, input.kind === "kernel" ? "returned" : "resolved to");
  },
  checkWorkers(input, meta) {
    // The timed runs' Workers are the check's own.
    if (input.kind !== "driver") return null;
    if (meta.workersStarted !== input.threads) {
      return `started ${meta.workersStarted} Workers; expected exactly ${input.threads} (one per interval)`;
    }
    if (meta.workersTerminated < meta.workersStarted) {
      return `left ${
        meta.workersStarted - meta.workersTerminated
      } Workers running (terminate them)`;
    }
    return null;
  },
  compare(expected, actual, input) {
    const error = Math.abs(actual - expected);
    if (error <= RELATIVE_TOLERANCE * Math.max(Math.abs(expected), 1e-300)) return null;
    return `${describeInput(input)}: expected ${expected}, got ${actual} (off by ${
      error.toExponential(2)
    }; tolerance ${RELATIVE_TOLERANCE} relative)`;
  },
  describe: describeInput,
  benchmark: {
    pairs: 7,
    sizes: {
      default: { label: "≈ 2·10^7 numbers from a random k (5·10^7 on Workers against one)" },
    },
    // One Worker: the baseline (exercise 1's string test) is single-threaded too.
    input: (rng) => ({
      kind: "driver",
      n: rng.int(BENCHMARK_N.min, BENCHMARK_N.max),
      threads: 1,
      chunkSeed: rng.int(1, 2 ** 31 - 1),
    }),
    // Every Worker count gets the same, larger n (PARALLEL_SCALE).
    withThreads(input, threads) {
      if (input.kind !== "driver") return input;
      return { ...input, n: Math.round(input.n * PARALLEL_SCALE), threads };
    },
    // `bench 8 --n`: withThreads multiplies n by PARALLEL_SCALE; the kernel's numbers are
    // 32-bit, so the chunks must stay below MAX_N.
    withN(input, n) {
      if (!Number.isSafeInteger(n) || n < 1 || n > MAX_N) {
        throw new RangeError(`give a whole n from 1 to ${MAX_N} (the kernel counts in 32 bits)`);
      }
      return input.kind === "driver" ? { ...input, n: Math.round(n / PARALLEL_SCALE) } : input;
    },
    // One digit test per number: `factor` times the numbers, from the same k.
    scaled(input, factor) {
      switch (input.kind) {
        case "kernel": {
          const length = Math.min(
            MAX_N,
            Math.max(1, Math.round((input.hi - input.lo + 1) * factor)),
          );
          const lo = Math.max(1, Math.min(input.lo, MAX_N - length + 1));
          return { ...input, lo, hi: lo + length - 1 };
        }
        case "driver":
          return { ...input, n: Math.max(1, Math.round(input.n * factor)) };
        case "timed":
          return { ...input, chunks: Math.max(1, Math.round(input.chunks * factor)) };
      }
    },
    // The speed parts time the learner's kernel with the check's driver.
    timed: {
      module: KERNEL_MODULE,
      exportName: "partialSum",
      input: timedInput,
      ownLabel: "your kernel on 1 Worker (the check's driver)",
    },
    // Question 4's table: 1, 2 and 4 cores.
    scalingThreads: [1, 2, 4],
  },
  timeoutMs: 15_000,
};
