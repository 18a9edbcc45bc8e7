/**
 * The series table of `deno task calibrate`: how runs ended, counted.
 *
 * @module
 */
import { outcomeCounts } from "../../lib/maintain/calibrate.ts";
import { assertEquals } from "../_helpers/helpers.ts";

Deno.test("outcomeCounts() counts how runs ended, most frequent first", () => {
  assertEquals(
    outcomeCounts(["gold", "silver", "gold", "inconclusive", "gold"]),
    "gold 3, inconclusive 1, silver 1",
    "counted, ties in name order",
  );
  assertEquals(outcomeCounts(["fail"]), "fail 1", "one run");
  assertEquals(outcomeCounts([]), "", "no run");
});
