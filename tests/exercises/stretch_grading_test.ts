/**
 * Exercise 9's stretch as a graded, optional part: the stub earns nothing and
 * costs nothing, and a table cheat (a kernel that is honest on small n and
 * answers the timed sizes from a table of the unsigned sums, the only sums a
 * table can hold) earns no bonus: every timed pair draws its own seed, and the
 * answer is judged bit for bit. Runs the speed parts: run it under the timing lock.
 *
 * @module
 */
import { findExercise } from "../../lib/exercise/catalogue.ts";
import { runCheck } from "../../lib/check/check.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { bonusFor } from "../../lib/grade/points.ts";
import type { CheckResult } from "../../lib/check/types.ts";
import { check, stretchInput } from "../../checks/09_beyond_brute_force/check.ts";
import { createRng, deriveSeed } from "../../lib/exercise/rng.ts";
import { bruteForceSum } from "../../checks/stretch/blocks.ts";
import { assert, assertEquals, assertIncludes, TEST_SEED } from "../_helpers/helpers.ts";

const exercise = findExercise("beyond-brute-force")!;

/** The reference's files with block_kernel.as.ts replaced by `kernel` (null: left out), checked in full. */
async function checkWithKernel(kernel: string | null): Promise<CheckResult> {
  const dir = await Deno.makeTempDir({ prefix: "workbook-stretch-" });
  try {
    await Deno.mkdir(`${dir}/${exercise.dir}`);
    for (const file of exercise.files) {
      await Deno.copyFile(
        `${REPO_ROOT}/solutions/${exercise.dir}/${file}`,
        `${dir}/${exercise.dir}/${file}`,
      );
    }
    const path = `${dir}/${exercise.dir}/block_kernel.as.ts`;
    if (kernel === null) await Deno.remove(path);
    else await Deno.writeTextFile(path, kernel);
    return await runCheck({
      exercise,
      source: { kind: "dir", path: dir },
      seed: TEST_SEED,
      quick: false,
      size: "default",
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The outcome of a result, as the grader records it. */
function outcomeOf(result: CheckResult) {
  return {
    status: result.status,
    tier: result.performance?.tier ?? null,
    credit: result.credit,
    stretchTier: result.stretch?.tier ?? null,
  };
}

/** The extra credit of a result, beside its points (`pointsFor` never counts the stretch). */
function bonus(result: CheckResult): number {
  return bonusFor(exercise, outcomeOf(result));
}

Deno.test("every timed pair of the stretch draws its own seed", () => {
  const seeds = new Set<number>();
  for (let index = 1; index <= 20; index++) {
    const drawn = check.benchmark.input(createRng(deriveSeed(TEST_SEED, index)), "default");
    seeds.add(stretchInput(drawn).seed);
  }
  assertEquals(seeds.size, 20, "20 pairs, 20 seeds");
});

Deno.test("the stretch is judged bit for bit: a table of unsigned sums is wrong for a seed", () => {
  const input = { n: 123_456, digit: 9, seed: 987_654_321, stretch: "timed" as const };
  const expected = check.expected(input);
  assert(check.compare(expected, bruteForceSum(input.n, 0), input) !== null, "table answer");
  assertEquals(check.compare(expected, expected, input), null, "the right double");
});

Deno.test("the stub's stretch is skipped and costs nothing", async () => {
  const stub = await Deno.readTextFile(`${REPO_ROOT}/exercises/${exercise.dir}/block_kernel.as.ts`);
  const result = await checkWithKernel(stub);
  assertEquals(result.status === "pass" || result.status === "inconclusive", true, result.summary);
  assertEquals(result.stretch?.status, "skipped", result.stretch?.reason ?? "no stretch part");
  assertIncludes(result.stretch?.reason ?? "", "not written yet", "reason");
  assertEquals(bonus(result), 0, "no bonus");
});

Deno.test("a folder without the stretch's file is checked as before, the stretch skipped", async () => {
  const result = await checkWithKernel(null);
  assertEquals(result.status === "pass" || result.status === "inconclusive", true, result.summary);
  assertEquals(result.stretch?.status, "skipped", result.stretch?.reason ?? "no stretch part");
  assertEquals(bonus(result), 0, "no bonus");
});

Deno.test("a stretch that does not build fails the stretch only", async () => {
  const result = await checkWithKernel("export function blockSum(n: f64, seed: u32): f64 {");
  assertEquals(result.status === "pass" || result.status === "inconclusive", true, result.summary);
  assertEquals(result.stretch?.status, "fail", result.stretch?.reason ?? "no stretch part");
  assertEquals(bonus(result), 0, "no bonus");
});

Deno.test("a table cheat in the stretch earns no bonus", async () => {
  // Honest up to 2·10^6 (the boundary sizes pass), then the unsigned sum: what a
  // table of running totals knows, whatever the seed.
  const reference = await Deno.readTextFile(
    `${REPO_ROOT}/solutions/${exercise.dir}/block_kernel.as.ts`,
  );
  const cheat = reference.replace(
    "export function blockSum(n: f64, seed: u32): f64 {",
    "export function blockSum(n: f64, seed: u32): f64 {\n  if (n > 2000000) seed = 0;",
  );
  assert(cheat !== reference, "the cheat differs from the reference");
  const result = await checkWithKernel(cheat);
  assertEquals(result.status === "pass" || result.status === "inconclusive", true, result.summary);
  assertEquals(result.stretch?.tier ?? null, null, `stretch tier (${result.stretch?.reason})`);
  assertIncludes(result.stretch?.reason ?? "", "bit for bit", "reason");
  assertEquals(bonus(result), 0, "no bonus");
});
