/**
 * Exercise 9, stretch reference: the JavaScript side of the WebAssembly block
 * enumeration (block_kernel.as.ts, built to block_kernel.wasm by
 * `deno task build 9 --solution`). It checks its arguments as the main
 * reference does, and leaves the sum to the kernel.
 *
 * @module
 */

/** What block_kernel.wasm exports. */
interface BlockKernel {
  blockSum(n: number, seed: number): number;
}

// Named first, as exercise 8's Worker names its kernel: a grader follows a literal
// `new URL("…", import.meta.url)`, never a URL computed inside import().
const KERNEL_URL = new URL("./block_kernel.wasm", import.meta.url);
const kernel = await import(KERNEL_URL.href) as BlockKernel;

/**
 * Sums termSign(seed, k)/k for k = 1..n without a 9 in k, in ascending k, in
 * WebAssembly: the same double as the brute force, bit for bit.
 *
 * @param n The last k; 0 gives an empty sum.
 * @param seed The signs' seed, 0 to 2^32 − 1; 0 for the course's series.
 * @throws {RangeError} For an n that is not a non-negative safe integer, or a seed out of range.
 */
export function slowSeriesBlocksWasm(n: number, seed: number): number {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(
      `Cannot sum the slow series: n must be a non-negative safe integer, got ${n}`,
    );
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
    throw new RangeError(
      `Cannot sum the slow series: seed must be an integer from 0 to 2^32 - 1, got ${seed}`,
    );
  }
  // A u32 parameter: 2^31 and above cross the boundary as the same 32 bits.
  return kernel.blockSum(n, seed);
}
