/**
 * Exercise 10, reference solution: the whole infinite sum of 1/k over the k
 * whose decimal form does not contain `digit`, by Baillie's method (1979).
 *
 * Brute force cannot get there: the terms that are left decay so slowly that
 * after 10^9 of them the sum without 9 is only about 14.24, while the limit is
 * 22.92. Baillie groups the denominators by their number of digits instead.
 *
 * Write S_j(p) for the sum of 1/x^p over the allowed numbers x with j digits.
 * Every allowed number with j + 1 digits is 10x + m, with x allowed with j digits
 * and m an allowed last digit, and
 *
 *   1/(10x + m)^p = Σ_w C(p + w − 1, w) (−m)^w / (10x)^(p + w),
 *
 * so, summing over x and m, with a_w = Σ_m m^w:
 *
 *   S_{j+1}(p) = Σ_w (−1)^w C(p + w − 1, w) a_w 10^−(p + w) S_j(p + w).
 *
 * The first levels are summed directly (there the expansion in m/(10x) would
 * converge slowly); after that each level costs a few hundred multiplications,
 * and S_j(1) shrinks by about 9/10 per level, so a few hundred levels reach
 * double precision.
 *
 * @module
 */

/** Levels summed term by term: from 10^(DIRECT_LEVELS−1) on, m/(10x) ≤ 9·10^−4. */
const DIRECT_LEVELS = 4;
/** Powers kept: with m/(10x) < 10^−3, terms beyond w ≈ 6 are below 10^−18 of the first. */
const MAX_POWER = 24;
/** Stop when a level adds less than this, relative to the sum so far. */
const NEGLIGIBLE = 1e-18;
/** A safety bound on the levels (about 400 are needed). */
const MAX_LEVELS = 2000;

/**
 * The sum of 1/k over every k ≥ 1 whose decimal form does not contain `digit`.
 *
 * @param digit The digit left out, 0 to 9.
 * @returns The infinite sum, to about 15 significant digits (22.92067661926415 for 9).
 * @throws {RangeError} If `digit` is not an integer from 0 to 9.
 * @example
 * ```ts
 * import { kempnerSum } from "./kempner.ts";
 * if (Math.abs(kempnerSum(9) - 22.9206766192) > 1e-9) throw new Error("wrong sum");
 * ```
 */
export function kempnerSum(digit: number): number {
  if (!Number.isInteger(digit) || digit < 0 || digit > 9) {
    throw new RangeError(`Cannot sum the Kempner series: digit must be 0 to 9, got ${digit}`);
  }
  const allowed: number[] = [];
  for (let m = 0; m <= 9; m++) if (m !== digit) allowed.push(m);

  // a_w = Σ_m m^w over the allowed last digits (0^0 counts as 1).
  const powerSums = new Float64Array(MAX_POWER + 1);
  for (let w = 0; w <= MAX_POWER; w++) {
    for (const m of allowed) powerSums[w] = (powerSums[w] as number) + (w === 0 ? 1 : m ** w);
  }

  // Levels 1..DIRECT_LEVELS, term by term; S[p] holds S_j(p) of the last level.
  let total = 0;
  let compensation = 0;
  const add = (term: number) => {
    // Neumaier's compensated sum: hundreds of terms of falling size.
    const t = total + term;
    compensation += Math.abs(total) >= Math.abs(term) ? (total - t) + term : (term - t) + total;
    total = t;
  };
  let level = allowed.filter((m) => m !== 0); // 1-digit numbers: no leading zero
  let sums = new Float64Array(MAX_POWER + 1);
  for (let j = 1; j <= DIRECT_LEVELS; j++) {
    sums = new Float64Array(MAX_POWER + 1);
    for (const x of level) {
      let inverse = 1;
      for (let p = 1; p <= MAX_POWER; p++) {
        inverse /= x;
        sums[p] = (sums[p] as number) + inverse;
      }
    }
    add(sums[1] as number);
    if (j < DIRECT_LEVELS) level = level.flatMap((x) => allowed.map((m) => 10 * x + m));
  }

  // C(p + w − 1, w) for p + w ≤ MAX_POWER, built row by row.
  const binomial = (n: number, k: number): number => {
    let c = 1;
    for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
    return c;
  };
  const coefficients: Float64Array[] = [];
  for (let p = 1; p <= MAX_POWER; p++) {
    const row = new Float64Array(MAX_POWER - p + 1);
    for (let w = 0; w <= MAX_POWER - p; w++) {
      row[w] = (w % 2 === 0 ? 1 : -1) * binomial(p + w - 1, w) * (powerSums[w] as number) *
        10 ** -(p + w);
    }
    coefficients[p] = row;
  }

  for (let j = DIRECT_LEVELS + 1; j <= MAX_LEVELS; j++) {
    const next = new Float64Array(MAX_POWER + 1);
    for (let p = 1; p <= MAX_POWER; p++) {
      const row = coefficients[p] as Float64Array;
      let s = 0;
      for (let w = 0; w < row.length; w++) s += (row[w] as number) * (sums[p + w] as number);
      next[p] = s;
    }
    sums = next;
    add(sums[1] as number);
    if ((sums[1] as number) < NEGLIGIBLE * total) break;
  }
  return total + compensation;
}
