/**
 * Exercise 9's baseline: exercise 8's integer-digit WebAssembly kernel on one
 * thread (`digit_kernel.as.ts`, built to `digit_kernel.wasm` before a check).
 *
 * It is called in chunks of a million terms, as a driver that warms its kernel
 * up would: a single long first call would run in WebAssembly's baseline tier
 * (Liftoff) throughout, about 3.5× slower, and flatter the speed-up.
 *
 * @module
 */
// A computed URL: the .wasm exists only once built, after type checking.
const kernel = await import(new URL("./digit_kernel.wasm", import.meta.url).href);
const partialSum = kernel.partialSum as (lo: number, hi: number) => number;

/** Terms per call: small enough that the kernel tiers up after the first few. */
const CHUNK = 1_000_000;

/**
 * The slow series without 9, by testing every k in WebAssembly.
 *
 * @throws {RangeError} For a digit other than 9 (the kernel knows only 9).
 */
export function kernelSum(n: number, digit: number): number {
  if (digit !== 9) throw new RangeError(`The baseline kernel leaves out 9 only, not ${digit}`);
  let total = 0;
  for (let lo = 1; lo <= n; lo += CHUNK) total += partialSum(lo, Math.min(n, lo + CHUNK - 1));
  return total;
}
