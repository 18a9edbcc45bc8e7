/**
 * The check's progress line: the warm-up is named once and the counted pairs
 * follow it as pairs (issue 16: `warm-up 2.3× 2.3× …` read as if every pair
 * were a warm-up).
 *
 * @module
 */
import { pairProgress } from "../../lib/report/text.ts";
import { assert, assertEquals } from "../_helpers/helpers.ts";

Deno.test("pairProgress(): the warm-up says it is done and that pairs follow; busy pairs say so", () => {
  const line = [
    pairProgress(0, { baselineMs: 230, candidateMs: 100 }, false),
    pairProgress(1, { baselineMs: 230, candidateMs: 100 }, true),
    pairProgress(2, { baselineMs: 400, candidateMs: 100 }, false),
    pairProgress(3, { baselineMs: 240, candidateMs: 100 }, true),
  ].join("");
  assertEquals(line, "warm-up done · pairs: 2.3× (4.0× busy, again) 2.4× ", "the line");
  assert(!/warm-up \d/.test(line), "no ratio right after the word warm-up");
});
