/**
 * Support for exercise 9's stretch ("at the compiled limit"): whether a
 * learner's WebAssembly block enumeration `blockSum(n, seed)` returns the brute
 * force's signed sum bit for bit, on sizes that cross every kind of boundary
 * (partial hundreds, a carry into a new leading digit) and on seeds whose signs
 * cross every word boundary. A separate module so that the hidden check of
 * exercise 9 can call it without this file touching the check itself. It lives
 * in checks/ because a hidden check may import only the check kit, data/ and
 * checks/ (`tests/modules/layering_test.ts`).
 *
 * @module
 */
import { slowSeriesBaseline } from "../01_slow_series/baseline.ts";

/** Sizes that cross the kernel's boundaries: 8/9/10, partial hundreds, 889→1000, a new digit. */
export const STRETCH_SIZES: readonly number[] = [
  0,
  1,
  8,
  9,
  10,
  88,
  89,
  99,
  100,
  188,
  889,
  890,
  1000,
  8888,
  9999,
  10_000,
  123_456,
  1_000_000,
];

/**
 * Seeds every size is summed with: 0 (every sign +1, the course's series), 1,
 * and the two that set the top bit (a u32 parameter must not read them as
 * negative).
 */
export const STRETCH_SEEDS: readonly number[] = [0, 1, 0x8000_0000, 0xffff_ffff];

/**
 * The brute force in ascending k: Σ termSign(seed, k)/k over the k ≤ n without
 * a 9, by exercise 1's string test; the sum a correct kernel must equal, bit for bit.
 */
export function bruteForceSum(n: number, seed = 0): number {
  return slowSeriesBaseline(n, "9", seed);
}

/** The first (size, seed) where `blockSum` differs from the brute force, or null when none does. */
export function firstMismatch(
  blockSum: (n: number, seed: number) => number,
  sizes: readonly number[] = STRETCH_SIZES,
  seeds: readonly number[] = STRETCH_SEEDS,
): { n: number; seed: number; got: number; expected: number } | null {
  for (const seed of seeds) {
    for (const n of sizes) {
      const got = blockSum(n, seed);
      const expected = bruteForceSum(n, seed);
      if (!Object.is(got, expected)) return { n, seed, got, expected };
    }
  }
  return null;
}
