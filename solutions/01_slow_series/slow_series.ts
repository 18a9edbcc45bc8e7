/**
 * Exercise 1, reference solution: the slow series with an integer digit test.
 *
 * The string test (`String(k).includes(omit)`) builds a new string for every k.
 * Here the digits are read with `%` and `/` instead: V8 compiles those to a few
 * machine instructions on 32-bit integers, and nothing is allocated in the loop.
 * The signs' hash is computed once per block of 32 terms, not once per term.
 *
 * @module
 */

/**
 * The sign of term k for `seed`: +1 or −1. Given with the exercise, unchanged
 * (the check has its own copy): a bit of a hash of the seed and ⌊k / 32⌋.
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
 * The 32 sign bits of the block of k = 32·block … 32·block + 31, as termSign
 * reads them: bit k & 31 set means −1. Seed 0 gives 0, every sign +1.
 */
function blockSigns(seed: number, block: number): number {
  if (seed === 0) return 0;
  let h = Math.imul(block, 0x9e3779b1) ^ seed;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * The largest k the fast loop handles. Up to here k fits in a signed 32-bit
 * integer, so `(k / 10) | 0` is exactly `Math.floor(k / 10)` and V8 can keep
 * every value in the loop in an integer register. Beyond it, `| 0` would wrap
 * around, so the rest of the range takes the plain path.
 */
const INT32_MAX = 2 ** 31 - 1;

/**
 * How many k one call of `sumWithoutDigit` covers. Enough that the call costs
 * nothing (under 0.01% of the loop); small enough that the function is called
 * hundreds of times and TurboFan compiles it whole (see sumWithoutDigit).
 */
const CHUNK = 65_536;

/** One or more ASCII decimal digits, nothing else. */
const DIGITS = /^[0-9]+$/;

/**
 * Sums termSign(seed, k)/k for k = 1..n, leaving out every k whose decimal form
 * contains the digit string `omit`. The terms are added in ascending k, in
 * doubles. With seed 0 every sign is +1: the sum of 1/k.
 *
 * Leading zeros in `omit` count: with omit = "05", k = 5 is kept (its decimal
 * form is "5") and k = 105 is left out.
 *
 * @param n The last k to consider; 0 gives an empty sum.
 * @param omit The digit string to leave out, such as "9", "0", "42" or "05".
 * @param seed The signs' seed, a 32-bit integer; 0 for the course's series.
 * @returns The sum of the kept terms, ±1/k in ascending k.
 * @throws {RangeError} If n is not a non-negative safe integer, or omit is not
 * one or more decimal digits.
 *
 * @example Without the digit 9, the ninth term is the first to go
 * ```ts
 * import { slowSeries } from "./slow_series.ts";
 *
 * if (slowSeries(9, "9", 0) !== slowSeries(8, "9", 0)) throw new Error("1/9 was added");
 * if (slowSeries(5, "05", 0) !== slowSeries(5, "7", 0)) throw new Error("5 was left out");
 * ```
 */
export function slowSeries(n: number, omit: string, seed: number): number {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(
      `Cannot sum the slow series: n must be a non-negative safe integer, got ${String(n)}`,
    );
  }
  if (typeof omit !== "string" || !DIGITS.test(omit)) {
    throw new RangeError(
      `Cannot sum the slow series: omit must be one or more decimal digits, got ${
        JSON.stringify(omit)
      }`,
    );
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
    throw new RangeError(
      `Cannot sum the slow series: seed must be an integer from 0 to 2^32 - 1, got ${String(seed)}`,
    );
  }

  // Parse `omit` once, not once per term. k contains omit exactly when one of
  // k, k / 10, k / 100, ... (rounded down) ends in omit's digits, that is, has
  // remainder `value` modulo `window`, while it still has at least omit.length
  // digits. That last condition is the leading-zero rule: 5 % 100 === 5, yet
  // "5" does not contain "05", because 5 has fewer digits than "05".
  const value = Number(omit);
  // Multiply rather than write 10 ** omit.length: `**` gives a double, and a `%`
  // with a double operand is a floating-point remainder (x87 `fprem` in a loop on
  // x64), several times the cost of an integer `%`: the several-digit loop below
  // ran about 3× slower that way. Products of small integers stay small integers.
  let window = 1;
  for (let i = 0; i < omit.length; i++) window *= 10;
  const smallest = window / 10; // the smallest number with omit.length digits

  let total = 0;
  const lastInt32 = Math.min(n, INT32_MAX);
  if (omit.length === 1) {
    // One digit: the common case, and the one the benchmark times. The loop
    // runs in chunks (see sumWithoutDigit); `total` is threaded through them,
    // so the terms are still added one by one in ascending k.
    for (let lo = 1; lo <= lastInt32; lo += CHUNK) {
      total = sumWithoutDigit(total, lo, Math.min(lastInt32, lo + CHUNK - 1), value, seed);
    }
  } else {
    // Several digits: `% window` divides by a value known only at run time, a
    // hardware division that costs several times more. Still no strings.
    for (let k = 1; k <= lastInt32; k++) {
      if (!containsInt32(k, value, window, smallest)) total += termSign(seed, k) / k;
    }
  }
  // Only reached for n > 2^31 - 1 (tens of seconds of work): the same test in doubles.
  for (let k = lastInt32 + 1; k <= n; k++) {
    if (!containsSafe(k, value, window, smallest)) total += termSign(seed, k) / k;
  }
  return total;
}

/**
 * Adds termSign(seed, k)/k to `start` for lo ≤ k ≤ hi (all below 2^31) whose
 * decimal form does not contain the single digit `digit`, in ascending k.
 *
 * Why a function of its own, and why it is written as it is: V8's machine code
 * (read with `--perf-prof`, whose jitdump holds the code bytes, and objdump)
 * showed three costs in the plain loop, gone here:
 *
 * - A loop entered once and run for seconds is compiled "on stack" (OSR),
 *   and there V8 kept `total` as a tagged value: a heap number allocated for
 *   every term added. Called once per chunk, this function is compiled whole,
 *   and `+start` makes `total` a plain double from the first line.
 * - `digit | 0`: without it V8 re-checked and untagged `digit` at every digit
 *   of every k, inside the innermost loop.
 * - `Math.imul(next, 10)` and `| 0`: a plain `rest - next * 10` carried two
 *   overflow checks per digit.
 *
 * - The digits are written out, not looped over: k < 2^31 has at most ten, and
 *   V8 puts an interrupt check (a load and a compare) on every loop's back
 *   edge: once per digit in a `do … while`, once per k here.
 *
 * The test itself: `(rest / 10) | 0` on int32 compiles to a multiply and
 * shifts; a k with the digit is left by `continue`, with no boolean to test
 * afterwards. Exported for the test of ten-digit k below 2^31.
 *
 * The sign: termSign hashes ⌊k / 32⌋, so the hash changes once per 32 terms.
 * It is computed there (a predictable branch on k & 31) and each term reads its
 * bit: (1 − 2·bit) / k is exactly ±1/k, the term termSign(seed, k) / k gives.
 */
export function sumWithoutDigit(
  start: number,
  lo: number,
  hi: number,
  digit: number,
  seed: number,
): number {
  let total = +start;
  const d = digit | 0;
  const s = seed >>> 0;
  let signs = blockSigns(s, lo >>> 5);
  next_k: for (let k = lo; k <= hi; k++) {
    if ((k & 31) === 0) signs = blockSigns(s, k >>> 5);
    let rest = k;
    let next = 0;
    digits: {
      next = (rest / 10) | 0;
      if (((rest - Math.imul(next, 10)) | 0) === d) continue next_k;
      if (next === 0) break digits;
      rest = next;
      next = (rest / 10) | 0;
      if (((rest - Math.imul(next, 10)) | 0) === d) continue next_k;
      if (next === 0) break digits;
      rest = next;
      next = (rest / 10) | 0;
      if (((rest - Math.imul(next, 10)) | 0) === d) continue next_k;
      if (next === 0) break digits;
      rest = next;
      next = (rest / 10) | 0;
      if (((rest - Math.imul(next, 10)) | 0) === d) continue next_k;
      if (next === 0) break digits;
      rest = next;
      next = (rest / 10) | 0;
      if (((rest - Math.imul(next, 10)) | 0) === d) continue next_k;
      if (next === 0) break digits;
      rest = next;
      next = (rest / 10) | 0;
      if (((rest - Math.imul(next, 10)) | 0) === d) continue next_k;
      if (next === 0) break digits;
      rest = next;
      next = (rest / 10) | 0;
      if (((rest - Math.imul(next, 10)) | 0) === d) continue next_k;
      if (next === 0) break digits;
      rest = next;
      next = (rest / 10) | 0;
      if (((rest - Math.imul(next, 10)) | 0) === d) continue next_k;
      if (next === 0) break digits;
      rest = next;
      next = (rest / 10) | 0;
      if (((rest - Math.imul(next, 10)) | 0) === d) continue next_k;
      if (next === 0) break digits;
      rest = next;
      if (rest === d) continue next_k; // the tenth digit: k < 2^31 has at most ten
    }
    total += (1 - (((signs >>> (k & 31)) & 1) << 1)) / k;
  }
  return total;
}

/** True when the decimal form of k (0 < k < 2^31) contains omit's digits. */
function containsInt32(k: number, value: number, window: number, smallest: number): boolean {
  let rest = k;
  while (rest >= smallest) {
    if (rest % window === value) return true;
    rest = (rest / 10) | 0;
  }
  return false;
}

/**
 * The same test for any safe integer k, with a floored division in doubles:
 * the path for k above 2^31 - 1. Exported for the test that runs it on a
 * window of k past 2^31 (the whole sum there would take minutes).
 */
export function containsSafe(k: number, value: number, window: number, smallest: number): boolean {
  let rest = k;
  while (rest >= smallest) {
    if (rest % window === value) return true;
    rest = Math.floor(rest / 10);
  }
  return false;
}
