/**
 * Exercise 10's hidden check: `kempnerSum(omit)` for every single digit, for
 * fixed strings that catch the usual mistakes (leading zeros, repeated digits,
 * published values), and for random strings of 1 to 3 digits drawn from the
 * seed, each to at least 10 significant digits in under a second (module load
 * included).
 *
 * The random strings are why no table stands in for the method: the ten
 * published single-digit sums, copied into a file, answer none of them. The
 * fixed strings' answers come from data/kempner.json; the random strings'
 * from the oracle (checks/10_kempner/oracle.ts: exact integer arithmetic, a
 * different formulation from the reference solution, held to published values
 * by tests/exercises/kempner_test.ts). The oracle is judge data: the judge
 * loads it (`loadJudgeData`), this module names no path to it, and the student
 * version leaves it out, since it is a solution of the exercise. There the
 * check judges the fixed strings and says that the random ones are judged when
 * the instructor grades.
 *
 * @module
 */
import { finiteNumber } from "../../lib/check/kit.ts";
import type { ExerciseCheck, TestCase } from "../../lib/check/types.ts";
import type { Rng } from "../../lib/exercise/rng.ts";
import { kempnerSums } from "../../data/kempner.ts";

/** 10 correct significant digits: the requirement of the exercise. */
export const RELATIVE_TOLERANCE = 1e-10;
/** "In under 1 s": a fresh Worker loads the module and makes one call. */
export const TIME_LIMIT_MS = 1000;
/** Random strings per check: with 1110 strings of 1–3 digits, a table would have to hold them all. */
export const RANDOM_CASES = 8;
/** The longest string drawn: 3 digits need about 40 000 levels of the recurrence, in milliseconds. */
export const MAX_RANDOM_LENGTH = 3;

/**
 * Fixed strings beyond the single digits, each for a mistake it catches:
 * a leading zero ("05": 5 and 50 stay, 105 goes), repeated digits that overlap
 * themselves ("99", "000": 999 contains "99" twice), and two published sums.
 */
export const FIXED_STRINGS: readonly { omit: string; why: string }[] = [
  { omit: "05", why: "a leading zero" },
  { omit: "99", why: "a repeated digit" },
  { omit: "000", why: "zeros only" },
  { omit: "42", why: "published by Schmelzer and Baillie" },
  { omit: "314", why: "published by Schmelzer and Baillie" },
];

/** A random digit string of 1 to MAX_RANDOM_LENGTH digits, leading zeros included. */
export function randomOmit(rng: Rng): string {
  const length = rng.int(1, MAX_RANDOM_LENGTH);
  let omit = "";
  for (let i = 0; i < length; i++) omit += String(rng.int(0, 9));
  return omit;
}

type Input = { omit: string };

/** The oracle, handed over by the judge (the catalogue's `judgeData`); absent in the student version. */
let ORACLE: ((omit: string) => number) | undefined;

/** Shown with the last fixed string when the oracle is not in this copy. */
export const NO_ORACLE_NOTE =
  "this copy of the workbook has no oracle for random strings: they are judged when your instructor grades";

/** The trusted sum for `omit`: the data file's for a fixed string, else the oracle's. */
function trusted(omit: string): number {
  const known = kempnerSums().find((s) => s.omit === omit);
  if (known !== undefined) return known.value;
  if (ORACLE === undefined) {
    throw new Error(`Cannot judge omit ${JSON.stringify(omit)}: the oracle is not loaded`);
  }
  return ORACLE(omit);
}

function testCase(name: string, omit: string): TestCase<Input, number> {
  // The expected value travels with the case: the runner never computes it.
  return { name, input: { omit }, expected: trusted(omit), maxMs: TIME_LIMIT_MS };
}

export const check: ExerciseCheck<Input, number> = {
  loadJudgeData([oracle]) {
    const compute = oracle?.kempnerOracle;
    ORACLE = typeof compute === "function" ? compute as (omit: string) => number : undefined;
  },
  cases(rng) {
    const cases: TestCase<Input, number>[] = [];
    for (let digit = 0; digit <= 9; digit++) cases.push(testCase(`omit "${digit}"`, `${digit}`));
    for (const { omit, why } of FIXED_STRINGS) {
      cases.push(testCase(`omit "${omit}" (${why})`, omit));
    }
    if (ORACLE === undefined) {
      (cases.at(-1) as TestCase<Input, number>).note = NO_ORACLE_NOTE;
      return cases;
    }
    for (let i = 1; i <= RANDOM_CASES; i++) {
      const omit = randomOmit(rng);
      cases.push(testCase(`random ${i}: omit "${omit}"`, omit));
    }
    return cases;
  },
  expected: ({ omit }) => trusted(omit),
  prepare: ({ omit }) => [omit],
  outputOf: (returned) => returned,
  transferables: () => [],
  validate: (value) => finiteNumber(value),
  compare(expected, actual, { omit }) {
    const error = Math.abs(actual - expected) / expected;
    if (error <= RELATIVE_TOLERANCE) return null;
    const digits = error > 0 ? Math.max(0, Math.floor(-Math.log10(error))) : 16;
    return `kempnerSum(${
      JSON.stringify(omit)
    }): expected ${expected}, got ${actual}: about ${digits} correct digits, 10 needed (tolerance ${RELATIVE_TOLERANCE} relative)`;
  },
  describe: ({ omit }) => `omit ${JSON.stringify(omit)}`,
  benchmark: {
    pairs: 1,
    sizes: { default: { label: "none: the time limit is part of the tests" } },
    input: (rng) => ({ omit: randomOmit(rng) }),
  },
  timeoutMs: 10_000,
};
