/**
 * Exercise 9, stretch: the block enumeration in AssemblyScript, at the speed of
 * C and Rust (see the README, "Stretch: at the compiled limit").
 *
 * `deno task yardstick --only block_wasm` builds it, checks its sum against
 * C's and times it beside C and Rust. SIMD (`f64x2`) is enabled.
 */

/**
 * Sums 1/k for k = 1..n whose decimal form has no 9, in ascending k: the same
 * double as testing every k, bit for bit.
 *
 * @param n The last k, a non-negative integer.
 */
export function blockSum(n: f64): f64 {
  // TODO: enumerate the 9-free k in ascending order (as in beyond_brute_force.ts)
  // and add 1/k; compute the quotients of a block with f64x2, add them in order.
  unreachable(); // Not implemented: blockSum()
  return n;
}
