/**
 * Types shared by the harness: how a hidden check is defined, and what a check
 * reports. Types used by one file only live beside that file.
 *
 * @module
 */
import type { Rng } from "../exercise/rng.ts";

/** A function exported by the module under test. */
export type Entry = (...args: never[]) => unknown;

/** One hidden test: an input, its name, and (for data-backed cases) the expected value. */
export interface TestCase<Input, Output> {
  /** Short and unique: `"n = 0"`, `"random 3: n = 52113, omit \"07\""`. */
  name: string;
  /** What the entry point is called with (before `prepare` turns it into arguments). */
  input: Input;
  /** Given for cases whose answer comes from `data/`; otherwise the oracle computes it. */
  expected?: Output;
  /** The export this case calls, when not the exercise's entry (e.g. `intervals`). */
  exportName?: string;
  /**
   * The module this case imports, when not the entry file: a file name in the
   * exercise's folder (e.g. `kernel.wasm`, the learner's compiled kernel).
   */
  module?: string;
  /** A time limit the answer must also meet, in ms (module load included). */
  maxMs?: number;
  /** An explanation shown with the result, right or wrong (a quiz's answer). */
  note?: string;
}

/** What the harness observed about a sample besides its output. */
export interface SampleMeta {
  /** Workers the candidate constructed (directly, in the isolate it was called in). */
  workersStarted: number;
  /** Of those, how many it terminated. */
  workersTerminated: number;
  /** Why the check's referee (`ExerciseCheck.referee`) objects to what it saw, if it does. */
  referee?: string;
}

/**
 * The judge's side of one test sample, in the judge's own process, where the
 * candidate cannot reach it: it gives the sample resources of its own (files
 * the sample may read), watches the sample's process from outside while it
 * runs, and says what it saw.
 */
export interface SampleReferee<Input> {
  /** The input the sample gets: the test's, with the referee's resources added. */
  input: Input;
  /** Paths the sample may read besides the candidate's. */
  readPaths: readonly string[];
  /** The sample was told to go: watch process `pid`. */
  start(pid: number): void;
  /** The sample is frozen or gone: stop watching, and say why the run breaks the rules, or null. */
  stop(): string | null;
  /** Frees what it made (again: nothing). */
  close(): Promise<void>;
}

/** Benchmark sizes an exercise offers; `default` is what `check` uses. */
export interface BenchmarkPlan<Input> {
  /** How many baseline/candidate pairs a check times (after one warm-up pair). */
  pairs: number;
  /** Named problem sizes; `"default"` must exist. */
  sizes: Readonly<Record<string, { label: string; pairs?: number; timeoutMs?: number }>>;
  /** A fresh input of the named size: each timed pair gets its own. */
  input(rng: Rng, size: string): Input;
  /**
   * The input the baseline gets for a candidate input, when it differs: for an
   * exercise whose baseline is the learner's own code on one Worker, the same
   * input with one Worker. Default: the same input.
   */
  baselineInput?(input: Input): Input;
  /** The same input run with `threads` Workers, for scaling tables (parallel exercises). */
  withThreads?(input: Input, threads: number): Input;
  /**
   * The same input at another problem size `n` (the number of terms), for
   * `deno task bench N --n VALUE`: the course's lessons that depend on n (10^8
   * against 10^10 on Workers, "halve n"). Checks whose lesson depends on n
   * define it; it throws a `RangeError` for an n the exercise cannot take.
   */
  withN?(input: Input, n: number): Input;
  /** The Worker counts of the scaling table (default 1, 2, 4, 8). */
  scalingThreads?: readonly number[];
  /**
   * The work-scaling witness: the same kind of problem as `input` with about
   * `factor` times the work (a larger n, a larger grid). A candidate's time must
   * grow with the work; a lookup table's does not. Checks with a timed speed
   * part define it.
   */
  scaled?(input: Input, factor: number): Input;
  /**
   * What the speed parts time, when not the entry: an export of a file in the
   * exercise's folder, on an input derived from the benchmark input (after
   * `withThreads`). Exercise 8 times the learner's compiled kernel with the
   * check's own driver, so that nothing but WebAssembly can be timed; the
   * baseline then gets the derived input too.
   */
  timed?: {
    /** A file name in the exercise's folder (e.g. `kernel.wasm`). */
    module: string;
    exportName: string;
    input(input: Input): Input;
    /** The label of an own-code baseline when it is this target (default "your code on 1 Worker"). */
    ownLabel?: string;
  };
  /**
   * An optional stretch part (exercise 9): another export of a file in the
   * exercise's folder (the learner's `.wasm`), timed against a fixed baseline on
   * an input derived from the benchmark input. It earns bonus points and never
   * changes the check's status: a learner who skips it loses nothing.
   */
  stretch?: {
    /** A file name in the exercise's folder (e.g. `block_kernel.wasm`). */
    module: string;
    exportName: string;
    /** The baseline: an export of a repository-relative module (trusted code). */
    baseline: { module: string; exportName: string; label: string };
    /** The stretch's input for a benchmark input (a fresh one per pair). */
    input(input: Input): Input;
    /**
     * Inputs checked before any timing (one sample each; the answer is judged by
     * `compare` against `expected`): the boundaries a benchmark input never hits.
     */
    preflight: readonly Input[];
  };
  /**
   * The floor under an own-code baseline (`floor.ts`): the learner's code on one
   * Worker must be no slower than `margin` × a fixed serial reference, timed in
   * the same run; else code slow on purpose on one Worker would inflate its own
   * parallel speed-up.
   */
  floor?: FloorRule<Input>;
  /**
   * The output's typed arrays are judged bit for bit: `validate` reads only their
   * type and length, and `compare` accepts two arrays only when they are equal bit
   * for bit. Timed samples in processes then send a keyed digest of each array
   * instead of its bytes (`lib/sandbox/output_codec.ts`): a pair whose digests
   * agree is judged on the baseline's arrays (the same bits), a pair whose digests
   * differ is run again in full for its exact message, and the witness validates
   * placeholders of each array's type and length. Exercise 3: 160 MB a sample.
   */
  arraysByDigest?: boolean;
}

/** A fixed serial reference the own-code baseline is held to (see `BenchmarkPlan.floor`). */
export interface FloorRule<Input> {
  /** Repository-relative module of the reference (trusted code). */
  module: string;
  /** The reference's export in that module. */
  exportName: string;
  /** The reference in words, for the report: "exercise 1's integer digit test". */
  label: string;
  /** The reference's input for the learner's one-Worker input. Default: the same. */
  input?(input: Input): Input;
  /** How much slower than the reference the one-Worker run may be, and why. */
  margin: number;
}

/**
 * The hidden half of an exercise: test inputs, the oracle, how to call the
 * entry point and how to compare what it returned. Lives in `checks/`.
 *
 * `Input` is small and structured-cloneable (a description such as grid sizes and
 * a seed); `prepare` turns it into the arguments inside the Worker, so large
 * inputs are never copied between isolates.
 *
 * Functions marked "Worker side" run in the same isolate as the candidate, before
 * and after it; everything else runs where the candidate cannot reach.
 */
export interface ExerciseCheck<Input, Output> {
  /**
   * Receives what only the judge may see (an answer key): the modules the
   * catalogue lists as the exercise's `judgeData`, imported by the judge before
   * `cases`. Never called where the learner's code runs, and the check module
   * names no path to them, so a sandbox built from its imports cannot reach them.
   * The student version leaves judge data out: a module not in this copy comes
   * as `undefined`, and the check judges what it can without it.
   */
  loadJudgeData?(modules: readonly (Record<string, unknown> | undefined)[]): void;
  /**
   * For a check that cannot judge anything without its judge data (a quiz
   * without its key): the one line to say, instead of running, in a copy that
   * lacks it (the student version).
   */
  withoutJudgeData?: string;
  /**
   * Where samples run: "process" keeps `expected` out of the runner (for checks
   * with secrets). Checks that judge Workers always run samples in processes.
   */
  sampleIn?: "worker" | "process";
  /** Cases for one check: fixed edge cases first, then random ones from `rng`. */
  cases(rng: Rng): TestCase<Input, Output>[];
  /** The trusted answer for `input` (runs in the runner's main isolate). */
  expected(input: Input): Output;
  /** Worker side: the arguments for the entry point (output buffers pre-filled with garbage). */
  prepare(input: Input): unknown[];
  /**
   * Worker side, for benchmarks with large inputs (exercise 2): `prepare` in
   * two parts, `args(inputs(input), outputs(input))`, so that a pair whose fixed
   * baseline goes first builds its inputs once. The baseline's Worker builds the
   * inputs, the runner its outputs, the candidate's Worker its own outputs; the
   * baseline, which only reads its inputs, hands them over once it has run.
   * `buffers` lists a part's buffers (transferred, never copied).
   *
   * With `reuse`, a pair whose candidate goes first builds less too: each side
   * builds its own inputs, the runner the candidate's outputs, and the inputs
   * the candidate hands back become the baseline's outputs. `reuse` runs in the
   * runner on what arrived from the candidate's Worker: outputs laid in those
   * buffers, or undefined unless they are exactly what the baseline needs
   * (typed arrays of the right type and length, on distinct, unshared buffers).
   */
  sharedInputs?: {
    inputs(input: Input): unknown;
    outputs(input: Input): unknown;
    args(inputs: unknown, outputs: unknown): unknown[];
    buffers(part: unknown): ArrayBuffer[];
    reuse?(handedInputs: unknown, input: Input): unknown;
  };
  /**
   * Worker side: calls the entry point. Default: `entry(...args)`. An exercise
   * whose entry is a class, or whose test is a scenario, drives it here.
   */
  invoke?(entry: Entry, args: unknown[], input: Input, context: { moduleUrl: string }): unknown;
  /** Worker side: what to send back, from the value returned and the arguments passed. */
  outputOf(returned: unknown, args: unknown[]): unknown;
  /** Worker side: buffers to transfer rather than copy. */
  transferables(output: unknown): Transferable[];
  /** Why `value` (as it arrived from the Worker) is not a valid output, or null if it is. */
  validate(value: unknown, input: Input): string | null;
  /**
   * For the learner's code only (never a fixed baseline): why the Workers it
   * started and ended break the exercise's rules, or null.
   */
  checkWorkers?(input: Input, meta: SampleMeta): string | null;
  /**
   * A referee for a test whose rules only the judge can see kept (samples in
   * processes, Linux): null for a test that needs none, or where it cannot work.
   */
  referee?(input: Input): Promise<SampleReferee<Input> | null>;
  /** Why `actual` does not match `expected` (naming the tolerance), or null if it does. */
  compare(expected: Output, actual: Output, input: Input): string | null;
  /** Partial credit, 0 to 1, for an answer `compare` rejected (quizzes). Default 0. */
  credit?(expected: Output, actual: Output, input: Input): number;
  /** The input in words, for a failure message. */
  describe(input: Input): string;
  /** The benchmark sizes and inputs (`defineCheck` gives one to exercises with no speed part). */
  benchmark: BenchmarkPlan<Input>;
  /** Wall-clock limit for one test or one timed sample, in milliseconds. */
  timeoutMs: number;
}

/** The outcome of one hidden test. */
export type TestStatus = "pass" | "fail" | "error" | "skipped";

/** The outcome of one hidden test, as the report and `--json` show it. */
export interface TestResult {
  /** The test's name (`TestCase.name`). */
  name: string;
  /** Pass, fail, error, or skipped (not run because an earlier test broke the candidate). */
  status: TestStatus;
  /** Empty when passed; otherwise one line saying what went wrong. */
  message: string;
  /** Partial credit (0 to 1) of a test that did not fully pass, for exercises that give it. */
  credit?: number;
  /** An explanation given with the result, right or wrong. */
  note?: string;
}

/** A speed tier, best last. */
export type Tier = "pass" | "silver" | "gold";

/** Statistics of the per-pair speed-ups (baseline time / candidate time). */
export interface SpeedupStats {
  /** The median of the per-pair speed-ups: what a tier is judged on. */
  median: number;
  /** The lowest per-pair speed-up. */
  min: number;
  /** The highest per-pair speed-up. */
  max: number;
}

/** A distribution-free interval for the median speed-up (order statistics of the pairs). */
export interface MedianInterval {
  /** The interval's lower end (a speed-up). */
  low: number;
  /** The interval's upper end (a speed-up). */
  high: number;
  /** Its coverage, 0–1 (0.9 when there are enough pairs; 3 pairs give 0.75). */
  level: number;
}

/** What the contention probe saw during one pair (`lib/check/speed/contention.ts`). */
export interface ContentionReading {
  /** `proc`: read from Linux's /proc; `none`: this system shows nothing (nothing decided). */
  source: "proc" | "none";
  /** The pair's wall time, ms. */
  wallMs: number;
  /** Cores used by processes outside this check's own process tree, or null. */
  othersCores: number | null;
  /** Share of the wall time in which some task waited for a CPU (PSI "some"), or null. */
  psiSome: number | null;
  /** Cores the check's own process tree used (the samples), or null. */
  ownCores: number | null;
}

/** The worst the probe saw over a part's pairs, and how many pairs were re-run. */
export interface ContentionSummary {
  /** `proc`: read from Linux's /proc; `none`: this system shows nothing (nothing decided). */
  source: "proc" | "none";
  /** Pairs dropped and run again because the machine was busy. */
  rerun: number;
  /** The most cores other processes used during a counted pair, or null. */
  othersCores: number | null;
  /** The highest CPU pressure (PSI "some") during a counted pair, or null. */
  psiSome: number | null;
  /** The most cores the check's own processes used during a counted pair, or null. */
  ownCores: number | null;
}

/**
 * The work-scaling witness: the candidate timed on the same input with about
 * `factor` times the work. A time that does not grow fails the part.
 */
export interface WitnessResult {
  /** `skipped`: the check defines no scaled input, or the part was not judged. */
  status: "pass" | "fail" | "skipped";
  /** One line: why the status is what it is. */
  reason: string;
  /** How many times the work the scaled input holds, or null when not run. */
  factor: number | null;
  /** The candidate's time on the input, ms. */
  baseMs: number | null;
  /** The candidate's time on the scaled input, ms. */
  scaledMs: number | null;
  /** scaledMs / baseMs. */
  growth: number | null;
  /** The least growth accepted. */
  required: number | null;
}

/**
 * Why a part is inconclusive: the machine stayed busy (run again when it is
 * quieter), or it has too few cores to measure a parallel speed-up at all.
 */
export type InconclusiveCause = "busy" | "one-core";

/**
 * One speed verdict. The fields marked optional were added with issue 13; a
 * check always fills them (null when they do not apply), older records may lack them.
 */
export interface PerformanceResult {
  /**
   * `skipped`: not measured (see `reason`); never counts as reaching a tier.
   * `inconclusive`: could not be measured fairly here (see `inconclusive`): never
   * a fail, never a pass.
   */
  status: "pass" | "fail" | "skipped" | "error" | "inconclusive";
  /** One line: why the status is what it is. */
  reason: string;
  /** Why the part is inconclusive, when it is; else null. */
  inconclusive?: InconclusiveCause | null;
  /** Median time of the baseline, ms (null when not measured). */
  baselineMs: number | null;
  /** Median time of the candidate, ms (null when not measured). */
  candidateMs: number | null;
  /** Per-pair speed-ups, baseline time ÷ candidate time (null when not measured). */
  speedup: SpeedupStats | null;
  /** An interval for the median speed-up, and its coverage; null when not measured. */
  interval?: MedianInterval | null;
  /**
   * How sure the tier is: `agreed` (every counted pair in the tier's band),
   * `cap` (pairs straddled a tier line; the median decided), or null.
   */
  sureness?: "agreed" | "cap" | null;
  /** The speed-up the pass tier needs on this machine. */
  required: number | null;
  /** The best tier reached, or null below pass or when not measured. */
  tier: Tier | null;
  /** Speed-up needed for each tier on this machine. */
  tiers: Record<Tier, number> | null;
  /** Where the tiers come from: this machine's calibration, the shipped one, or the catalogue. */
  calibration?: string | null;
  /** Pairs counted in the verdict (the warm-up and re-run pairs excluded). */
  pairs: number;
  /** The benchmark size (a key of `BenchmarkPlan.sizes`). */
  size: string;
  /** Share of the pairs' wall time that was timed work (0–1); null when not measured. */
  timedShare?: number | null;
  /** What the contention probe saw; null when not measured. */
  contention?: ContentionSummary | null;
  /** The work-scaling witness; null when not run (a parallel part, or not measured). */
  witness?: WitnessResult | null;
}

/** Where the harness ran: a timing means little without it. */
export interface MachineInfo {
  /** Cores this process may use (its CPU affinity), not the machine's total. */
  cores: number;
  /** The CPU model. */
  cpu: string;
  /** Deno's version. */
  deno: string;
  /** V8's version. */
  v8: string;
  /** The operating system and architecture. */
  os: string;
}

/** What `deno task check --json` prints; see README.md, "The JSON report". */
export interface CheckResult {
  /** The schema's name and version: scripts check it before reading on. */
  schema: "workbook-check/1";
  /** Which exercise was checked. */
  exercise: { number: number; slug: string; title: string };
  /**
   * `inconclusive`: the tests passed but a speed part could not be measured
   * fairly (a busy machine, or one core for a parallel part): run again.
   */
  status: "pass" | "fail" | "error" | "inconclusive";
  /** One line: why the status is what it is. */
  summary: string;
  /** The file checked. */
  source: string;
  /** The seed: `--seed S` repeats the same hidden inputs. */
  seed: number;
  /** True for a correctness-only check (`--quick`). */
  quick: boolean;
  /** Every hidden test, in the order run. */
  tests: TestResult[];
  /**
   * For exercises graded with partial credit (a quiz): the mean credit of the
   * tests, 0 to 1 (a passed test counts 1). Null for the others.
   */
  credit: number | null;
  /** The speed verdict, or null for a quick check or an exercise with no speed part. */
  performance: PerformanceResult | null;
  /** The second speed verdict of exercises with a parallel part, else null. */
  parallel: PerformanceResult | null;
  /**
   * The optional stretch part (bonus points only, never the status), else null
   * or absent (records written before it).
   */
  stretch?: PerformanceResult | null;
  /** Where the check ran. */
  machine: MachineInfo;
  /** How long the whole check took, ms. */
  durationMs: number;
}
