/**
 * Exercise 9's baseline kernel: exercise 8's reference algorithm (the integer
 * digit test for 9, in AssemblyScript), kept here because the code that runs
 * candidates may not read solutions/. `tests/exercises/beyond_brute_force_test.ts` holds
 * it to the same code as `solutions/08_wasm_kernel/kernel.as.ts`.
 */

/** Sums 1/k for lo ≤ k ≤ hi whose decimal form has no digit 9, in ascending k. */
export function partialSum(lo: i32, hi: i32): f64 {
  let total: f64 = 0;
  for (let k = lo; k <= hi; k++) {
    if (!hasNine(k)) total += 1.0 / <f64>k;
  }
  return total;
}

function hasNine(k: i32): bool {
  let rest = <u64>k;
  while (rest != 0) {
    const next = (rest * 0xcccccccd) >> 35; // rest / 10 (see exercise 8's reference)
    if (rest - next * 10 == 9) return true;
    rest = next;
  }
  return false;
}
