/**
 * Scaling tables for parallel exercises: the candidate's time with 1, 2, 4 and 8
 * Workers, its speed-up over its own one-Worker time, and the ideal speed-up on
 * this machine, min(Workers, cores). Like the course's tables, with the cores
 * noted. Every sample runs in a fresh runner process, as in a check.
 *
 * @module
 */
import { plural } from "../report/format.ts";
import type { Exercise } from "../exercise/catalogue.ts";
import { loadCheck } from "../check/check.ts";
import { median } from "../check/speed/measure.ts";
import {
  candidateReadPaths,
  entryFile,
  repoUrl,
  type Source,
  sourceRoot,
} from "../exercise/paths.ts";
import { benchmarkInput } from "../check/benchmark_input.ts";
import { runSampleProcess } from "../sandbox/sample_process.ts";
import { outputProblem } from "../check/judge_output.ts";
import { usableCores } from "../check/machine.ts";
import { buildExercise } from "../exercise/build.ts";

/** The Worker counts of the course's tables. */
export const SCALING_THREADS: readonly number[] = [1, 2, 4, 8];
/** Samples per point: the median of three drops one noisy run. */
export const SCALING_SAMPLES = 3;

/** One row of a scaling table: a Worker count and what it reached. */
export interface ScalingRow {
  /** Workers. */
  threads: number;
  /** Median time of one call, ms. */
  ms: number;
  /** Time on one Worker ÷ time on `threads`. */
  speedup: number;
  /** min(threads, cores). */
  ideal: number;
}

/** A scaling table: time and speed-up against the number of Workers. */
export interface ScalingTable {
  /** The exercise's number. */
  exercise: number;
  /** Cores this process may use. */
  cores: number;
  /** The benchmark size, in words. */
  size: string;
  /** One row per Worker count, in the order measured. */
  rows: ScalingRow[];
}

/** What `measureScaling` measures, and where it reports each sample. */
export interface ScalingOptions {
  /** A parallel exercise (one whose check has `withThreads`). */
  exercise: Exercise;
  /** Whose code: the learner's, the reference or a folder. */
  source: Source;
  /** The seed of the benchmark input (`benchmarkInput`, the first timed pair). */
  seed: number;
  /** The Worker counts (default `SCALING_THREADS`). */
  threads?: readonly number[];
  /** Samples per Worker count (default `SCALING_SAMPLES`). */
  samples?: number;
  /** Called after each sample, for progress. */
  onSample?: (threads: number, sample: number, ms: number) => void;
  /**
   * The input to scale over Workers, when not the seed's benchmark input
   * (`deno task bench N --n VALUE` passes the input at another n).
   */
  input?: unknown;
  /** A sample's time limit, ms (default twice the check's: a larger n needs more). */
  timeoutMs?: number;
  /** The size label of the table (default the benchmark's). */
  label?: string;
}

/**
 * Measures the scaling table.
 *
 * @throws {Error} When the exercise has no scaling input, or a sample fails
 *   (the message names the Worker count and the reason).
 */
export async function measureScaling(options: ScalingOptions): Promise<ScalingTable> {
  const { exercise, source, seed } = options;
  const check = await loadCheck(exercise);
  const withThreads = check.benchmark.withThreads;
  if (withThreads === undefined || exercise.check === undefined) {
    throw new Error(
      `Cannot measure scaling for exercise ${exercise.number}: it is not a parallel exercise`,
    );
  }
  const built = await buildExercise(exercise, `${sourceRoot(source)}/${exercise.dir}`);
  if (!built.ok) throw new Error(built.message);
  const file = entryFile(exercise, source);
  const target = { url: new URL(`file://${file}`).href, exportName: exercise.entry };
  const readPaths = candidateReadPaths(exercise, source);
  // The input of the first timed pair of `deno task check --seed S`, on 1, 2, 4… Workers.
  const base = options.input ?? benchmarkInput(check.benchmark, { seed });
  const cores = usableCores();
  const rows: ScalingRow[] = [];
  for (const threads of options.threads ?? SCALING_THREADS) {
    const times: number[] = [];
    for (let index = 0; index < (options.samples ?? SCALING_SAMPLES); index++) {
      // Parallel code runs on a fresh process's main thread, as in a check.
      const sample = await runSampleProcess({
        checkUrl: repoUrl(exercise.check),
        target,
        input: withThreads(base, threads),
        readPaths,
        timeoutMs: options.timeoutMs ?? 2 * check.timeoutMs,
      });
      const problem = sample.ok
        ? outputProblem(check, sample, withThreads(base, threads), true)
        : sample.message;
      if (problem !== null) throw new Error(`With ${plural(threads, "Worker")}: ${problem}`);
      times.push(sample.ms);
      options.onSample?.(threads, index, sample.ms);
    }
    rows.push({ threads, ms: median(times), speedup: 0, ideal: Math.min(threads, cores) });
  }
  const one = rows.find((r) => r.threads === 1)?.ms ?? rows[0]?.ms ?? Number.NaN;
  for (const row of rows) row.speedup = one / row.ms;
  return {
    exercise: exercise.number,
    cores,
    size: options.label ?? check.benchmark.sizes.default?.label ?? "",
    rows,
  };
}

/** The table as text lines, like the course's: Workers, time, speed-up, ideal. */
export function formatScaling(table: ScalingTable): string[] {
  const lines = [
    `Scaling on ${table.cores} core${table.cores === 1 ? "" : "s"} · ${table.size}`,
    "  Workers      time   speed-up   ideal",
  ];
  for (const row of table.rows) {
    const time = row.ms >= 1000 ? `${(row.ms / 1000).toFixed(2)} s` : `${row.ms.toFixed(0)} ms`;
    lines.push(
      `  ${String(row.threads).padStart(7)}  ${time.padStart(8)}  ${
        (row.speedup.toFixed(2) + "×").padStart(9)
      }  ${(row.ideal.toFixed(0) + "×").padStart(6)}`,
    );
  }
  if (table.rows.some((r) => r.threads > table.cores)) {
    lines.push(
      `  (beyond ${table.cores} Workers the cores are shared: the ideal stays at ${table.cores}×)`,
    );
  }
  return lines;
}
