/**
 * The runner: a subprocess that runs candidates and baselines in Workers, times
 * them, and checks what they return. This file times a sample in a Worker
 * (`timeSample`); `sample_process.ts` times one in a process of its own.
 *
 * Why a subprocess: in Deno a Worker stuck in a busy loop keeps its core after
 * `terminate()`, and a Worker that exhausts its heap aborts the whole process. The
 * judge (`check.ts`) therefore keeps candidates in a process it can kill, and
 * starts a fresh one for each timed pair, so nothing a candidate leaves running
 * can slow down the next baseline.
 *
 * Protocol: the judge writes a secret on the first line of stdin, then one
 * `RunnerJob` per line. The runner answers each job with one line on stdout:
 * the secret, then a `RunnerReply` as JSON. Candidates share stdout but never see
 * the secret, so a line they print cannot pass for a reply.
 *
 * @module
 */
import type { ExerciseCheck, TestStatus } from "../check/types.ts";
import type { SampleMissingPart, SampleOrder, SampleReply } from "./sample_worker.ts";
import { describeThrown } from "../check/describe.ts";
import {
  failedSample,
  judgeOutput,
  judgeTest,
  outputProblem,
  type Sample,
  type SamplePart,
} from "../check/judge_output.ts";
import { type FailureCode, isCandidateSideFailure } from "./failure.ts";
import process from "node:process";

/** A module and the export to call. */
export interface Target {
  url: string;
  exportName: string;
}

export type RunnerJob =
  | {
    id: number;
    kind: "test";
    checkUrl: string;
    candidate: Target;
    input: unknown;
    /** Given for data-backed cases; otherwise the runner asks the oracle. */
    expected?: unknown;
    /** A time limit the answer must also meet, in ms. */
    maxMs?: number;
  }
  | {
    id: number;
    kind: "pair";
    checkUrl: string;
    baseline: Target;
    candidate: Target;
    input: unknown;
    /** What the baseline gets, when not `input` (e.g. the same work on one Worker). */
    baselineInput?: unknown;
    /** True when the baseline is the learner's own code: its Workers are judged too. */
    baselineIsLearners?: boolean;
    /** Which side goes first (ABBA across pairs); default the baseline. */
    order?: "baseline-first" | "candidate-first";
    /**
     * Build both sides' inputs at once before either is timed (both held in memory
     * together); false for inputs too large to hold twice.
     */
    together?: boolean;
    /**
     * Wait for a `go` line on stdin before timing anything, and say `timed` (a
     * `RunnerNotice`) once both samples are timed, before judging them. The judge
     * sends `go` once the previous pair's runner has exited, and may start the
     * next pair's runner on `timed`: one runner's judging and teardown overlap
     * the next one's start and input building, never a timed sample.
     */
    gated?: boolean;
  }
  | {
    /** One timed sample of the candidate alone: the work-scaling witness. */
    id: number;
    kind: "sample";
    checkUrl: string;
    target: Target;
    input: unknown;
  };

export type RunnerReply =
  | {
    id: number;
    kind: "test";
    status: TestStatus;
    message: string;
    ms: number;
    /** Partial credit of a rejected answer, when the check gives it. */
    credit?: number;
    /** Why the candidate gave no output, when it gave none (the judge decides on this). */
    code?: FailureCode;
  }
  | {
    id: number;
    kind: "pair";
    baselineMs: number;
    candidateMs: number;
    /** Null when both ran and agree; otherwise what went wrong, in one line. */
    problem: string | null;
    /** Who the problem is about. */
    culprit: "baseline" | "candidate" | null;
    /** The order the pair ran in. */
    order: "baseline-first" | "candidate-first";
  }
  | { id: number; kind: "sample"; ms: number; problem: string | null };

/** A line a gated pair writes before its reply: both samples are timed, judging starts. */
export interface RunnerNotice {
  id: number;
  kind: "timed";
}

const WORKER_URL = new URL("./sample_worker.ts", import.meta.url).href;

/** A sample's Worker with its input built, waiting for `go`. */
interface PreparedSample {
  /**
   * Times the sample (once); its Worker is terminated when this resolves. A
   * `share` sample is first given the part it did not build.
   */
  go(part?: SamplePart): Promise<Sample>;
  /** Terminates its Worker, run or not. */
  cancel(): void;
}

/**
 * Runs `target` once on `input` in a fresh Worker and times it: from the moment
 * the Worker is told to go (its input is already built) until its answer arrives,
 * so module load and the call are counted, Worker start-up and input building are not.
 */
export async function timeSample(
  checkUrl: string,
  target: Target,
  input: unknown,
): Promise<Sample> {
  return await (await prepareSample(checkUrl, target, input)).go();
}

/**
 * Starts `target`'s Worker and lets it build its input (not timed): resolves
 * when it is ready to go, or has already failed. The candidate's module is
 * imported only after `go`, so a prepared sample runs none of its code.
 */
function prepareSample(
  checkUrl: string,
  target: Target,
  input: unknown,
  share?: SampleOrder["share"],
): Promise<PreparedSample> {
  const token = crypto.randomUUID();
  const worker = new Worker(WORKER_URL, { type: "module" });
  let settle: (sample: Sample) => void = () => {};
  const result = new Promise<Sample>((resolve) => (settle = resolve));
  return new Promise<PreparedSample>((prepared) => {
    let start = 0;
    const handle: PreparedSample = {
      go(part) {
        if (start === 0 && !finished) {
          if (part !== undefined) {
            const message: SampleMissingPart = { kind: "part", part: part.value };
            worker.postMessage(message, part.buffers);
          }
          start = performance.now();
          worker.postMessage("go");
        }
        return result;
      },
      cancel: () => worker.terminate(),
    };
    let finished = false;
    const finish = (sample: Sample) => {
      finished = true;
      worker.terminate();
      settle(sample);
      prepared(handle); // a sample that failed before it was ready is prepared too: go() tells
    };
    const elapsed = () => start === 0 ? 0 : performance.now() - start;
    worker.onerror = (event) => {
      event.preventDefault();
      const detail = `uncaught error: ${event.message}`;
      finish(failedSample({ code: "crashed", detail }, elapsed()));
    };
    worker.onmessageerror = () => {
      const detail = "sent a message that cannot be read";
      finish(failedSample({ code: "garbled", detail }, elapsed()));
    };
    worker.onmessage = (event: MessageEvent) => {
      // The clock stops here, in the runner's isolate, once the whole message has arrived.
      const ms = elapsed();
      const reply = event.data as SampleReply;
      if (reply === null || typeof reply !== "object" || reply.token !== token) return;
      if (reply.kind === "ready") return prepared(handle);
      if (reply.kind === "result") {
        const inputs = share?.handOver === true ? reply.inputs : undefined;
        return finish({
          ok: true,
          output: reply.output,
          meta: reply.meta,
          ms,
          ...(inputs === undefined ? {} : { inputs }),
        });
      }
      if (reply.kind === "failed") {
        const failure = isCandidateSideFailure(reply.failure)
          ? reply.failure
          : { code: "garbled" as const, detail: "it reported a failure the harness does not know" };
        return finish(failedSample(failure, ms));
      }
    };
    const order: SampleOrder = {
      token,
      checkUrl,
      moduleUrl: target.url,
      exportName: target.exportName,
      input,
      ...(share === undefined ? {} : { share }),
    };
    worker.postMessage(order);
  });
}

/** Why a pair whose candidate went first is not timed: something of it ran on. */
const keptRunning =
  "your code kept running after it answered (a Worker still busy once terminated): the baseline cannot be timed beside it";
/**
 * The most CPU, in cores, this process may use while a baseline runs after a
 * candidate: the baseline's one thread and V8's own helpers (garbage collection,
 * compilation), well under a second thread kept busy.
 */
const BASELINE_MAX_CORES = 1.5;
/** How long the runner waits for its process to fall quiet after a candidate went first. */
const QUIET_LIMIT_MS = 2000;
/** The window over which it measures, and the CPU (in cores) under which it is quiet. */
const QUIET_WINDOW_MS = 20;
const QUIET_CORES = 0.25;

/**
 * Whether this process falls quiet (its own CPU time, all threads, over a short
 * window) within `QUIET_LIMIT_MS`: after a candidate that went first, before the
 * baseline goes. In Deno 2.9 `terminate()` does not stop a Worker stuck in a
 * busy loop, so a candidate could otherwise leave a thread spinning to slow the
 * baseline timed after it. The waiting baseline's Worker is idle meanwhile.
 */
async function fallsQuiet(): Promise<boolean> {
  const deadline = performance.now() + QUIET_LIMIT_MS;
  while (performance.now() < deadline) {
    const before = process.cpuUsage();
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, QUIET_WINDOW_MS));
    const used = process.cpuUsage(before);
    const cores = (used.user + used.system) / 1000 / (performance.now() - started);
    if (cores < QUIET_CORES) return true;
  }
  return false;
}

const checks = new Map<string, ExerciseCheck<unknown, unknown>>();

async function loadCheck(url: string): Promise<ExerciseCheck<unknown, unknown>> {
  let check = checks.get(url);
  if (check === undefined) {
    check = (await import(url)).check as ExerciseCheck<unknown, unknown>;
    checks.set(url, check);
  }
  return check;
}

/** The next line of stdin (without its newline), or undefined once stdin has ended. */
type NextLine = () => Promise<string | undefined>;

/** Writes a notice for the judge (with the secret, like a reply). */
type Notify = (notice: RunnerNotice) => Promise<void>;

async function runJob(job: RunnerJob, nextLine: NextLine, notify: Notify): Promise<RunnerReply> {
  const check = await loadCheck(job.checkUrl);
  if (job.kind === "test") {
    const sample = await timeSample(job.checkUrl, job.candidate, job.input);
    const expected = "expected" in job ? job.expected : check.expected(job.input);
    const judged = judgeTest(check, sample, expected, job.input, job.maxMs);
    return { id: job.id, kind: "test", ...judged, ms: sample.ms };
  }
  if (job.kind === "sample") {
    // Its output is checked for shape only: the witness asks whether time grows with
    // the work; the pairs before it already judged the answers.
    const sample = await timeSample(job.checkUrl, job.target, job.input);
    const problem = sample.ok ? outputProblem(check, sample, job.input, true) : sample.message;
    return { id: job.id, kind: "sample", ms: sample.ms, problem };
  }
  // Either side may go first (ABBA across pairs). Whatever the candidate might leave
  // behind dies with this process before the next pair; within the pair, a candidate
  // that went first must leave this process quiet before the baseline goes.
  const order = job.order ?? "baseline-first";
  const baseInput = "baselineInput" in job ? job.baselineInput : job.input;
  const reply = (
    baselineMs: number,
    candidateMs: number,
    problem: string | null,
    culprit: "baseline" | "candidate" | null,
  ): RunnerReply => ({
    id: job.id,
    kind: "pair",
    baselineMs,
    candidateMs,
    problem,
    culprit,
    order,
  });
  const together = job.together === true;
  // A fixed baseline that goes first hands its inputs over to the candidate, when the check
  // builds them apart (sharedInputs): its Worker builds the inputs, this isolate its outputs,
  // the candidate's Worker its own outputs, all at once; no input is built twice.
  const fixedBaseline = together && job.baselineIsLearners !== true;
  const shared = fixedBaseline && order === "baseline-first" &&
      JSON.stringify(baseInput) === JSON.stringify(job.input)
    ? check.sharedInputs
    : undefined;
  // A candidate that goes first cannot hand its inputs to the baseline (it may have changed
  // them): each Worker builds its own, this isolate the candidate's outputs, and the
  // candidate's inputs, handed back, become the baseline's outputs (`reuse`). Nothing is
  // freed between the two samples, and ~0.34 GB less is built (exercise 2).
  const recycled = fixedBaseline && order === "candidate-first" &&
      check.sharedInputs?.reuse !== undefined
    ? check.sharedInputs
    : undefined;
  // What each side's Worker builds (the rest comes from this isolate before `go`).
  const [baseShare, candShare]: (SampleOrder["share"] | undefined)[] = shared !== undefined
    ? [{ build: "inputs", handOver: true }, { build: "outputs", handOver: false }]
    : recycled !== undefined
    ? [{ build: "inputs", handOver: false }, { build: "inputs", handOver: true }]
    : [undefined, undefined];
  // Both inputs built at once (untimed), when the job allows holding both.
  const prepareBase = () => prepareSample(job.checkUrl, job.baseline, baseInput, baseShare);
  const prepareCand = () => prepareSample(job.checkUrl, job.candidate, job.input, candShare);
  const [baseStarted, candStarted] = together ? [prepareBase(), prepareCand()] : [];
  // Built here while both Workers build theirs.
  const baseOutputsPart = shared === undefined
    ? undefined
    : partOf(shared, shared.outputs(baseInput));
  const candOutputsPart = recycled === undefined
    ? undefined
    : partOf(recycled, recycled.outputs(job.input));
  const [baseEarly, candEarly] = together
    ? await Promise.all([baseStarted, candStarted])
    : [undefined, undefined];
  // No candidate code has been loaded yet: the judge's `go` is read before any of it runs.
  if (job.gated === true && await nextLine() !== "go") {
    baseEarly?.cancel();
    candEarly?.cancel();
    throw new Error("the judge never said go");
  }
  let cand: Sample | undefined;
  if (order === "candidate-first") {
    cand = await (candEarly ?? await prepareCand()).go(candOutputsPart);
    if (!await fallsQuiet()) {
      baseEarly?.cancel();
      return reply(0, cand.ms, keptRunning, "candidate");
    }
  }
  const baseReady = baseEarly ?? await prepareBase();
  // After a candidate, the baseline runs on one thread: a process using much more than that
  // meanwhile runs something the candidate left, asleep when the process fell quiet. (A guard:
  // here a Worker asleep in Atomics.wait was ended by terminate(); only a running loop was not.)
  const cpuBefore = process.cpuUsage();
  const base = await baseReady.go(
    recycled === undefined ? baseOutputsPart : reusedOutputs(check, recycled, cand, baseInput),
  );
  if (order === "candidate-first" && base.ok) {
    const used = process.cpuUsage(cpuBefore);
    const cores = (used.user + used.system) / 1000 / Math.max(base.ms, 1);
    if (cores > BASELINE_MAX_CORES) {
      candEarly?.cancel();
      return reply(base.ms, cand?.ms ?? 0, keptRunning, "candidate");
    }
  }
  // The baseline's output is the expected one for this input (a trusted baseline,
  // or the learner's own code on one Worker, whose output is compared below), so
  // it is only checked for shape here: asking the oracle would double the cost.
  const baseProblem = base.ok
    ? outputProblem(check, base, baseInput, job.baselineIsLearners === true)
    : base.message;
  if (!base.ok || baseProblem !== null) {
    candEarly?.cancel();
    return reply(base.ms, 0, baseProblem ?? "no output", "baseline");
  }
  if (shared !== undefined && base.inputs === undefined) {
    throw new Error("the baseline handed no inputs over");
  }
  cand ??= await (candEarly ?? await prepareCand()).go(base.inputs);
  if (job.gated === true) await notify({ id: job.id, kind: "timed" });
  const candJudged = judgeOutput(check, cand, base.output, job.input);
  const passed = candJudged.status === "pass";
  return reply(base.ms, cand.ms, passed ? null : candJudged.message, passed ? null : "candidate");
}

type SharedInputs = NonNullable<ExerciseCheck<unknown, unknown>["sharedInputs"]>;

function partOf(shared: SharedInputs, value: unknown): SamplePart {
  return { value, buffers: shared.buffers(value) };
}

/**
 * The baseline's outputs after a candidate that went first: laid in the buffers
 * of the inputs the candidate handed back, when they fit and none of them is
 * also in the candidate's output (a candidate that returned its own inputs as
 * its output would otherwise get the baseline's answer written into it);
 * otherwise built afresh.
 */
function reusedOutputs(
  check: ExerciseCheck<unknown, unknown>,
  shared: SharedInputs,
  cand: Sample | undefined,
  input: unknown,
): SamplePart {
  if (cand?.ok === true && cand.inputs !== undefined) {
    const reused = shared.reuse?.(cand.inputs.value, input);
    const taken = new Set<unknown>(check.transferables(cand.output));
    const buffers = reused === undefined ? [] : shared.buffers(reused);
    if (reused !== undefined && buffers.every((buffer) => !taken.has(buffer))) {
      return { value: reused, buffers };
    }
  }
  return partOf(shared, shared.outputs(input));
}

/** A reply for a job the harness itself could not run (a bug here, not in the candidate). */
function harnessFailure(job: RunnerJob, thrown: unknown): RunnerReply {
  const { message } = failedSample({ code: "harness", detail: describeThrown(thrown) }, 0);
  if (job.kind === "test") {
    return { id: job.id, kind: "test", status: "error", message, ms: 0, code: "harness" };
  }
  if (job.kind === "sample") return { id: job.id, kind: "sample", ms: 0, problem: message };
  return {
    id: job.id,
    kind: "pair",
    baselineMs: 0,
    candidateMs: 0,
    problem: message,
    culprit: null,
    order: job.order ?? "baseline-first",
  };
}

async function writeLine(text: string): Promise<void> {
  const bytes = new TextEncoder().encode(text + "\n");
  let written = 0;
  while (written < bytes.length) written += await Deno.stdout.write(bytes.subarray(written));
}

/** Reads stdin line by line: a job, and a gated pair's `go` while that job runs. */
function lineReader(): NextLine {
  const reader = Deno.stdin.readable.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  return async () => {
    for (;;) {
      const newline = buffer.indexOf("\n");
      if (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        return line;
      }
      const { value, done } = await reader.read();
      if (done) return undefined;
      buffer += value;
    }
  };
}

async function main(): Promise<void> {
  const nextLine = lineReader();
  const secret = await nextLine();
  if (secret === undefined) return;
  for (let line = await nextLine(); line !== undefined; line = await nextLine()) {
    const job = JSON.parse(line) as RunnerJob;
    // A newline first: a candidate may have left half a line on stdout.
    const send = (message: RunnerReply | RunnerNotice) =>
      writeLine("\n" + secret + JSON.stringify(message));
    const reply = await runJob(job, nextLine, send).catch((thrown) => harnessFailure(job, thrown));
    await send(reply);
  }
}

if (import.meta.main) await main();
