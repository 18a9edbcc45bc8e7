/**
 * Exercise 9's hidden check: `slowSeriesFast(n, digit, seed)` for every digit 1 to 9,
 * against the brute force, and timed against exercise 8's WebAssembly kernel
 * (with the digit as a parameter).
 *
 * @module
 */
import { finiteNumber } from "../../lib/check/kit.ts";
import type { ExerciseCheck, TestCase } from "../../lib/check/types.ts";
import { slowSeriesBaseline } from "../01_slow_series/baseline.ts";
import { randomSeed, seriesMismatch } from "../01_slow_series/check.ts";

export interface FastInput {
  n: number;
  digit: number;
  /** The signs' seed (`checks/shared/term_sign.ts`): 0 for the course's series. */
  seed: number;
}

/**
 * Relative tolerance, to the sum's scale (max(|sum|, ln n + 1), see exercise 1's
 * `seriesMismatch`). Added in ascending k the sum is the brute force's bit for
 * bit; a split or reordered sum measured within 4e-13 relative at n = 10^8.
 * Missing one term at n = 1.5·10^8 moves it by 6.7e-9, 300× the bound there.
 */
export const RELATIVE_TOLERANCE = 1e-12;
/**
 * Benchmark n, drawn uniformly from [BENCHMARK_N_MIN, BENCHMARK_N_MAX], and a
 * digit from 1 to 9: 10^8 on average, as before, where the kernel of exercise 8
 * took ~0.8 s here. The top stays far below the kernel's 32-bit limit (2^31).
 */
export const BENCHMARK_N_MIN = 50_000_000;
export const BENCHMARK_N_MAX = 150_000_000;

/*
 * Tabulation (issue 11, class 2). A cheat stores S(n_i, d) for some n_i and
 * each digit, and runs a brute force (even the baseline's own kernel, in a .wasm
 * of its own: a 1 kB file) from the nearest n_i to n. The space is n over 10^8
 * values × 9 digits (the API allows 1 to 9, nothing more). Under the source cap
 * (6,400–12,800 entries of ~10 bytes) that is 710–1,420 entries per digit,
 * 70,000–140,000 apart: the cheat tests 18,000–35,000 numbers on average,
 * 0.02–0.04% of the honest 10^8, and reaches gold. A few entries per digit
 * suffice: one at 10^8 gives more than the pass tier's 4× for ~53% of the n drawn,
 * three give gold. A loop of ~n empty steps fools a work-scaling witness.
 * Closing it needs an API change (a sum that depends on a secret drawn per
 * sample); the range and the digit only make the table cover all of them.
 */

export const check: ExerciseCheck<FastInput, number> = {
  cases(rng) {
    const cases: TestCase<FastInput, number>[] = [
      { name: "n = 0 is an empty sum", input: { n: 0, digit: 9, seed: 0 } },
      { name: "n = 1 without 1 leaves nothing", input: { n: 1, digit: 1, seed: 0 } },
      { name: "n = 10 without 1 (10 goes too)", input: { n: 10, digit: 1, seed: 0 } },
      { name: "n = 100, seed 2^32 − 1", input: { n: 100, digit: 9, seed: 0xffff_ffff } },
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
        // The course's series for the small n, signs for the rest.
        const seed = label === "small" ? 0 : randomSeed(rng);
        cases.push({
          name: `digit ${digit}, ${label}: ${describe({ n, digit, seed })}`,
          input: { n, digit, seed },
        });
      }
    }
    return cases;
  },
  expected: ({ n, digit, seed }) => slowSeriesBaseline(n, String(digit), seed),
  prepare: ({ n, digit, seed }) => [n, digit, seed],
  outputOf: (returned) => returned,
  transferables: () => [],
  validate: (value) => finiteNumber(value),
  compare(expected, actual, { n, digit, seed }) {
    const mismatch = seriesMismatch(expected, actual, n, RELATIVE_TOLERANCE);
    if (mismatch === null) return null;
    return `slowSeriesFast(${n}, ${digit}, ${seed}): expected ${expected}, got ${actual} (${mismatch})`;
  },
  describe,
  benchmark: {
    pairs: 9,
    sizes: { default: { label: "n from 5·10^7 to 1.5·10^8, a digit 1 to 9, a seed" } },
    input: (rng) => ({
      n: rng.int(BENCHMARK_N_MIN, BENCHMARK_N_MAX),
      digit: rng.int(1, 9),
      seed: randomSeed(rng),
    }),
    /**
     * `factor` times the n, the same digit: `factor` times the numbers the
     * baseline tests, and about as many times the numbers an enumeration visits
     * (the kept fraction, (9/10)^digits, falls by a tenth per digit of n). At
     * least 1, at most 2^31 − 2 (the kernel's limit: a factor up to ~14 here).
     */
    scaled: ({ n, digit, seed }, factor) => ({
      n: Math.max(1, Math.min(2 ** 31 - 2, Math.round(n * factor))),
      digit,
      seed,
    }),
  },
  timeoutMs: 20_000,
};

/** One line naming an input, for test names and messages. */
function describe({ n, digit, seed }: FastInput): string {
  return `n = ${n}, digit ${digit}${seed === 0 ? "" : `, seed ${seed}`}`;
}
