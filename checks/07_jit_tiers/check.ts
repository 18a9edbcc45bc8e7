/**
 * Exercise 7's hidden check: `trigSeries(n, seed)` and
 * `trigSeriesParallel(n, workers, seed)` against a double-double sum of
 * termSign(seed, i)·Math.cos(i)/i. Speed: the learner's code on one Worker
 * against the plain `Math.cos` loop, then on two Workers against one.
 *
 * Seed 0 is the course's series Σ cos(i)/i, which has a closed form: −ln(2 sin ½)
 * minus an asymptotic tail gives any partial sum in O(1). Every timed input and
 * most tests take a nonzero seed, whose signs (`../shared/term_sign.ts`) no formula sums.
 *
 * @module
 */
import { finiteNumber } from "../../lib/check/kit.ts";
import type { ExerciseCheck, TestCase } from "../../lib/check/types.ts";
import { termSign } from "../shared/term_sign.ts";

export type JitTiersInput =
  /** `trigSeries(n, seed)`, on the calling thread. */
  | { kind: "serial"; n: number; seed: number }
  /** `trigSeriesParallel(n, workers, seed)`. */
  | { kind: "parallel"; n: number; workers: number; seed: number };

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
 * Benchmark n, 1.6·10^7 to 2.4·10^7 with a random nonzero 32-bit seed: about
 * 1.1 s for the plain loop here at 2·10^7 and 0.1 s for the reference on one
 * Worker (its loop takes 70 ms, starting the Worker and loading the module the
 * rest), so that a pair takes about 1.5 s.
 */
export const BENCHMARK_N = { min: 16_000_000, max: 24_000_000 } as const;
/** Seeds are 32-bit integers; 0 (the course's series, which has a closed form) is never timed. */
const MAX_SEED = 2 ** 31 - 1;
/**
 * The Workers are timed on 5× the benchmark's n (10^8, the course's n): at 2·10^7
 * the reference's loop takes 35 ms a Worker, less than it takes to start one,
 * and two Workers measured no faster than one. The plain loop, the baseline of
 * the first part, would take 5.5 s at 10^8.
 */
const PARALLEL_SCALE = 5;

/**
 * The trusted sum: termSign(seed, i)·Math.cos(i)/i for i = 1..n, added in
 * double-double arithmetic (Knuth's two-sum), so that the sum itself adds no
 * error worth counting. Plain on purpose: one Math.cos per term.
 */
export function trigOracle(n: number, seed = 0): number {
  let hi = 0;
  let lo = 0;
  for (let i = 1; i <= n; i++) {
    const term = termSign(seed, i) * Math.cos(i) / i;
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
    ? `trigSeries(${input.n}, ${input.seed})`
    : `trigSeriesParallel(${input.n}, ${input.workers}, ${input.seed})`;
}

function serial(name: string, n: number, seed: number): TestCase<JitTiersInput, number> {
  return { name, input: { kind: "serial", n, seed }, exportName: "trigSeries" };
}

function parallel(
  name: string,
  n: number,
  workers: number,
  seed: number,
): TestCase<JitTiersInput, number> {
  return { name, input: { kind: "parallel", n, workers, seed } };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

export const check: ExerciseCheck<JitTiersInput, number> = {
  cases(rng) {
    const seed = () => rng.int(1, MAX_SEED);
    const cases: TestCase<JitTiersInput, number>[] = [
      // Seed 0: the course's series, every sign +1.
      serial("trigSeries(0, 0) is an empty sum", 0, 0),
      serial("trigSeries(1, 0) is cos 1", 1, 0),
      serial("trigSeries(2, 0)", 2, 0),
      serial("trigSeries(3, 0) is close to 0 (0.0021)", 3, 0),
      // Around 1024, where a recurrence restarted every 1024 terms changes anchor.
      serial("trigSeries(1023, 0)", 1023, 0),
      serial("trigSeries(1025, 0)", 1025, 0),
      serial("trigSeries(10^6, 0), the course's series", 1_000_000, 0),
      // Signs from a seed: around 32 (a new word of signs) and 1024 again.
      serial("trigSeries(33, 1): the signs of seed 1", 33, 1),
      serial("trigSeries(1025, 2)", 1025, 2),
    ];
    for (let power = 1; power <= 7; power++) {
      const s = seed();
      cases.push(serial(`trigSeries(10^${power}, ${s})`, 10 ** power, s));
    }
    for (let i = 1; i <= RANDOM_SERIAL_CASES; i++) {
      const n = rng.int(2, MAX_RANDOM_N);
      const s = seed();
      cases.push(serial(`random ${i}: trigSeries(${n}, ${s})`, n, s));
    }
    cases.push(
      parallel("n = 0 on 2 Workers", 0, 2, seed()),
      parallel("n = 1 on 1 Worker", 1, 1, seed()),
      parallel("more Workers than terms: n = 3 on 5", 3, 5, seed()),
      parallel("n = 10^6 on 2 Workers, seed 0", 1_000_000, 2, 0),
      parallel("n = 10^6 on 2 Workers", 1_000_000, 2, seed()),
    );
    for (let i = 1; i <= RANDOM_PARALLEL_CASES; i++) {
      const n = rng.int(2, MAX_RANDOM_N);
      const workers = rng.int(1, 8);
      const s = seed();
      cases.push(
        parallel(`random ${i}: n = ${n} on ${plural(workers, "Worker")}, seed ${s}`, n, workers, s),
      );
    }
    return cases;
  },
  expected: (input) => trigOracle(input.n, input.seed),
  prepare: (input) =>
    input.kind === "serial" ? [input.n, input.seed] : [input.n, input.workers, input.seed],
  outputOf: (returned) => returned,
  transferables: () => [],
  validate(value, input) {
    return finiteNumber(value, input.kind === "serial" ? "returned" : "resolved to");
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
    }; tolerance ${ABSOLUTE_TOLERANCE} absolute)${
      input.seed === 0 ? "" : `; term i has the sign termSign(${input.seed}, i)`
    }`;
  },
  describe: describeInput,
  benchmark: {
    pairs: 7,
    sizes: { default: { label: "n ≈ 2·10^7, a random seed (10^8 on Workers against one)" } },
    // trigSeriesParallel on one Worker: single-threaded code, against the plain
    // loop (which ignores the Worker count and runs on its own thread).
    input: (rng) => ({
      kind: "parallel",
      n: rng.int(BENCHMARK_N.min, BENCHMARK_N.max),
      workers: 1,
      seed: rng.int(1, MAX_SEED),
    }),
    // Every Worker count gets the same, larger n (PARALLEL_SCALE).
    withThreads: (input, threads) => ({
      kind: "parallel",
      n: input.n * PARALLEL_SCALE,
      workers: threads,
      seed: input.seed,
    }),
    // One cosine per term: `factor` times the terms, the same seed.
    scaled: (input, factor) => ({ ...input, n: Math.max(1, Math.round(input.n * factor)) }),
    // `bench 7 --n`: withThreads multiplies n by PARALLEL_SCALE, so the table sums n terms
    // when n is a multiple of it (10^8 and 10^10, the course's two sizes, are).
    withN(input, n) {
      if (!Number.isSafeInteger(n) || n < PARALLEL_SCALE || n % PARALLEL_SCALE !== 0) {
        throw new RangeError(`give a whole n that is a multiple of ${PARALLEL_SCALE}, e.g. 1e8`);
      }
      return { ...input, n: n / PARALLEL_SCALE };
    },
  },
  timeoutMs: 15_000,
};
