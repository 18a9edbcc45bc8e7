/**
 * The maintainer's guarantee: every reference solution passes its full check
 * (speed included), every stub fails it, and the speed verdict says no when it
 * must, on real timings.
 *
 * @module
 */
import { CATALOGUE } from "../../lib/exercise/catalogue.ts";
import { runCheck } from "../../lib/check/check.ts";
import {
  assert,
  assertEquals,
  assertIncludes,
  checkSource,
  problems,
  TEST_SEED,
} from "../_helpers/helpers.ts";
import { TERM_SIGN } from "../_helpers/term_sign_source.ts";

const AVAILABLE = CATALOGUE.filter((e) => e.available);

for (const exercise of AVAILABLE) {
  Deno.test(`exercise ${exercise.number} (${exercise.slug}): the reference passes its full check`, async () => {
    const result = await runCheck({
      exercise,
      source: { kind: "solutions" },
      seed: TEST_SEED,
      quick: false,
      size: "default",
    });
    assertEquals(result.status, "pass", `status (${result.summary})\n${problems(result)}`);
    if (exercise.speed.kind !== "none") {
      assert(result.performance?.tier != null, `a tier: ${JSON.stringify(result.performance)}`);
    }
  });

  if (exercise.slowStub) {
    Deno.test(`exercise ${exercise.number} (${exercise.slug}): the slow stub is correct and fails on speed`, async () => {
      const result = await runCheck({
        exercise,
        source: { kind: "exercises" },
        seed: TEST_SEED,
        quick: false,
        size: "default",
      });
      assert(result.tests.every((t) => t.status === "pass"), `correct:\n${problems(result)}`);
      assertEquals(result.status, "fail", "status");
      assertEquals(result.performance?.status, "fail", "performance status");
    });
  } else {
    Deno.test(`exercise ${exercise.number} (${exercise.slug}): the stub fails as not implemented`, async () => {
      const result = await runCheck({
        exercise,
        source: { kind: "exercises" },
        seed: TEST_SEED,
        quick: true,
        size: "default",
      });
      assertEquals(result.status, "error", "status");
      assertIncludes(result.tests[0]?.message ?? "", "not implemented", "first test");
    });
  }
}

Deno.test("a correct candidate no faster than the baseline fails on speed", async () => {
  const result = await checkSource(
    1,
    `${TERM_SIGN}
    export function slowSeries(n: number, omit: string, seed: number): number {
      let total = 0;
      for (let k = 1; k <= n; k++) if (!String(k).includes(omit)) total += termSign(seed, k) / k;
      return total;
    }`,
    { quick: false },
  );
  assertEquals(result.status, "fail", `status (${result.summary})`);
  assertEquals(result.performance?.status, "fail", "performance status");
  assertIncludes(result.summary, "below the 1.5× required", "summary");
  assert(result.tests.every((t) => t.status === "pass"), "correct on every test");
});

Deno.test("a candidate right on the tests but wrong on the benchmark input fails", async () => {
  // Correct up to the hidden tests' n ≤ 10^6, then a fast guess.
  const result = await checkSource(
    1,
    `${TERM_SIGN}
    export function slowSeries(n: number, omit: string, seed: number): number {
      if (n > 1_000_000) return 12.2;
      let total = 0;
      for (let k = 1; k <= n; k++) if (!String(k).includes(omit)) total += termSign(seed, k) / k;
      return total;
    }`,
    { quick: false },
  );
  assertEquals(result.status, "fail", "status");
  assertEquals(result.performance?.status, "error", "performance status");
  assertIncludes(result.summary, "on the benchmark input", "summary");
  assertIncludes(result.summary, "got 12.2", "summary names the wrong answer");
});
