/**
 * The benchmark input for a seed: the one function that turns `--seed S` into
 * the input of a timed pair, so that `check`, `compare` (a check), `profile`,
 * `bench` and the scaling table all run on the same input for the same seed.
 *
 * @module
 */
import { createRng, deriveSeed } from "../exercise/rng.ts";
import type { BenchmarkPlan } from "./types.ts";

/**
 * The pair whose input the learner's tools use: a check times pair 0 as its
 * warm-up, so pair 1 is the first pair whose time counts.
 */
export const FIRST_TIMED_PAIR = 1;

/** Which input of a check's benchmark. */
export interface BenchmarkInputOptions {
  /** The seed of the run (`--seed S`, or the one a check printed). */
  seed: number;
  /** The index of the pair (0 is the warm-up). Default `FIRST_TIMED_PAIR`. */
  pair?: number;
  /** The benchmark size, a key of `plan.sizes`. Default `"default"`. */
  size?: string;
}

/**
 * The benchmark input of pair `pair` of a check run with `seed`, at `size`.
 * Each pair draws from its own sub-stream of the seed (`deriveSeed`), so pair 7
 * gets the same input whatever ran before it.
 *
 * @param plan The hidden check's benchmark plan.
 * @param options The seed, the pair and the size.
 * @returns A fresh input: calling it twice gives two equal inputs.
 * @throws {RangeError} If `size` is not one of the plan's sizes.
 * @example
 * ```ts
 * import { benchmarkInput } from "./benchmark_input.ts";
 *
 * const plan = {
 *   pairs: 1,
 *   sizes: { default: { label: "n" } },
 *   input: (rng: { int(a: number, b: number): number }) => rng.int(1, 1000),
 * };
 * const a = benchmarkInput(plan, { seed: 7 }), b = benchmarkInput(plan, { seed: 7, pair: 1 });
 * if (a !== b) throw new Error("the same seed and pair give the same input");
 * ```
 */
export function benchmarkInput<Input>(
  plan: Pick<BenchmarkPlan<Input>, "input" | "sizes">,
  options: BenchmarkInputOptions,
): Input {
  const size = options.size ?? "default";
  if (!(size in plan.sizes)) {
    throw new RangeError(
      `Cannot draw a benchmark input of size "${size}": the check offers ${
        Object.keys(plan.sizes).join(", ")
      }`,
    );
  }
  return plan.input(createRng(deriveSeed(options.seed, options.pair ?? FIRST_TIMED_PAIR)), size);
}
