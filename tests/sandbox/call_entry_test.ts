/**
 * Loading a candidate's entry (`lib/sandbox/call_entry.ts`): a misspelt export
 * is named with the one that was probably meant (`nearestName`, in
 * `lib/check/describe.ts`, the did-you-mean an unknown exercise gets too).
 *
 * @module
 */
import { nearestName } from "../../lib/check/describe.ts";
import { assert, assertEquals, assertIncludes, checkSource } from "../_helpers/helpers.ts";

Deno.test("nearestName() finds a misspelt export two edits away, case ignored, and nothing further", () => {
  assertEquals(nearestName("slowSeries", ["slowseries", "helper"]), "slowseries", "case");
  assertEquals(nearestName("slowSeries", ["slowSerie", "x"]), "slowSerie", "one edit");
  assertEquals(nearestName("slowSeries", ["fastSeries"]), null, "four edits: not meant");
  assertEquals(nearestName("slowSeries", []), null, "no export at all");
});

Deno.test("check: a misspelt export says which one was probably meant", async () => {
  const result = await checkSource(
    1,
    `export function slowseries(n: number, omit: string): number { return n + omit.length; }`,
  );
  assertEquals(result.status, "error", "not judged");
  assertIncludes(result.tests[0]?.message ?? "", "did you mean slowseries?", "the hint");
  assert(!(result.tests[0]?.message ?? "").includes("found nothing"), "not 'found nothing' too");
});
