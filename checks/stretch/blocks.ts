/**
 * Support for exercise 9's stretch ("at the compiled limit"): whether a
 * learner's WebAssembly block enumeration returns the brute force's sum bit for
 * bit, on sizes that cross every kind of boundary (partial hundreds, a carry
 * into a new leading digit). A separate module so that the hidden check of
 * exercise 9 can call it without this file touching the check itself. It lives
 * in checks/ because a hidden check may import only the check kit, data/ and
 * checks/ (`tests/modules/layering_test.ts`).
 *
 * @module
 */

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

/** The brute force in ascending k: the sum a correct kernel must equal, bit for bit. */
export function bruteForceSum(n: number): number {
  let total = 0;
  for (let k = 1; k <= n; k++) {
    let rest = k;
    let nine = false;
    while (rest > 0) {
      const next = Math.floor(rest / 10);
      if (rest - next * 10 === 9) {
        nine = true;
        break;
      }
      rest = next;
    }
    if (!nine) total += 1 / k;
  }
  return total;
}

/** The first size where `blockSum` differs from the brute force, or null when none does. */
export function firstMismatch(
  blockSum: (n: number) => number,
  sizes: readonly number[] = STRETCH_SIZES,
): { n: number; got: number; expected: number } | null {
  for (const n of sizes) {
    const got = blockSum(n);
    const expected = bruteForceSum(n);
    if (!Object.is(got, expected)) return { n, got, expected };
  }
  return null;
}
