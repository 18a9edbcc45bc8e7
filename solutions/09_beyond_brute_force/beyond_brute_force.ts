/**
 * Exercise 9, reference solution: the slow series by enumerating only the
 * numbers that do not contain the digit, instead of testing every k.
 *
 * Without 9, only 9^8 ≈ 4.3·10^7 of the first 10^8 numbers are kept; testing
 * every k spends most of its time rejecting. Here every number is built from a
 * prefix P that is itself digit-free: the block 10P + m, for each allowed last
 * digit m. Blocks come in ascending order, and so do the terms inside a block,
 * so the sum is added in exactly the order of the brute force: the result is the
 * same double, bit for bit. Each term's sign comes from a hash of ⌊k / 32⌋,
 * computed once per such block of 32 (a block of ten spans at most two).
 *
 * @module
 */

/**
 * The sign of term k for `seed`: +1 or −1. Given with the exercise, unchanged
 * (the check has its own copy): a bit of a hash of the seed and ⌊k / 32⌋.
 *
 * @param seed A 32-bit integer.
 * @param k The term's index, a positive integer (read modulo 2^32).
 * @returns 1 or −1.
 */
export function termSign(seed: number, k: number): number {
  if (seed === 0) return 1;
  // `>>>` and `&` keep k in integer registers (k is read modulo 2^32, beyond
  // any n the check times); Math.floor(k / 32) and k % 32 tripled the cost.
  let h = Math.imul(k >>> 5, 0x9e3779b1) ^ seed;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return 1 - (((h >>> (k & 31)) & 1) << 1);
}

/**
 * The 32 sign bits of the block of k = 32·block … 32·block + 31, as termSign
 * reads them: bit k & 31 set means −1. Seed 0 gives 0, every sign +1.
 */
function blockSigns(seed: number, block: number): number {
  if (seed === 0) return 0;
  let h = Math.imul(block, 0x9e3779b1) ^ seed;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * Sums termSign(seed, k)/k for k = 1..n whose decimal form does not contain
 * `digit`, in ascending k, visiting only those k.
 *
 * @param n The last k to consider; 0 gives an empty sum.
 * @param digit The digit left out, 1 to 9.
 * @param seed The signs' seed, a 32-bit integer; 0 for the course's series.
 * @returns The same sum as testing every k, bit for bit.
 * @throws {RangeError} For an n that is not a non-negative safe integer, or a digit outside 1..9.
 */
export function slowSeriesFast(n: number, digit: number, seed: number): number {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(
      `Cannot sum the slow series: n must be a non-negative safe integer, got ${n}`,
    );
  }
  if (!Number.isInteger(digit) || digit < 1 || digit > 9) {
    throw new RangeError(`Cannot sum the slow series: digit must be 1 to 9, got ${digit}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
    throw new RangeError(
      `Cannot sum the slow series: seed must be an integer from 0 to 2^32 - 1, got ${seed}`,
    );
  }
  // The sign bits of the block of 32 terms last hashed (see termSign).
  let hashedBlock = -1;
  let hashedSigns = 0;
  // The allowed last digits, ascending.
  const last = new Float64Array(9);
  const lastBit = new Int32Array(9); // the same digits, as bit positions
  let count = 0;
  for (let m = 0; m <= 9; m++) {
    if (m !== digit) {
      last[count] = m;
      lastBit[count++] = m;
    }
  }

  let total = 0;
  // Block 0 (prefix 0): the one-digit numbers 1..9 without `digit`.
  for (let i = 0; i < count; i++) {
    const k = last[i] as number;
    if (k >= 1 && k <= n) total += termSign(seed, k) / k;
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
      // A whole block: no bound check per term. Its ten signs, bit m for
      // base + m, come from one hash or two: base & 31 is where the block starts
      // in its 32-term word (`>>>` and `&` read base modulo 2^32, as termSign does).
      const offset = base & 31;
      const first = base >>> 5;
      if (first !== hashedBlock) {
        hashedBlock = first;
        hashedSigns = blockSigns(seed, first);
      }
      let ten = hashedSigns >>> offset;
      if (offset > 22) {
        // The block runs into the next word; hash it once, for the next block too.
        hashedBlock = (base + 9) >>> 5;
        hashedSigns = blockSigns(seed, hashedBlock);
        ten |= hashedSigns << (32 - offset);
      }
      for (let i = 0; i < count; i++) {
        // (1 − 2·bit) / k: exactly ±1/k, termSign(seed, k) / k.
        const negative = (ten >>> (lastBit[i] as number)) & 1;
        total += (1 - (negative << 1)) / (base + (last[i] as number));
      }
    } else {
      for (let i = 0; i < count; i++) {
        const k = base + (last[i] as number);
        if (k <= n) total += termSign(seed, k) / k;
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
