/**
 * `--seed S` means the same input everywhere: `benchmarkInput()` is the one
 * function that draws a benchmark input, it draws what a check's pair draws, and
 * no learner tool draws one another way.
 *
 * @module
 */
import { CATALOGUE } from "../../lib/exercise/catalogue.ts";
import { loadCheck } from "../../lib/check/check.ts";
import { benchmarkInput, FIRST_TIMED_PAIR } from "../../lib/check/benchmark_input.ts";
import { createRng, deriveSeed } from "../../lib/exercise/rng.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";

const SEED = 20261130;

Deno.test("benchmarkInput() gives, for every exercise, the input a check's pair gets", async () => {
  for (const exercise of CATALOGUE.filter((e) => e.available)) {
    const plan = (await loadCheck(exercise)).benchmark;
    for (const size of Object.keys(plan.sizes)) {
      for (const pair of [0, FIRST_TIMED_PAIR, 7]) {
        // What lib/check/check.ts draws for pair `pair` of `check --seed SEED --size size`.
        const checks = plan.input(createRng(deriveSeed(SEED, pair)), size);
        assertEquals(
          JSON.stringify(benchmarkInput(plan, { seed: SEED, pair, size })),
          JSON.stringify(checks),
          `exercise ${exercise.number}, size ${size}, pair ${pair}`,
        );
      }
    }
    assertEquals(
      JSON.stringify(benchmarkInput(plan, { seed: SEED })),
      JSON.stringify(benchmarkInput(plan, { seed: SEED, pair: FIRST_TIMED_PAIR, size: "default" })),
      `exercise ${exercise.number}: the defaults`,
    );
  }
});

Deno.test("benchmarkInput() refuses a size the check does not offer, naming the sizes", () => {
  const plan = { sizes: { default: { label: "n" } }, input: () => 1 };
  let caught: unknown;
  try {
    benchmarkInput(plan, { seed: 1, size: "huge" });
  } catch (thrown) {
    caught = thrown;
  }
  assert(caught instanceof RangeError, `a RangeError, got ${caught}`);
  assertIncludes(caught.message, "offers default", "the message");
});

Deno.test("the learner's tools draw benchmark inputs only through benchmarkInput()", async () => {
  const offenders: string[] = [];
  for (const dir of ["lib/cli", "lib/learner"]) {
    for await (const file of walk(`${REPO_ROOT}/${dir}`)) {
      const text = await Deno.readTextFile(file);
      if (/benchmark\.input\(|\bplan\.input\(|createRng\(/.test(text)) {
        offenders.push(file.slice(REPO_ROOT.length + 1));
      }
    }
  }
  assert(offenders.length === 0, `draw inputs another way: ${offenders.join(", ")}`);
});

async function* walk(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* walk(path);
    else if (entry.name.endsWith(".ts")) yield path;
  }
}
