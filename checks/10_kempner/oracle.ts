/**
 * Exercise 10's oracle: the sum of 1/k over every k ≥ 1 whose decimal form does
 * not contain the digit string `omit`, to ORACLE_DIGITS decimals, in exact
 * integer arithmetic (BigInt fixed point).
 *
 * It is built to be independent of the reference solution, which works in
 * doubles and iterates the recurrence level by level (tens of thousands of
 * levels for a three-digit string). Here:
 *
 * - the first DIRECT_DIGITS levels are enumerated with the string test itself
 *   (`String(x).includes(omit)`), not with an automaton;
 * - everything from there on is summed in closed form: with U(s, p) the sum of
 *   1/x^p over the allowed x with at least DIRECT_DIGITS digits that end in
 *   state s (how much of `omit` the number ends with), every allowed x with one
 *   more digit is 10y + d, and expanding 1/(10y + d)^p in powers of d/(10y)
 *   (Schmelzer & Baillie 2008) gives one linear system, U = S + A·U, where S
 *   holds the sums of the first enumerated level. A is block triangular in p,
 *   so the system is solved for p = POWERS down to 1, each block an exact
 *   integer matrix (10^p·I − N, N counting the digits that lead from one state
 *   to another) solved by fraction-free elimination. No level is iterated.
 *
 * Error budget: every fixed-point division truncates by at most one unit of
 * 10^-SCALE_DIGITS; the blocks (10^p·I − N) are well conditioned except
 * p = 1, whose condition is about 10^|omit| — a few thousand for three digits,
 * 10^10 for ten — so SCALE_DIGITS = ORACLE_DIGITS + 25 leaves every printed
 * decimal exact up to ten-digit strings. The expansion is truncated after
 * POWERS powers: with y ≥ 10^(DIRECT_DIGITS−1) = 1000 each power adds a factor
 * below 10^−3, so the first term left out is below 10^(−3·POWERS) = 10^−90.
 *
 * Tested against published values to 20 and more digits
 * (tests/exercises/kempner_test.ts; sources in data/README.md).
 *
 * @module
 */

/** Decimals the oracle guarantees (the check needs 10 significant digits). */
export const ORACLE_DIGITS = 40;
/** Fixed-point scale: 25 guard digits over ORACLE_DIGITS (see the error budget above). */
const SCALE_DIGITS = ORACLE_DIGITS + 25;
const SCALE = 10n ** BigInt(SCALE_DIGITS);
/** Levels summed term by term with the string test: numbers below 10^DIRECT_DIGITS. */
const DIRECT_DIGITS = 4;
/** Powers p of 1/x kept in the closed-form tail (see the error budget above). */
const POWERS = 30;
/** The longest string the oracle accepts: p = 1's block conditioning grows as 10^length. */
export const MAX_OMIT_LENGTH = 12;

/** The exact sum as a decimal string, `ORACLE_DIGITS` decimals, truncated. */
export function kempnerOracleDigits(omit: string): string {
  const total = kempnerOracleFixed(omit);
  const whole = total / SCALE;
  const fraction = (total % SCALE).toString().padStart(SCALE_DIGITS, "0");
  return `${whole}.${fraction.slice(0, ORACLE_DIGITS)}`;
}

/** The sum as the nearest double. */
export function kempnerOracle(omit: string): number {
  return Number(kempnerOracleDigits(omit));
}

/** The state of a number's decimal form: the longest proper prefix of `omit` it ends with. */
function stateOf(text: string, omit: string): number {
  for (let length = Math.min(omit.length - 1, text.length); length > 0; length--) {
    if (text.endsWith(omit.slice(0, length))) return length;
  }
  return 0;
}

/** The sum times 10^SCALE_DIGITS. */
function kempnerOracleFixed(omit: string): bigint {
  if (!/^[0-9]+$/.test(omit) || omit.length > MAX_OMIT_LENGTH) {
    throw new RangeError(
      `Cannot compute the Kempner sum: omit must be 1 to ${MAX_OMIT_LENGTH} decimal digits, got ${
        JSON.stringify(omit)
      }`,
    );
  }
  const states = omit.length; // 0 .. length − 1; reaching `length` means `omit` occurs.

  // Levels 1 .. DIRECT_DIGITS − 1 term by term; level DIRECT_DIGITS by state and power.
  let direct = 0n;
  const first = Array.from({ length: states }, () => new Array<bigint>(POWERS + 1).fill(0n));
  const from = 10 ** (DIRECT_DIGITS - 1);
  for (let x = 1; x < 10 * from; x++) {
    const text = String(x);
    if (text.includes(omit)) continue;
    if (x < from) {
      direct += SCALE / BigInt(x);
      continue;
    }
    const row = first[stateOf(text, omit)] as bigint[];
    let inverse = SCALE;
    for (let p = 1; p <= POWERS; p++) {
      inverse /= BigInt(x);
      row[p] = (row[p] as bigint) + inverse;
    }
  }

  // Which digit leads from state s to state t (t = states: `omit` occurred).
  const next = (s: number, d: number) => {
    const text = omit.slice(0, s) + String(d);
    return text.endsWith(omit) ? states : stateOf(text, omit);
  };
  // power[t][s][w] = Σ d^w over the digits d taking state s to state t (0^0 = 1).
  const power = Array.from(
    { length: states },
    () => Array.from({ length: states }, () => new Array<bigint>(POWERS).fill(0n)),
  );
  for (let s = 0; s < states; s++) {
    for (let d = 0; d <= 9; d++) {
      const t = next(s, d);
      if (t === states) continue;
      const row = (power[t] as bigint[][])[s] as bigint[];
      for (let w = 0; w < POWERS; w++) row[w] = (row[w] as bigint) + BigInt(d) ** BigInt(w);
    }
  }

  // U[s][p] for p = POWERS down to 1:
  //   U_p = S_p + Σ_w (−1)^w C(p+w−1, w) 10^−(p+w) Σ_s power[·][s][w] U_{p+w}[s]
  // The w = 0 term moves to the left: (10^p I − N) U_p = 10^p S_p + Σ_{w≥1} (…)·10^−w.
  const tail = Array.from({ length: states }, () => new Array<bigint>(POWERS + 1).fill(0n));
  for (let p = POWERS; p >= 1; p--) {
    const right: bigint[] = [];
    for (let t = 0; t < states; t++) {
      let sum = (first[t]?.[p] as bigint) * 10n ** BigInt(p);
      for (let w = 1; p + w <= POWERS; w++) {
        let inner = 0n;
        for (let s = 0; s < states; s++) {
          inner += (power[t]?.[s]?.[w] as bigint) * (tail[s]?.[p + w] as bigint);
        }
        const term = binomial(p + w - 1, w) * inner / 10n ** BigInt(w);
        sum += w % 2 === 0 ? term : -term;
      }
      right.push(sum);
    }
    const matrix = Array.from(
      { length: states },
      (_, t) =>
        Array.from(
          { length: states },
          (_, s) => (t === s ? 10n ** BigInt(p) : 0n) - (power[t]?.[s]?.[0] as bigint),
        ),
    );
    const solved = solveInteger(matrix, right);
    for (let s = 0; s < states; s++) (tail[s] as bigint[])[p] = solved[s] as bigint;
  }
  let total = direct;
  for (let s = 0; s < states; s++) total += tail[s]?.[1] as bigint;
  return total;
}

function binomial(n: number, k: number): bigint {
  let c = 1n;
  for (let i = 1; i <= k; i++) c = c * BigInt(n - k + i) / BigInt(i);
  return c;
}

/**
 * Solves M·x = b for an integer matrix M and fixed-point b by fraction-free
 * (Bareiss) elimination: every intermediate is an exact integer, and the one
 * rounding is the final division of each unknown.
 */
function solveInteger(matrix: bigint[][], right: bigint[]): bigint[] {
  const n = right.length;
  const a = matrix.map((row, i) => [...row, right[i] as bigint]);
  let previous = 1n;
  for (let k = 0; k < n - 1; k++) {
    const rowK = a[k] as bigint[];
    if (rowK[k] === 0n) throw new Error("Cannot solve the oracle's system: a zero pivot");
    for (let i = k + 1; i < n; i++) {
      const rowI = a[i] as bigint[];
      for (let j = k + 1; j <= n; j++) {
        rowI[j] = ((rowI[j] as bigint) * (rowK[k] as bigint) -
          (rowI[k] as bigint) * (rowK[j] as bigint)) / previous;
      }
      rowI[k] = 0n;
    }
    previous = rowK[k] as bigint;
  }
  // Back substitution in fixed point: x_i = (b_i − Σ_j a_ij x_j) / a_ii.
  const x = new Array<bigint>(n).fill(0n);
  for (let i = n - 1; i >= 0; i--) {
    const row = a[i] as bigint[];
    let sum = row[n] as bigint;
    for (let j = i + 1; j < n; j++) sum -= (row[j] as bigint) * (x[j] as bigint);
    x[i] = sum / (row[i] as bigint);
  }
  return x;
}
