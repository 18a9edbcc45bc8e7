/**
 * Where a verdict is decided. Everything else measures or reports; this file
 * alone turns test results and speed-ups into pass, fail or error, and a tier.
 *
 * @module
 */
import type { SpeedRule } from "../exercise/catalogue.ts";
import type {
  CheckResult,
  ContentionSummary,
  FloorRule,
  MedianInterval,
  PerformanceResult,
  SpeedupStats,
  TestResult,
  Tier,
  WitnessResult,
} from "./types.ts";
import { QUIET_OTHERS_CORES } from "./speed/contention.ts";
import { median } from "./speed/measure.ts";
import type { FloorMeasurement } from "./speed/floor.ts";

export const TIERS: readonly Tier[] = ["pass", "silver", "gold"];

/**
 * The speed-up each tier needs on a machine with `cores` usable cores, or a
 * reason why speed is not judged there.
 *
 * A parallel rule asks for efficiency × min(threads, cores): two Workers cannot
 * beat one core by 2× on a one-core machine, and with one core there is no
 * parallel speed-up to measure at all.
 */
export function requiredSpeedups(
  rule: SpeedRule,
  cores: number,
): { tiers: Record<Tier, number> } | { skipped: string } | { oneCore: string } {
  switch (rule.kind) {
    case "none":
      return { skipped: `this exercise has no speed part (${rule.why})` };
    case "fixed":
      return { tiers: { ...rule.tiers } };
    case "parallel": {
      const usable = Math.min(rule.threads, cores);
      if (usable < 2) {
        // Not "skipped": a part that cannot be measured must never pass by default
        // (a serial sum with idle Workers would earn its pass points on one core).
        return {
          oneCore: `only ${cores} core can run this process: a parallel speed-up cannot be ` +
            `measured here; run it on a machine with at least 2 cores (grading: give the grader ≥ 2 CPUs)`,
        };
      }
      const tiers = {} as Record<Tier, number>;
      for (const tier of TIERS) tiers[tier] = round2(rule.efficiency[tier] * usable);
      return { tiers };
    }
  }
}

/** The best tier whose requirement `speedup` meets, or null. */
export function tierFor(speedup: number, tiers: Record<Tier, number>): Tier | null {
  let reached: Tier | null = null;
  for (const tier of TIERS) if (speedup >= tiers[tier]) reached = tier;
  return reached;
}

/** What `judgeSpeed` is given: a measurement (`measure.ts`) and where it ran. */
export interface Measured {
  speedup: SpeedupStats;
  baselineMs: number;
  candidateMs: number;
  pairs: number;
  size: string;
  interval?: MedianInterval;
  /** How the sequence ended (`measure.ts`); `busy` makes the part inconclusive. */
  stop?: "agreed" | "cap" | "busy";
  /** Why the machine was too busy, when `stop` is `busy`. */
  busy?: string | null;
  contention?: ContentionSummary;
  timedShare?: number;
  /** Where the tiers come from (a calibration's name). */
  calibration?: string | null;
}

/**
 * Judges a measured speed-up: the median of the pair ratios must reach the
 * pass tier; the tier is the best one the median reaches. A measurement the
 * machine kept disturbing is inconclusive, never a fail; a pass measured with
 * pairs re-run or others using the CPU says so.
 */
export function judgeSpeed(rule: SpeedRule, cores: number, measured: Measured): PerformanceResult {
  const required = requiredSpeedups(rule, cores);
  if ("skipped" in required) return skippedPerformance(required.skipped, measured.size);
  if ("oneCore" in required) {
    return inconclusivePerformance("one-core", required.oneCore, measured.size);
  }
  const base = {
    baselineMs: measured.baselineMs,
    candidateMs: measured.candidateMs,
    speedup: measured.speedup,
    interval: measured.interval ?? null,
    required: required.tiers.pass,
    tiers: required.tiers,
    calibration: measured.calibration ?? null,
    pairs: measured.pairs,
    size: measured.size,
    timedShare: measured.timedShare ?? null,
    contention: measured.contention ?? null,
    witness: null,
  };
  if (measured.stop === "busy") {
    return {
      ...base,
      status: "inconclusive",
      inconclusive: "busy",
      reason: `the machine was busy (${
        measured.busy ?? "other processes used the CPU"
      }): not judged; run again when it is quieter`,
      tier: null,
      sureness: null,
      // With no counted pair there is nothing to show (NaN is not JSON).
      ...(measured.pairs > 0
        ? {}
        : { speedup: null, interval: null, baselineMs: null, candidateMs: null }),
    };
  }
  const tier = tierFor(measured.speedup.median, required.tiers);
  const median = measured.speedup.median.toFixed(2);
  const reason = tier === null
    ? `median speed-up ${median}× is below the ${required.tiers.pass}× required`
    : `median speed-up ${median}× reaches ${tier}${busyNote(measured.contention)}`;
  return {
    ...base,
    status: tier === null ? "fail" : "pass",
    inconclusive: null,
    reason,
    tier,
    sureness: measured.stop === "agreed" || measured.stop === "cap" ? measured.stop : null,
  };
}

/** " (measured while …)" for a pass the machine disturbed, else "". */
function busyNote(contention: ContentionSummary | undefined): string {
  if (contention === undefined) return "";
  const others = contention.othersCores;
  const said: string[] = [];
  if (contention.rerun > 0) {
    said.push(`${contention.rerun} ${contention.rerun === 1 ? "pair" : "pairs"} re-run`);
  }
  if (others !== null && others > QUIET_OTHERS_CORES) {
    said.push(`other processes used up to ${others.toFixed(2)} cores`);
  }
  return said.length === 0 ? "" : ` (measured while the machine was busy: ${said.join("; ")})`;
}

/**
 * The work-scaling witness (issue 11, class 2).
 *
 * `WITNESS_FACTOR`: the scaled input has 4× the work. A sample's time counts
 * loading the module (tens of ms) besides the work; with a fixed share s of the
 * time, honest code grows by s + 4(1 − s), so ≥ 1.6× as long as the fixed part is
 * ≤ 80% of the time (the references' is well under half: exercise 2's reference
 * runs ~71 ms warmed of ~100 ms in a sample, growth ≈ 3.1). 4× keeps the extra
 * sample cheap (exercise 1's reference: ~0.6 s) and its memory within the limits
 * (exercise 2's outputs: 360 MB → 1.4 GB).
 *
 * `WITNESS_MIN_GROWTH`: a lookup table's time does not grow (≈ 1.0); one sample
 * on this shared machine varies by up to ±30%, so 1.6 leaves a margin on both
 * sides, and a low reading is taken twice before it fails.
 */
export const WITNESS_FACTOR = 4;
export const WITNESS_MIN_GROWTH = 1.6;
/**
 * `WITNESS_MAX_GROWTH`: the other way round, code that answers the benchmark's
 * inputs from a table and computes only what lies outside it grows far more than
 * the work (its real time over its table time). Honest code grows by at most
 * the factor, plus what a 4× larger working set costs in caches and page faults
 * (well under 2× more); 2.5 × the factor leaves room for that and for noise.
 */
export const WITNESS_MAX_GROWTH = 2.5 * WITNESS_FACTOR;

/** Judges the witness from the candidate's time on an input and on its scaled twin. */
export function judgeWitness(
  baseMs: number,
  scaledMs: number,
  factor = WITNESS_FACTOR,
): WitnessResult {
  const growth = Math.round((scaledMs / baseMs) * 100) / 100;
  const required = WITNESS_MIN_GROWTH;
  const most = WITNESS_MAX_GROWTH * factor / WITNESS_FACTOR;
  const shown = `${growth.toFixed(2)}× the time for ${factor}× the work`;
  const reason = growth < required
    ? `time does not grow with the work: ${shown} (at least ${required}× expected); ` +
      "is the answer looked up rather than computed?"
    : growth > most
    ? `time grows far more than the work: ${shown} (at most ${most}× expected); ` +
      "were the benchmark's inputs answered from a table?"
    : null;
  return {
    status: reason === null ? "pass" : "fail",
    reason: reason ?? `time grows with the work: ${shown}`,
    factor,
    baseMs: Math.round(baseMs * 10) / 10,
    scaledMs: Math.round(scaledMs * 10) / 10,
    growth,
    required,
  };
}

/** A witness that was not run, saying why. */
export function skippedWitness(reason: string): WitnessResult {
  return {
    status: "skipped",
    reason,
    factor: null,
    baseMs: null,
    scaledMs: null,
    growth: null,
    required: null,
  };
}

/** A part with its witness: a failed witness fails a part that passed on speed. */
export function withWitness(part: PerformanceResult, witness: WitnessResult): PerformanceResult {
  if (witness.status !== "fail" || part.status !== "pass") return { ...part, witness };
  return { ...part, witness, status: "fail", tier: null, reason: witness.reason };
}

/** A part that could not be measured fairly here, saying why. */
export function inconclusivePerformance(
  cause: "busy" | "one-core",
  reason: string,
  size: string,
): PerformanceResult {
  return { ...skippedPerformance(reason, size), status: "inconclusive", inconclusive: cause };
}

/** A performance result for speed that was not measured, saying why. */
export function skippedPerformance(reason: string, size: string): PerformanceResult {
  return {
    status: "skipped",
    reason,
    inconclusive: null,
    baselineMs: null,
    candidateMs: null,
    speedup: null,
    interval: null,
    sureness: null,
    required: null,
    tier: null,
    tiers: null,
    calibration: null,
    pairs: 0,
    size,
    timedShare: null,
    contention: null,
    witness: null,
  };
}

/**
 * The overall status and its one-line summary.
 *
 * - error: the code could not be judged at all (it does not load, is not
 *   implemented, or every test errored);
 * - fail: a test failed, or a speed part was measured and fell short (or broke,
 *   or its time did not grow with the work);
 * - inconclusive: every test passed, no part fell short, but a part could not
 *   be measured fairly (the machine stayed busy, or one core for a parallel
 *   part): never a fail, never a pass;
 * - pass: every test passed and each speed part reached its pass tier or was
 *   skipped (`--quick`, or an exercise without speed).
 */
/**
 * "2 of 35 tests did not pass", or, when the rest were not run (after a load error, a
 * stub, two time-outs), "1 of 35 tests did not pass and 34 were not run": a test that
 * never ran did not fail.
 */
export function countedFailures(tests: readonly TestResult[]): string {
  const skipped = tests.filter((t) => t.status === "skipped").length;
  const bad = tests.filter((t) => t.status === "fail" || t.status === "error").length;
  const total = `${bad} of ${tests.length} ${tests.length === 1 ? "test" : "tests"}`;
  if (skipped === 0) return `${total} did not pass`;
  return `${total} did not pass and ${skipped} ${skipped === 1 ? "was" : "were"} not run`;
}

export function decideStatus(
  tests: readonly TestResult[],
  performance: PerformanceResult | null,
  parallel: PerformanceResult | null = null,
): Pick<CheckResult, "status" | "summary"> {
  const failed = tests.filter((t) => t.status !== "pass");
  if (failed.length > 0) {
    const first = failed[0] as TestResult;
    const counted = countedFailures(tests);
    const judged = tests.filter((t) => t.status === "pass" || t.status === "fail");
    if (judged.length === 0) return { status: "error", summary: `${counted}: ${first.message}` };
    return { status: "fail", summary: `${counted}; first: ${first.name}: ${first.message}` };
  }
  const passed = tests.length === 1 ? "the test passed" : `all ${tests.length} tests passed`;
  if (performance === null) return { status: "pass", summary: `${passed} (speed not checked)` };
  const parts: [string, PerformanceResult][] = [["", performance]];
  if (parallel !== null) parts.push(["on Workers: ", parallel]);
  const short = parts.find(([, part]) => part.status === "fail" || part.status === "error");
  if (short !== undefined) {
    return { status: "fail", summary: `${passed}, but ${short[0]}${short[1].reason}` };
  }
  const unsure = parts.find(([, part]) => part.status === "inconclusive");
  if (unsure !== undefined) {
    return {
      status: "inconclusive",
      summary: `${passed}, but ${unsure[0]}speed is inconclusive: ${unsure[1].reason}`,
    };
  }
  const said = parts.map(([prefix, part]) =>
    part.status === "skipped"
      ? `${prefix}speed not judged: ${part.reason}`
      : `${prefix}${part.reason}`
  );
  return { status: "pass", summary: `${passed}; ${said.join("; ")}` };
}

/**
 * The tier a result earns: the lowest tier among its measured speed parts (a
 * skipped part neither lowers nor earns one), or null.
 */
export function overallTier(
  result: Pick<CheckResult, "status" | "performance" | "parallel">,
): Tier | null {
  if (result.status !== "pass") return null;
  const tiers = [result.performance, result.parallel]
    .filter((part): part is PerformanceResult => part !== null && part.status === "pass")
    .map((part) => part.tier);
  if (tiers.length === 0 || tiers.some((tier) => tier === null)) return null;
  return tiers.reduce((low, tier) =>
    TIERS.indexOf(tier as Tier) < TIERS.indexOf(low as Tier) ? tier : low
  ) ?? null;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

// --- The floor and ceiling of an own-code parallel part (speed/floor.ts measures). ---

/**
 * `judged` (the parallel part's verdict) held to the floor: kept (its reason
 * naming both times) if the one-Worker median is within `rule.margin` × the
 * reference's median, else a fail that says why. A part that did not pass, or has no samples, is returned
 * as it is: there is nothing to take away.
 */
export function judgeFloor(
  judged: PerformanceResult,
  rule: Pick<FloorRule<unknown>, "label" | "margin">,
  measurement: FloorMeasurement,
): PerformanceResult {
  if (judged.status !== "pass" || judged.baselineMs === null) return judged;
  if (measurement.referenceMs.length === 0) return judged;
  const reference = median(measurement.referenceMs);
  const limit = rule.margin * reference;
  if (judged.baselineMs <= limit) {
    // Said on a pass too: the learner sees how close their one-Worker run is.
    return {
      ...judged,
      reason: `${judged.reason}; your code on 1 Worker took ${
        Math.round(judged.baselineMs)
      } ms, ${rule.label} on one thread ${Math.round(reference)} ms (at most ${rule.margin}×)`,
    };
  }
  return {
    ...judged,
    status: "fail",
    tier: null,
    reason: `your code on 1 Worker took ${
      Math.round(judged.baselineMs)
    } ms, more than ${rule.margin}× ${rule.label} on one thread (${
      Math.round(reference)
    } ms, same input, same run): the speed-up is measured against your one-Worker run, so that run must do the work as fast as serial code does (speed-up ${
      judged.speedup?.median.toFixed(2)
    }×, not counted)`,
  };
}

/**
 * The ceiling over an own-code parallel part: N Workers sharing the work of one
 * cannot be more than N times faster (on min(N, cores) cores), give or take
 * noise. A median speed-up above this × the usable cores means the N-Worker run
 * did less or other work than the one-Worker run (a table, a faster algorithm,
 * a sandbagged baseline), and is not paid. The reference solutions reached at
 * most 0.95 × cores here; 1.2 leaves room for a noisy baseline.
 */
export const CEILING_SLACK = 1.2;

/**
 * `judged` held to the ceiling: unchanged if its median speed-up is at most
 * CEILING_SLACK × `usable` cores, else a fail that says why.
 */
export function judgeCeiling(judged: PerformanceResult, usable: number): PerformanceResult {
  if (judged.status !== "pass" || judged.speedup === null) return judged;
  const ceiling = CEILING_SLACK * usable;
  if (judged.speedup.median <= ceiling) return judged;
  return {
    ...judged,
    status: "fail",
    tier: null,
    reason: `median speed-up ${judged.speedup.median.toFixed(2)}× is more than ${
      ceiling.toFixed(1)
    }×, beyond what ${usable} Workers sharing one Worker's work can reach on ${usable} cores: the run on several Workers must do the same work as the run on one`,
  };
}
