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

/** The function `name` of an AssemblyScript file's code, up to the next top-level function. */
function functionNamed(text: string, name: string): string {
  const start = text.indexOf(`function ${name}(`);
  assertEquals(start >= 0, true, `function ${name} found`);
  const next = text.indexOf("\nfunction ", start + 1);
  return text.slice(start, next < 0 ? undefined : next);
}

Deno.test("exercise 9's baseline kernel tests digits with exercise 8's reference code, any digit", async () => {
  // The digit test is exercise 8's, with the digit a parameter, not the constant 9;
  // partialSum adds the signs (held to the brute force in inputs_space_test.ts).
  const withDigit = functionNamed(await code("solutions/08_wasm_kernel/kernel.as.ts"), "hasNine")
    .replace("hasNine(k: i32)", "hasDigit(k: i32, digit: i32)")
    .replace("== 9)", "== digit)");
  assertEquals(
    functionNamed(await code("checks/09_beyond_brute_force/digit_kernel.as.ts"), "hasDigit"),
    withDigit,
    "the digit test",
  );
});

Deno.test("slowSeriesFast() equals the brute force bit for bit, every digit", () => {
  for (let digit = 1; digit <= 9; digit++) {
    for (const n of [0, 1, 8, 9, 10, 11, 99, 100, 101, 999, 1000, 1001, 19_999, 123_456, 300_000]) {
      for (const seed of [0, digit * 7919, 0xffff_ffff]) {
        assertEquals(
          slowSeriesFast(n, digit, seed),
          slowSeriesBaseline(n, String(digit), seed),
          `n = ${n}, digit ${digit}, seed ${seed}`,
        );
      }
    }
  }
});
