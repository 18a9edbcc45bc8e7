/**
 * Exercise 7's reference: the angle-addition recurrence keeps every cosine
 * within the bound its doc comment derives, and the sum adds exactly those
 * cosines with their signs; the hidden check's oracle agrees with the known
 * limit; the signs the stub gives are the check's own.
 *
 * @module
 */
import {
  ANCHOR_INTERVAL,
  cosinesByRecurrence,
  partialTrigSum,
  termSign as referenceSign,
  trigSeries,
} from "../../solutions/07_jit_tiers/jit_tiers.ts";
import { termSign as stubSign } from "../../exercises/07_jit_tiers/jit_tiers.ts";
import { termSign } from "../../checks/shared/term_sign.ts";
import { ABSOLUTE_TOLERANCE, check, trigOracle } from "../../checks/07_jit_tiers/check.ts";
import { trigSeriesBaseline } from "../../checks/07_jit_tiers/baseline.ts";
import { createRng } from "../../lib/exercise/rng.ts";
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

Deno.test("trigSeries adds exactly the recurrence's cosines, signed, divided by i, in ascending i", () => {
  for (const seed of [0, 7, 2 ** 31 - 1]) {
    for (const n of [1, ANCHOR_INTERVAL, ANCHOR_INTERVAL + 1, 5_000]) {
      const cosines = cosinesByRecurrence(1, n);
      let total = 0;
      for (let i = 1; i <= n; i++) total += termSign(seed, i) * (cosines[i - 1] as number) / i;
      assertEquals(trigSeries(n, seed), total, `trigSeries(${n}, ${seed})`);
    }
  }
  assertEquals(partialTrigSum(10, 9, 3), 0, "an empty interval");
});

Deno.test("the stub, the reference and the check give the same signs", () => {
  const rng = createRng(11);
  for (let k = 0; k < 2_000; k++) {
    const seed = k === 0 ? 0 : rng.int(-(2 ** 31), 2 ** 31 - 1);
    const i = rng.int(1, 2 ** 31);
    const sign = termSign(seed, i);
    assert(sign === 1 || sign === -1, `termSign(${seed}, ${i}) = ${sign}`);
    assertEquals([stubSign(seed, i), referenceSign(seed, i)], [sign, sign], `(${seed}, ${i})`);
  }
});

Deno.test("seed 0 is the course's series; other seeds give signs with no pattern", () => {
  for (let i = 1; i <= 1000; i++) assertEquals(termSign(0, i), 1, `termSign(0, ${i})`);
  // About half the signs are −1, and in every word of 32 neither all + nor all −.
  const rng = createRng(5);
  for (let trial = 0; trial < 20; trial++) {
    const seed = rng.int(1, 2 ** 31 - 1);
    let negative = 0;
    const n = 32 * 1_000;
    for (let i = 1; i <= n; i++) if (termSign(seed, i) < 0) negative++;
    assert(Math.abs(negative / n - 0.5) < 0.02, `seed ${seed}: ${negative} of ${n} negative`);
  }
  // Two nearby seeds do not share their signs.
  let same = 0;
  for (let i = 1; i <= 10_000; i++) if (termSign(1, i) === termSign(2, i)) same++;
  assert(same > 4_500 && same < 5_500, `seeds 1 and 2 agree on ${same} of 10 000`);
});

Deno.test("the oracle and the reference agree, and seed 0 approaches −ln(2 sin ½)", () => {
  const limit = -Math.log(2 * Math.sin(0.5));
  for (const seed of [0, 99, 123_456_789]) {
    for (const n of [3, 1_000, 1_000_000]) {
      const oracle = trigOracle(n, seed);
      const error = Math.abs(trigSeries(n, seed) - oracle);
      assert(error <= ABSOLUTE_TOLERANCE / 100, `n = ${n}, seed ${seed}: off by ${error}`);
    }
  }
  assert(
    Math.abs(trigSeriesBaseline(100_000, 1, 42) - trigOracle(100_000, 42)) <= 1e-13,
    "the baseline sums the same signed series",
  );
  // The tail Σ_{i>n} cos(i)/i is O(1/n): summation by parts bounds it by 1/(n sin ½).
  const n = 1_000_000;
  assert(
    Math.abs(trigOracle(n) - limit) <= 1 / (n * Math.sin(0.5)),
    `within 1/(n sin ½) of the limit ${limit}`,
  );
});

Deno.test("benchmark inputs: a wide space (n and a nonzero seed), and scaled() grows the terms", () => {
  const rng = createRng(3);
  const plan = check.benchmark;
  const inputs = Array.from({ length: 20 }, () => plan.input(rng, "default"));
  assertEquals(new Set(inputs.map((i) => i.n)).size, 20, "n varies");
  assertEquals(new Set(inputs.map((i) => i.seed)).size, 20, "the seed varies");
  for (const input of inputs) {
    assert(input.seed !== 0, "never the course's series, which has a closed form");
    for (const factor of [2, 4]) {
      const scaled = plan.scaled?.(input, factor);
      assert(scaled !== undefined, "scaled is defined");
      assert(Number.isSafeInteger(scaled.n) && scaled.n > 0, "a valid n");
      assertEquals([scaled.kind, scaled.seed], [input.kind, input.seed], "the same problem");
      // The work is one term per i: n terms.
      const ratio = scaled.n / input.n;
      assert(Math.abs(ratio - factor) < 0.001, `terms grow ${factor}×: ${ratio}`);
    }
  }
});
