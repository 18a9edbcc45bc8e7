/**
 * The verdict, on fake timings: each tier, a miss, one core, and how test
 * results and speed combine into a status.
 *
 * @module
 */
import type { SpeedRule } from "../../lib/exercise/catalogue.ts";
import type { TestResult } from "../../lib/check/types.ts";
import {
  decideStatus,
  judgeSpeed,
  judgeWitness,
  overallTier,
  requiredSpeedups,
  skippedPerformance,
  tierFor,
  withWitness,
  WITNESS_FACTOR,
  WITNESS_MIN_GROWTH,
} from "../../lib/check/verdict.ts";
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";

const FIXED: SpeedRule = { kind: "fixed", tiers: { pass: 2, silver: 3, gold: 4 }, why: "test" };
const PARALLEL: SpeedRule = {
  kind: "parallel",
  threads: 4,
  efficiency: { pass: 0.5, silver: 0.7, gold: 0.8 },
  why: "test",
};

/** A measurement whose median speed-up is `median`. */
function measured(median: number) {
  return {
    speedup: { median, min: median * 0.9, max: median * 1.1 },
    baselineMs: 100 * median,
    candidateMs: 100,
    pairs: 11,
    size: "default",
  };
}

const PASSED: TestResult[] = [{ name: "a", status: "pass", message: "" }];

Deno.test("judgeSpeed() gives each tier at its threshold and fails just below pass", () => {
  assertEquals(judgeSpeed(FIXED, 2, measured(1.99)).tier, null, "1.99×");
  assertEquals(judgeSpeed(FIXED, 2, measured(1.99)).status, "fail", "1.99× status");
  assertEquals(judgeSpeed(FIXED, 2, measured(2)).tier, "pass", "2×");
  assertEquals(judgeSpeed(FIXED, 2, measured(3.5)).tier, "silver", "3.5×");
  assertEquals(judgeSpeed(FIXED, 2, measured(4)).tier, "gold", "4×");
  assertEquals(judgeSpeed(FIXED, 2, measured(40)).tier, "gold", "40×");
});

Deno.test("judgeSpeed() judges the median, not the best pair", () => {
  const lucky = { ...measured(1.5), speedup: { median: 1.5, min: 1.2, max: 9 } };
  const result = judgeSpeed(FIXED, 2, lucky);
  assertEquals(result.status, "fail", "status");
  assertIncludes(result.reason, "1.50× is below the 2× required", "reason");
});

Deno.test("a fixed rule asks the same on any number of cores", () => {
  for (const cores of [1, 2, 64]) {
    const required = requiredSpeedups(FIXED, cores);
    assert("tiers" in required, "tiers");
    assertEquals(required.tiers, { pass: 2, silver: 3, gold: 4 }, `${cores} cores`);
  }
});

Deno.test("a parallel rule asks efficiency × min(threads, cores)", () => {
  const two = requiredSpeedups(PARALLEL, 2);
  assert("tiers" in two, "2 cores judged");
  assertEquals(two.tiers, { pass: 1, silver: 1.4, gold: 1.6 }, "2 cores");
  const many = requiredSpeedups(PARALLEL, 16);
  assert("tiers" in many, "16 cores judged");
  assertEquals(many.tiers, { pass: 2, silver: 2.8, gold: 3.2 }, "capped at 4 threads");
});

Deno.test("on one core a parallel speed check is inconclusive, never passed (issue 11, class 4)", () => {
  const result = judgeSpeed(PARALLEL, 1, measured(100));
  assertEquals(result.status, "inconclusive", "status");
  assertEquals(result.inconclusive, "one-core", "cause");
  assertEquals(result.tier, null, "no tier");
  assertIncludes(result.reason, "only 1 core", "reason");
  assertIncludes(result.reason, "≥ 2 CPUs", "how to fix it");
  const status = decideStatus(PASSED, result);
  assertEquals(status.status, "inconclusive", "the check is not a pass");
  // Before issue 11 this was "pass" with "speed not judged", and grading paid the pass points.
  assertEquals(overallTier({ ...status, performance: result, parallel: null }), null, "no tier");
});

Deno.test("tierFor() returns the best tier reached", () => {
  const tiers = { pass: 1, silver: 2, gold: 3 };
  assertEquals(
    [0.5, 1, 2.5, 3].map((x) => tierFor(x, tiers)),
    [null, "pass", "silver", "gold"],
    "tiers",
  );
});

Deno.test("decideStatus(): a failing test fails the check whatever the speed", () => {
  const tests: TestResult[] = [...PASSED, {
    name: "b",
    status: "fail",
    message: "expected 1, got 2",
  }];
  const status = decideStatus(tests, judgeSpeed(FIXED, 2, measured(10)));
  assertEquals(status.status, "fail", "status");
  assertIncludes(status.summary, "b: expected 1, got 2", "names the first failure");
});

Deno.test("decideStatus(): nothing judged at all is an error, not a fail", () => {
  const tests: TestResult[] = [
    { name: "a", status: "error", message: "cannot load: SyntaxError" },
    { name: "b", status: "skipped", message: "not run" },
  ];
  assertEquals(decideStatus(tests, null).status, "error", "status");
});

Deno.test("decideStatus(): correct but slow fails; a broken benchmark run fails", () => {
  assertEquals(decideStatus(PASSED, judgeSpeed(FIXED, 2, measured(1))).status, "fail", "slow");
  const broken = {
    ...skippedPerformance("on the benchmark input: threw", "default"),
    status: "error" as const,
  };
  const status = decideStatus(PASSED, broken);
  assertEquals(status.status, "fail", "broken");
  assertIncludes(status.summary, "threw", "summary");
});

Deno.test("decideStatus(): passing tests and speed pass, with the tier in the summary", () => {
  const status = decideStatus(PASSED, judgeSpeed(FIXED, 2, measured(3)));
  assertEquals(status.status, "pass", "status");
  assertIncludes(status.summary, "reaches silver", "summary");
});

Deno.test("decideStatus(): a parallel part that falls short fails the check, named as such", () => {
  const fast = judgeSpeed(FIXED, 2, measured(5));
  const slowOnWorkers = judgeSpeed(PARALLEL, 2, measured(0.9));
  const status = decideStatus(PASSED, fast, slowOnWorkers);
  assertEquals(status.status, "fail", "status");
  assertIncludes(
    status.summary,
    "on Workers: median speed-up 0.90× is below the 1× required",
    "summary",
  );
});

Deno.test("overallTier() is the lowest tier among the measured parts; a skipped part is ignored", () => {
  const gold = judgeSpeed(FIXED, 2, measured(5));
  const silver = judgeSpeed(PARALLEL, 2, measured(1.5));
  const status = decideStatus(PASSED, gold, silver);
  assertEquals(
    overallTier({ ...status, performance: gold, parallel: silver }),
    "silver",
    "gold and silver",
  );
  const skipped = { ...skippedPerformance("not measured (--quick)", "default") };
  const alone = decideStatus(PASSED, gold, skipped);
  assertEquals(
    overallTier({ ...alone, performance: gold, parallel: skipped }),
    "gold",
    "gold and skipped",
  );
  const oneCore = judgeSpeed(PARALLEL, 1, measured(1.5));
  const unsure = decideStatus(PASSED, gold, oneCore);
  assertEquals(unsure.status, "inconclusive", "gold and one core: inconclusive");
  assertEquals(
    overallTier({ ...unsure, performance: gold, parallel: oneCore }),
    null,
    "an inconclusive check has no tier",
  );
  assertEquals(
    overallTier({ status: "fail", performance: gold, parallel: null }),
    null,
    "a fail has no tier",
  );
});

const CONTENDED = {
  source: "proc" as const,
  rerun: 3,
  othersCores: 1.2,
  psiSome: 0.21,
  ownCores: 0.9,
};

Deno.test("a measurement the machine kept busy is inconclusive, never a fail", () => {
  const result = judgeSpeed(PARALLEL, 2, {
    ...measured(0.9),
    stop: "busy",
    busy: "other processes used 1.20 of 2 cores while this part needs 2",
    contention: CONTENDED,
  });
  assertEquals(result.status, "inconclusive", "status");
  assertEquals(result.inconclusive, "busy", "cause");
  assertIncludes(result.reason, "1.20 of 2 cores", "says what was busy");
  assertIncludes(result.reason, "run again", "says what to do");
  const status = decideStatus(PASSED, result);
  assertEquals(status.status, "inconclusive", "check status");
});

Deno.test("a fail measured on quiet pairs beats another part's inconclusive", () => {
  const slow = judgeSpeed(FIXED, 2, measured(1));
  const busy = judgeSpeed(PARALLEL, 2, { ...measured(0.9), stop: "busy", busy: "x" });
  assertEquals(decideStatus(PASSED, slow, busy).status, "fail", "fail");
});

Deno.test("a pass measured under contention says so", () => {
  const result = judgeSpeed(FIXED, 2, { ...measured(5), stop: "agreed", contention: CONTENDED });
  assertEquals(result.status, "pass", "status");
  assertIncludes(result.reason, "measured while the machine was busy: 3 pairs re-run", "says so");
  assertEquals(result.sureness, "agreed", "sureness");
  const calm = judgeSpeed(FIXED, 2, {
    ...measured(5),
    contention: { ...CONTENDED, rerun: 0, othersCores: 0.05 },
  });
  assert(!calm.reason.includes("busy"), "a quiet pass says nothing");
});

Deno.test("judgeWitness(): a time that does not grow with the work fails with its own reason", () => {
  const table = judgeWitness(100, 104);
  assertEquals(table.status, "fail", "constant time");
  assertIncludes(table.reason, "does not grow with the work", "its own reason");
  const honest = judgeWitness(100, 100 * WITNESS_FACTOR * 0.9);
  assertEquals(honest.status, "pass", "linear time");
  // Honest code whose fixed start-up is 80% of its time still passes.
  const loadHeavy = judgeWitness(100, 80 + 20 * WITNESS_FACTOR);
  assert(loadHeavy.growth! >= WITNESS_MIN_GROWTH, `80% fixed cost: ${loadHeavy.growth}`);
});

Deno.test("withWitness(): a failed witness fails a part that passed on speed", () => {
  const gold = judgeSpeed(FIXED, 2, measured(5));
  const failed = withWitness(gold, judgeWitness(100, 100));
  assertEquals(failed.status, "fail", "status");
  assertEquals(failed.tier, null, "no tier");
  assertEquals(decideStatus(PASSED, failed).status, "fail", "the check fails");
});

Deno.test("decideStatus() counts a test that never ran apart from one that failed", () => {
  const tests = [
    { name: "a", status: "error" as const, message: "not implemented yet" },
    ...Array.from({ length: 34 }, (_, i) => ({
      name: `t${i}`,
      status: "skipped" as const,
      message: "not run: the function is not implemented yet",
    })),
  ];
  const { summary } = decideStatus(tests, null);
  assert(
    summary.startsWith("1 of 35 tests did not pass and 34 were not run"),
    `summary: ${summary}`,
  );
});
