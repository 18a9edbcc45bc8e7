/**
 * `--n VALUE` for `deno task bench N`: reading the value, and the benchmark
 * input at that n through the check's `withN` hook (`BenchmarkPlan.withN`).
 *
 * @module
 */
import type { BenchmarkPlan } from "../../check/types.ts";

/** Why an n could not be used: a code for decisions, a sentence for the learner. */
export interface NProblem {
  /** `"syntax"`: not a number; `"range"`: not a positive safe integer; `"unsupported"`: the check has no `withN`; `"rejected"`: `withN` threw. */
  code: "syntax" | "range" | "unsupported" | "rejected";
  /** One line naming what and where. */
  message: string;
}

/**
 * Reads `--n`: digits (with `_` or `,` between groups), `1e10`, or `10^10`.
 *
 * @param text The option's value.
 * @returns The integer, or the problem.
 */
export function parseN(text: string): number | NProblem {
  const clean = text.trim().replace(/[_,]/g, "");
  let value: number;
  const power = /^(\d+)\^(\d+)$/.exec(clean);
  if (power !== null) value = Number(power[1]) ** Number(power[2]);
  else if (/^\d+(\.\d+)?(e\d+)?$/i.test(clean)) value = Number(clean);
  else {
    return {
      code: "syntax",
      message: `Cannot use --n ${text}: give an integer such as 100000000, 1e8 or 10^8`,
    };
  }
  if (!Number.isSafeInteger(value) || value < 1) {
    return {
      code: "range",
      message: `Cannot use --n ${text}: n must be a whole number from 1 to 2^53 − 1`,
    };
  }
  return value;
}

/** The benchmark's n as this module guesses it for a time limit: most checks time about 10^8 terms. */
export const TYPICAL_BENCHMARK_N = 100_000_000;

/**
 * The benchmark input at another n.
 *
 * @param plan The check's benchmark plan.
 * @param input The seed's benchmark input.
 * @param n The n asked for.
 * @param exercise The exercise's number, for the message.
 * @returns The input at n, or the problem (wrapped: an input may be any value).
 */
export function inputAtN<Input>(
  plan: Pick<BenchmarkPlan<Input>, "withN">,
  input: Input,
  n: number,
  exercise: number,
): { ok: true; input: Input } | { ok: false; problem: NProblem } {
  if (plan.withN === undefined) {
    const message = `Cannot use --n on exercise ${exercise}: its check does not offer another n ` +
      `(the lessons that depend on n are in exercises 3, 6, 7 and 8)`;
    return { ok: false, problem: { code: "unsupported", message } };
  }
  try {
    return { ok: true, input: plan.withN(input, n) };
  } catch (thrown) {
    const message = `Cannot use --n ${n} on exercise ${exercise}: ${(thrown as Error).message}`;
    return { ok: false, problem: { code: "rejected", message } };
  }
}
