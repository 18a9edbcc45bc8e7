/**
 * Exercise 9's stretch: the reference WebAssembly block enumeration returns the
 * brute force's signed sum bit for bit on every boundary size and seed, and the
 * check's support module catches a kernel that adds in another order or leaves
 * the signs out.
 *
 * @module
 */
import { firstMismatch } from "../../checks/stretch/blocks.ts";
import { buildFile } from "../../lib/exercise/build.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { termSign } from "../../checks/shared/term_sign.ts";
import { assert, assertEquals } from "../_helpers/helpers.ts";

Deno.test("the stretch reference equals the brute force bit for bit", async () => {
  const built = await buildFile(`${REPO_ROOT}/solutions/09_beyond_brute_force/block_kernel.as.ts`);
  assert(built.ok, built.ok ? "" : built.message);
  const { slowSeriesBlocksWasm } = await import(
    "../../solutions/09_beyond_brute_force/block_kernel.ts"
  );
  assertEquals(firstMismatch(slowSeriesBlocksWasm), null, "first mismatch");
});

Deno.test("a kernel that adds in descending order is caught", () => {
  const descending = (n: number, seed: number) => {
    let total = 0;
    for (let k = n; k >= 1; k--) if (!String(k).includes("9")) total += termSign(seed, k) / k;
    return total;
  };
  const mismatch = firstMismatch(descending);
  assert(mismatch !== null, "a reordered sum differs somewhere");
});

Deno.test("a kernel that ignores the seed is caught", () => {
  const unsigned = (n: number) => {
    let total = 0;
    for (let k = 1; k <= n; k++) if (!String(k).includes("9")) total += 1 / k;
    return total;
  };
  const mismatch = firstMismatch(unsigned);
  assert(mismatch !== null && mismatch.seed !== 0, "the signs are part of the sum");
});
