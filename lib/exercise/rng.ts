/**
 * A small seeded pseudo-random generator, so that every hidden test and every
 * benchmark input can be reproduced from the seed a check prints.
 *
 * mulberry32: 32 bits of state, fast, and good enough to draw test inputs. It is
 * not for cryptography: a seed only has to make a failure repeatable. Kept
 * hand-written: ten lines whose every output is pinned by recorded seeds, and
 * `@std/random` (its library counterpart) is on JSR, which is unreachable here.
 *
 * @module
 */

/** A seeded source of random numbers. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number;
  /** One element of `items`, which must not be empty. */
  pick<T>(items: readonly T[]): T;
}

/** The largest seed: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 0xffff_ffff;

/**
 * Creates a generator from a seed.
 *
 * @param seed An unsigned 32-bit integer.
 * @returns A generator whose sequence depends only on `seed`.
 * @example
 * ```ts
 * import { createRng } from "./rng.ts";
 * const a = createRng(42), b = createRng(42);
 * if (a.next() !== b.next()) throw new Error("same seed, same sequence");
 * ```
 */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  function next(): number {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  function int(min: number, max: number): number {
    return min + Math.floor(next() * (max - min + 1));
  }
  function pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("Cannot pick from an empty list");
    return items[int(0, items.length - 1)] as T;
  }
  return { next, int, pick };
}

/**
 * Derives an independent seed for the `index`-th sub-stream of `seed`, so that
 * sample 7 of a benchmark gets the same input whatever ran before it.
 */
export function deriveSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** A fresh seed for a run that was given none. */
export function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] as number;
}
