/**
 * Exercise 8, reference solution: the slow series kernel in AssemblyScript,
 * compiled to WebAssembly (`deno task build 8 --solution` writes kernel.wasm).
 *
 * The same integer digit test as exercises 1 and 6, with one difference that
 * matters: here the types are declared, not guessed. `i32` is a 32-bit integer
 * and `f64` a double, so the compiler emits integer instructions from the
 * start, with no type checks and no deoptimisation to fall back on.
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
  let rest = k;
  while (rest > 0) {
    // i32 division by the constant 10: the compiler turns it into a multiply
    // and a shift, and the remainder into a multiply and a subtract.
    const next = rest / 10;
    if (rest - next * 10 == 9) return true;
    rest = next;
  }
  return false;
}
