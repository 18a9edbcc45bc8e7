/**
 * Exercise 8's check calls the learner's compiled kernel itself: the stub's
 * kernel reads as "not implemented" even beside a working driver, and a kernel
 * that compiles but sums the wrong terms fails on its own tests.
 *
 * @module
 */
import { findExercise } from "../../lib/exercise/catalogue.ts";
import { runCheck } from "../../lib/check/check.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import type { CheckResult } from "../../lib/check/types.ts";
import { assert, assertEquals, assertIncludes, TEST_SEED } from "../_helpers/helpers.ts";

/** Checks the reference's files with `kernel.as.ts` replaced by `kernel` (quick). */
async function checkWithKernel(kernel: string): Promise<CheckResult> {
  const exercise = findExercise("wasm-kernel");
  assert(exercise !== undefined, "exercise 8 exists");
  const dir = await Deno.makeTempDir({ prefix: "workbook-wasm-" });
  try {
    await Deno.mkdir(`${dir}/${exercise.dir}`);
    for (const file of exercise.files) {
      await Deno.copyFile(
        `${REPO_ROOT}/solutions/${exercise.dir}/${file}`,
        `${dir}/${exercise.dir}/${file}`,
      );
    }
    await Deno.writeTextFile(`${dir}/${exercise.dir}/kernel.as.ts`, kernel);
    return await runCheck({
      exercise,
      source: { kind: "dir", path: dir },
      seed: TEST_SEED,
      quick: true,
      size: "default",
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("the stub's kernel is reported as not implemented, even beside a working driver", async () => {
  const stub = await Deno.readTextFile(`${REPO_ROOT}/exercises/08_wasm_kernel/kernel.as.ts`);
  const result = await checkWithKernel(stub);
  assertEquals(result.status, "error", `status (${result.summary})`);
  const first = result.tests[0];
  assertIncludes(first?.name ?? "", "partialSum", "the kernel is tested first");
  assertIncludes(first?.message ?? "", "not implemented", "first test");
  assertIncludes(first?.message ?? "", "unreachable()", "first test names the trap");
});

Deno.test("a kernel that keeps the numbers with a 9 fails its own tests", async () => {
  const result = await checkWithKernel(
    "export function partialSum(lo: i32, hi: i32): f64 {\n" +
      "  let total: f64 = 0;\n" +
      "  for (let k = lo; k <= hi; k++) total += 1.0 / <f64>k;\n" +
      "  return total;\n" +
      "}\n",
  );
  assertEquals(result.status, "fail", `status (${result.summary})`);
  const nine = result.tests.find((t) => t.name.startsWith("partialSum(9, 9)"));
  assertEquals(nine?.status, "fail", "partialSum(9, 9)");
  assertIncludes(nine?.message ?? "", "partialSum(9, 9): expected 0, got 0.111", "message");
});
