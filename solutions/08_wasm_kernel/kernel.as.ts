/**
 * Exercise 8, reference solution: the slow series kernel in AssemblyScript,
 * compiled to WebAssembly (`deno task build 8 --solution` writes kernel.wasm).
 *
 * The same integer digit test as exercises 1 and 6, with one difference that
 * matters: here the types are declared, not guessed. `i32` is a 32-bit integer
 * and `f64` a double, so the compiler emits integer instructions from the
 * start, with no type checks and no deoptimisation to fall back on.
 *
 * Why it runs as fast as C (`cc -O3 -march=native`, `deno task yardstick`):
 *
 * - The loop's time is the chain of divisions by 10, one per digit: each
 *   needs the one before. Written as `i32` division (`rest / 10`), V8's
 *   optimizing compiler (TurboFan) strength-reduces it to a signed 32-bit
 *   multiply-high, a shift and a sign correction: about 410 ms at n = 10^8
 *   here, 1.4× C. GCC, which knows `rest` is positive, emits one 64-bit
 *   multiply by 0xCCCCCCCD and a shift by 35 (the whole chain is those two
 *   instructions). Written that way here, in `u64`, V8 emits the same two, and
 *   the kernel ran in 292–316 ms against C's 294–313 ms in the same minutes.
 * - Unsigned 32-bit division (`<u32>rest / 10`) did not help (407 vs 410 ms):
 *   V8's 32-bit multiply-high is the slow part, not the sign correction.
 * - Counting k in a double beside the integer (to skip the int→double
 *   conversion) did not help either: it is off the critical chain.
 * - Warm-up: a call first runs in Liftoff, V8's baseline compiler, two to three
 *   times slower; TurboFan's code serves the calls after it is ready. The
 *   yardstick makes four untimed calls first; a check's warm-up does the same.
 */

/**
 * Sums 1/k for lo ≤ k ≤ hi whose decimal form has no digit 9, in ascending k.
 * An empty interval (hi < lo) gives 0.
 *
 * @param lo The first k, at least 1.
 * @param hi The last k, below 2^31 − 1 (so that `k++` cannot wrap around).
 * @returns The partial sum, in doubles.
 */
export function partialSum(lo: i32, hi: i32): f64 {
  let total: f64 = 0;
  for (let k = lo; k <= hi; k++) {
    if (!hasNine(k)) total += 1.0 / <f64>k;
  }
  return total;
}

/**
 * True when the decimal form of k (k > 0) contains a 9. Small: the optimiser
 * (Binaryen, at -O3) inlines it into the loop.
 */
function hasNine(k: i32): bool {
  let rest = <u64>k;
  while (rest != 0) {
    // rest / 10, strength-reduced by hand as GCC does it: for 0 ≤ rest < 2^32,
    // floor(rest · 0xCCCCCCCD / 2^35) = floor(rest / 10), because
    // 0xCCCCCCCD = ceil(2^35 / 10) and the rounding error, rest · 2/(10 · 2^35)
    // < 2^32/(5 · 2^35) = 1/40, stays below the 1/10 to the next integer.
    // One 64-bit multiply and one shift: the chain C runs at.
    const next = (rest * 0xcccccccd) >> 35;
    if (rest - next * 10 == 9) return true; // the last digit, without a second division
    rest = next;
  }
  return false;
}
