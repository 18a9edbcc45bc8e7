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
import { drawSignSeed } from "../shared/term_sign.ts";
import { seriesMismatch } from "../01_slow_series/check.ts";
import { bruteForceSum, STRETCH_SEEDS, STRETCH_SIZES } from "../stretch/blocks.ts";

export interface FastInput {
  n: number;
  digit: number;
  /** The signs' seed (`checks/shared/term_sign.ts`): 0 for the course's series. */
  seed: number;
  /**
   * The stretch (`blockSum(n, seed)` of block_kernel.wasm, digit 9): `timed`
   * is one sum after warm-up calls, `sizes` every boundary size and seed of
   * checks/stretch/blocks.ts in one sample. Absent for the main exercise.
   */
  stretch?: "timed" | "sizes";
}

/**
 * Warm-up calls before the stretch's timed sum, in the same (timed) sample: a
 * running WebAssembly call never switches tier, so a first call may run slower
 * code throughout. Measured here (AMD EPYC, fresh process each, the reference
 * kernel, n = 10^8, a seed): no warm-up 44.9 ms; four calls at n = 10^6 first
 * 24–37 ms; four at 3·10^6 (7 ms in all) 24–25 ms. Only the .wasm is warmed
 * (the baseline warms its kernel by its own chunks).
 */
export const STRETCH_WARMUPS = 4;
/** The n of each warm-up call (about 1.6·10^6 terms). */
export const STRETCH_WARMUP_N = 3_000_000;

/** The stretch input of a benchmark input: its n and seed, the digit 9 (the kernel's). */
export function stretchInput({ n, seed }: FastInput): FastInput {
  return { n, digit: 9, seed, stretch: "timed" };
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

/** A sum; the stretch's boundary sample returns one per size and seed. */
type FastOutput = number | number[];

export const check: ExerciseCheck<FastInput, FastOutput> = {
  cases(rng) {
    const cases: TestCase<FastInput, FastOutput>[] = [
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
        const seed = label === "small" ? 0 : drawSignSeed(rng);
        cases.push({
          name: `digit ${digit}, ${label}: ${describe({ n, digit, seed })}`,
          input: { n, digit, seed },
        });
      }
    }
    return cases;
  },
  expected: ({ n, digit, seed, stretch }) =>
    stretch === "sizes"
      ? stretchSizeSums((size, sizeSeed) => bruteForceSum(size, sizeSeed))
      : slowSeriesBaseline(n, String(digit), seed),
  prepare: ({ n, digit, seed, stretch }) => stretch === undefined ? [n, digit, seed] : [n, seed],
  // Worker side: the stretch's kernel is warmed up, then called; the main entry as it is.
  invoke(entry, args, input, { moduleUrl }) {
    const call = entry as (...a: unknown[]) => unknown;
    if (input.stretch === "sizes") {
      return stretchSizeSums((size, sizeSeed) => call(size, sizeSeed) as number);
    }
    if (input.stretch === "timed" && moduleUrl.endsWith(".wasm")) {
      for (let w = 0; w < STRETCH_WARMUPS; w++) call(STRETCH_WARMUP_N, input.seed);
    }
    return call(...args);
  },
  outputOf: (returned) => returned,
  transferables: () => [],
  validate: (value, input) =>
    input.stretch !== "sizes"
      ? finiteNumber(value)
      : Array.isArray(value) && value.length === STRETCH_SIZES.length * STRETCH_SEEDS.length &&
          value.every((v) => typeof v === "number")
      ? null
      : `expected ${STRETCH_SIZES.length * STRETCH_SEEDS.length} sums, one per size and seed`,
  compare(expected, actual, { n, digit, seed, stretch }) {
    if (stretch !== undefined) return stretchMismatch(expected, actual, n, seed);
    const mismatch = seriesMismatch(expected as number, actual as number, n, RELATIVE_TOLERANCE);
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
      seed: drawSignSeed(rng),
    }),
    /**
     * `factor` times the n, the same digit: `factor` times the numbers the
     * baseline tests, and about as many times the numbers an enumeration visits
     * (the kept fraction, (9/10)^digits, falls by a tenth per digit of n). At
     * least 1, at most 2^31 − 2 (the kernel's limit: a factor up to ~14 here).
     */
    // The stretch: the learner's block_kernel.wasm against exercise 8's kernel
    // chained in order (bit for bit the brute force), on each pair's n and seed:
    // a fresh seed per pair, so no table of sums answers it.
    stretch: {
      module: "block_kernel.wasm",
      exportName: "blockSum",
      baseline: {
        module: "checks/09_beyond_brute_force/baseline.ts",
        exportName: "stretchBaseline",
        label: "exercise 8's kernel, in order",
      },
      input: stretchInput,
      preflight: [{ n: 0, digit: 9, seed: 0, stretch: "sizes" }],
    },
    scaled: ({ n, digit, seed }, factor) => ({
      n: Math.max(1, Math.min(2 ** 31 - 2, Math.round(n * factor))),
      digit,
      seed,
    }),
  },
  timeoutMs: 20_000,
};

/** One line naming an input, for test names and messages. */
function describe({ n, digit, seed, stretch }: FastInput): string {
  if (stretch === "sizes") {
    return `blockSum on ${STRETCH_SIZES.length} boundary sizes × ${STRETCH_SEEDS.length} seeds`;
  }
  const which = stretch === undefined ? "" : "blockSum: ";
  return `${which}n = ${n}, digit ${digit}${seed === 0 ? "" : `, seed ${seed}`}`;
}

/** `sum` on every boundary size and seed of the stretch, seeds outermost (firstMismatch's order). */
function stretchSizeSums(sum: (n: number, seed: number) => number): number[] {
  return STRETCH_SEEDS.flatMap((seed) => STRETCH_SIZES.map((n) => sum(n, seed)));
}

/**
 * The stretch is judged bit for bit (its sum adds the terms in the brute
 * force's order): why `actual` is not exactly `expected`, or null.
 */
function stretchMismatch(
  expected: unknown,
  actual: unknown,
  n: number,
  seed: number,
): string | null {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    for (let i = 0; i < expected.length; i++) {
      if (!Object.is(expected[i], actual[i])) {
        const size = STRETCH_SIZES[i % STRETCH_SIZES.length];
        const sizeSeed = STRETCH_SEEDS[Math.floor(i / STRETCH_SIZES.length)];
        return `blockSum(${size}, ${sizeSeed}): expected ${expected[i]}, got ${
          actual[i]
        } (bit for bit: the terms in ascending k)`;
      }
    }
    return null;
  }
  return Object.is(expected, actual)
    ? null
    : `blockSum(${n}, ${seed}): expected ${expected}, got ${actual} (bit for bit: the terms in ascending k)`;
}
