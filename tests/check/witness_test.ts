/**
 * The work-scaling witness (issue 11, class 2), with fake candidates and no
 * timing: a candidate whose time is constant fails with its own reason (after a
 * second look), honest code passes on the first, a check without `scaled` skips
 * the witness and says so.
 *
 * @module
 */
import { runWitness, type TimedRun } from "../../lib/check/speed/witness.ts";
import type { BenchmarkPlan } from "../../lib/check/types.ts";
import { WITNESS_FACTOR } from "../../lib/check/verdict.ts";
import { assertEquals, assertIncludes } from "../_helpers/helpers.ts";

interface Input {
  n: number;
}

const PLAN: BenchmarkPlan<Input> = {
  pairs: 5,
  sizes: { default: { label: "n" } },
  input: () => ({ n: 1000 }),
  scaled: (input, factor) => ({ n: input.n * factor }),
};

/** A fake candidate: its time for an input, and the inputs it was timed on. */
function candidate(timeOf: (input: Input) => number) {
  const seen: number[] = [];
  return {
    seen,
    time: (input: unknown): Promise<TimedRun> => {
      seen.push((input as Input).n);
      return Promise.resolve({ ms: timeOf(input as Input) });
    },
  };
}

function witness(plan: BenchmarkPlan<Input>, fake: ReturnType<typeof candidate>) {
  return runWitness({
    plan: plan as BenchmarkPlan<unknown>,
    input: { n: 1000 },
    baseMs: 100,
    time: fake.time,
    describe: (input) => `n = ${(input as Input).n}`,
  });
}

Deno.test("a candidate whose time is constant (a lookup table) fails the witness", async () => {
  const table = candidate(() => 100);
  const result = await witness(PLAN, table);
  assertEquals(result.status, "fail", "status");
  assertIncludes(result.reason, "does not grow with the work", "its own reason");
  assertEquals(result.factor, WITNESS_FACTOR, "factor");
  assertEquals(table.seen, [4000, 1000, 4000], "a low growth is measured twice before it fails");
});

Deno.test("a candidate whose time grows with the work passes on the first look", async () => {
  const honest = candidate((input) => 20 + input.n * 0.08); // 100 ms at n = 1000
  const result = await witness(PLAN, honest);
  assertEquals(result.status, "pass", "status");
  assertEquals(honest.seen, [4000], "one extra sample");
  assertEquals(result.growth, 3.4, "growth");
});

Deno.test("one disturbed sample does not fail honest code", async () => {
  let calls = 0;
  // The first scaled sample comes back as fast as the base (a burst slowed the
  // base sample in the pair); the second look is honest.
  const noisy = candidate((input) => (calls++ === 0 ? 100 : 20 + input.n * 0.08));
  const result = await witness(PLAN, noisy);
  assertEquals(result.status, "pass", "passes on the second look");
});

Deno.test("a check without a scaled input skips the witness and says so", async () => {
  const { scaled: _, ...plan } = PLAN;
  const result = await witness(plan, candidate(() => 100));
  assertEquals(result.status, "skipped", "status");
  assertIncludes(result.reason, "defines no scaled input", "says so");
});

Deno.test("a candidate that breaks on the scaled input fails the witness, naming the input", async () => {
  const result = await runWitness({
    plan: PLAN as BenchmarkPlan<unknown>,
    input: { n: 1000 },
    baseMs: 100,
    time: () => Promise.resolve({ problem: "threw RangeError: not in table" }),
    describe: (input) => `n = ${(input as Input).n}`,
  });
  assertEquals(result.status, "fail", "status");
  assertIncludes(result.reason, "n = 4000", "names the input");
});

Deno.test("a candidate fast on the benchmark's inputs but not beyond them fails the witness", async () => {
  // A table for the inputs a check draws, real (slow) work outside it: 10 ms at
  // n = 1000 from the table, 3 s of real work at n = 4000.
  const tabled = candidate((input) => (input.n <= 1000 ? 10 : 3000));
  const result = await runWitness({
    plan: PLAN as BenchmarkPlan<unknown>,
    input: { n: 1000 },
    baseMs: 10,
    time: tabled.time,
    describe: (input) => `n = ${(input as Input).n}`,
  });
  assertEquals(result.status, "fail", "status");
  assertIncludes(result.reason, "grows far more than the work", "its own reason");
  assertEquals(tabled.seen, [4000, 1000, 4000], "measured twice before it fails");
});
