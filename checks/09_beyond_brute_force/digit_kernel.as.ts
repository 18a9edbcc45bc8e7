/**
 * Exercise 9's baseline kernel: exercise 8's reference algorithm (the integer
 * digit test, in AssemblyScript), with the digit left out as a parameter, so
 * that the benchmark can draw it. Kept here because the code that runs
 * candidates may not read solutions/. `tests/exercises/beyond_brute_force_test.ts`
 * holds it to the same code as `solutions/08_wasm_kernel/kernel.as.ts`, with
 * the constant 9 replaced by `digit`. Comparing with a digit in a register
 * rather than the constant costs nothing measurable: the division by 10, the
 * expensive part, is by a constant either way.
 */

/** Sums 1/k for lo ≤ k ≤ hi whose decimal form has no digit `digit`, in ascending k. */
export function partialSum(lo: i32, hi: i32, digit: i32): f64 {
  let total: f64 = 0;
  for (let k = lo; k <= hi; k++) {
    if (!hasDigit(k, digit)) total += 1.0 / <f64>k;
  }
  return total;
}

function hasDigit(k: i32, digit: i32): bool {
  let rest = <u64>k;
  while (rest != 0) {
    const next = (rest * 0xcccccccd) >> 35; // rest / 10 (see exercise 8's reference)
    if (rest - next * 10 == digit) return true;
    rest = next;
  }
  return false;
}
