/**
 * Exercise 10's hidden check: `kempnerSum(digit)` for every digit, to at least
 * 10 significant digits, in under a second each (module load included).
 *
 * @module
 */
import type { ExerciseCheck, TestCase } from "../../lib/check/types.ts";
import { describeValue } from "../../lib/check/describe.ts";
import { kempnerSums } from "../../data/kempner.ts";

/** 10 correct significant digits: the requirement of the exercise. */
export const RELATIVE_TOLERANCE = 1e-10;
/** "In under 1 s": a fresh Worker loads the module and makes one call. */
export const TIME_LIMIT_MS = 1000;

export const check: ExerciseCheck<{ digit: number }, number> = {
  cases() {
    return kempnerSums().map(({ digit, value }): TestCase<{ digit: number }, number> => ({
      name: `digit ${digit}`,
      input: { digit },
      expected: value,
      maxMs: TIME_LIMIT_MS,
    }));
  },
  expected({ digit }) {
    const known = kempnerSums().find((s) => s.digit === digit);
    if (known === undefined) throw new RangeError(`No known Kempner sum for digit ${digit}`);
    return known.value;
  },
  prepare: ({ digit }) => [digit],
  outputOf: (returned) => returned,
  transferables: () => [],
  validate(value) {
    if (typeof value !== "number") return `returned ${describeValue(value)}; expected a number`;
    if (!Number.isFinite(value)) return `returned ${value}; expected a finite sum`;
    return null;
  },
  compare(expected, actual, { digit }) {
    const error = Math.abs(actual - expected) / expected;
    if (error <= RELATIVE_TOLERANCE) return null;
    const digits = error > 0 ? Math.max(0, Math.floor(-Math.log10(error))) : 16;
    return `kempnerSum(${digit}): expected ${expected}, got ${actual}: about ${digits} correct digits, 10 needed (tolerance ${RELATIVE_TOLERANCE} relative)`;
  },
  describe: ({ digit }) => `digit ${digit}`,
  benchmark: {
    pairs: 1,
    sizes: { default: { label: "none: the time limit is part of the tests" } },
    input: (rng) => ({ digit: rng.int(0, 9) }),
  },
  timeoutMs: 10_000,
};
