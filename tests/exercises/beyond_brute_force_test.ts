/**
 * Exercise 9: its baseline kernel is exercise 8's reference, in code, and the
 * reference enumeration equals the brute force bit for bit.
 *
 * @module
 */
import { slowSeriesFast } from "../../solutions/09_beyond_brute_force/beyond_brute_force.ts";
import { slowSeriesBaseline } from "../../checks/01_slow_series/baseline.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { assertEquals } from "../_helpers/helpers.ts";

/** The code of an AssemblyScript file without comments and blank lines. */
async function code(path: string): Promise<string> {
  const text = await Deno.readTextFile(`${REPO_ROOT}/${path}`);
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "").split("\n")
    .map((line) => line.trim()).filter((line) => line !== "").join("\n");
}

Deno.test("exercise 9's baseline kernel is exercise 8's reference kernel, any digit", async () => {
  // The only difference: the digit left out is a parameter, not the constant 9.
  const withDigit = (await code("solutions/08_wasm_kernel/kernel.as.ts"))
    .replace("partialSum(lo: i32, hi: i32)", "partialSum(lo: i32, hi: i32, digit: i32)")
    .replace("hasNine(k)", "hasDigit(k, digit)")
    .replace("hasNine(k: i32)", "hasDigit(k: i32, digit: i32)")
    .replace("== 9)", "== digit)");
  assertEquals(
    await code("checks/09_beyond_brute_force/digit_kernel.as.ts"),
    withDigit,
    "kernel code",
  );
});

Deno.test("slowSeriesFast() equals the brute force bit for bit, every digit", () => {
  for (let digit = 1; digit <= 9; digit++) {
    for (const n of [0, 1, 8, 9, 10, 11, 99, 100, 101, 999, 1000, 1001, 19_999, 123_456, 300_000]) {
      assertEquals(
        slowSeriesFast(n, digit),
        slowSeriesBaseline(n, String(digit)),
        `n = ${n}, digit ${digit}`,
      );
    }
  }
});
