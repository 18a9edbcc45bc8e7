/**
 * The harness behind `deno task bench`: which functions go on the bench (the
 * baseline, the learner's code, the reference), loading and calling each as a
 * check's Worker would, and timing them with mitata with the sample counts we
 * choose. The command (`lib/cli/bench.ts`) parses options and prints.
 *
 * This is a learner's tool, not a verdict: the three functions run in this
 * process, one after the other, sharing one input and one JIT. That is what
 * makes mitata's statistics (and its heap column) available, and it is fine for
 * exploring; the verdict (`deno task check`) times every sample in a fresh
 * Worker inside a runner subprocess, where the learner's code cannot touch the judge.
 *
 * @module
 */
import { type B, bench, do_not_optimize, flags, measure } from "mitata";
import { getHeapStatistics } from "node:v8";
import type { Exercise } from "../exercise/catalogue.ts";
import { describeThrown } from "../check/describe.ts";
import { entryFile, repoUrl, shown } from "../exercise/paths.ts";
import type { Entry, ExerciseCheck, SampleMeta } from "../check/types.ts";

/** A function on the bench, called with the prepared arguments. */
export type Callable = (...args: unknown[]) => unknown;

/** One of the functions on the bench. */
export interface Contender {
  /** How the table names it: `baseline (…)`, `yours`, `reference`. */
  label: string;
  /** The module that exports it (a `file:` URL). */
  url: string;
  /** The export to call. */
  exportName: string;
  /** The benchmark input it runs on (the learner's own baseline gets its one-Worker input). */
  input: unknown;
  /** The learner's code: held to the exercise's rules on Workers, as in a check. */
  learners: boolean;
}

/**
 * What goes on the bench for `exercise`: its baseline (when it has one), the
 * learner's code and, with `withReference` (false in a student copy, which has
 * no `solutions/`), the reference, on `input`.
 */
export function contenders(
  exercise: Exercise,
  check: ExerciseCheck<unknown, unknown>,
  input: unknown,
  withReference = true,
): Contender[] {
  const yours = new URL(`file://${entryFile(exercise, { kind: "exercises" })}`).href;
  const list: Contender[] = [];
  const baseline = exercise.baseline;
  if (baseline?.kind === "module") {
    list.push({
      label: `baseline (${baseline.label})`,
      url: repoUrl(baseline.module),
      exportName: baseline.exportName,
      input,
      learners: false,
    });
  } else if (baseline?.kind === "own") {
    list.push({
      label: `baseline (${baseline.label})`,
      url: yours,
      exportName: exercise.entry,
      input: check.benchmark.baselineInput?.(input) ?? input,
      learners: true,
    });
  }
  list.push({ label: "yours", url: yours, exportName: exercise.entry, input, learners: true });
  if (!withReference) return list;
  list.push({
    label: "reference",
    url: new URL(`file://${entryFile(exercise, { kind: "solutions" })}`).href,
    exportName: exercise.entry,
    input,
    learners: false,
  });
  return list;
}

/** Imports `contender`'s module and finds its function; one line why not. */
export async function load(contender: Contender): Promise<Callable | string> {
  const path = new URL(contender.url).pathname;
  try {
    await Deno.stat(path);
  } catch {
    return `cannot find ${shown(path)}`;
  }
  let module: Record<string, unknown>;
  try {
    module = await import(contender.url);
  } catch (thrown) {
    return `cannot load: ${describeThrown(thrown)}`;
  }
  const entry = module[contender.exportName];
  if (typeof entry !== "function") return `it does not export a function ${contender.exportName}`;
  return entry as Callable;
}

/**
 * A copy of an output that the next call cannot overwrite: typed arrays are
 * copied (also those on a SharedArrayBuffer, which structuredClone would share).
 */
export function snapshot(value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return (value as unknown as { slice(): unknown }).slice();
  }
  if (Array.isArray(value)) return value.map(snapshot);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, snapshot(v)]));
  }
  return value;
}

/**
 * Counts the Workers started and ended while `body` runs, as the check's Worker
 * does, because a parallel exercise's validation asks how many ran.
 */
async function countingWorkers<T>(body: () => Promise<T>): Promise<[T, SampleMeta]> {
  const meta: SampleMeta = { workersStarted: 0, workersTerminated: 0 };
  const Native = globalThis.Worker;
  class CountedWorker extends Native {
    #ended = false;
    constructor(...args: ConstructorParameters<typeof Worker>) {
      super(...args);
      meta.workersStarted++;
    }
    override terminate(): void {
      if (!this.#ended) meta.workersTerminated++;
      this.#ended = true;
      super.terminate();
    }
  }
  globalThis.Worker = CountedWorker;
  try {
    return [await body(), meta];
  } finally {
    globalThis.Worker = Native;
  }
}

/**
 * mitata's `bench()` always takes at least 12 samples and 0.64 s of CPU time
 * per function (its k_min_samples, k_min_cpu_time), and `run()` has no option
 * to change that; `measure()` has. So each bench's `run()` measures through
 * `measure()` with our counts and returns the trial that `run()` prints, in the
 * shape of mitata 1.0.34's static benchmarks (the version deno.json pins).
 */
function withSamples(b: B, samples: number | null): B {
  if (samples === null) return b;
  const self = b as unknown as {
    f: () => unknown;
    _name: string;
    _group: number;
    _highlight: string | false;
    flags: number;
  };
  const gc = (globalThis as { gc?: () => void }).gc;
  b.run = async (thrw = false) => {
    let stats;
    let error;
    try {
      stats = await measure(self.f, {
        min_samples: samples,
        max_samples: samples,
        min_cpu_time: 0,
        gc: gc ?? false,
        heap: () => {
          const h = getHeapStatistics();
          return h.used_heap_size + h.malloced_memory;
        },
      });
    } catch (thrown) {
      error = thrown;
      if (thrw) throw thrown;
    }
    return {
      kind: "static",
      args: {},
      alias: self._name,
      group: self._group,
      baseline: (self.flags & flags.baseline) !== 0,
      runs: [{ stats, error, args: {}, name: self._name }],
      style: { highlight: self._highlight, compact: (self.flags & flags.compact) !== 0 },
    } as unknown as Awaited<ReturnType<B["run"]>>;
  };
  return b;
}

/** A call of the entry point, as the check's Worker makes it. */
export function caller(
  fn: Callable,
  contender: Contender & { args: unknown[] },
  check: ExerciseCheck<unknown, unknown>,
): () => unknown {
  const { args, input, url } = contender;
  const invoke = check.invoke;
  if (invoke === undefined) return () => fn(...args);
  return () => invoke(fn as Entry, args, input, { moduleUrl: url });
}

/** Calls once; the output, the time, what the harness saw, or what it threw. */
export async function tryOnce(
  call: () => unknown,
  args: unknown[],
  check: ExerciseCheck<unknown, unknown>,
): Promise<
  | { ok: true; output: unknown; ms: number; meta: SampleMeta; async: boolean }
  | { ok: false; message: string }
> {
  try {
    const [[returned, ms, async], meta] = await countingWorkers(async () => {
      const start = performance.now();
      const value = call();
      const returned = await value;
      return [returned, performance.now() - start, value instanceof Promise] as const;
    });
    return { ok: true, output: check.outputOf(returned, args), ms, meta, async };
  } catch (thrown) {
    return { ok: false, message: `it threw ${describeThrown(thrown)}` };
  }
}

/**
 * What mitata times: one call, its result kept alive so V8 cannot drop the work.
 * An async entry point (a parallel one) is awaited, so the time runs to its answer.
 */
export function timed(call: () => unknown, isAsync: boolean): () => unknown {
  if (isAsync) return async () => do_not_optimize(await call());
  return () => do_not_optimize(call());
}

/**
 * Puts `call` on mitata's bench (inside the current `group`/`summary`), timed
 * `samples` times, or with mitata's own defaults when `samples` is null.
 *
 * @param label The row's name in mitata's table.
 * @param call What one timed call does (`timed`).
 * @param options `samples`, and `baseline` to make it the row the summary divides by.
 */
export function addBench(
  label: string,
  call: () => unknown,
  options: { samples: number | null; baseline: boolean },
): void {
  const b = withSamples(bench(label, call), options.samples);
  if (options.baseline) b.baseline(true);
}
