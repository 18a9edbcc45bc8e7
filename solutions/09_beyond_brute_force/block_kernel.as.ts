/**
 * Exercise 9, stretch reference: the 9-free block enumeration in
 * AssemblyScript, at the speed of the compiled languages.
 *
 * The algorithm is the JavaScript reference's (beyond_brute_force.ts): every
 * k ≥ 10 without a 9 is 10·P + m for a 9-free prefix P and a last digit m in
 * 0..8, and the prefixes are counted upwards, so the terms come in ascending k
 * and the sum is the brute force's double, bit for bit. What is different:
 *
 * - SIMD for the divisions. The nine quotients 1/(10P + m) of a block do not
 *   depend on each other, so four f64x2 divisions (and one scalar) compute
 *   them two at a time; only the additions, which must stay in order to keep
 *   the sum bit-identical, form a chain. That chain (one add after another) is
 *   what C and Rust are limited by too: about two cycles per term.
 * - The numbers are visited a hundred at a time (81 terms), so the carry and
 *   the bound check are paid once per 81 terms; the prefix stays in integers
 *   (i64) and the digit is fixed at 9, so "skip the digit" is "8 carries to 0".
 * - The vector constants live in registers (see blockSum): the last 20%.
 * - Signs (seed ≠ 0): each term is termSign(seed, k)/k (checks/shared/term_sign.ts):
 *   bit k & 31 of one hash of ⌊k / 32⌋. A block of nine takes its nine bits from
 *   one hash or two, as the JavaScript reference does; each pair of lanes then
 *   divides a (±1, ±1) numerator, loaded from a table of the four patterns, by
 *   (k, k + 1). ±1/k is exactly termSign(seed, k)/k, so the sum stays the brute
 *   force's double. Seed 0 (every sign +1, the course's series, and what the
 *   yardstick times beside C and Rust) takes the unsigned loop.
 *
 * Measured on the development machine (n = 10^8, warmed): scalar divisions
 * 41 ms (C's scalar loop: 41-42 ms), f64x2 with constants 28-29 ms, with the
 * constants in registers 23 ms; Rust (which pairs the divisions the same way)
 * 23 ms. The first call runs in Liftoff, V8's baseline compiler (90-130 ms):
 * warm up before timing.
 *
 * Built with `--enable simd` (lib/exercise/build.ts); V8 and Deno run it.
 */

/** The prefix's decimal digits, least significant first (static memory, no allocation). */
const PREFIX: usize = memory.data(20 * 4);

/** m = 0 and 1, 2 and 3, 4 and 5, 6 and 7: the lanes of the four paired divisions. */
const M01 = f64x2(0.0, 1.0);
const M23 = f64x2(2.0, 3.0);
const M45 = f64x2(4.0, 5.0);
const M67 = f64x2(6.0, 7.0);
const ONE = f64x2(1.0, 1.0);

/**
 * The four sign patterns of a pair of lanes, indexed by two sign bits (bit 0 for
 * the lower lane; a set bit is −1): (1, 1), (−1, 1), (1, −1), (−1, −1).
 */
const SIGNS: usize = memory.data<f64>([1.0, 1.0, -1.0, 1.0, 1.0, -1.0, -1.0, -1.0]);

/** termSign's hash of the word ⌊k / 32⌋ (`block`, read modulo 2^32) for `seed`: its 32 sign bits. */
// @ts-ignore: decorator
@inline
function blockSigns(seed: u32, block: u32): u32 {
  let h = (block * 0x9e3779b1) ^ seed;
  h = (h ^ (h >>> 16)) * 0x85ebca6b;
  h = (h ^ (h >>> 13)) * 0xc2b2ae35;
  return h ^ (h >>> 16);
}

/** termSign(seed, k) as a double: +1, or −1 when bit k & 31 of the word's hash is set. */
function termSign(seed: u32, k: i64): f64 {
  if (seed == 0) return 1.0;
  const low = <u32>k; // k modulo 2^32, as termSign's `>>>` and `&` read it
  const bit = (blockSigns(seed, low >>> 5) >>> (low & 31)) & 1;
  return 1.0 - 2.0 * <f64>bit;
}

/**
 * Adds the nine terms 1/(base + m), m = 0..8, to `total`, in order: the
 * divisions two at a time, the additions one after another. `one` is 1.0 in
 * both lanes and `mAB` holds (A, B), passed in rather than named as constants
 * (see blockSum).
 */
// @ts-ignore: decorator
@inline
function addBlock(
  total: f64,
  base: f64,
  one: v128,
  m01: v128,
  m23: v128,
  m45: v128,
  m67: v128,
): f64 {
  const b = f64x2.splat(base);
  const q01 = f64x2.div(one, f64x2.add(b, m01));
  const q23 = f64x2.div(one, f64x2.add(b, m23));
  const q45 = f64x2.div(one, f64x2.add(b, m45));
  const q67 = f64x2.div(one, f64x2.add(b, m67));
  const q8 = 1.0 / (base + 8.0);
  total += f64x2.extract_lane(q01, 0);
  total += f64x2.extract_lane(q01, 1);
  total += f64x2.extract_lane(q23, 0);
  total += f64x2.extract_lane(q23, 1);
  total += f64x2.extract_lane(q45, 0);
  total += f64x2.extract_lane(q45, 1);
  total += f64x2.extract_lane(q67, 0);
  total += f64x2.extract_lane(q67, 1);
  return total + q8;
}

/**
 * addBlock with signs: `nine` holds the signs of base + 0..8 in bits 0..8 (a set
 * bit is −1). Each pair's numerator is (±1, ±1) from SIGNS, so each quotient is
 * ±1/k exactly, as termSign(seed, k)/k.
 */
// @ts-ignore: decorator
@inline
function addSignedBlock(
  total: f64,
  base: f64,
  nine: u32,
  m01: v128,
  m23: v128,
  m45: v128,
  m67: v128,
): f64 {
  const b = f64x2.splat(base);
  const q01 = f64x2.div(v128.load(SIGNS + ((<usize>nine & 3) << 4)), f64x2.add(b, m01));
  const q23 = f64x2.div(v128.load(SIGNS + ((<usize>(nine >>> 2) & 3) << 4)), f64x2.add(b, m23));
  const q45 = f64x2.div(v128.load(SIGNS + ((<usize>(nine >>> 4) & 3) << 4)), f64x2.add(b, m45));
  const q67 = f64x2.div(v128.load(SIGNS + ((<usize>(nine >>> 6) & 3) << 4)), f64x2.add(b, m67));
  const q8 = (1.0 - 2.0 * <f64>((nine >>> 8) & 1)) / (base + 8.0);
  total += f64x2.extract_lane(q01, 0);
  total += f64x2.extract_lane(q01, 1);
  total += f64x2.extract_lane(q23, 0);
  total += f64x2.extract_lane(q23, 1);
  total += f64x2.extract_lane(q45, 0);
  total += f64x2.extract_lane(q45, 1);
  total += f64x2.extract_lane(q67, 0);
  total += f64x2.extract_lane(q67, 1);
  return total + q8;
}

/** The word last hashed (⌊k / 32⌋ modulo 2^32) and its 32 sign bits: one hash per 32 terms. */
let hashedWord: u32 = 0;
let hashedSigns: u32 = 0;
let hashedValid = false;

/** The sign bits of word `word`, hashed once and kept for the next blocks. */
// @ts-ignore: decorator
@inline
function wordSigns(seed: u32, word: u32): u32 {
  if (!hashedValid || word != hashedWord) {
    hashedWord = word;
    hashedSigns = blockSigns(seed, word);
    hashedValid = true;
  }
  return hashedSigns;
}

/**
 * The sign bits of k = start … start + 8 (bit m for start + m): from the word
 * holding start and, when the nine run past its end, the next word.
 */
// @ts-ignore: decorator
@inline
function nineSigns(seed: u32, start: i64): u32 {
  const low = <u32>start; // modulo 2^32, as termSign reads k
  const offset = low & 31;
  let bits = wordSigns(seed, low >>> 5) >>> offset;
  if (offset > 23) bits |= wordSigns(seed, ((low >>> 5) + 1) & 0x7ffffff) << (32 - offset);
  return bits;
}

/** Adds termSign(seed, k)/k for the 9-free k = first + 10·d + m ≤ last (d from `d0`), in ascending k. */
function addPartial(total: f64, first: i64, d0: i64, last: i64, seed: u32): f64 {
  for (let d = d0; d <= 8; d++) {
    for (let m: i64 = 0; m <= 8; m++) {
      const k = first + 10 * d + m;
      if (k > last) return total;
      total += termSign(seed, k) / <f64>k;
    }
  }
  return total;
}

/**
 * Sums termSign(seed, k)/k for k = 1..n whose decimal form has no 9, in
 * ascending k: the same double as testing every k
 * (`slowSeriesBaseline(n, "9", seed)`), bit for bit.
 *
 * The numbers are visited a hundred at a time: 100·Q + 10·d + m for a 9-free
 * Q counted upwards and d, m in 0..8 (81 terms, nine blocks of nine), so the
 * carry and the bound check cost once per 81 terms, not once per 9.
 *
 * @param n The last k, a non-negative integer up to 2^53 (the wrapper checks it).
 * @param seed The signs' seed, 0 to 2^32 − 1 (0: every sign +1, the course's series).
 */
export function blockSum(n: f64, seed: u32): f64 {
  const last = <i64>n;
  // The five vector constants, made once here and kept in registers. Written
  // as constants in the loop, V8 builds each of them again at every use (a
  // v128 constant takes a few instructions to make): 28-29 ms here, against
  // 23 ms for Rust. Adding a zero the compilers cannot see through (n - n:
  // n is finite) makes them ordinary values, and V8 keeps them in registers:
  // 23 ms, Rust's time.
  const zero = f64x2.splat(n - n);
  const one = f64x2.add(zero, ONE);
  const m01 = f64x2.add(zero, M01);
  const m23 = f64x2.add(zero, M23);
  const m45 = f64x2.add(zero, M45);
  const m67 = f64x2.add(zero, M67);
  hashedValid = false;
  let total: f64 = 0;
  for (let k: i64 = 1; k <= 8 && k <= last; k++) total += termSign(seed, k) / <f64>k;
  // Q = 0: the two-digit numbers 10..88 (no leading zero: d from 1).
  total = addPartial(total, 0, 1, last, seed);
  for (let i = 0; i < 20; i++) store<i32>(PREFIX + (<usize>i << 2), 0);
  store<i32>(PREFIX, 1);
  let length = 1;
  let value: i64 = 1; // Q as a number
  let hundred: f64 = 100; // 100·Q, kept as a double beside it (see below)
  while (100 * value <= last) {
    const first = 100 * value;
    if (first + 88 <= last && seed != 0) {
      // The whole hundred with signs: each block's nine bits from one hash or two.
      const base = hundred;
      total = addSignedBlock(total, base, nineSigns(seed, first), m01, m23, m45, m67);
      total = addSignedBlock(total, base + 10.0, nineSigns(seed, first + 10), m01, m23, m45, m67);
      total = addSignedBlock(total, base + 20.0, nineSigns(seed, first + 20), m01, m23, m45, m67);
      total = addSignedBlock(total, base + 30.0, nineSigns(seed, first + 30), m01, m23, m45, m67);
      total = addSignedBlock(total, base + 40.0, nineSigns(seed, first + 40), m01, m23, m45, m67);
      total = addSignedBlock(total, base + 50.0, nineSigns(seed, first + 50), m01, m23, m45, m67);
      total = addSignedBlock(total, base + 60.0, nineSigns(seed, first + 60), m01, m23, m45, m67);
      total = addSignedBlock(total, base + 70.0, nineSigns(seed, first + 70), m01, m23, m45, m67);
      total = addSignedBlock(total, base + 80.0, nineSigns(seed, first + 80), m01, m23, m45, m67);
    } else if (first + 88 <= last) {
      // The whole hundred: nine blocks of nine, no bound check.
      // Written out, not a loop over d: V8 puts an interrupt check on every
      // loop's back edge, and the nine blocks then share one.
      const base = hundred;
      total = addBlock(total, base, one, m01, m23, m45, m67);
      total = addBlock(total, base + 10.0, one, m01, m23, m45, m67);
      total = addBlock(total, base + 20.0, one, m01, m23, m45, m67);
      total = addBlock(total, base + 30.0, one, m01, m23, m45, m67);
      total = addBlock(total, base + 40.0, one, m01, m23, m45, m67);
      total = addBlock(total, base + 50.0, one, m01, m23, m45, m67);
      total = addBlock(total, base + 60.0, one, m01, m23, m45, m67);
      total = addBlock(total, base + 70.0, one, m01, m23, m45, m67);
      total = addBlock(total, base + 80.0, one, m01, m23, m45, m67);
    } else {
      total = addPartial(total, first, 0, last, seed);
    }
    // The next 9-free Q: add 1; a digit 8 becomes 0 and carries.
    let position = 0;
    let step: i64 = 1;
    while (true) {
      const at = PREFIX + (<usize>position << 2);
      const d = load<i32>(at);
      if (d < 8) {
        store<i32>(at, d + 1);
        value += step;
        hundred += 100.0 * <f64>step;
        break;
      }
      store<i32>(at, 0);
      value -= 8 * step;
      hundred -= 800.0 * <f64>step;
      position++;
      step *= 10;
      if (position == length) {
        // A new leading digit: 1.
        store<i32>(PREFIX + (<usize>position << 2), 1);
        value += step;
        hundred += 100.0 * <f64>step;
        length++;
        break;
      }
    }
  }
  return total;
}
