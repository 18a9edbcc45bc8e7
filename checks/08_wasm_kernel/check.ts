/**
 * Exercise 8's hidden check: the learner's compiled kernel `partialSum(lo, hi)`
 * (imported straight from their kernel.wasm, so a real kernel is required), and
 * the driver `slowSeriesWasm(n, threads)`. Speed: the driver on one Worker
 * against exercise 1's string test, then on two Workers against one.
 *
 * @module
 */
import type { Entry, ExerciseCheck, TestCase } from "../../lib/check/types.ts";
import { describeValue } from "../../lib/check/describe.ts";
import { knownSums } from "../../data/known_sums.ts";
import { RELATIVE_TOLERANCE } from "../01_slow_series/check.ts";
import { slowSeriesBaseline } from "../01_slow_series/baseline.ts";

export type WasmKernelInput =
  /** `partialSum(lo, hi)`, called on the learner's kernel.wasm. */
  | { kind: "kernel"; lo: number; hi: number }
  /** `slowSeriesWasm(n, threads)`. */
  | { kind: "driver"; n: number; threads: number };

/** The largest n the driver takes, and the largest k the kernel is tested on. */
const MAX_N = 2_000_000_000;
const RANDOM_KERNEL_CASES = 10;
/** Random intervals hold up to this many numbers: each case stays well under a second. */
const MAX_RANDOM_LENGTH = 300_000;
const RANDOM_DRIVER_CASES = 6;
const MAX_RANDOM_DRIVER_N = 3_000_000;
/**
 * Benchmark n: about 0.9 s for the string test here, and about 0.2 s for the
 * reference on one Worker (module load, the Worker's start and the kernel's
 * slow first chunk included).
 */
const BENCHMARK_N = 20_000_000;
/**
 * The Workers are timed on 2.5× the benchmark's n (5·10^7): at 2·10^7 a
 * Worker's share is 75 ms of work against 20–40 ms of starting it and loading
 * the kernel, and two Workers measured 1.26–1.52× over one. At 10^8 (the
 * course's n) a check would take 30 s.
 */
const PARALLEL_SCALE = 2.5;

/** The file the kernel cases import, in the learner's exercise folder. */
const KERNEL_MODULE = "kernel.wasm";

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
  return input.kind === "kernel"
    ? `partialSum(${input.lo}, ${input.hi})`
    : `slowSeriesWasm(${input.n}, ${input.threads})`;
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
  expected: (input) =>
    input.kind === "kernel" ? nineFreeSum(input.lo, input.hi) : slowSeriesBaseline(input.n, "9"),
  prepare: (input) => input.kind === "kernel" ? [input.lo, input.hi] : [input.n, input.threads],
  invoke(entry: Entry, args: unknown[], input) {
    const call = entry as (...args: unknown[]) => unknown;
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
    const verb = input.kind === "kernel" ? "returned" : "resolved to";
    if (typeof value !== "number") return `${verb} ${describeValue(value)}; expected a number`;
    if (!Number.isFinite(value)) return `${verb} ${value}; expected a finite sum`;
    return null;
  },
  checkWorkers(input, meta) {
    if (input.kind === "kernel") return null;
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
    sizes: { default: { label: "n ≈ 2·10^7 (5·10^7 on Workers against one)" } },
    // One Worker: the baseline (exercise 1's string test) is single-threaded too.
    input: (rng) => ({ kind: "driver", n: BENCHMARK_N - rng.int(0, 100_000), threads: 1 }),
    // Every Worker count gets the same, larger n (PARALLEL_SCALE).
    withThreads(input, threads) {
      if (input.kind !== "driver") return input;
      return { kind: "driver", n: Math.round(input.n * PARALLEL_SCALE), threads };
    },
    // Question 4's table: 1, 2 and 4 cores.
    scalingThreads: [1, 2, 4],
  },
  timeoutMs: 15_000,
};
