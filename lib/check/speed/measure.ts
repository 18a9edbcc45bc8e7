/**
 * Baseline-against-candidate measurement: pairs of samples, one speed-up per
 * pair, taken sequentially until the verdict is clear.
 *
 * A ratio taken inside one pair cancels most of what a shared, noisy machine
 * does to both runs (frequency changes, a neighbour's load); the median over the
 * pairs drops the pairs that a burst of noise hit anyway. Timing itself happens
 * in the sandbox (`runner.ts`, `sample_process.ts`); this file decides how many
 * pairs to take, in which order, and which pairs count.
 *
 * - **Sequential.** After at least `minPairs` timed pairs, the measurement stops
 *   as soon as every pair so far falls in one tier band (below pass, pass,
 *   silver, gold): more pairs would not change the tier. Pairs that straddle a
 *   tier line keep it going, up to `maxPairs`; the verdict is then the median's
 *   band. Replaying recorded checks (issue 13) this gave the same tier in every
 *   log with a third to a half of the pairs.
 * - **ABBA.** Pairs alternate which side runs first (pair 0 baseline first, pair
 *   1 candidate first, …), so a first-run effect (a cold page cache, a CPU still
 *   ramping its clock) does not always fall on the same side.
 * - **Contention.** Each pair is watched by a probe (`contention.ts`); a pair
 *   the machine's other work disturbed is dropped and run again after a pause.
 *   When the machine stays busy the measurement ends `inconclusive`, never with
 *   a fail made of disturbed pairs.
 *
 * @module
 */
import type {
  ContentionReading,
  ContentionSummary,
  MedianInterval,
  SpeedupStats,
} from "../types.ts";

/** Which side of a pair runs first. */
export type PairOrder = "baseline-first" | "candidate-first";

/** One timed pair, as the sandbox reported it. */
export interface PairSample {
  baselineMs: number;
  candidateMs: number;
  /** The order the sandbox actually used, when it could not follow the one asked. */
  order?: PairOrder;
  /**
   * Other timed samples taken with the pair, within its wall time (a floor's
   * serial reference, `floor.ts`), ms: timed work too, for `timedShare`.
   */
  otherTimedMs?: number;
}

/** A pair as measured here: the sample, its order, its wall time and what the probe saw. */
export interface MeasuredPair extends PairSample {
  /** The pair's index (its input is drawn from it; 0 is the warm-up). */
  index: number;
  order: PairOrder;
  /** Wall time of the whole pair (start-up, input building, output transfer), ms. */
  wallMs: number;
  contention: ContentionReading | null;
}

/** Stops a measurement: a pair's candidate failed, crashed or timed out. */
export class PairProblem extends Error {
  override name = "PairProblem";
}

/** When to stop taking pairs. */
export interface SequentialRule {
  /** Fewest timed pairs before the measurement may stop (3: one disturbed pair cannot decide). */
  minPairs: number;
  /** Most timed pairs: the cap for a median that sits near a tier line. */
  maxPairs: number;
  /** The tier lines, ascending (pass, silver, gold speed-ups). */
  lines: readonly number[];
}

/** How a probe watches one pair: `begin()` before it, the function it returns after it. */
export interface ContentionProbe {
  begin(): () => ContentionReading;
}

/** What counts as a disturbed pair, and what to do about it. */
export interface ContentionPolicy {
  probe: ContentionProbe;
  /** Why `reading` shows the machine busy for this part, or null when it was quiet enough. */
  busy(reading: ContentionReading): string | null;
  /** A part is inconclusive after this many disturbed pairs in a row. */
  maxInARow: number;
  /** …or after this many disturbed pairs in all. */
  maxTotal: number;
  /** Pause before re-running a disturbed pair, ms (a neighbour's burst may end). */
  pauseMs: number;
}

export interface MeasureOptions {
  rule: SequentialRule;
  /** Times pair `index` on its own fresh input, in `order`; throws `PairProblem`. */
  runPair(index: number, order: PairOrder): Promise<PairSample>;
  contention?: ContentionPolicy;
  onPair?: (index: number, pair: MeasuredPair, counted: boolean) => void;
  /** For tests: the clock (default `performance.now`) and the pause. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface PairMeasurement {
  speedup: SpeedupStats;
  /** A distribution-free interval for the median speed-up (order statistics). */
  interval: MedianInterval;
  /**
   * How the sequence ended: `agreed` (every pair in one band), `cap` (the pairs
   * straddled a tier line up to the cap), or `busy` (inconclusive: see `busy`).
   */
  stop: "agreed" | "cap" | "busy";
  /** Medians of the counted pairs. */
  baselineMs: number;
  candidateMs: number;
  /** Every counted pair in order, the warm-up pair excluded. */
  samples: MeasuredPair[];
  /** Pairs dropped because the machine was busy, and what the probe saw. */
  contention: ContentionSummary;
  /**
   * Share of the counted pairs' wall time that was timed work (0–1): both sides,
   * and the other samples timed with a pair (`otherTimedMs`).
   */
  timedShare: number;
  /** Why the measurement is inconclusive, when `stop` is `busy`. */
  busy: string | null;
}

/** The order of pair `index`: ABBA, the warm-up (index 0) baseline first. */
export function pairOrder(index: number): PairOrder {
  return index % 2 === 0 ? "baseline-first" : "candidate-first";
}

/** The band of a speed-up: how many tier lines it reaches (0 = below pass). */
export function band(ratio: number, lines: readonly number[]): number {
  let reached = 0;
  for (const line of lines) if (ratio >= line) reached++;
  return reached;
}

/** Whether the sequence `ratios` (counted pairs, in order) is long enough to stop. */
export function shouldStop(
  ratios: readonly number[],
  rule: SequentialRule,
): "agreed" | "cap" | null {
  if (ratios.length >= rule.minPairs) {
    const first = band(ratios[0] as number, rule.lines);
    if (ratios.every((r) => band(r, rule.lines) === first)) return "agreed";
  }
  return ratios.length >= rule.maxPairs ? "cap" : null;
}

/** The coverage this file aims for with the median's interval. */
const INTERVAL_LEVEL = 0.9;

/**
 * A distribution-free confidence interval for the median of `values`: the
 * order statistics x(k) and x(n+1−k), whose coverage is 1 − 2·P(Bin(n, ½) < k)
 * whatever the distribution. The widest k that still covers `INTERVAL_LEVEL` is
 * taken; with few values (n ≤ 4) even [min, max] covers less, and `level` says
 * how much (n = 3: 75%).
 */
export function medianInterval(values: readonly number[]): MedianInterval {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { low: Number.NaN, high: Number.NaN, level: 0 };
  // cdf[j] = P(Bin(n, ½) ≤ j)
  const cdf: number[] = [];
  let term = 0.5 ** n;
  let total = 0;
  for (let j = 0; j <= n; j++) {
    total += term;
    cdf.push(total);
    term = (term * (n - j)) / (j + 1);
  }
  // coverage(k) = 1 − 2·P(Bin(n, ½) ≤ k − 1); k = 1 is [min, max].
  const coverage = (k: number) => 1 - 2 * (cdf[k - 1] as number);
  let k = 1;
  while (k + 1 <= (n + 1) / 2 && coverage(k + 1) >= INTERVAL_LEVEL) k++;
  return {
    low: sorted[k - 1] as number,
    high: sorted[n - k] as number,
    level: round3(coverage(k)),
  };
}

/**
 * Times one warm-up pair (discarded: it pays for cold caches), then pairs until
 * `shouldStop` says the verdict is clear. A pair the contention policy calls
 * disturbed is not counted and is run again after a pause; too many disturbed
 * pairs end the measurement with `stop: "busy"`.
 *
 * @throws {PairProblem} The first problem a pair reported.
 */
export async function measurePairs(options: MeasureOptions): Promise<PairMeasurement> {
  const { rule, contention } = options;
  if (!Number.isInteger(rule.minPairs) || rule.minPairs < 1 || rule.maxPairs < rule.minPairs) {
    throw new RangeError(
      `Cannot measure: need 1 ≤ minPairs ≤ maxPairs, got ${rule.minPairs} and ${rule.maxPairs}`,
    );
  }
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const samples: MeasuredPair[] = [];
  const readings: ContentionReading[] = [];
  let disturbed = 0;
  let inARow = 0;
  let busy: string | null = null;
  let stop: PairMeasurement["stop"] | null = null;
  for (let index = 0; stop === null; index++) {
    const order = pairOrder(index);
    const end = contention?.probe.begin();
    const started = now();
    const sample = await options.runPair(index, order);
    const wallMs = now() - started;
    const reading = end?.() ?? null;
    const pair: MeasuredPair = {
      baselineMs: sample.baselineMs,
      candidateMs: sample.candidateMs,
      ...(sample.otherTimedMs === undefined ? {} : { otherTimedMs: sample.otherTimedMs }),
      index,
      order: sample.order ?? order,
      wallMs,
      contention: reading,
    };
    if (reading !== null) readings.push(reading);
    const why = reading === null || contention === undefined ? null : contention.busy(reading);
    const counted = index > 0 && why === null;
    options.onPair?.(index, pair, counted);
    // A disturbed warm-up costs nothing: it is never counted anyway.
    if (why !== null && contention !== undefined && index > 0) {
      disturbed++;
      inARow++;
      if (inARow >= contention.maxInARow || disturbed >= contention.maxTotal) {
        busy = why;
        stop = "busy";
      } else {
        await sleep(contention.pauseMs);
      }
      continue;
    }
    inARow = 0;
    if (!counted) continue;
    samples.push(pair);
    stop = shouldStop(samples.map(ratioOf), rule);
  }
  const ratios = samples.map(ratioOf);
  const timed = samples.reduce(
    (sum, s) => sum + s.baselineMs + s.candidateMs + (s.otherTimedMs ?? 0),
    0,
  );
  const wall = samples.reduce((sum, s) => sum + s.wallMs, 0);
  return {
    speedup: {
      median: median(ratios),
      min: ratios.length === 0 ? Number.NaN : Math.min(...ratios),
      max: ratios.length === 0 ? Number.NaN : Math.max(...ratios),
    },
    interval: medianInterval(ratios),
    stop: stop as PairMeasurement["stop"],
    baselineMs: median(samples.map((s) => s.baselineMs)),
    candidateMs: median(samples.map((s) => s.candidateMs)),
    samples,
    contention: summarize(readings, disturbed),
    timedShare: wall > 0 ? round3(timed / wall) : 0,
    busy,
  };
}

function ratioOf(sample: PairSample): number {
  return sample.baselineMs / sample.candidateMs;
}

/** The worst of what the probe saw over a part's pairs (re-run ones included). */
function summarize(readings: readonly ContentionReading[], rerun: number): ContentionSummary {
  const worst = (pick: (r: ContentionReading) => number | null): number | null => {
    const values = readings.map(pick).filter((v): v is number => v !== null);
    return values.length === 0 ? null : round3(Math.max(...values));
  };
  return {
    source: readings[0]?.source ?? "none",
    rerun,
    othersCores: worst((r) => r.othersCores),
    psiSome: worst((r) => r.psiSome),
    ownCores: worst((r) => r.ownCores),
  };
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? sorted[middle] as number
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
