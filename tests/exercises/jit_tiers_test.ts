/**
 * Exercise 7's reference: the angle-addition recurrence keeps every cosine
 * within the bound its doc comment derives, and the sum adds exactly those
 * cosines; the hidden check's oracle agrees with the known limit.
 *
 * @module
 */
import {
  ANCHOR_INTERVAL,
  cosinesByRecurrence,
  partialTrigSum,
  trigSeries,
} from "../../solutions/07_jit_tiers/jit_tiers.ts";
import { ABSOLUTE_TOLERANCE, trigOracle } from "../../checks/07_jit_tiers/check.ts";
import { assert, assertEquals } from "../_helpers/helpers.ts";

/** u = 2^−53, half an ulp of 1. */
const U = 2 ** -53;

/**
 * The bound of `partialTrigSum`'s doc comment: j steps after an anchor, the
 * cosine is within (3j + 1)·√2·u of cos i.
 */
function bound(steps: number): number {
  return (3 * steps + 1) * Math.SQRT2 * U;
}

Deno.test("the recurrence keeps each cosine within (3j + 1)·√2·u, j steps after its anchor", () => {
  // Starts small and large (up to 2^40, where Math.cos's argument reduction works
  // hardest), and three anchor intervals and a bit from each.
  const starts = [1, 2, 12_345, 1_000_007, 987_654_321, 2 ** 31, 2 ** 40 + 3];
  const count = 3 * ANCHOR_INTERVAL + 17;
  let worstRatio = 0;
  for (const first of starts) {
    const cosines = cosinesByRecurrence(first, count);
    for (let k = 0; k < count; k++) {
      const steps = k % ANCHOR_INTERVAL; // anchors at first, first + K, first + 2K, …
      // Math.cos itself is within an ulp of cos, at most u for |cos| < 1.
      const error = Math.abs((cosines[k] as number) - Math.cos(first + k));
      const allowed = bound(steps) + U;
      assert(
        error <= allowed,
        `cos(${first + k}), ${steps} steps after its anchor: off by ${error}, bound ${allowed}`,
      );
      worstRatio = Math.max(worstRatio, error / allowed);
    }
  }
  // The bound is a worst case: the measured error stays well below it.
  assert(worstRatio < 0.5, `worst error / bound = ${worstRatio}`);
});

Deno.test("without anchors the error grows linearly: the bound is not loose by orders of magnitude", () => {
  // One long run from a single anchor (the recurrence by hand, as the reference does it).
  const cos1 = Math.cos(1);
  const sin1 = Math.sin(1);
  let c = Math.cos(1);
  let s = Math.sin(1);
  let worst = 0;
  const steps = 100_000;
  for (let j = 0; j < steps; j++) {
    worst = Math.max(worst, Math.abs(c - Math.cos(1 + j)));
    const next = c * cos1 - s * sin1;
    s = s * cos1 + c * sin1;
    c = next;
  }
  // Measured here: 4.7e−12 after 10^5 steps, about a fifth of the bound.
  assert(worst <= bound(steps), `${worst} within the bound ${bound(steps)}`);
  assert(worst >= bound(steps) / 100, `${worst} grows with the steps`);
});

Deno.test("trigSeries adds exactly the recurrence's cosines, divided by i, in ascending i", () => {
  for (const n of [1, ANCHOR_INTERVAL, ANCHOR_INTERVAL + 1, 5_000]) {
    const cosines = cosinesByRecurrence(1, n);
    let total = 0;
    for (let i = 1; i <= n; i++) total += (cosines[i - 1] as number) / i;
    assertEquals(trigSeries(n), total, `trigSeries(${n})`);
  }
  assertEquals(partialTrigSum(10, 9), 0, "an empty interval");
});

Deno.test("the oracle and the reference agree, and approach −ln(2 sin ½)", () => {
  const limit = -Math.log(2 * Math.sin(0.5));
  for (const n of [3, 1_000, 1_000_000]) {
    const oracle = trigOracle(n);
    const error = Math.abs(trigSeries(n) - oracle);
    assert(error <= ABSOLUTE_TOLERANCE / 100, `n = ${n}: off by ${error}`);
  }
  // The tail Σ_{i>n} cos(i)/i is O(1/n): summation by parts bounds it by 1/(n sin ½).
  const n = 1_000_000;
  assert(
    Math.abs(trigOracle(n) - limit) <= 1 / (n * Math.sin(0.5)),
    `within 1/(n sin ½) of the limit ${limit}`,
  );
});
