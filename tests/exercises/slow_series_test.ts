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
} from "../../solutions/01_slow_series/slow_series.ts";
import { assertEquals } from "../_helpers/helpers.ts";

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
    assertEquals(slowSeries(200_000, omit), expected, `omit ${omit}`);
  }
});

Deno.test("the fast loop's written-out digits: ten-digit k up to 2^31 - 1, every digit", () => {
  const windows = [[999_999_000, 1_000_001_000], [1_999_999_000, 2_000_000_500], [
    2 ** 31 - 2000,
    2 ** 31 - 1,
  ]];
  for (let digit = 0; digit <= 9; digit++) {
    for (const [lo, hi] of windows as [number, number][]) {
      let expected = 0.5;
      for (let k = lo; k <= hi; k++) if (!String(k).includes(String(digit))) expected += 1 / k;
      assertEquals(sumWithoutDigit(0.5, lo, hi, digit), expected, `[${lo}, ${hi}], digit ${digit}`);
    }
  }
});
