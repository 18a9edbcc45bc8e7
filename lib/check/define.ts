/**
 * `defineCheck()`: a hidden check with its optional parts filled in, so that a
 * new exercise's `checks/NN_slug/check.ts` writes only what is its own. The
 * defaults are applied where the check is defined, so every loader (the runner,
 * the sample Worker and host, `loadCheck`) sees a complete `ExerciseCheck`.
 * `checkFromModule()` does the same for a loader, for a check module that
 * exports a plain object, and names what is missing in one line.
 *
 * @module
 */
import type { BenchmarkPlan, ExerciseCheck } from "./types.ts";

/** Parts of a check that have a default (see `defineCheck`). */
export type Defaulted = "outputOf" | "transferables" | "benchmark" | "timeoutMs";

/** A check as its file writes it: `ExerciseCheck` with the defaulted parts optional. */
export type CheckDefinition<Input, Output> =
  & Omit<ExerciseCheck<Input, Output>, Defaulted>
  & Partial<Pick<ExerciseCheck<Input, Output>, Defaulted>>;

/**
 * Wall-clock limit for one test or one sample when a check names none: the limit
 * most checks chose (a slow but honest sample of theirs takes a few seconds).
 */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** The label of the default benchmark, which no speed verdict reads. */
export const NO_SPEED_PART_LABEL = "none: this exercise has no speed part";

/**
 * The default benchmark, for an exercise without a speed part (`speed.kind:
 * "none"` in the catalogue): the input of the last hidden test drawn from the
 * seed (the random ones come last), so `bench` and `profile` still have an input.
 */
function benchmarkFromCases<Input, Output>(
  cases: CheckDefinition<Input, Output>["cases"],
): BenchmarkPlan<Input> {
  return {
    pairs: 1,
    sizes: { default: { label: NO_SPEED_PART_LABEL } },
    input(rng) {
      const drawn = cases(rng);
      const last = drawn[drawn.length - 1];
      if (last === undefined) {
        throw new RangeError("Cannot draw a benchmark input: the check has no test cases");
      }
      return last.input;
    },
  };
}

/**
 * A complete check from a definition. Defaults: `outputOf` sends back the value
 * returned; `transferables` transfers nothing (outputs are copied); `benchmark`
 * draws the input of a hidden test (for exercises with no speed part; one with a
 * speed part must give its own); `timeoutMs` is `DEFAULT_TIMEOUT_MS`.
 *
 * @param definition The check's own parts.
 * @returns The check, every optional part filled in.
 * @example
 * ```ts
 * import { defineCheck } from "./define.ts";
 *
 * const check = defineCheck<{ n: number }, number>({
 *   cases: () => [{ name: "n = 2", input: { n: 2 } }],
 *   expected: ({ n }) => n * n,
 *   prepare: ({ n }) => [n],
 *   validate: (value) => typeof value === "number" ? null : "expected a number",
 *   compare: (e, a) => e === a ? null : `expected ${e}, got ${a}`,
 *   describe: ({ n }) => `n = ${n}`,
 * });
 * if (check.outputOf(4, []) !== 4 || check.transferables(4).length !== 0) throw new Error();
 * ```
 */
export function defineCheck<Input, Output>(
  definition: CheckDefinition<Input, Output>,
): ExerciseCheck<Input, Output> {
  return {
    ...definition,
    outputOf: definition.outputOf ?? ((returned) => returned),
    transferables: definition.transferables ?? (() => []),
    benchmark: definition.benchmark ?? benchmarkFromCases(definition.cases),
    timeoutMs: definition.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
}

/** The parts every check must write itself (no default can stand in for them). */
const REQUIRED: readonly (keyof CheckDefinition<unknown, unknown>)[] = [
  "cases",
  "expected",
  "prepare",
  "validate",
  "compare",
  "describe",
];

/**
 * The complete check a loaded module exports as `check`, its defaults filled in
 * as `defineCheck` fills them.
 *
 * @param module The imported module (`await import(url)`).
 * @param where The module's path, for the message.
 * @throws {TypeError} No `check` export, or one without a required part:
 *   `Cannot load checks/12_x/check.ts: check.compare is not a function`.
 */
export function checkFromModule(
  module: Record<string, unknown>,
  where: string,
): ExerciseCheck<unknown, unknown> {
  const value = module.check;
  if (value === null || typeof value !== "object") {
    throw new TypeError(`Cannot load ${where}: it exports no object named check`);
  }
  const definition = value as CheckDefinition<unknown, unknown>;
  for (const part of REQUIRED) {
    if (typeof definition[part] !== "function") {
      throw new TypeError(`Cannot load ${where}: check.${part} is not a function`);
    }
  }
  return defineCheck(definition);
}
