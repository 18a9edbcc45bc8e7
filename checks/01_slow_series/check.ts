/**
 * Exercise 1's hidden check: which inputs `slowSeries(n, omit)` is tested on,
 * the trusted answers, and the benchmark input.
 *
 * @module
 */
import type { ExerciseCheck, TestCase } from "../../lib/check/types.ts";
import { describeValue } from "../../lib/check/describe.ts";
import { knownSums } from "../../data/known_sums.ts";
import { slowSeriesBaseline } from "./baseline.ts";

export interface SlowSeriesInput {
  n: number;
  omit: string;
}

/**
 * Relative tolerance. Summing in another order (blocks, Workers, a compensated
 * sum) moves the result by about 1e-13 relative at n = 1e8; leaving out or adding
 * a single term moves it by at least (1/n) / 15 ≈ 7e-9 at the benchmark's n ≈ 1e7.
 * 1e-10 accepts the first with a wide margin and catches the second.
 */
export const RELATIVE_TOLERANCE = 1e-10;
/** Hidden random cases stay at or below this n, so the whole check stays quick. */
const MAX_RANDOM_N = 1_000_000;
const RANDOM_CASES = 12;
/** Benchmark n: about 0.45 s for the string baseline here, 0.15 s for the integer test. */
const BENCHMARK_N = 10_000_000;

/** The fixed edge cases of the slow series (also used by exercise 4's check). */
export const SLOW_SERIES_EDGE_CASES: readonly TestCase<SlowSeriesInput, number>[] = [
  { name: "n = 0 is an empty sum", input: { n: 0, omit: "9" } },
  { name: "n = 1", input: { n: 1, omit: "9" } },
  { name: 'n = 1 with omit "1" leaves nothing', input: { n: 1, omit: "1" } },
  { name: 'n = 9, omit "9" (the last term goes)', input: { n: 9, omit: "9" } },
  { name: 'n = 10, omit "0"', input: { n: 10, omit: "0" } },
  { name: 'n = 101, omit "0"', input: { n: 101, omit: "0" } },
  { name: 'n = 1000, omit "05" (5 stays, 105 goes)', input: { n: 1000, omit: "05" } },
  { name: 'n = 999, omit "00"', input: { n: 999, omit: "00" } },
  { name: 'n = 10001, omit "42"', input: { n: 10001, omit: "42" } },
];

/** Digit strings of one or two digits, with leading zeros: "0", "7", "05", "42". */
export function randomOmit(rng: { int(a: number, b: number): number }): string {
  const length = rng.int(1, 2);
  let omit = "";
  for (let i = 0; i < length; i++) omit += String(rng.int(0, 9));
  return omit;
}

export const check: ExerciseCheck<SlowSeriesInput, number> = {
  cases(rng) {
    const cases: TestCase<SlowSeriesInput, number>[] = [...SLOW_SERIES_EDGE_CASES];
    for (const power of [2, 3, 4, 5]) {
      const around = 10 ** power + rng.int(-1, 1);
      const omit = String(rng.int(0, 9));
      cases.push({
        name: `around 10^${power}: n = ${around}, omit "${omit}"`,
        input: { n: around, omit },
      });
    }
    // Known sums from data/, computed independently with compensated summation.
    for (const known of knownSums().filter((s) => s.n === 1_000_000 && s.omit.length === 1)) {
      cases.push({
        name: `known sum: n = 10^6, omit "${known.omit}"`,
        input: { n: known.n, omit: known.omit },
        expected: known.sum,
      });
    }
    for (let i = 1; i <= RANDOM_CASES; i++) {
      const input = { n: rng.int(2, MAX_RANDOM_N), omit: randomOmit(rng) };
      cases.push({ name: `random ${i}: n = ${input.n}, omit "${input.omit}"`, input });
    }
    return cases;
  },
  expected: ({ n, omit }) => slowSeriesBaseline(n, omit),
  prepare: ({ n, omit }) => [n, omit],
  outputOf: (returned) => returned,
  transferables: () => [],
  validate(value) {
    if (typeof value !== "number") {
      return `returned ${describeValue(value)}; expected a number`;
    }
    if (Number.isNaN(value)) return "returned NaN; expected a finite sum";
    if (!Number.isFinite(value)) return `returned ${value}; expected a finite sum`;
    return null;
  },
  compare(expected, actual, input) {
    const error = Math.abs(actual - expected);
    if (error <= RELATIVE_TOLERANCE * Math.max(Math.abs(expected), 1e-300)) return null;
    return `slowSeries(${input.n}, "${input.omit}"): expected ${expected}, got ${actual} ` +
      `(off by ${error.toExponential(2)}; tolerance ${RELATIVE_TOLERANCE} relative)`;
  },
  describe: ({ n, omit }) => `n = ${n}, omit "${omit}"`,
  benchmark: {
    pairs: 11,
    sizes: { default: { label: "n ≈ 10^7" } },
    input(rng) {
      // A fresh n and digit per pair: no two samples share an input.
      return { n: BENCHMARK_N - rng.int(0, 100_000), omit: String(rng.int(0, 9)) };
    },
  },
  timeoutMs: 10_000,
};
