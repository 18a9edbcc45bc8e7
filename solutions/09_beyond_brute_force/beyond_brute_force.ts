/**
 * Exercise 9, reference solution: the slow series by enumerating only the
 * numbers that do not contain the digit, instead of testing every k.
 *
 * Without 9, only 9^8 ≈ 4.3·10^7 of the first 10^8 numbers are kept; testing
 * every k spends most of its time rejecting. Here every number is built from a
 * prefix P that is itself digit-free: the block 10P + m, for each allowed last
 * digit m. Blocks come in ascending order, and so do the terms inside a block,
 * so the sum is added in exactly the order of the brute force: the result is the
 * same double, bit for bit.
 *
 * @module
 */

/**
 * Sums 1/k for k = 1..n whose decimal form does not contain `digit`, in
 * ascending k, visiting only those k.
 *
 * @param n The last k to consider; 0 gives an empty sum.
 * @param digit The digit left out, 1 to 9.
 * @returns The same sum as testing every k, bit for bit.
 * @throws {RangeError} For an n that is not a non-negative safe integer, or a digit outside 1..9.
 */
export function slowSeriesFast(n: number, digit: number): number {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(
      `Cannot sum the slow series: n must be a non-negative safe integer, got ${n}`,
    );
  }
  if (!Number.isInteger(digit) || digit < 1 || digit > 9) {
    throw new RangeError(`Cannot sum the slow series: digit must be 1 to 9, got ${digit}`);
  }
  // The allowed last digits, ascending.
  const last = new Float64Array(9);
  let count = 0;
  for (let m = 0; m <= 9; m++) if (m !== digit) last[count++] = m;

  let total = 0;
  // Block 0 (prefix 0): the one-digit numbers 1..9 without `digit`.
  for (let i = 0; i < count; i++) {
    const k = last[i] as number;
    if (k >= 1 && k <= n) total += 1 / k;
  }
  // Prefix digits, least significant first; the prefix starts at the smallest
  // allowed non-zero digit (2 when 1 is left out).
  const lead = digit === 1 ? 2 : 1;
  const prefix = new Int8Array(17);
  prefix[0] = lead;
  let length = 1;
  let value = lead; // the prefix as a number
  while (10 * value <= n) {
    const base = 10 * value;
    if (base + 9 <= n) {
      // A whole block: no bound check per term.
      for (let i = 0; i < count; i++) total += 1 / (base + (last[i] as number));
    } else {
      for (let i = 0; i < count; i++) {
        const k = base + (last[i] as number);
        if (k <= n) total += 1 / k;
      }
    }
    // Next digit-free prefix: add 1, skipping `digit` and carrying past 9.
    let position = 0;
    let step = 1; // what the increment adds to `value`
    for (;;) {
      let d = (prefix[position] as number) + 1;
      if (d === digit) d++;
      if (d <= 9) {
        value += (d - (prefix[position] as number)) * step;
        prefix[position] = d;
        break;
      }
      // Carry: this position restarts at 0 (always allowed: digit is 1 to 9).
      value -= (prefix[position] as number) * step;
      prefix[position] = 0;
      position++;
      step *= 10;
      if (position === length) {
        // A new leading digit: the smallest allowed non-zero one.
        prefix[position] = lead;
        value += lead * step;
        length++;
        break;
      }
    }
  }
  return total;
}
