/**
 * Exercise 4's hidden check: which inputs `pipeline(n, omit)` is tested on, the
 * trusted answers, and the benchmark input. The answer is exercise 1's slow
 * series, so the oracle and the tolerance are exercise 1's.
 *
 * @module
 */
import type { ExerciseCheck, TestCase } from "../../lib/check/types.ts";
import { describeValue } from "../../lib/check/describe.ts";
import {
  randomOmit,
  RELATIVE_TOLERANCE,
  SLOW_SERIES_EDGE_CASES,
  type SlowSeriesInput,
} from "../01_slow_series/check.ts";
import { slowSeriesBaseline } from "../01_slow_series/baseline.ts";

/** Hidden random cases stay at or below this n: the given pipeline takes ~50 ms there. */
const MAX_RANDOM_N = 200_000;
const RANDOM_CASES = 10;
/**
 * Benchmark n: the given pipeline takes 0.47–0.64 s here (module load in a fresh
 * Worker included), the reference 80–106 ms. The pipeline holds n integers, n
 * strings and three typed arrays at once: the process peaks near 250 MB.
 */
const BENCHMARK_N = 2_500_000;
/** Eleven pairs of ~0.7 s, each in a fresh runner: the whole check takes 9–13 s here. */
const PAIRS = 11;

export const check: ExerciseCheck<SlowSeriesInput, number> = {
  cases(rng) {
    const cases: TestCase<SlowSeriesInput, number>[] = [...SLOW_SERIES_EDGE_CASES];
    // Around each power of ten, where the number of digits changes.
    for (const power of [1, 2, 3, 4, 5]) {
      for (const offset of [-1, 0, 1]) {
        const n = 10 ** power + offset;
        const omit = String(rng.int(0, 9));
        cases.push({ name: `around 10^${power}: n = ${n}, omit "${omit}"`, input: { n, omit } });
      }
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
    return `pipeline(${input.n}, "${input.omit}"): expected ${expected}, got ${actual} ` +
      `(off by ${error.toExponential(2)}; tolerance ${RELATIVE_TOLERANCE} relative)`;
  },
  describe: ({ n, omit }) => `n = ${n}, omit "${omit}"`,
  benchmark: {
    pairs: PAIRS,
    sizes: { default: { label: "n ≈ 2.5·10^6" } },
    input(rng) {
      // A fresh n and digit per pair: no two samples share an input.
      return { n: BENCHMARK_N - rng.int(0, 50_000), omit: String(rng.int(0, 9)) };
    },
  },
  timeoutMs: 10_000,
};
