/**
 * Exercise 7's hidden check: `trigSeries(n)` and `trigSeriesParallel(n, workers)`
 * against a double-double sum of Math.cos(i)/i. Speed: the learner's code on
 * one Worker against the plain `Math.cos` loop, then on two Workers against one.
 *
 * @module
 */
import type { ExerciseCheck, TestCase } from "../../lib/check/types.ts";
import { describeValue } from "../../lib/check/describe.ts";

export type JitTiersInput =
  /** `trigSeries(n)`, on the calling thread. */
  | { kind: "serial"; n: number }
  /** `trigSeriesParallel(n, workers)`. */
  | { kind: "parallel"; n: number; workers: number };

/**
 * Absolute tolerance. The sum hovers near 0.042 and passes close to 0 (at n = 3
 * it is 0.0021), so a relative tolerance would mean nothing there. What a
 * correct program can be off by, for n ≤ 10^7 (H_n ≤ 16.7 is the harmonic sum,
 * u = 2^−53):
 * - the oracle: each term within 1.5 ulp (Math.cos within one, the division
 *   half), so ≤ 3u·H_n ≈ 6e−15; the double-double sum adds nothing visible;
 * - a plain left-to-right sum in doubles: measured 2e−15 at 10^6, 6e−15 at 10^7;
 * - the recurrence re-anchored every K ≤ 1024 terms: each cosine within
 *   (3K + 1)·√2·u ≈ 4.9e−13 (derived in the reference solution), so the sum
 *   within 4.9e−13·H_n ≈ 8e−12 at worst; measured about 1e−15.
 * 1e−11 accepts all of these. A term left out or added is |cos n|/n, above
 * 1e−11 for n ≤ 10^7 unless |cos n| < 1e−4 (one n in 10 000).
 */
export const ABSOLUTE_TOLERANCE = 1e-11;
const RANDOM_SERIAL_CASES = 10;
const RANDOM_PARALLEL_CASES = 6;
const MAX_RANDOM_N = 1_000_000;
/**
 * Benchmark n: about 1.1 s for the plain loop here and 0.1 s for the reference
 * on one Worker (its loop takes 70 ms, starting the Worker and loading the
 * module the rest), so that a pair takes about 1.5 s.
 */
const BENCHMARK_N = 20_000_000;
/**
 * The Workers are timed on 5× the benchmark's n (10^8, the course's n): at 2·10^7
 * the reference's loop takes 35 ms a Worker, less than it takes to start one,
 * and two Workers measured no faster than one. The plain loop, the baseline of
 * the first part, would take 5.5 s at 10^8.
 */
const PARALLEL_SCALE = 5;

/**
 * The trusted sum: Math.cos(i)/i for i = 1..n, added in double-double
 * arithmetic (Knuth's two-sum), so that the sum itself adds no error worth
 * counting. Plain on purpose: one Math.cos per term.
 */
export function trigOracle(n: number): number {
  let hi = 0;
  let lo = 0;
  for (let i = 1; i <= n; i++) {
    const term = Math.cos(i) / i;
    const sum = hi + term;
    const back = sum - hi;
    const error = (hi - (sum - back)) + (term - back); // exactly hi + term − sum
    lo += error;
    hi = sum + lo; // renormalise: keep |lo| below half an ulp of hi
    lo -= hi - sum;
  }
  return hi + lo;
}

function describeInput(input: JitTiersInput): string {
  return input.kind === "serial"
    ? `trigSeries(${input.n})`
    : `trigSeriesParallel(${input.n}, ${input.workers})`;
}

function serial(name: string, n: number): TestCase<JitTiersInput, number> {
  return { name, input: { kind: "serial", n }, exportName: "trigSeries" };
}

function parallel(name: string, n: number, workers: number): TestCase<JitTiersInput, number> {
  return { name, input: { kind: "parallel", n, workers } };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

export const check: ExerciseCheck<JitTiersInput, number> = {
  cases(rng) {
    const cases: TestCase<JitTiersInput, number>[] = [
      serial("trigSeries(0) is an empty sum", 0),
      serial("trigSeries(1) is cos 1", 1),
      serial("trigSeries(2)", 2),
      serial("trigSeries(3) is close to 0 (0.0021)", 3),
      // Around 1024, where a recurrence restarted every 1024 terms changes anchor.
      serial("trigSeries(1023)", 1023),
      serial("trigSeries(1025)", 1025),
    ];
    for (let power = 1; power <= 7; power++) {
      cases.push(serial(`trigSeries(10^${power})`, 10 ** power));
    }
    for (let i = 1; i <= RANDOM_SERIAL_CASES; i++) {
      const n = rng.int(2, MAX_RANDOM_N);
      cases.push(serial(`random ${i}: trigSeries(${n})`, n));
    }
    cases.push(
      parallel("n = 0 on 2 Workers", 0, 2),
      parallel("n = 1 on 1 Worker", 1, 1),
      parallel("more Workers than terms: n = 3 on 5", 3, 5),
      parallel("n = 10^6 on 2 Workers", 1_000_000, 2),
    );
    for (let i = 1; i <= RANDOM_PARALLEL_CASES; i++) {
      const n = rng.int(2, MAX_RANDOM_N);
      const workers = rng.int(1, 8);
      cases.push(parallel(`random ${i}: n = ${n} on ${plural(workers, "Worker")}`, n, workers));
    }
    return cases;
  },
  expected: (input) => trigOracle(input.n),
  prepare: (input) => input.kind === "serial" ? [input.n] : [input.n, input.workers],
  outputOf: (returned) => returned,
  transferables: () => [],
  validate(value, input) {
    const verb = input.kind === "serial" ? "returned" : "resolved to";
    if (typeof value !== "number") return `${verb} ${describeValue(value)}; expected a number`;
    if (!Number.isFinite(value)) return `${verb} ${value}; expected a finite sum`;
    return null;
  },
  checkWorkers(input, meta) {
    const expected = input.kind === "serial" ? 0 : input.workers;
    if (meta.workersStarted !== expected) {
      return input.kind === "serial"
        ? `trigSeries started ${
          plural(meta.workersStarted, "Worker")
        }; it runs on the calling thread`
        : `started ${plural(meta.workersStarted, "Worker")}; expected exactly ${expected}`;
    }
    if (meta.workersTerminated < meta.workersStarted) {
      return `left ${
        plural(meta.workersStarted - meta.workersTerminated, "Worker")
      } running (terminate them)`;
    }
    return null;
  },
  compare(expected, actual, input) {
    const error = Math.abs(actual - expected);
    if (error <= ABSOLUTE_TOLERANCE) return null;
    return `${describeInput(input)}: expected ${expected}, got ${actual} (off by ${
      error.toExponential(2)
    }; tolerance ${ABSOLUTE_TOLERANCE} absolute)`;
  },
  describe: describeInput,
  benchmark: {
    pairs: 7,
    sizes: { default: { label: "n ≈ 2·10^7 (10^8 on Workers against one)" } },
    // trigSeriesParallel on one Worker: single-threaded code, against the plain
    // loop (which ignores the Worker count and runs on its own thread).
    input: (rng) => ({ kind: "parallel", n: BENCHMARK_N - rng.int(0, 100_000), workers: 1 }),
    // Every Worker count gets the same, larger n (PARALLEL_SCALE).
    withThreads: (input, threads) => ({
      kind: "parallel",
      n: input.n * PARALLEL_SCALE,
      workers: threads,
    }),
  },
  timeoutMs: 15_000,
};
