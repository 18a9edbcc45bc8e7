/**
 * Exercise 9's baseline: exercise 8's integer-digit WebAssembly kernel on one
 * thread, for any digit 1 to 9 (`digit_kernel.as.ts`, built to `digit_kernel.wasm` before a check).
 *
 * It is called in chunks of a million terms, as a driver that warms its kernel
 * up would: a single long first call would run in WebAssembly's baseline tier
 * (Liftoff) throughout, about 3.5× slower, and flatter the speed-up.
 *
 * @module
 */
// A computed URL: the .wasm exists only once built, after type checking.
const kernel = await import(new URL("./digit_kernel.wasm", import.meta.url).href);
const partialSum = kernel.partialSum as (
  lo: number,
  hi: number,
  digit: number,
  seed: number,
) => number;
const partialSumFrom = kernel.partialSumFrom as (
  total: number,
  lo: number,
  hi: number,
  digit: number,
  seed: number,
) => number;

/** Terms per call: small enough that the kernel tiers up after the first few. */
const CHUNK = 1_000_000;

/** The largest n the kernel's 32-bit loop counter can reach without wrapping. */
const MAX_N = 2 ** 31 - 2;

/**
 * The slow series without `digit`, each term with its sign from `seed`, by
 * testing every k in WebAssembly.
 *
 * @throws {RangeError} For a digit outside 1..9, or an n the 32-bit kernel cannot count to.
 */
export function kernelSum(n: number, digit: number, seed: number): number {
  if (!Number.isInteger(digit) || digit < 1 || digit > 9) {
    throw new RangeError(`The baseline kernel leaves out a digit 1 to 9, not ${digit}`);
  }
  if (!Number.isSafeInteger(n) || n > MAX_N) {
    throw new RangeError(`The baseline kernel sums up to n = ${MAX_N}, not ${n}`);
  }
  let total = 0;
  for (let lo = 1; lo <= n; lo += CHUNK) {
    total += partialSum(lo, Math.min(n, lo + CHUNK - 1), digit, seed);
  }
  return total;
}

/**
 * The stretch's baseline (`blockSum(n, seed)`, the 9-free sum in WebAssembly):
 * the same kernel and chunks, each chunk adding onto the running total, so that
 * every term is added in ascending k and the sum is the brute force's double,
 * bit for bit. The stretch's answer is held to it exactly.
 *
 * @throws {RangeError} For an n the 32-bit kernel cannot count to.
 */
export function stretchBaseline(n: number, seed: number): number {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_N) {
    throw new RangeError(`The baseline kernel sums up to n = ${MAX_N}, not ${n}`);
  }
  let total = 0;
  for (let lo = 1; lo <= n; lo += CHUNK) {
    total = partialSumFrom(total, lo, Math.min(n, lo + CHUNK - 1), 9, seed);
  }
  return total;
}
