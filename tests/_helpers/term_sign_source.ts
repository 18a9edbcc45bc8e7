/**
 * termSign as a candidate's file carries it (exercises 1, 4 and 9 give it in the
 * stub), for tests that write candidates of their own. `tests/exercises/
 * slow_series_test.ts` holds it to the check's copy.
 *
 * @module
 */

/** The source of `function termSign(seed, k)`, not exported, to put before a candidate's code. */
export const TERM_SIGN = `function termSign(seed: number, k: number): number {
  if (seed === 0) return 1;
  let h = Math.imul(k >>> 5, 0x9e3779b1) ^ seed;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return 1 - (((h >>> (k & 31)) & 1) << 1);
}`;

/** Exercise 1's string test with signs: correct, and the baseline's own algorithm. */
export const SIGNED_STRING_LOOP =
  "let t = 0; for (let k = 1; k <= n; k++) if (!String(k).includes(omit)) t += termSign(seed, k) / k; return t;";
