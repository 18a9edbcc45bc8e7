/**
 * The sign of each term of the seeded series (exercises 1, 4, 7 and 9), the
 * checks' own copy. Each of those exercises' stubs gives the learner the same
 * function (a test holds the copies equal); the oracles and the baselines use
 * this one, so a changed copy in the learner's file only makes their sums wrong.
 *
 * Why signs: Σ cos(i)/i has a closed form (−ln(2 sin ½) minus an asymptotic
 * tail), which answers in O(1); the slow series Σ 1/k without a digit, for a
 * given n and digit, is one number that a table of a few running totals
 * answers (a total at a nearby n plus the terms in between). With a sign per
 * term drawn from a hash of a seed the check draws per sample, neither holds:
 * the signs have no structure a formula or a table could sum (each block of
 * 32 terms takes the bits of a murmur3-mixed 32-bit word, and there are 2^32
 * seeds), so every term must be computed, which is the lesson.
 *
 * @module
 */
import { MAX_SEED, type Rng } from "../../lib/exercise/rng.ts";

/** A seed for a signed sum: any 32-bit value but 0, which gives every term +1. */
export function drawSignSeed(rng: Rng): number {
  return rng.int(1, MAX_SEED);
}

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
