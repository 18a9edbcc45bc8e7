/**
 * Exercise 10, reference solution: the whole infinite sum of 1/k over the k
 * whose decimal form does not contain the digit string `omit`, by the method
 * of Schmelzer & Baillie (2008), which extends Baillie's (1979) to strings.
 *
 * Brute force cannot get there: without the digit 9 the partial sums are still
 * about 0.95 short of the limit after every number below 10^30.
 *
 * Group the allowed numbers by their number of digits (a "level"), and within
 * a level by their state: the length of the longest start of `omit` that the
 * number ends with. For omit = "42", 1234 is in state 1 (it ends with "4"),
 * 1240 in state 0; appending "2" to a number in state 1 makes "42" appear, so
 * that number is left out. Write S_j(s, p) for the sum of 1/x^p over the
 * allowed x with j digits in state s. Every allowed number with j + 1 digits
 * is 10x + d, with x allowed with j digits and d a digit that does not
 * complete `omit` from x's state, and
 *
 *   1/(10x + d)^p = Σ_w C(p + w − 1, w) (−d)^w / (10x)^(p + w),
 *
 * so, summing over x and d (a_w(s → t) = Σ d^w over the digits d that take
 * state s to state t):
 *
 *   S_{j+1}(t, p) = Σ_s Σ_w (−1)^w C(p + w − 1, w) a_w(s → t) 10^−(p + w) S_j(s, p + w).
 *
 * The first levels are summed directly (there the expansion in d/(10x) would
 * converge slowly); after that each level costs a few hundred multiplications.
 * The sum of a level shrinks by about 1 − 10^−|omit| per level, so a digit
 * needs a few hundred levels and a three-digit string some forty thousand.
 *
 * @module
 */

/** Levels summed term by term: from 10^(DIRECT_LEVELS−1) on, d/(10x) < 10^−3. */
const DIRECT_LEVELS = 4;
/** Powers kept: with d/(10x) < 10^−3, terms beyond w ≈ 6 are below 10^−18 of the first. */
const MAX_POWER = 16;
/** Orders of magnitude a power must fall below the first before it is dropped. */
const FADED = 20;
/** Stop when what is left (a level's sum × 1/(1 − ratio)) is below this, relative. */
const NEGLIGIBLE = 1e-18;
/** Longest string accepted: the levels needed grow as 10^length (10^5 levels for 4 digits). */
export const MAX_OMIT_LENGTH = 4;
/** A safety bound on the levels. */
const MAX_LEVELS = 2_000_000;

/**
 * The sum of 1/k over every k ≥ 1 whose decimal form does not contain `omit`.
 *
 * @param omit The digit string left out, 1 to 4 decimal digits ("9", "42", "05", "000").
 * @returns The infinite sum, to about 13 significant digits or better.
 * @throws {RangeError} If `omit` is not 1 to 4 decimal digits.
 * @example
 * ```ts
 * import { kempnerSum } from "./kempner.ts";
 * if (Math.abs(kempnerSum("9") - 22.9206766192) > 1e-9) throw new Error("wrong sum");
 * ```
 */
export function kempnerSum(omit: string): number {
  return kempnerLevels(omit, MAX_LEVELS);
}

/**
 * The sum over the numbers with at most `maxDigits` digits (the whole sum once
 * the levels add nothing): a partial sum that brute force could never reach.
 */
export function kempnerLevels(omit: string, maxDigits: number): number {
  if (typeof omit !== "string" || !/^[0-9]+$/.test(omit) || omit.length > MAX_OMIT_LENGTH) {
    throw new RangeError(
      `Cannot sum the Kempner series: omit must be a string of 1 to ${MAX_OMIT_LENGTH} decimal digits, got ${
        typeof omit === "string" ? JSON.stringify(omit) : String(omit)
      }`,
    );
  }
  const states = omit.length;
  const digits = omit.split("").map(Number);

  // next[s * 10 + d]: the state after appending d in state s, or −1 if omit appears.
  const next = new Int32Array(states * 10);
  for (let s = 0; s < states; s++) {
    for (let d = 0; d <= 9; d++) {
      // The longest start of omit that (omit's first s digits, then d) ends with.
      const text = [...digits.slice(0, s), d];
      let t = Math.min(text.length, states);
      while (t > 0 && !endsWith(text, digits, t)) t--;
      next[s * 10 + d] = t === states ? -1 : t;
    }
  }

  // Levels 1..DIRECT_LEVELS, number by number, with each number's state.
  let total = 0;
  let compensation = 0;
  const add = (term: number) => {
    // Neumaier's compensated sum: thousands of terms of falling size.
    const t = total + term;
    compensation += Math.abs(total) >= Math.abs(term) ? (total - t) + term : (term - t) + total;
    total = t;
  };
  const width = MAX_POWER + 1;
  let sums = new Float64Array(states * width); // sums[s * width + p] = S_j(s, p)
  let numbers: number[] = [];
  let numberStates: number[] = [];
  for (let d = 1; d <= 9; d++) {
    const t = next[d] as number;
    if (t >= 0) {
      numbers.push(d);
      numberStates.push(t);
    }
  }
  const direct = Math.min(DIRECT_LEVELS, maxDigits);
  let previous = Infinity; // the last level's sum
  for (let j = 1; j <= direct; j++) {
    sums = new Float64Array(states * width);
    let level = 0;
    for (let i = 0; i < numbers.length; i++) {
      const x = numbers[i] as number;
      const base = (numberStates[i] as number) * width;
      level += 1 / x;
      let inverse = 1;
      for (let p = 1; p <= MAX_POWER; p++) {
        inverse /= x;
        sums[base + p] = (sums[base + p] as number) + inverse;
      }
    }
    add(level);
    previous = level;
    if (j === direct) break;
    const longer: number[] = [];
    const longerStates: number[] = [];
    for (let i = 0; i < numbers.length; i++) {
      const s = numberStates[i] as number;
      for (let d = 0; d <= 9; d++) {
        const t = next[s * 10 + d] as number;
        if (t < 0) continue;
        longer.push(10 * (numbers[i] as number) + d);
        longerStates.push(t);
      }
    }
    numbers = longer;
    numberStates = longerStates;
  }

  // coefficient[((t * states + s) * width + p) * width + w]
  //   = (−1)^w C(p + w − 1, w) a_w(s → t) 10^−(p + w), for p + w ≤ MAX_POWER.
  const coefficient = new Float64Array(states * states * width * width);
  for (let s = 0; s < states; s++) {
    for (let d = 0; d <= 9; d++) {
      const t = next[s * 10 + d] as number;
      if (t < 0) continue;
      for (let p = 1; p <= MAX_POWER; p++) {
        for (let w = 0; p + w <= MAX_POWER; w++) {
          const at = ((t * states + s) * width + p) * width + w;
          const sign = w % 2 === 0 ? 1 : -1;
          coefficient[at] = (coefficient[at] as number) +
            sign * binomial(p + w - 1, w) * d ** w * 10 ** -(p + w);
        }
      }
    }
  }

  // Levels DIRECT_LEVELS + 1 on, by the recurrence, until what is left is negligible.
  let following = new Float64Array(states * width);
  for (let j = direct + 1; j <= maxDigits; j++) {
    // With x ≥ 10^(j−2) in the level before, power w of d/(10x) is below 10^−(j−1)·w:
    // beyond `top` the powers add nothing a double can hold, so fewer are kept as j grows.
    const top = Math.min(MAX_POWER, 2 + Math.ceil(FADED / (j - 1)));
    following.fill(0);
    for (let t = 0; t < states; t++) {
      for (let s = 0; s < states; s++) {
        const pair = (t * states + s) * width;
        for (let p = 1; p <= top; p++) {
          const row = (pair + p) * width;
          let value = 0;
          for (let w = 0; p + w <= top; w++) {
            value += (coefficient[row + w] as number) * (sums[s * width + p + w] as number);
          }
          following[t * width + p] = (following[t * width + p] as number) + value;
        }
      }
    }
    [sums, following] = [following, sums];
    let level = 0;
    for (let s = 0; s < states; s++) level += sums[s * width + 1] as number;
    add(level);
    // The levels shrink geometrically: what is left is about level × ratio / (1 − ratio).
    const ratio = level / previous;
    previous = level;
    if (ratio < 1 && level * ratio / (1 - ratio) < NEGLIGIBLE * total) break;
  }
  return total + compensation;
}

/** True when `text` ends with the first `length` entries of `digits`. */
function endsWith(text: readonly number[], digits: readonly number[], length: number): boolean {
  for (let i = 0; i < length; i++) {
    if (text[text.length - length + i] !== digits[i]) return false;
  }
  return true;
}

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}
