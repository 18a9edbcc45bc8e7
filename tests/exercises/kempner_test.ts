/**
 * The Kempner sums in data/: they agree with the published table and with the
 * course, and the reference re-derives them.
 *
 * @module
 */
import { kempnerSums } from "../../data/kempner.ts";
import { kempnerSum } from "../../solutions/10_kempner/kempner.ts";
import { assert, assertEquals } from "../_helpers/helpers.ts";

Deno.test("kempner sums: the first 5 decimals match Baillie's published table", () => {
  const sums = kempnerSums();
  assertEquals(sums.map((s) => s.digit), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], "digits");
  for (const { digit, value, published } of sums) {
    // The table is truncated, not rounded: the value lies in [published, published + 1e-5).
    assert(
      value >= published && value < published + 1e-5,
      `digit ${digit}: ${value} vs ${published}`,
    );
  }
});

Deno.test("kempner sums: digit 9 agrees with the course's 22.9206766192 to 1e-10", () => {
  const nine = kempnerSums().find((s) => s.digit === 9);
  assert(
    nine !== undefined && Math.abs(nine.value - 22.9206766192) < 1e-10,
    `digit 9: ${nine?.value}`,
  );
});

Deno.test("kempner sums: the reference re-derives every value", () => {
  for (const { digit, value } of kempnerSums()) {
    assertEquals(kempnerSum(digit), value, `digit ${digit}`);
  }
});

Deno.test("kempnerSum() refuses a digit outside 0..9", () => {
  for (const bad of [-1, 10, 2.5, Number.NaN]) {
    let caught: unknown;
    try {
      kempnerSum(bad);
    } catch (thrown) {
      caught = thrown;
    }
    assert(caught instanceof RangeError, `digit ${bad}`);
  }
});
