/**
 * Exercise 9's baseline kernel: exercise 8's reference algorithm (the integer
 * digit test, in AssemblyScript), with the digit left out as a parameter, so
 * that the benchmark can draw it. Kept here because the code that runs
 * candidates may not read solutions/. `tests/exercises/beyond_brute_force_test.ts`
 * holds it to the same code as `solutions/08_wasm_kernel/kernel.as.ts`, with
 * the constant 9 replaced by `digit`, and each term given its sign from the
 * seed (termSign of `checks/shared/term_sign.ts`, one hash per block of 32
 * terms). Comparing with a digit in a register rather than the constant costs
 * nothing measurable: the division by 10, the expensive part, is by a constant
 * either way.
 */

/**
 * Sums termSign(seed, k)/k for lo ≤ k ≤ hi whose decimal form has no digit
 * `digit`, in ascending k.
 */
export function partialSum(lo: i32, hi: i32, digit: i32, seed: u32): f64 {
  return partialSumFrom(0, lo, hi, digit, seed);
}

/**
 * partialSum added onto `total`, term by term: chunks chained through it add
 * every term in ascending k, the brute force's double bit for bit (exercise
 * 9's stretch is compared with it so).
 */
export function partialSumFrom(total: f64, lo: i32, hi: i32, digit: i32, seed: u32): f64 {
  let signs = blockSigns(seed, <u32>lo >> 5);
  for (let k = lo; k <= hi; k++) {
    if ((k & 31) == 0) signs = blockSigns(seed, <u32>k >> 5);
    if (!hasDigit(k, digit)) {
      // (1 − 2·bit) / k: exactly ±1/k, the sign termSign gives term k.
      total += <f64>(1 - <i32>(((signs >> <u32>(k & 31)) & 1) << 1)) / <f64>k;
    }
  }
  return total;
}

/** termSign's hash of (seed, block): bit j is set when term 32·block + j is negative. */
function blockSigns(seed: u32, block: u32): u32 {
  if (seed == 0) return 0;
  let h: u32 = (block * 0x9e3779b1) ^ seed;
  h = (h ^ (h >> 16)) * 0x85ebca6b;
  h = (h ^ (h >> 13)) * 0xc2b2ae35;
  return h ^ (h >> 16);
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
