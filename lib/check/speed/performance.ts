/**
 * The speed parts of a check: which code is timed against which, the pairs
 * (in processes or in a runner's Workers), the floor and ceiling of an
 * own-code baseline, and the work-scaling witness; the verdict itself is
 * `verdict.ts`'s.
 *
 * @module
 */
import type { SpeedRule } from "../../exercise/catalogue.ts";
import type { Target } from "../../sandbox/runner.ts";
import {
  type MeasuredPair,
  measurePairs,
  type PairOrder,
  PairProblem,
  type PairSample,
} from "./measure.ts";
import { contentionPolicy, probeNote } from "./contention.ts";
import { calibratedRule, type PartName } from "./calibration.ts";
import { runWitness, type TimedRun } from "./witness.ts";
import { createRng, deriveSeed } from "../../exercise/rng.ts";
import { repoUrl } from "../../exercise/paths.ts";
import { judgeOutput, outputProblem } from "../judge_output.ts";
import {
  runSampleProcess,
  startSampleProcess,
  withKnownArrays,
} from "../../sandbox/sample_process.ts";
import {
  inconclusivePerformance,
  judgeCeiling,
  judgeFloor,
  judgeSpeed,
  requiredSpeedups,
  skippedPerformance,
  withWitness,
} from "../verdict.ts";
import { floorSampleDue } from "./floor.ts";
import { WorkerPairs } from "./worker_pairs.ts";
import type { FloorRule, MachineInfo, PerformanceResult } from "../types.ts";

import { processOptions, type RunContext, startSession } from "../run_context.ts";
/**
 * A pair in sample processes, each side on a fresh process's main thread, in
 * `order` (ABBA across pairs); timed in `sample_process.ts`, judged here. Either
 * side may go first: the first stays frozen (every thread of it stopped) while
 * the second is timed, so nothing the candidate leaves running can slow the
 * baseline after it; the side that waits has not loaded its code yet; and both
 * processes are read, then killed, once both are timed.
 */
async function processPair(
  context: RunContext,
  part: SpeedPart,
  input: unknown,
  baselineInput: unknown,
  timeoutMs: number,
  order: PairOrder,
  byDigest = context.check.benchmark.arraysByDigest === true,
): Promise<PairSample> {
  const { check } = context;
  const where = `on the benchmark input (${check.describe(input)})`;
  // One key for both sides: equal arrays get equal digests.
  const digestKey = byDigest ? randomDigestKey() : undefined;
  const start = (target: Target, sideInput: unknown) =>
    startSampleProcess({
      ...processOptions(context, target, sideInput, timeoutMs),
      timed: true,
      ...(digestKey === undefined ? {} : { digestKey }),
    });
  // Both processes start and build their inputs at once (untimed); then each is timed
  // while the other waits, blocked before loading any candidate code (sample_process.ts).
  const [baseSample, candidateSample] = await Promise.all([
    start(part.baseline, baselineInput),
    start(part.candidate, input),
  ]);
  let base, sent;
  try {
    // Each side is timed and left frozen, the second only once the first is; then both outputs
    // are read at once (each process hashes its own: ~0.1 s for 160 MB), none beside a timing.
    const candidateFirst = order === "candidate-first";
    const candidateEarly = candidateFirst ? await candidateSample.time() : undefined;
    const baseTimed = await baseSample.time();
    // A baseline that failed already: the candidate is not timed for nothing.
    const candidateTimed = candidateEarly ??
      (baseTimed.failed ? undefined : await candidateSample.time());
    const [baseRead, candidateRead] = await Promise.all([
      baseTimed.collect(),
      candidateTimed?.collect(),
    ]);
    base = baseRead;
    const baseProblem = base.ok
      ? outputProblem(check, base, baselineInput, part.own)
      : base.message;
    if (!base.ok || baseProblem !== null) {
      const whose = part.own ? "your code on one Worker failed: " : "the baseline failed: ";
      throw new PairProblem(`${where}: ${whose}${baseProblem}`);
    }
    // Timed whenever the baseline did not fail (above).
    if (candidateRead === undefined) throw new Error("the candidate of a pair was not timed");
    sent = candidateRead;
  } finally {
    await Promise.all([baseSample.close(), candidateSample.close()]);
  }
  // By digest: the candidate's arrays are the baseline's when every digest matches one.
  const candidate = base.digests === undefined ? sent : withKnownArrays(sent, base.digests.arrays);
  if (candidate === null) {
    // Some array differs: the pair again in full gives the exact message (the first element
    // that differs). A pair that passes then gave two different outputs for one input.
    await processPair(context, part, input, baselineInput, timeoutMs, order, false);
    throw new PairProblem(
      `${where}: its output was not the baseline's bit for bit on one run and was on the next: it depends on timing (a race between Workers?)`,
    );
  }
  const judged = judgeOutput(check, candidate, base.output, input);
  if (judged.status !== "pass") throw new PairProblem(`${where}: ${judged.message}`);
  return { baselineMs: base.ms, candidateMs: candidate.ms, order };
}

/** A pair's secret digest key (output_codec.ts): four random 32-bit words. */
function randomDigestKey(): number[] {
  return [...crypto.getRandomValues(new Uint32Array(4))];
}

/**
 * One speed verdict: a rule, the code it is measured against, and what each side
 * gets. Most exercises have one part (their `speed` against their `baseline`);
 * an exercise with `parallel` adds a second: its own code on N Workers against
 * its own code on one.
 */
export interface SpeedPart {
  name: PartName;
  rule: SpeedRule;
  /** The baseline's label in the report. */
  label: string;
  baseline: Target;
  /** What is timed against it: the entry, or the plan's `timed` target (timedPart). */
  candidate: Target;
  /** True when the baseline is the learner's own code. */
  own: boolean;
  candidateInput(input: unknown): unknown;
  baselineInput(input: unknown): unknown;
}

/** The primary speed part of an exercise, or a reason there is none. */
export function primaryPart(context: RunContext): SpeedPart | string {
  const { exercise } = context.options;
  const plan = context.check.benchmark;
  const baseline = exercise.baseline;
  if (baseline === undefined) return "this exercise has no baseline";
  return timedPart(context, {
    name: "speed",
    rule: exercise.speed,
    label: baseline.label,
    baseline: baseline.kind === "own"
      ? context.candidate
      : { url: repoUrl(baseline.module), exportName: baseline.exportName },
    candidate: context.candidate,
    own: baseline.kind === "own",
    candidateInput: (input) => input,
    baselineInput: (input) => plan.baselineInput?.(input) ?? input,
  });
}

/** The parallel speed part, for exercises that have one. */
export function parallelPart(context: RunContext): SpeedPart | string {
  const { exercise } = context.options;
  const parallel = exercise.parallel;
  const withThreads = context.check.benchmark.withThreads;
  if (parallel === undefined) return "this exercise has no parallel part";
  if (withThreads === undefined) return "the check cannot vary the number of Workers";
  return timedPart(context, {
    name: "parallel",
    rule: { kind: "parallel", ...parallel },
    label: "your code on 1 Worker",
    baseline: context.candidate,
    candidate: context.candidate,
    own: true,
    candidateInput: (input) => withThreads(input, parallel.threads),
    baselineInput: (input) => withThreads(input, 1),
  });
}

/**
 * The stretch part, for exercises that have one (exercise 9): the plan's
 * `stretch` export of the learner's folder against its fixed baseline, each on
 * the stretch input derived from the pair's benchmark input.
 */
export function stretchPart(context: RunContext): SpeedPart | string {
  const { exercise } = context.options;
  const stretch = context.check.benchmark.stretch;
  if (exercise.stretch === undefined) return "this exercise has no stretch part";
  if (stretch === undefined) return "the check does not say what the stretch times";
  return {
    name: "stretch",
    rule: { kind: "fixed", tiers: exercise.stretch.tiers, why: exercise.stretch.why },
    label: stretch.baseline.label,
    baseline: { url: repoUrl(stretch.baseline.module), exportName: stretch.baseline.exportName },
    candidate: {
      url: new URL(stretch.module, context.candidate.url).href,
      exportName: stretch.exportName,
    },
    own: false,
    candidateInput: (input) => stretch.input(input),
    baselineInput: (input) => stretch.input(input),
  };
}

/**
 * `part` as the plan's `timed` target makes it, when the plan has one: the
 * learner's side (and an own-code baseline) becomes that export of a file in the
 * exercise's folder, and both sides get the derived input.
 */
function timedPart(context: RunContext, part: SpeedPart): SpeedPart {
  const timed = context.check.benchmark.timed;
  if (timed === undefined) return part;
  const target: Target = {
    url: new URL(timed.module, context.candidate.url).href,
    exportName: timed.exportName,
  };
  return {
    ...part,
    label: part.own ? timed.ownLabel ?? part.label : part.label,
    candidate: target,
    baseline: part.own ? target : part.baseline,
    candidateInput: (input) => timed.input(part.candidateInput(input)),
    baselineInput: (input) => timed.input(part.baselineInput(input)),
  };
}

/**
 * One sample of a floor's serial reference (`floor.ts`), in a fresh sample
 * process like the pairs: its time in ms.
 */
async function floorSample(
  context: RunContext,
  rule: FloorRule<unknown>,
  ownInput: unknown,
  timeoutMs: number,
): Promise<number> {
  const input = rule.input?.(ownInput) ?? ownInput;
  const target = { url: repoUrl(rule.module), exportName: rule.exportName };
  const sample = await runSampleProcess({
    ...processOptions(context, target, input, timeoutMs),
    timed: true,
  });
  if (!sample.ok) {
    throw new PairProblem(
      `on the benchmark input (${
        context.check.describe(input)
      }): the serial reference failed: ${sample.message}`,
    );
  }
  return sample.ms;
}

/** Fewest counted pairs before a part may stop: one disturbed pair cannot decide alone. */
const MIN_PAIRS = 3;

export async function runPerformance(
  context: RunContext,
  machine: MachineInfo,
  partOrReason: SpeedPart | string,
): Promise<PerformanceResult> {
  const { options, check } = context;
  const { exercise, size } = options;
  if (typeof partOrReason === "string") {
    return { ...skippedPerformance(partOrReason, size), status: "error" };
  }
  const part = partOrReason;
  const calibrated = calibratedRule(exercise, part.name, machine);
  const required = requiredSpeedups(calibrated.rule, machine.cores);
  if ("skipped" in required) return skippedPerformance(required.skipped, size);
  if ("oneCore" in required) return inconclusivePerformance("one-core", required.oneCore, size);
  const plan = check.benchmark;
  const sizeEntry = plan.sizes[size];
  if (sizeEntry === undefined) {
    throw new RangeError(`Cannot measure exercise ${exercise.number}: no benchmark size "${size}"`);
  }
  // The plan's pair count is now the cap: pairs that agree stop after MIN_PAIRS.
  const maxPairs = sizeEntry.pairs ?? plan.pairs;
  const timeoutMs = options.timeoutMs ?? sizeEntry.timeoutMs ?? check.timeoutMs;
  options.onEvent?.({
    kind: "performance-start",
    pairs: maxPairs,
    size: sizeEntry.label,
    label: part.label,
    alternating: true,
  });
  const drawnInput = (index: number) =>
    plan.input(createRng(deriveSeed(options.seed, index)), size);

  async function runPair(index: number, order: PairOrder): Promise<PairSample> {
    if (!context.processMode) return await workerPairs.run(index, order);
    const drawn = drawnInput(index);
    const input = part.candidateInput(drawn);
    return await processPair(context, part, input, part.baselineInput(drawn), timeoutMs, order);
  }
  // A fresh runner per pair: nothing the previous candidate left running survives. Pairs take
  // turns to go first (ABBA): the runner times the baseline after a candidate only once its
  // process has fallen quiet (runner.ts). Both sides build their inputs at once, except at a
  // size other than the default (they may be too large to hold twice).
  const workerPairs = new WorkerPairs(context, part, {
    drawn: drawnInput,
    timeoutMs,
    together: size === "default",
    // Grading times each job alone (its gate): a runner started ahead would only wait there.
    ahead: options.sandbox?.gate === undefined,
  });

  // The floor under an own-code baseline (floor.ts): its reference samples run
  // between the pairs, in sample processes, so only in process mode.
  const floor = part.own && context.processMode ? plan.floor : undefined;
  const referenceMs: number[] = [];
  async function runPairAndFloor(index: number, order: PairOrder): Promise<PairSample> {
    const sample = await runPair(index, order);
    if (floor !== undefined && floorSampleDue(index, referenceMs.length)) {
      const ms = await floorSample(
        context,
        floor,
        part.baselineInput(drawnInput(index)),
        timeoutMs,
      );
      referenceMs.push(ms);
      // Timed work of the pair's wall time too (timedShare).
      return { ...sample, otherTimedMs: ms };
    }
    return sample;
  }

  const need = calibrated.rule.kind === "parallel"
    ? Math.min(calibrated.rule.threads, machine.cores)
    : 1;
  const contention = contentionPolicy(
    need,
    machine.cores,
    maxPairs,
    ...(options.contentionProbe === undefined ? [] : [options.contentionProbe]),
  );
  try {
    const measured = await measurePairs({
      rule: {
        minPairs: Math.min(MIN_PAIRS, maxPairs),
        maxPairs,
        lines: [required.tiers.pass, required.tiers.silver, required.tiers.gold],
      },
      runPair: runPairAndFloor,
      contention,
      onPair: (index, sample, counted) => {
        options.onEvent?.({ kind: "pair", index, pairs: maxPairs, sample, counted });
      },
    });
    await workerPairs.settle();
    options.onEvent?.({ kind: "performance-end" });
    const speed = judgeSpeed(calibrated.rule, machine.cores, {
      ...measured,
      pairs: measured.samples.length,
      size,
      calibration: calibrated.source,
    });
    // Own code on one Worker is held to a serial reference (the floor), and its
    // parallel speed-up to what the cores can give (the ceiling): floor.ts.
    const floored = floor === undefined ? speed : judgeFloor(speed, floor, { referenceMs });
    const judged = part.own && calibrated.rule.kind === "parallel"
      ? judgeCeiling(floored, Math.min(calibrated.rule.threads, machine.cores))
      : floored;
    const note = probeNote(measured.contention.source);
    if (note !== null && judged.status !== "inconclusive") judged.reason += ` (${note})`;
    if (judged.status !== "pass") return judged;
    // The witness, on the primary part only: the parallel part times the same code.
    if (part.name !== "speed") return judged;
    const last = measured.samples.at(-1) as MeasuredPair;
    const witness = await runWitness({
      plan,
      input: part.candidateInput(drawnInput(last.index)),
      baseMs: last.candidateMs,
      time: (input) => timeCandidate(context, part.candidate, input, timeoutMs),
      describe: (input) => check.describe(input),
    });
    return withWitness(judged, witness);
  } catch (thrown) {
    await workerPairs.settle();
    options.onEvent?.({ kind: "performance-end" });
    if (!(thrown instanceof PairProblem)) throw thrown;
    return { ...skippedPerformance(thrown.message, size), status: "error", pairs: 0 };
  }
}

/** Work-scaling inputs take longer: the time limit of one sample is scaled with them. */
const WITNESS_TIMEOUT_FACTOR = 4;

/** One timed sample of the candidate alone (the witness), in the check's mode. */
export async function timeCandidate(
  context: RunContext,
  target: Target,
  input: unknown,
  timeoutMs: number,
): Promise<TimedRun> {
  const limit = timeoutMs * WITNESS_TIMEOUT_FACTOR;
  if (context.processMode) {
    // Checked for shape only: with arraysByDigest, placeholders of the arrays' type and length.
    const byDigest = context.check.benchmark.arraysByDigest === true;
    const sample = await runSampleProcess({
      ...processOptions(context, target, input, limit),
      timed: true,
      ...(byDigest ? { digestKey: randomDigestKey() } : {}),
    });
    if (!sample.ok) return { problem: sample.message };
    const problem = outputProblem(context.check, sample, input, true);
    return problem === null ? { ms: sample.ms } : { problem };
  }
  const session = startSession(context);
  try {
    const outcome = await session.run({
      kind: "sample",
      checkUrl: context.checkUrl,
      target,
      input,
    }, limit);
    if (outcome.kind !== "reply") return { problem: outcome.message };
    const reply = outcome.reply;
    if (reply.kind !== "sample") {
      return { problem: "the runner answered with the wrong kind of reply" };
    }
    return reply.problem === null ? { ms: reply.ms } : { problem: reply.problem };
  } finally {
    await session.close();
  }
}
