/**
 * The pair measurement, on recorded and fake pair sequences (no timing): the
 * warm-up is dropped, the sequence stops once every pair agrees on a tier band
 * and goes on near a tier line up to a cap, pairs take turns to go first, a
 * disturbed pair is run again, and a machine that stays busy ends inconclusive.
 *
 * @module
 */
import {
  band,
  type ContentionPolicy,
  type MeasureOptions,
  measurePairs,
  median,
  medianInterval,
  pairOrder,
  PairProblem,
  type PairSample,
  shouldStop,
} from "../../lib/check/speed/measure.ts";
import { contentionPolicy, whyBusy } from "../../lib/check/speed/contention.ts";
import type { ContentionReading } from "../../lib/check/types.ts";
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";

/** Tier lines of exercise 1 (pass, silver, gold). */
const LINES = [1.5, 1.8, 2.1];
const RULE = { minPairs: 3, maxPairs: 11, lines: LINES };

/** A fake runPair replaying `ratios` (index 0 is the warm-up), recording the calls. */
function replay(ratios: readonly number[]) {
  const calls: { index: number; order: string }[] = [];
  const runPair: MeasureOptions["runPair"] = (index, order) => {
    calls.push({ index, order });
    const ratio = ratios[index];
    if (ratio === undefined) throw new Error(`no recorded pair ${index}`);
    return Promise.resolve({ baselineMs: 100 * ratio, candidateMs: 100 });
  };
  return { calls, runPair };
}

const quiet: ContentionReading = {
  source: "proc",
  wallMs: 1000,
  othersCores: 0.05,
  psiSome: 0.03,
  ownCores: 1,
};
const busy: ContentionReading = { ...quiet, othersCores: 1.2, psiSome: 0.22 };

/** A probe that reports `readings` in turn (the last one ever after). */
function fakeProbe(readings: readonly ContentionReading[]) {
  let next = 0;
  return {
    begin: () => () => readings[Math.min(next++, readings.length - 1)] as ContentionReading,
  };
}

function policy(readings: readonly ContentionReading[], need = 2): ContentionPolicy {
  return { ...contentionPolicy(need, 2, 11, fakeProbe(readings)), pauseMs: 0 };
}

Deno.test("measurePairs() stops after 3 pairs once all fall in one tier band", async () => {
  // Recorded exercise 1 check (issue 13): gold at 2.8–3.1× throughout.
  const { calls, runPair } = replay([
    9,
    2.9,
    3.05,
    2.83,
    3.0,
    2.95,
    3.1,
    2.88,
    2.92,
    3.02,
    2.99,
    3,
  ]);
  const result = await measurePairs({ rule: RULE, runPair });
  assertEquals(calls.length, 4, "one warm-up and 3 pairs, not 11");
  assertEquals(result.stop, "agreed", "stopped because the pairs agree");
  assertEquals(result.samples.length, 3, "counted pairs");
  assertEquals(result.speedup, { median: 2.9, min: 2.83, max: 3.05 }, "statistics of the 3");
  assertEquals(result.interval.low, 2.83, "3 pairs: the interval is [min, max]");
  assertEquals(result.interval.level, 0.75, "…with 75% coverage");
});

Deno.test("measurePairs() takes more pairs near a tier line, up to the cap", async () => {
  // A median on the gold line: pairs on both sides.
  const ratios = [1, 2.0, 2.2, 2.05, 2.15, 2.08, 2.12, 2.09, 2.11, 2.1, 2.13, 2.07, 5, 5];
  const { calls, runPair } = replay(ratios);
  const result = await measurePairs({ rule: RULE, runPair });
  assertEquals(calls.length, 12, "warm-up + the cap of 11");
  assertEquals(result.stop, "cap", "ended at the cap");
  assertEquals(result.speedup.median, 2.1, "the median decides");
});

Deno.test("measurePairs() stops once a straddling start settles into one band", async () => {
  // Pair 1 below gold, then gold: the first pair keeps it going until… never
  // (a sequence agrees only if every pair so far is in one band), so the cap.
  // With a cap of 5 this costs 5 pairs, not 11.
  const { calls, runPair } = replay([1, 2.0, 2.5, 2.6, 2.7, 2.6, 2.6]);
  const result = await measurePairs({ rule: { ...RULE, maxPairs: 5 }, runPair });
  assertEquals(calls.length, 6, "warm-up + 5");
  assertEquals(result.stop, "cap", "cap");
});

Deno.test("shouldStop() and band() on recorded sequences", () => {
  assertEquals(band(1.49, LINES), 0, "below pass");
  assertEquals(band(1.5, LINES), 1, "pass");
  assertEquals(band(2.1, LINES), 3, "gold");
  assertEquals(shouldStop([2.5, 2.6], RULE), null, "two pairs never decide");
  assertEquals(shouldStop([2.5, 2.6, 2.4], RULE), "agreed", "three in gold");
  assertEquals(shouldStop([1.2, 1.3, 1.1], RULE), "agreed", "three below pass: a clear fail");
  assertEquals(shouldStop([2.5, 2.0, 2.4], RULE), null, "silver and gold: go on");
  assertEquals(
    shouldStop(Array(11).fill(2.1).map((x, i) => x + (i % 2 ? 0.1 : -0.1)), RULE),
    "cap",
    "cap",
  );
});

Deno.test("pairs take turns to go first (ABBA), and the sandbox's own order is recorded", async () => {
  assertEquals([0, 1, 2, 3].map(pairOrder), [
    "baseline-first",
    "candidate-first",
    "baseline-first",
    "candidate-first",
  ], "alternating");
  const { calls, runPair } = replay([1, 3, 3, 3]);
  const result = await measurePairs({ rule: RULE, runPair });
  assertEquals(calls.map((c) => c.order), [
    "baseline-first",
    "candidate-first",
    "baseline-first",
    "candidate-first",
  ], "asked");
  assertEquals(result.samples.map((s) => s.order), [
    "candidate-first",
    "baseline-first",
    "candidate-first",
  ], "recorded");
  // A sandbox that cannot follow the order says which it used.
  const fixed = await measurePairs({
    rule: RULE,
    runPair: (): Promise<PairSample> =>
      Promise.resolve({ baselineMs: 300, candidateMs: 100, order: "baseline-first" }),
  });
  assert(fixed.samples.every((s) => s.order === "baseline-first"), "the sandbox's order wins");
});

Deno.test("a disturbed pair is not counted and is run again", async () => {
  // Warm-up quiet, pair 1 busy, the rest quiet.
  const { calls, runPair } = replay([1, 0.9, 3, 3, 3, 3]);
  const result = await measurePairs({
    rule: RULE,
    runPair,
    contention: policy([quiet, busy, quiet]),
  });
  assertEquals(calls.length, 5, "warm-up, the busy pair, then 3 counted");
  assertEquals(result.samples.map((s) => s.index), [2, 3, 4], "the busy pair is not counted");
  assertEquals(result.speedup.median, 3, "its 0.9× does not reach the verdict");
  assertEquals(result.contention.rerun, 1, "one re-run reported");
  assertEquals(result.contention.othersCores, 1.2, "the worst reading reported");
  assertEquals(result.stop, "agreed", "then a normal verdict");
});

Deno.test("a machine that stays busy ends the part inconclusive, not failed", async () => {
  const { calls, runPair } = replay([1, 0.9, 0.95, 1.0, 1.0, 1.0]);
  const result = await measurePairs({ rule: RULE, runPair, contention: policy([quiet, busy]) });
  assertEquals(result.stop, "busy", "inconclusive");
  assertEquals(calls.length, 4, "warm-up + 3 busy pairs in a row, then stop");
  assertEquals(result.samples.length, 0, "nothing counted");
  assertIncludes(result.busy ?? "", "other processes used 1.20 of 2 cores", "what was busy");
});

Deno.test("a busy warm-up costs nothing: it is never counted anyway", async () => {
  const { calls, runPair } = replay([1, 3, 3, 3]);
  const result = await measurePairs({ rule: RULE, runPair, contention: policy([busy, quiet]) });
  assertEquals(calls.length, 4, "no extra pair");
  assertEquals(result.contention.rerun, 0, "no re-run");
});

Deno.test("whyBusy(): a serial part tolerates one busy core of two, a parallel part does not", () => {
  const oneCoreBusy = { ...quiet, othersCores: 1.0 };
  assertEquals(whyBusy(oneCoreBusy, 1, 2), null, "serial: one core is left for it");
  assert(whyBusy(oneCoreBusy, 2, 2) !== null, "parallel: it needed both");
  assertEquals(whyBusy({ ...quiet, othersCores: 0.09 }, 2, 2), null, "a quiet pair (≤ 0.09)");
  assert(whyBusy({ ...quiet, othersCores: 0.4 }, 2, 2) !== null, "the mildest contended (0.4)");
  assertEquals(
    whyBusy({ ...quiet, othersCores: null, source: "none" }, 2, 2),
    null,
    "no /proc: nothing decided",
  );
  // PSI counts the check's own threads: it alone never decides.
  assertEquals(whyBusy({ ...quiet, psiSome: 0.6 }, 2, 2), null, "own pressure is not contention");
});

Deno.test("timedShare is timed work over the pairs' wall time", async () => {
  let clock = 0;
  const result = await measurePairs({
    rule: RULE,
    // Each pair: 300 ms timed (200 + 100), 400 ms of wall time.
    runPair: () => {
      clock += 400;
      return Promise.resolve({ baselineMs: 200, candidateMs: 100 });
    },
    now: () => clock,
  });
  assertEquals(result.timedShare, 0.75, "300 of 400 ms");
});

Deno.test("timedShare counts the other samples timed with a pair (a floor's reference)", async () => {
  let clock = 0;
  const result = await measurePairs({
    rule: RULE,
    // Each pair: 300 ms of the pair and 100 ms of a reference sample, 500 ms of wall time.
    runPair: () => {
      clock += 500;
      return Promise.resolve({ baselineMs: 200, candidateMs: 100, otherTimedMs: 100 });
    },
    now: () => clock,
  });
  assertEquals(result.timedShare, 0.8, "400 of 500 ms");
});

Deno.test("medianInterval() is distribution-free: order statistics with their coverage", () => {
  const five = medianInterval([5, 1, 4, 2, 3]);
  assertEquals([five.low, five.high], [1, 5], "n = 5: [min, max]");
  assertEquals(five.level, 0.938, "1 − 2/32");
  const eleven = medianInterval([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  assertEquals([eleven.low, eleven.high], [3, 9], "n = 11: x(3), x(9)");
  assert(eleven.level >= 0.9, `coverage ≥ 90% (${eleven.level})`);
});

Deno.test("measurePairs() stops at the first problem", async () => {
  let calls = 0;
  let caught: unknown;
  try {
    await measurePairs({
      rule: RULE,
      runPair: (index) => {
        calls++;
        if (index === 2) throw new PairProblem("wrong answer");
        return Promise.resolve({ baselineMs: 2, candidateMs: 1 });
      },
    });
  } catch (thrown) {
    caught = thrown;
  }
  assert(caught instanceof PairProblem, "the problem comes out");
  assertEquals(calls, 3, "no pair after the problem");
});

Deno.test("measurePairs() refuses a rule without pairs", async () => {
  let caught: unknown;
  try {
    await measurePairs({
      rule: { minPairs: 0, maxPairs: 0, lines: LINES },
      runPair: () => Promise.resolve({ baselineMs: 1, candidateMs: 1 }),
    });
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
