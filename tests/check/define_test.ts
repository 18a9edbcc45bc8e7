/**
 * `defineCheck()` fills a check's optional parts, and `checkFromModule()` does
 * the same for a loader, naming in one line what a check module lacks.
 *
 * @module
 */
import { checkFromModule, DEFAULT_TIMEOUT_MS, defineCheck } from "../../lib/check/define.ts";
import { benchmarkInput } from "../../lib/check/benchmark_input.ts";
import {
  absoluteMismatch,
  exactWorkers,
  finiteNumber,
  relativeMismatch,
} from "../../lib/check/kit.ts";
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";

const OWN = {
  cases: (rng: { int(a: number, b: number): number }) => [
    { name: "n = 0", input: { n: 0 } },
    { name: "random", input: { n: rng.int(1, 100) } },
  ],
  expected: ({ n }: { n: number }) => n * n,
  prepare: ({ n }: { n: number }) => [n],
  validate: (value: unknown) => finiteNumber(value),
  compare: (e: number, a: number) => (e === a ? null : `expected ${e}, got ${a}`),
  describe: ({ n }: { n: number }) => `n = ${n}`,
};

Deno.test("defineCheck() fills outputOf, transferables, benchmark and timeoutMs", () => {
  const check = defineCheck<{ n: number }, number>(OWN);
  assertEquals(check.outputOf(7, [1]), 7, "outputOf sends back the value returned");
  assertEquals(check.transferables(new Float64Array(2)).length, 0, "nothing transferred");
  assertEquals(check.timeoutMs, DEFAULT_TIMEOUT_MS, "timeout");
  // The default benchmark is the last hidden test's input, drawn from the same seed.
  const drawn = benchmarkInput(check.benchmark, { seed: 5 });
  assert(drawn.n >= 1 && drawn.n <= 100, `a random case's input: ${JSON.stringify(drawn)}`);
  const own = defineCheck<{ n: number }, number>({ ...OWN, timeoutMs: 3 });
  assertEquals(own.timeoutMs, 3, "a check's own value wins");
});

Deno.test("checkFromModule() completes a plain check and names what a module lacks", () => {
  const loaded = checkFromModule({ check: OWN }, "checks/12_x/check.ts");
  assertEquals(loaded.outputOf(3, []), 3, "defaults filled");
  for (
    const [module, part] of [
      [{}, "it exports no object named check"],
      [{ check: { ...OWN, compare: undefined } }, "check.compare is not a function"],
    ] as const
  ) {
    let message = "";
    try {
      checkFromModule(module as Record<string, unknown>, "checks/12_x/check.ts");
    } catch (thrown) {
      message = (thrown as Error).message;
    }
    assertIncludes(message, `Cannot load checks/12_x/check.ts: ${part}`, "the message");
  }
});

Deno.test("the kit's validators say what is wrong in the checks' words", () => {
  assertEquals(
    finiteNumber(Infinity, "resolved to"),
    "resolved to Infinity; expected a finite sum",
    "inf",
  );
  assertIncludes(finiteNumber("3") ?? "", "expected a number", "a string");
  assertEquals(relativeMismatch(0, 0, 1e-12), null, "zero expected, zero got");
  assertIncludes(relativeMismatch(2, 2.1, 1e-10) ?? "", "tolerance 1e-10 relative", "relative");
  assertIncludes(absoluteMismatch(0, 1, 1e-11) ?? "", "tolerance 1e-11 absolute", "absolute");
  assertIncludes(
    exactWorkers({ workersStarted: 3, workersTerminated: 3 }, 2) ?? "",
    "started 3 Workers; expected exactly 2",
    "count",
  );
  assertEquals(
    exactWorkers({ workersStarted: 2, workersTerminated: 1 }, 2),
    "left 1 Worker running (terminate them)",
    "one left, singular",
  );
});
