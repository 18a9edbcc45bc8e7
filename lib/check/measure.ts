/**
 * Baseline-against-candidate measurement: pairs of samples, one speed-up per
 * pair, and mitata's statistics over the speed-ups.
 *
 * A ratio taken inside one pair cancels most of what a shared, noisy machine
 * does to both runs (frequency changes, a neighbour's load); the median over the
 * pairs drops the pairs that a burst of noise hit anyway. Timing itself happens
 * in the runner (`runner.ts`, `timeSample`).
 *
 * @module
 */
import { measure } from "mitata";
import type { SpeedupStats } from "./types.ts";

/** One timed pair, as the runner reported it. */
export interface PairSample {
  baselineMs: number;
  candidateMs: number;
}

/** Stops a measurement: a pair's candidate failed, crashed or timed out. */
export class PairProblem extends Error {
  override name = "PairProblem";
}

export interface PairMeasurement {
  speedup: SpeedupStats;
  /** Medians of the timed pairs. */
  baselineMs: number;
  candidateMs: number;
  /** Every timed pair in order, the warm-up pair excluded. */
  samples: PairSample[];
}

/**
 * mitata's sample loop, set for few, long samples: exactly `pairs` samples after
 * a single warm-up call, no time budget, no forced GC between samples (each
 * sample runs in a fresh process anyway) and no trimming of extreme samples, so
 * min and max are the real extremes.
 */
function mitataOptions(pairs: number) {
  return {
    min_samples: pairs,
    max_samples: pairs,
    min_cpu_time: 0,
    warmup_samples: 0,
    samples_threshold: Number.POSITIVE_INFINITY,
    gc: false as const,
  };
}

/**
 * Times `pairs` pairs after one warm-up pair (discarded: it pays for cold
 * caches). `runPair(i)` must time pair i on its own fresh input and throw
 * `PairProblem` if the candidate misbehaves.
 *
 * @throws {PairProblem} The first problem a pair reported.
 */
export async function measurePairs(
  pairs: number,
  runPair: (index: number) => Promise<PairSample>,
  onPair?: (index: number, sample: PairSample) => void,
): Promise<PairMeasurement> {
  if (!Number.isInteger(pairs) || pairs < 1) {
    throw new RangeError(`Cannot measure: pairs must be a positive integer, got ${pairs}`);
  }
  const samples: PairSample[] = [];
  let calls = 0;
  const stats = await measure(function* () {
    yield {
      // "manual": the sample's value is what this returns (the speed-up), not
      // how long mitata saw it take.
      manual: async () => {
        const index = calls++;
        const sample = await runPair(index);
        if (index > 0) samples.push(sample);
        onPair?.(index, sample);
        return sample.baselineMs / sample.candidateMs;
      },
    };
  }, mitataOptions(pairs));
  return {
    speedup: { median: stats.p50, min: stats.min, max: stats.max },
    baselineMs: median(samples.map((s) => s.baselineMs)),
    candidateMs: median(samples.map((s) => s.candidateMs)),
    samples,
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
