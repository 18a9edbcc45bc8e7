/**
 * The pair measurement: a warm-up pair is dropped, the statistics are over the
 * speed-ups of the timed pairs, and a problem stops the run.
 *
 * @module
 */
import { measurePairs, median, PairProblem } from "../../lib/check/measure.ts";
import { assert, assertEquals } from "../_helpers/helpers.ts";

Deno.test("measurePairs() drops the warm-up pair and reports median, min and max", async () => {
  // Pair i has speed-up i + 1; pair 0 (the warm-up) a wild 100×.
  const seen: number[] = [];
  const result = await measurePairs(5, (index) => {
    seen.push(index);
    return Promise.resolve({
      baselineMs: index === 0 ? 100 : 10 * (index + 1),
      candidateMs: index === 0 ? 1 : 10,
    });
  });
  assertEquals(seen, [0, 1, 2, 3, 4, 5], "one warm-up, then 5 pairs, in order");
  assertEquals(result.samples.length, 5, "timed pairs");
  assertEquals(result.speedup, { median: 4, min: 2, max: 6 }, "statistics");
  assertEquals(result.baselineMs, 40, "median baseline");
  assertEquals(result.candidateMs, 10, "median candidate");
});

Deno.test("measurePairs() stops at the first problem", async () => {
  let calls = 0;
  let caught: unknown;
  try {
    await measurePairs(5, (index) => {
      calls++;
      if (index === 2) throw new PairProblem("wrong answer");
      return Promise.resolve({ baselineMs: 2, candidateMs: 1 });
    });
  } catch (thrown) {
    caught = thrown;
  }
  assert(caught instanceof PairProblem, "the problem comes out");
  assertEquals(calls, 3, "no pair after the problem");
});

Deno.test("measurePairs() refuses a pair count that is not a positive integer", async () => {
  let caught: unknown;
  try {
    await measurePairs(0, () => Promise.resolve({ baselineMs: 1, candidateMs: 1 }));
  } catch (thrown) {
    caught = thrown;
  }
  assert(caught instanceof RangeError, "RangeError");
});

Deno.test("median() takes the middle, or the mean of the two middles", () => {
  assertEquals(median([3, 1, 2]), 2, "odd");
  assertEquals(median([4, 1, 3, 2]), 2.5, "even");
  assert(Number.isNaN(median([])), "empty");
});
