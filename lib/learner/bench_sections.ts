/**
 * The extension point of `deno task bench`: sections printed after mitata's
 * table, chosen by exercise. Parallel exercises add their scaling table: the
 * learner's code (or the reference, while theirs does not run) on 1, 2, 4 and
 * 8 Workers beside the ideal, like the course's tables.
 *
 * @module
 */
import { existsSync } from "node:fs";
import type { Exercise } from "../exercise/catalogue.ts";
import { sourceRoot } from "../exercise/paths.ts";
import { loadCheck } from "../check/check.ts";
import { recordScaling } from "./progress.ts";
import { formatScaling, measureScaling, SCALING_THREADS } from "./scaling.ts";

/** What `bench` hands to a section: the exercise's benchmark, ready to call. */
export interface BenchContext {
  /** The seed the benchmark input was built from. */
  seed: number;
  /** The benchmark size (`"default"` unless `--size` was given). */
  size: string;
  /** Samples per function as `--samples` set it, or null when chosen per function. */
  samples: number | null;
  /** The input as the hidden check describes it (`check.benchmark.input`). */
  input: unknown;
  /**
   * The calls that loaded and ran once without throwing, by label ("yours",
   * "reference", "baseline (…)"), each on its prepared arguments.
   */
  functions: ReadonlyMap<string, () => unknown>;
  /** `--n VALUE` when given: `input` is then the benchmark input at that n. */
  n: number | null;
  /** A scaling sample's time limit, ms, when not the default (a larger n needs more). */
  timeoutMs?: number;
}

/** A titled block of text lines. */
export interface BenchSection {
  /** The heading printed above the block. */
  title: string;
  /** The block's lines, printed as they are. */
  lines: string[];
}

/**
 * Extra sections for `exercise`, printed after mitata's output in order.
 *
 * @returns The scaling table for exercises whose check can vary the number of
 *   Workers; nothing for the others.
 */
export async function extraSections(
  exercise: Exercise,
  context: BenchContext,
): Promise<BenchSection[]> {
  const check = await loadCheck(exercise);
  if (check.benchmark.withThreads === undefined) return [];
  const yours = context.functions.has("yours");
  if (!yours && !existsSync(sourceRoot({ kind: "solutions" }))) {
    // A student copy has no reference to scale in the meantime.
    return [{ title: "Scaling", lines: ["  not measured: your code does not run yet"] }];
  }
  const whose = yours ? "your code" : "the reference (yours does not run yet)";
  const threads = check.benchmark.scalingThreads ?? SCALING_THREADS;
  const encoder = new TextEncoder();
  Deno.stderr.writeSync(encoder.encode(`Scaling ${whose} on ${threads.join(", ")} Workers `));
  try {
    const table = await measureScaling({
      exercise,
      source: yours ? { kind: "exercises" } : { kind: "solutions" },
      seed: context.seed,
      threads,
      ...(context.n === null ? {} : {
        input: context.input,
        label: `n = ${context.n.toLocaleString("en")}`,
      }),
      ...(context.timeoutMs === undefined ? {} : { timeoutMs: context.timeoutMs }),
      onSample: () => Deno.stderr.writeSync(encoder.encode(".")),
    });
    Deno.stderr.writeSync(encoder.encode("\n"));
    // A table at another n is not the benchmark's: it is not recorded as progress.
    if (yours && context.n === null) await recordScaling(exercise, table);
    return [{
      title: `Scaling of ${whose}${
        context.n === null ? "" : ` at n = ${context.n.toLocaleString("en")}`
      }, each point the median of 3 fresh runs`,
      lines: formatScaling(table),
    }];
  } catch (thrown) {
    Deno.stderr.writeSync(encoder.encode("\n"));
    return [{ title: "Scaling", lines: [`  not measured: ${(thrown as Error).message}`] }];
  }
}
