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
  overallTier,
  requiredSpeedups,
  skippedPerformance,
  tierFor,
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

Deno.test("on one core a parallel speed check is skipped, never passed", () => {
  const result = judgeSpeed(PARALLEL, 1, measured(100));
  assertEquals(result.status, "skipped", "status");
  assertEquals(result.tier, null, "no tier");
  assertIncludes(result.reason, "only 1 core", "reason");
  const status = decideStatus(PASSED, result);
  assertIncludes(status.summary, "speed not judged", "summary says so");
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
  const skipped = judgeSpeed(PARALLEL, 1, measured(1.5));
  const alone = decideStatus(PASSED, gold, skipped);
  assertEquals(
    overallTier({ ...alone, performance: gold, parallel: skipped }),
    "gold",
    "gold and skipped",
  );
  assertEquals(
    overallTier({ status: "fail", performance: gold, parallel: null }),
    null,
    "a fail has no tier",
  );
});
