/**
 * The sign of each term of exercise 7's series, the check's own copy. The
 * exercise's stub gives the learner the same function (a test holds the copies
 * equal); the oracle and the baseline use this one, so a changed copy in the
 * learner's file only makes their sums wrong.
 *
 * Why signs: Σ cos(i)/i has a closed form (−ln(2 sin ½) minus an asymptotic
 * tail), which answers in O(1). With a sign per term drawn from a hash of the
 * seed and i, Σ ±cos(i)/i has none: the signs have no structure a formula could
 * sum (each block of 32 terms takes the bits of a murmur3-mixed 32-bit word),
 * so every cosine must be computed, which is the lesson.
 *
 * @module
 */

/**
 * The sign of term i for `seed`: +1 or −1. Seed 0 gives +1 for every i (the
 * course's series Σ cos(i)/i); any other seed, a sign from bit i mod 32 of a
 * hash of (seed, ⌊i / 32⌋). No branch on the bit: a branch the CPU cannot
 * predict would cost more than the rest of the term.
 *
 * @param seed A 32-bit integer.
 * @param i The term's index, a positive integer.
 * @returns 1 or −1.
 */
export function termSign(seed: number, i: number): number {
  if (seed === 0) return 1;
  // `>>>` and `&` keep i in integer registers (i is read modulo 2^32, beyond
  // any n the check asks for); Math.floor(i / 32) and i % 32 tripled the cost.
  let h = Math.imul(i >>> 5, 0x9e3779b1) ^ seed;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return 1 - (((h >>> (i & 31)) & 1) << 1);
}
