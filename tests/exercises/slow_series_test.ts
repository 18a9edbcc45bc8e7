/**
 * Exercise 1's reference past 2^31: the fast loop stops at 2^31 - 1 (where
 * `| 0` would wrap around) and the rest takes `containsSafe`, which is tested
 * here directly on windows of k above 2^31 (the whole sum there would take
 * minutes), against the string test.
 *
 * @module
 */
import {
  containsSafe,
  slowSeries,
  sumWithoutDigit,
  termSign as referenceSign,
} from "../../solutions/01_slow_series/slow_series.ts";
import { termSign as stubSign } from "../../exercises/01_slow_series/slow_series.ts";
import { termSign } from "../../checks/shared/term_sign.ts";
import { slowSeriesBaseline } from "../../checks/01_slow_series/baseline.ts";
import { assertEquals } from "../_helpers/helpers.ts";
import { TERM_SIGN } from "../_helpers/term_sign_source.ts";

/** The parsed form of `omit`, as slowSeries computes it. */
function parsed(omit: string): [number, number, number] {
  const window = 10 ** omit.length;
  return [Number(omit), window, window / 10];
}

Deno.test("containsSafe() agrees with the string test on windows of k above 2^31", () => {
  const starts = [2 ** 31 - 50, 2 ** 32 - 7, 9_999_990_000, 2 ** 53 - 1000];
  for (const omit of ["9", "0", "1", "42", "05", "999"]) {
    const [value, window, smallest] = parsed(omit);
    for (const start of starts) {
      for (let k = start; k < start + 1000 && k <= Number.MAX_SAFE_INTEGER; k++) {
        assertEquals(
          containsSafe(k, value, window, smallest),
          String(k).includes(omit),
          `k = ${k}, omit ${omit}`,
        );
      }
    }
  }
});

Deno.test("the fast loop's digit test equals the string test below 2^31", () => {
  // Sums over a window are the same double only if every k was judged the same.
  for (const omit of ["9", "0", "3"]) {
    let expected = 0;
    for (let k = 1; k <= 200_000; k++) if (!String(k).includes(omit)) expected += 1 / k;
    assertEquals(slowSeries(200_000, omit, 0), expected, `omit ${omit}`);
  }
});

Deno.test("signed sums: the reference's per-block signs are the baseline's per-term ones, bit for bit", () => {
  for (const seed of [1, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff, 123_456_789]) {
    for (const omit of ["9", "0", "42"]) {
      assertEquals(
        slowSeries(100_003, omit, seed),
        slowSeriesBaseline(100_003, omit, seed),
        `seed ${seed}, omit ${omit}`,
      );
    }
  }
});

Deno.test("the stub, the reference, the tests' candidates and the check give the same signs", () => {
  const candidateSign = new Function(`${TERM_SIGN.replace(/: number/g, "")}; return termSign;`)();
  for (const seed of [0, 1, 42, 0xffff_ffff]) {
    for (const k of [1, 31, 32, 33, 1_000_003, 2 ** 31 - 1, 2 ** 31, 2 ** 32 + 5]) {
      const sign = termSign(seed, k);
      assertEquals(
        [stubSign(seed, k), referenceSign(seed, k), candidateSign(seed, k)],
        [sign, sign, sign],
        `(${seed}, ${k})`,
      );
    }
  }
});

Deno.test("the fast loop's written-out digits: ten-digit k up to 2^31 - 1, every digit", () => {
  const windows = [[999_999_000, 1_000_001_000], [1_999_999_000, 2_000_000_500], [
    2 ** 31 - 2000,
    2 ** 31 - 1,
  ]];
  for (let digit = 0; digit <= 9; digit++) {
    for (const [lo, hi] of windows as [number, number][]) {
      const seed = digit * 977;
      let expected = 0.5;
      for (let k = lo; k <= hi; k++) {
        if (!String(k).includes(String(digit))) expected += termSign(seed, k) / k;
      }
      assertEquals(
        sumWithoutDigit(0.5, lo, hi, digit, seed),
        expected,
        `[${lo}, ${hi}], digit ${digit}`,
      );
    }
  }
});
