/**
 * Holds data/known_sums.json to what data/README.md says about it. The table was
 * written with the integer digit test (scripts/known_sums.ts); these tests
 * re-derive a sample with an independent method, the string test, and an
 * independent accurate sum (double-double arithmetic instead of Neumaier's).
 *
 * @module
 */
import document from "../../data/known_sums.json" with { type: "json" };
import { containsDigits, OMITTED } from "../../scripts/known_sums.ts";

interface Row {
  omit: string;
  n: number;
  leftToRight: number;
  compensated: number;
}

const ROWS: readonly Row[] = document.sums;
/** Every n = 10^p the table promises, p = 0..8. */
const POWERS = [0, 1, 2, 3, 4, 5, 6, 7, 8];
/** Re-derived for every omit string up to here: 12 × 10^5 string tests take ~0.1 s. */
const REDERIVE_MAX_N = 100_000;
/** Left to right and compensated differ by at most ~3e-13 relative in the table (n = 1e8, "9"). */
const ORDER_TOLERANCE = 1e-12;

function assert(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Bit for bit: Object.is tells 0 from -0 and treats NaN as equal to itself. */
function assertSame(actual: number, expected: number, what: string): void {
  assert(Object.is(actual, expected), `${what}: expected ${expected}, got ${actual}`);
}

function rowFor(omit: string, n: number): Row {
  const row = ROWS.find((r) => r.omit === omit && r.n === n);
  assert(row !== undefined, `Cannot find the known sum for omit "${omit}", n = ${n}`);
  return row;
}

/** The sums of the string test's terms up to `last`, recorded at every power of 10. */
interface Derived {
  n: number;
  /** Plain double sum in ascending k, as the series is defined. */
  leftToRight: number;
  /** The exact sum of the same double terms, rounded once (double-double). */
  accurate: number;
}

/**
 * Sums 1/k over the k in 1..last whose String(k) does not contain `omit`, both
 * left to right and in double-double: each addition's rounding error is
 * recovered exactly (Knuth's two-sum) and carried in a second double.
 */
function deriveWithStrings(omit: string, last: number): Derived[] {
  const derived: Derived[] = [];
  let plain = 0;
  let high = 0;
  let low = 0;
  let nextPower = 1;
  for (let k = 1; k <= last; k++) {
    if (!String(k).includes(omit)) {
      const term = 1 / k;
      plain += term;
      const sum = high + term;
      const virtualTerm = sum - high;
      low += (high - (sum - virtualTerm)) + (term - virtualTerm);
      high = sum + low; // renormalise so that `low` stays small
      low = low - (high - sum);
    }
    if (k === nextPower) {
      derived.push({ n: k, leftToRight: plain, accurate: high + low });
      nextPower *= 10;
    }
  }
  return derived;
}

Deno.test("known sums: the table has every omit string at every n = 10^0..10^8", () => {
  assert(ROWS.length === OMITTED.length * POWERS.length, `expected 108 rows, got ${ROWS.length}`);
  for (const omit of OMITTED) {
    for (const power of POWERS) rowFor(omit, 10 ** power);
  }
});

Deno.test("known sums: n = 1e8 without 9 reproduces the design notes", () => {
  const row = rowFor("9", 100_000_000);
  assertSame(row.leftToRight, 13.277605949858103, 'left to right, n = 1e8, omit "9"');
  // The exact value is 13.2776059498540…
  assert(
    row.compensated >= 13.277605949854 && row.compensated < 13.2776059498541,
    `compensated, n = 1e8, omit "9": expected 13.2776059498540…, got ${row.compensated}`,
  );
});

Deno.test("known sums: the string test re-derives every sum up to n = 1e5", () => {
  for (const omit of OMITTED) {
    for (const derived of deriveWithStrings(omit, REDERIVE_MAX_N)) {
      const row = rowFor(omit, derived.n);
      const where = `omit "${omit}", n = ${derived.n}`;
      // Same terms in the same order: the same double, whatever the digit test.
      assertSame(row.leftToRight, derived.leftToRight, `left to right, ${where}`);
      // Neumaier's sum lands on the correctly rounded value here (its bound is one ulp).
      assertSame(row.compensated, derived.accurate, `compensated, ${where}`);
    }
  }
});

Deno.test("known sums: at n = 1e6 the order of addition moves the sum by < 1e-12", () => {
  const derived = deriveWithStrings("9", 1_000_000).at(-1);
  assert(derived !== undefined && derived.n === 1_000_000, "Cannot derive the sum at n = 1e6");
  const row = rowFor("9", 1_000_000);
  assertSame(row.leftToRight, derived.leftToRight, 'left to right, omit "9", n = 1e6');
  assertSame(row.compensated, derived.accurate, 'compensated, omit "9", n = 1e6');
  const relative = Math.abs(row.compensated - row.leftToRight) / row.compensated;
  assert(relative > 0 && relative < ORDER_TOLERANCE, `relative difference ${relative}`);
  // And across the whole table, n = 1e8 included.
  for (const r of ROWS) {
    const gap = Math.abs(r.compensated - r.leftToRight);
    assert(
      gap <= ORDER_TOLERANCE * r.compensated,
      `omit "${r.omit}", n = ${r.n}: the two sums differ by ${gap}`,
    );
  }
});

Deno.test("known sums: containsDigits() agrees with the string test for k = 1..20000", () => {
  // k = 0 is not a term of the series, and containsDigits(0, …) treats 0 as
  // having no digits at all, so the comparison starts at 1.
  for (const omit of ["0", "9", "05", "00", "42"]) {
    const window = 10 ** omit.length;
    const smallest = 10 ** (omit.length - 1);
    for (let k = 1; k <= 20_000; k++) {
      const expected = String(k).includes(omit);
      assert(
        containsDigits(k, Number(omit), window, smallest) === expected,
        `containsDigits(${k}) with omit "${omit}": expected ${expected}`,
      );
    }
  }
});
