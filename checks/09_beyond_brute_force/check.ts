/**
 * Exercise 9's hidden check: `slowSeriesFast(n, digit)` for every digit 1 to 9,
 * against the brute force, and timed against exercise 8's WebAssembly kernel.
 *
 * @module
 */
import type { ExerciseCheck, TestCase } from "../../lib/check/types.ts";
import { describeValue } from "../../lib/check/describe.ts";
import { slowSeriesBaseline } from "../01_slow_series/baseline.ts";

export interface FastInput {
  n: number;
  digit: number;
}

/**
 * Relative tolerance. Added in ascending k the sum is the brute force's bit for
 * bit; the design notes measured a split or reordered sum within 4e-13 relative
 * at n = 10^8. Missing one term at n = 10^6 moves the sum by ~7e-8 relative.
 */
export const RELATIVE_TOLERANCE = 1e-12;
/** The benchmark: n ≈ 10^8 without 9, where the kernel of exercise 8 takes ~0.8 s. */
const BENCHMARK_N = 100_000_000;

export const check: ExerciseCheck<FastInput, number> = {
  cases(rng) {
    const cases: TestCase<FastInput, number>[] = [
      { name: "n = 0 is an empty sum", input: { n: 0, digit: 9 } },
      { name: "n = 1 without 1 leaves nothing", input: { n: 1, digit: 1 } },
      { name: "n = 10 without 1 (10 goes too)", input: { n: 10, digit: 1 } },
    ];
    for (let digit = 1; digit <= 9; digit++) {
      const small = rng.int(2, 9_999);
      const power = 10 ** rng.int(3, 6) + rng.pick([-1, 1]);
      // An n that contains the digit: its own last term is left out.
      const containing = Number(`${rng.int(1, 8)}${digit}${rng.int(0, 9999)}`);
      const large = rng.int(100_000, 1_000_000);
      for (
        const [label, n] of [["small", small], ["10^k ± 1", power], ["n contains it", containing], [
          "random",
          large,
        ]] as const
      ) {
        cases.push({ name: `digit ${digit}, ${label}: n = ${n}`, input: { n, digit } });
      }
    }
    return cases;
  },
  expected: ({ n, digit }) => slowSeriesBaseline(n, String(digit)),
  prepare: ({ n, digit }) => [n, digit],
  outputOf: (returned) => returned,
  transferables: () => [],
  validate(value) {
    if (typeof value !== "number") return `returned ${describeValue(value)}; expected a number`;
    if (!Number.isFinite(value)) return `returned ${value}; expected a finite sum`;
    return null;
  },
  compare(expected, actual, { n, digit }) {
    const error = Math.abs(actual - expected);
    if (error <= RELATIVE_TOLERANCE * Math.max(Math.abs(expected), 1e-300)) return null;
    return `slowSeriesFast(${n}, ${digit}): expected ${expected}, got ${actual} (off by ${
      error.toExponential(2)
    }; tolerance ${RELATIVE_TOLERANCE} relative)`;
  },
  describe: ({ n, digit }) => `n = ${n}, digit ${digit}`,
  benchmark: {
    pairs: 9,
    sizes: { default: { label: "n ≈ 10^8 without 9" } },
    input: (rng) => ({ n: BENCHMARK_N - rng.int(0, 100_000), digit: 9 }),
  },
  timeoutMs: 20_000,
};
