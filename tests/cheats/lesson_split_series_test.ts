/**
 * Exercise 6, shortcuts around the lesson: its speed-up is the learner's code on
 * 2 Workers against the same code on 1, and the code sees the Worker count, so
 * it could run slowly on purpose on one Worker ("sandbagged-baseline", once an
 * open cheat in cheats_test.ts). The one-Worker run is now held to a fixed
 * serial reference timed in the same run (the floor), and no own-code parallel
 * part may exceed what its Workers can reach (the ceiling). The first test
 * times code: run it under `flock /tmp/workbook-timing.lock`.
 *
 * @module
 */
import { check, FLOOR_MARGIN } from "../../checks/06_split_series/check.ts";
import { serialSum } from "../../checks/06_split_series/serial_reference.ts";
import { slowSeriesBaseline } from "../../checks/01_slow_series/baseline.ts";
import { CEILING_SLACK, judgeCeiling, judgeFloor } from "../../lib/check/verdict.ts";
import { createRng } from "../../lib/exercise/rng.ts";
import type { PerformanceResult } from "../../lib/check/types.ts";
import {
  assert,
  assertEquals,
  assertIncludes,
  checkSource,
  problems,
} from "../_helpers/helpers.ts";

/** Correct, and twice as slow on one Worker: the sum is computed twice when workers = 1. */
export const SANDBAGGED = `
export function intervals(n: number, parts: number): [number, number][] {
  const size = Math.floor(n / parts);
  const out: [number, number][] = [];
  for (let i = 0; i < parts - 1; i++) out.push([i * size + 1, (i + 1) * size]);
  out.push([(parts - 1) * size + 1, n]);
  return out;
}
export function partialSum(lo: number, hi: number): number {
  let t = 0;
  for (let k = lo; k <= hi; k++) {
    let x = k, nine = false;
    while (x > 0) { if (x % 10 === 9) { nine = true; break; } x = (x / 10) | 0; }
    if (!nine) t += 1 / k;
  }
  return t;
}
export function slowSeriesParallel(n: number, workers: number): Promise<number> {
  const url = new URL("./split_series_worker.ts", import.meta.url);
  for (let i = 0; i < workers; i++) new Worker(url, { type: "module" }).terminate();
  const sum = partialSum(1, n);
  if (workers === 1) partialSum(1, n); // the baseline pays twice
  return Promise.resolve(sum);
}
`;

Deno.test({
  name: "split-series: code slow on purpose on one Worker fails the floor, with its own reason",
  sanitizeResources: false,
  async fn() {
    const result = await checkSource(6, SANDBAGGED, {
      quick: false,
      files: { "split_series_worker.ts": "self.onmessage = () => {};\n" },
    });
    assertEquals(problems(result), "", "every test passes");
    const speed = result.performance;
    assertEquals(speed?.status, "fail", `speed: ${speed?.reason}`);
    assertIncludes(speed?.reason ?? "", "exercise 1's integer digit test", "the floor's reason");
    assertEquals(speed?.tier, null, "no tier");
  },
});

function passed(speedup: number, baselineMs: number): PerformanceResult {
  return {
    status: "pass",
    reason: "",
    baselineMs,
    candidateMs: baselineMs / speedup,
    speedup: { median: speedup, min: speedup, max: speedup },
    required: 1.1,
    tier: "gold",
    tiers: { pass: 1.1, silver: 1.2, gold: 1.26 },
    pairs: 7,
    size: "default",
  };
}

Deno.test("the floor: a one-Worker run within the margin keeps its tier; beyond it, fails", () => {
  const rule = { label: "the reference", margin: FLOOR_MARGIN };
  const reference = { referenceMs: [1000, 950, 1100] };
  const honest = judgeFloor(passed(1.8, 1040), rule, reference);
  assertEquals(honest.tier, "gold", "honest");
  assertIncludes(honest.reason, "1040 ms, the reference on one thread 1000 ms", "both times said");
  assertEquals(judgeFloor(passed(1.8, 1490), rule, reference).tier, "gold", "within the margin");
  const sandbagged = judgeFloor(passed(2.0, 2000), rule, reference);
  assertEquals([sandbagged.status, sandbagged.tier], ["fail", null], "twice the reference");
  assertIncludes(sandbagged.reason, "2000 ms, more than 1.5× the reference", "reason");
  // Nothing to take from a part that did not pass, or without reference samples.
  const failing = { ...passed(0.9, 3000), status: "fail" as const, tier: null };
  assertEquals(judgeFloor(failing, rule, reference), failing, "a fail stays as it is");
  assertEquals(judgeFloor(passed(2, 3000), rule, { referenceMs: [] }).tier, "gold", "no samples");
});

Deno.test("the ceiling: more than the Workers can reach is not paid", () => {
  assertEquals(judgeCeiling(passed(1.9, 1000), 2).tier, "gold", "honest on 2 cores");
  assertEquals(judgeCeiling(passed(2 * CEILING_SLACK, 1000), 2).tier, "gold", "at the ceiling");
  const table = judgeCeiling(passed(8, 1000), 2);
  assertEquals([table.status, table.tier], ["fail", null], "8× on two Workers");
  assertIncludes(table.reason, "beyond what 2 Workers", "reason");
});

Deno.test("split-series: the serial reference is the oracle's sum, bit for bit", () => {
  for (const n of [0, 1, 9, 100, 123_456]) {
    assertEquals(serialSum(n), slowSeriesBaseline(n, "9", 0), `n = ${n}`);
  }
});

Deno.test("split-series: benchmark n from a wide range, and scaled() grows the terms", () => {
  const rng = createRng(4);
  const plan = check.benchmark;
  const inputs = Array.from({ length: 20 }, () => plan.input(rng, "default"));
  assertEquals(new Set(inputs.map((i) => i.kind === "sum" ? i.n : 0)).size, 20, "n varies");
  for (const input of inputs) {
    assert(input.kind === "sum" && input.workers === 2, "a sum on 2 Workers");
    for (const factor of [2, 4]) {
      const scaled = plan.scaled?.(input, factor);
      assert(scaled?.kind === "sum", "scaled is a sum");
      assert(Number.isSafeInteger(scaled.n) && scaled.n < 2 ** 31 - 1, "a valid n");
      assertEquals(scaled.workers, input.workers, "the same Workers");
      // The work is one digit test per k.
      const ratio = scaled.n / input.n;
      assert(Math.abs(ratio - factor) < 0.001, `terms grow ${factor}×: ${ratio}`);
    }
  }
  assertEquals(plan.floor?.module, "checks/06_split_series/serial_reference.ts", "floor");
});
