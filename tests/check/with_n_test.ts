/**
 * `BenchmarkPlan.withN` of the checks whose lesson depends on n (3, 6, 7, 8):
 * `withThreads(withN(input, n), t)` runs n terms for every Worker count, and an n
 * the exercise cannot take is refused with a RangeError that says which.
 *
 * @module
 */
import { benchmarkInput } from "../../lib/check/benchmark_input.ts";
import { checkFromModule } from "../../lib/check/define.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { assert, assertEquals } from "../_helpers/helpers.ts";

const EXERCISES: Record<number, string> = {
  3: "03_shared_memory",
  6: "06_split_series",
  7: "07_jit_tiers",
  8: "08_wasm_kernel",
};

async function planOf(number: number) {
  const module = await import(`${REPO_ROOT}/checks/${EXERCISES[number]}/check.ts`);
  return checkFromModule(module, `checks/${EXERCISES[number]}/check.ts`).benchmark;
}

for (const number of [3, 6, 7, 8]) {
  Deno.test(`withN() of exercise ${number}: every Worker count of the table runs n terms`, async () => {
    const plan = await planOf(number);
    assert(plan.withN !== undefined && plan.withThreads !== undefined, "the hooks");
    const input = benchmarkInput(plan, { seed: 7, pair: 1, size: "default" });
    for (const n of [100_000_000, 10_000_000_000]) {
      if (number === 8 && n > 2_000_000_000) continue; // 32-bit kernel: refused below
      if (number === 3 && n > 250_000_000) continue; // memory: refused below
      for (const threads of [1, 2, 4, 8]) {
        const run = plan.withThreads(plan.withN(input, n), threads) as { n: number };
        assertEquals(run.n, n, `n = ${n} on ${threads}`);
      }
    }
    let refused = "";
    try {
      plan.withN(input, number === 3 ? 1e9 : number === 8 ? 1e10 : -1);
    } catch (thrown) {
      refused = thrown instanceof RangeError ? thrown.message : `not a RangeError: ${thrown}`;
    }
    assert(refused.startsWith("give a whole n"), `refused: ${refused}`);
  });
}
