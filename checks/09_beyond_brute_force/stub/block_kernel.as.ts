/**
 * Exercise 9, stretch: the block enumeration in AssemblyScript, at the speed of
 * C and Rust (see the README, "Stretch: at the compiled limit").
 *
 * `deno task yardstick --only block_wasm` builds it, checks its sum against
 * C's and times it beside C and Rust. SIMD (`f64x2`) is enabled.
 */

/**
 * Sums termSign(seed, k)/k for k = 1..n whose decimal form has no 9, in
 * ascending k: the same double as testing every k, bit for bit.
 *
 * termSign is exercise 1's (given in beyond_brute_force.ts): +1 for seed 0,
 * else bit k & 31 of a hash of (seed, ⌊k / 32⌋) set means −1. Port it with u32
 * arithmetic (`Math.imul` is a u32 multiplication; `>>>` is `>>>`).
 *
 * @param n The last k, a non-negative integer.
 * @param seed The signs' seed, 0 to 2^32 − 1 (0: every sign +1, the course's series).
 */
export function blockSum(n: f64, seed: u32): f64 {
  // TODO: enumerate the 9-free k in ascending order (as in beyond_brute_force.ts)
  // and add termSign(seed, k)/k; compute the quotients of a block with f64x2
  // (a numerator of ±1 per lane carries the sign), add them in order.
  unreachable(); // Not implemented: blockSum()
  return n + <f64>seed;
}
