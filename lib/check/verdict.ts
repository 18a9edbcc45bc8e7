/**
 * Where a verdict is decided. Everything else measures or reports; this file
 * alone turns test results and speed-ups into pass, fail or error, and a tier.
 *
 * @module
 */
import type { SpeedRule } from "../exercise/catalogue.ts";
import type { CheckResult, PerformanceResult, SpeedupStats, TestResult, Tier } from "./types.ts";

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
): { tiers: Record<Tier, number> } | { skipped: string } {
  switch (rule.kind) {
    case "none":
      return { skipped: `this exercise has no speed part (${rule.why})` };
    case "fixed":
      return { tiers: { ...rule.tiers } };
    case "parallel": {
      const usable = Math.min(rule.threads, cores);
      if (usable < 2) {
        return {
          skipped:
            `only ${cores} core can run this process: a parallel speed-up cannot be measured here`,
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

/**
 * Judges a measured speed-up: the median of the pair ratios must reach the
 * pass tier; the tier is the best one the median reaches.
 */
export function judgeSpeed(
  rule: SpeedRule,
  cores: number,
  measured: {
    speedup: SpeedupStats;
    baselineMs: number;
    candidateMs: number;
    pairs: number;
    size: string;
  },
): PerformanceResult {
  const required = requiredSpeedups(rule, cores);
  if ("skipped" in required) return skippedPerformance(required.skipped, measured.size);
  const tier = tierFor(measured.speedup.median, required.tiers);
  const median = measured.speedup.median.toFixed(2);
  return {
    status: tier === null ? "fail" : "pass",
    reason: tier === null
      ? `median speed-up ${median}× is below the ${required.tiers.pass}× required`
      : `median speed-up ${median}× reaches ${tier}`,
    baselineMs: measured.baselineMs,
    candidateMs: measured.candidateMs,
    speedup: measured.speedup,
    required: required.tiers.pass,
    tier,
    tiers: required.tiers,
    pairs: measured.pairs,
    size: measured.size,
  };
}

/** A performance result for speed that was not measured, saying why. */
export function skippedPerformance(reason: string, size: string): PerformanceResult {
  return {
    status: "skipped",
    reason,
    baselineMs: null,
    candidateMs: null,
    speedup: null,
    required: null,
    tier: null,
    tiers: null,
    pairs: 0,
    size,
  };
}

/**
 * The overall status and its one-line summary.
 *
 * - error: the code could not be judged at all (it does not load, is not
 *   implemented, or every test errored);
 * - fail: a test failed, or a speed part was measured and fell short (or broke);
 * - pass: every test passed and each speed part reached its pass tier or was
 *   skipped (`--quick`, or one core for a parallel part: reported, never a tier).
 */
export function decideStatus(
  tests: readonly TestResult[],
  performance: PerformanceResult | null,
  parallel: PerformanceResult | null = null,
): Pick<CheckResult, "status" | "summary"> {
  const failed = tests.filter((t) => t.status !== "pass");
  if (failed.length > 0) {
    const first = failed[0] as TestResult;
    const counted = `${failed.length} of ${tests.length} tests did not pass`;
    const judged = tests.filter((t) => t.status === "pass" || t.status === "fail");
    if (judged.length === 0) return { status: "error", summary: `${counted}: ${first.message}` };
    return { status: "fail", summary: `${counted}; first: ${first.name}: ${first.message}` };
  }
  const passed = `all ${tests.length} tests passed`;
  if (performance === null) return { status: "pass", summary: `${passed} (speed not checked)` };
  const parts: [string, PerformanceResult][] = [["", performance]];
  if (parallel !== null) parts.push(["on Workers: ", parallel]);
  const short = parts.find(([, part]) => part.status === "fail" || part.status === "error");
  if (short !== undefined) {
    return { status: "fail", summary: `${passed}, but ${short[0]}${short[1].reason}` };
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
