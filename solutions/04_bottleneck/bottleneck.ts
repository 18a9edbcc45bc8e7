/**
 * Exercise 4, reference solution: the same pipeline, with its two costly lines
 * fixed.
 *
 * The profile of the given pipeline puts a quarter to a third of the time on
 * each of two lines (`deno task profile 4`, n ≈ 2.5·10^6): building the integers
 * with `Array.from({ length: n }, …)`, and turning each of them into a string.
 * Another quarter to a third is the garbage collector, cleaning up after those
 * two. The mask, the inverses and the sum, the lines that look like work,
 * take a few percent each. So only stages 1 and 2 change:
 *
 * - Stage 1 fills an Int32Array in a plain loop. `Array.from` on an array-like
 *   object goes through a generic path: a property read and a callback call per
 *   element, into an array that grows as it goes.
 * - Stage 2 is gone: the mask reads the digits with integer arithmetic instead of
 *   building n strings (exercise 1's lesson). Nothing is allocated per element,
 *   so the garbage collector has nothing to do either.
 *
 * @module
 */

/**
 * The sign of term k for `seed`: +1 or −1. Given: keep it as it is (the check
 * has its own copy, and sums with that one).
 *
 * Seed 0 gives +1 for every k: the course's series. The check also passes
 * other seeds, which give each term a sign from a hash of the seed and k, so
 * that no table of sums can stand in for the loop (exercise 1's README, "The seed"). The
 * bit is read without a branch: a branch the CPU cannot predict would cost more
 * than the rest of the hash.
 *
 * @param seed A 32-bit integer.
 * @param k The term's index, a positive integer (read modulo 2^32).
 * @returns 1 or −1.
 */
export function termSign(seed: number, k: number): number {
  if (seed === 0) return 1;
  // `>>>` and `&` keep k in integer registers (k is read modulo 2^32, beyond
  // any n the check times); Math.floor(k / 32) and k % 32 tripled the cost.
  let h = Math.imul(k >>> 5, 0x9e3779b1) ^ seed;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return 1 - (((h >>> (k & 31)) & 1) << 1);
}

/**
 * Sums termSign(seed, k)/k for k = 1..n whose decimal form does not contain the
 * digit string `omit`, in ascending k, with one whole array per stage.
 *
 * Leading zeros in `omit` count: with omit = "05", k = 5 is kept (its decimal
 * form is "5") and k = 105 is left out. pipeline(0, omit, seed) is 0. With
 * seed 0 every sign is +1: exercise 1's course series.
 *
 * @param n The last k to consider, an integer from 0 to 2^31 - 1.
 * @param omit The digit string to leave out, such as "9", "0", "42" or "05".
 * @param seed The signs' seed, a 32-bit integer; 0 for the course's series.
 * @returns The sum of the kept terms.
 *
 * @example Without the digit 9, the ninth term is the first to go
 * ```ts
 * import { pipeline } from "./bottleneck.ts";
 *
 * if (pipeline(9, "9", 0) !== pipeline(8, "9", 0)) throw new Error("1/9 was added");
 * if (pipeline(5, "05", 0) !== pipeline(5, "7", 0)) throw new Error("5 was left out");
 * ```
 */
export function pipeline(n: number, omit: string, seed: number): number {
  // Read `omit` once: k contains it when one of k, k / 10, k / 100, … (rounded
  // down) ends in its digits, while that number still has at least as many
  // digits as `omit` (the leading-zero rule: 5 does not contain "05").
  const value = Number(omit);
  let window = 1; // 10 ** omit.length, built by multiplying to stay a small integer
  for (let i = 0; i < omit.length; i++) window *= 10;
  const smallest = window / 10;

  // Stage 1: the integers 1..n, written by a plain loop into a typed array.
  const integers = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    integers[i] = i + 1;
  }

  // Stage 2, the decimal strings, is gone: stage 3 reads the digits directly.

  // Stage 3: a mask, 1 where the integer does not contain `omit`.
  const mask = new Uint8Array(n);
  if (omit.length === 1) {
    // One digit, the case the benchmark times: dividing by the constant 10
    // compiles to a multiplication and a shift.
    for (let i = 0; i < n; i++) {
      mask[i] = containsDigit(integers[i] as number, value) ? 0 : 1;
    }
  } else {
    for (let i = 0; i < n; i++) {
      mask[i] = containsDigits(integers[i] as number, value, window, smallest) ? 0 : 1;
    }
  }

  // Stages 4 to 6 are as they were: the profile found nothing to fix there.

  // Stage 4: the integers the mask keeps, in ascending order.
  const kept = new Float64Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (mask[i] === 1) kept[count++] = integers[i] as number;
  }

  // Stage 5: their inverses, each with its sign.
  const inverses = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    const k = kept[j] as number;
    inverses[j] = termSign(seed, k) / k;
  }

  // Stage 6: the sum, in ascending order.
  let total = 0;
  for (let j = 0; j < count; j++) {
    total += inverses[j] as number;
  }
  return total;
}

/** True when the decimal form of k (0 < k < 2^31) contains the single digit `digit`. */
function containsDigit(k: number, digit: number): boolean {
  let rest = k;
  while (rest > 0) {
    const next = (rest / 10) | 0; // int32 division, rounded down: drops the last digit
    if (rest - next * 10 === digit) return true;
    rest = next;
  }
  return false;
}

/** True when the decimal form of k (0 < k < 2^31) contains omit's digits, `value`. */
function containsDigits(k: number, value: number, window: number, smallest: number): boolean {
  let rest = k;
  while (rest >= smallest) {
    if (rest % window === value) return true;
    rest = (rest / 10) | 0;
  }
  return false;
}
