/**
 * Calibrating tiers on a machine (issue 13): run every reference check several
 * times, one at a time, collect the median speed-up of each part and the
 * duration of each check, and propose tiers with their margin (gold at least
 * 25% below the lowest median, silver and pass in the same proportions to gold
 * as the tiers in force). The README's measured table is generated from the
 * shipped calibration (`readmeTable`), and a test holds the two equal.
 *
 * @module
 */
import { CATALOGUE, type Exercise } from "../exercise/catalogue.ts";
import { runCheck } from "../check/check.ts";
import { describeMachine } from "../check/machine.ts";
import {
  type CalibratedPart,
  calibratedRule,
  CALIBRATION_SCHEMA,
  type CalibrationFile,
  loadCalibration,
  type MachineCalibration,
  type PartName,
} from "../check/speed/calibration.ts";
import type { CheckResult, MachineInfo, PerformanceResult, Tier } from "../check/types.ts";

export { CALIBRATION_SCHEMA };
export type { CalibratedPart, CalibrationFile, MachineCalibration, PartName };

/** Gold sits at least this far below the lowest median the reference reached. */
export const GOLD_MARGIN = 0.25;

/** What one part measured over the runs. */
export interface PartRuns {
  /** Which speed part: the primary one or the parallel one. */
  part: PartName;
  /** What is timed, in words. */
  what: string;
  /** The reference's median speed-up in each check. */
  medians: number[];
  /** Runs that ended inconclusive (a busy machine): not in `medians`. */
  inconclusive: number;
  /** The tiers in force now (speed-ups or efficiencies), and the proposal. */
  current: Record<Tier, number>;
  /** The proposed tiers, or null when no run was measured. */
  proposed: Record<Tier, number> | null;
  /** 1 − gold / lowest median, of the proposal. */
  margin: number | null;
  /** True when the tiers are efficiencies (a parallel part). */
  parallel: boolean;
  /** How each run of the part ended: its tier on a pass, else its status (`outcomeCounts`). */
  outcomes: string[];
  /** Each measured run's share of the pairs' wall time that was timed work. */
  timedShares: number[];
}

/** What the calibration of one exercise measured. */
export interface ExerciseRuns {
  /** The exercise. */
  exercise: Exercise;
  /** Its speed parts. */
  parts: PartRuns[];
  /** How long each check took, in seconds. */
  durationsS: number[];
}

/** The exercises with a speed part: the ones a calibration measures. */
export function timedExercises(): Exercise[] {
  return CATALOGUE.filter((e) => e.available && e.speed.kind !== "none");
}

/** Runs `runs` reference checks of `exercise`, one after another. */
export async function calibrateExercise(
  exercise: Exercise,
  runs: number,
  options: {
    seed: number;
    onRun?: (run: number, result: CheckResult) => void;
    /** Propose no tier above the one in force (`propose`). */
    lowerOnly?: boolean;
  },
): Promise<ExerciseRuns> {
  const machine = describeMachine();
  const results: CheckResult[] = [];
  for (let run = 1; run <= runs; run++) {
    const result = await runCheck({
      exercise,
      source: { kind: "solutions" },
      seed: (options.seed + run) >>> 0,
      quick: false,
      size: "default",
    });
    results.push(result);
    options.onRun?.(run, result);
  }
  const parts: PartRuns[] = [];
  const file = loadCalibration();
  for (const part of ["speed", "parallel", "stretch"] as const) {
    if (part === "parallel" && exercise.parallel === undefined) continue;
    if (part === "stretch" && exercise.stretch === undefined) continue;
    const { rule } = calibratedRule(exercise, part, machine);
    if (rule.kind === "none") continue;
    const measured = results.map((r) =>
      part === "speed" ? r.performance : part === "parallel" ? r.parallel : r.stretch ?? null
    );
    const usable = rule.kind === "parallel" ? Math.min(rule.threads, machine.cores) : 1;
    const medians = measured
      .filter((p): p is PerformanceResult => p?.speedup != null && p.status !== "inconclusive")
      .map((p) => p.speedup!.median);
    const current = rule.kind === "fixed" ? rule.tiers : rule.efficiency;
    parts.push({
      part,
      what: whatIsTimed(exercise, part, file),
      medians: medians.map(round2),
      inconclusive: measured.filter((p) => p?.status === "inconclusive").length,
      current,
      // A parallel tier is an efficiency: the speed-up over the cores it may use.
      ...propose(medians.map((m) => m / usable), current, options.lowerOnly),
      parallel: rule.kind === "parallel",
      outcomes: measured.map((p) =>
        p === null ? "none" : p.status === "pass" ? p.tier ?? "pass" : p.status
      ),
      timedShares: measured.flatMap((p) => p?.timedShare == null ? [] : [p.timedShare]),
    });
  }
  return { exercise, parts, durationsS: results.map((r) => round1(r.durationMs / 1000)) };
}

/**
 * Tiers from the medians: gold at (1 − GOLD_MARGIN) × the lowest, rounded down
 * to two digits; silver and pass keep their proportion to gold in `current`.
 * With `lowerOnly`, tiers whose gold already has that margin stay as they are:
 * a calibration then only lowers a bar (code that passed keeps passing), for a
 * machine where the references run faster than the tiers ask.
 *
 * @example
 * ```ts
 * import { propose } from "./calibrate.ts";
 * const current = { pass: 1.5, silver: 1.8, gold: 2.1 };
 * if (propose([4], current).proposed?.gold !== 3) throw new Error("gold 25% below 4");
 * if (propose([4], current, true).proposed?.gold !== 2.1) throw new Error("kept");
 * if (propose([2], current, true).proposed?.gold !== 1.5) throw new Error("lowered");
 * ```
 */
export function propose(
  medians: readonly number[],
  current: Record<Tier, number>,
  lowerOnly = false,
): { proposed: Record<Tier, number> | null; margin: number | null } {
  if (medians.length === 0) return { proposed: null, margin: null };
  const lowest = Math.min(...medians);
  if (lowerOnly && current.gold <= floor2(lowest * (1 - GOLD_MARGIN))) {
    return { proposed: { ...current }, margin: round2(1 - current.gold / lowest) };
  }
  const gold = floor2(lowest * (1 - GOLD_MARGIN));
  const proposed = {
    pass: floor2(gold * current.pass / current.gold),
    silver: floor2(gold * current.silver / current.gold),
    gold,
  };
  return { proposed, margin: round2(1 - gold / lowest) };
}

/** The calibration entry of this machine, from the runs. */
export function machineEntry(
  runs: readonly ExerciseRuns[],
  machine: MachineInfo,
  how: string,
): MachineCalibration {
  const exercises: MachineCalibration["exercises"] = {};
  for (const { exercise, parts, durationsS } of runs) {
    const entry: Partial<Record<PartName, CalibratedPart>> = {};
    for (const part of parts) {
      if (part.proposed === null) continue;
      entry[part.part] = {
        what: part.what,
        medians: [Math.min(...part.medians), Math.max(...part.medians)],
        checks: part.medians.length,
        tiers: part.proposed,
        ...(part.part === "speed" && durationsS.length > 0
          ? { durationS: [Math.min(...durationsS), Math.max(...durationsS)] as [number, number] }
          : {}),
      };
    }
    if (Object.keys(entry).length > 0) exercises[String(exercise.number)] = entry;
  }
  return {
    machine: `${machine.cores} cores (${machine.cpu}), Deno ${machine.deno}`,
    how,
    measuredAt: new Date().toISOString().slice(0, 10),
    exercises,
  };
}

/** What a part times, in a few words: the shipped calibration's, else from the catalogue. */
function whatIsTimed(
  exercise: Exercise,
  part: PartName,
  file: CalibrationFile | null,
): string {
  const written = file?.machines[file.shipped]?.exercises[String(exercise.number)]?.[part];
  if (written !== undefined) return written.what;
  if (part === "parallel") return `${exercise.parallel?.threads ?? 2} Workers against 1`;
  if (part === "stretch") return "stretch (bonus): WebAssembly, n ≈ 10^8";
  if (exercise.baseline === undefined) return "speed";
  const label = exercise.baseline.label;
  return /^(the|your|exercise)\b/.test(label) ? `against ${label}` : `against the ${label}`;
}

/** The table `calibrate` prints: medians, tiers in force, proposal and margin. */
export function runsTable(runs: readonly ExerciseRuns[]): string[] {
  const rows: string[][] = [[
    "exercise",
    "part",
    "medians (per check)",
    "checks",
    "tiers now",
    "proposed",
    "gold below lowest",
    "runs ended",
    "timed share",
    "one check",
  ]];
  for (const { exercise, parts, durationsS } of runs) {
    for (const [i, part] of parts.entries()) {
      const unit = "×";
      rows.push([
        i === 0 ? `${exercise.number} ${exercise.slug}` : "",
        part.part,
        part.medians.map((m) => m.toFixed(2)).join(", ") + unit,
        `${part.medians.length}${part.inconclusive ? ` (+${part.inconclusive} inconclusive)` : ""}`,
        tierText(part.current, part.parallel),
        part.proposed === null ? "–" : tierText(part.proposed, part.parallel),
        part.margin === null ? "–" : `${Math.round(part.margin * 100)}%`,
        outcomeCounts(part.outcomes),
        part.timedShares.length === 0 ? "–" : `${median(part.timedShares).toFixed(2)} median`,
        i === 0 && durationsS.length > 0
          ? `${median(durationsS).toFixed(1)} s median (${range(durationsS, " s")})`
          : "",
      ]);
    }
  }
  return markdownTable(rows);
}

/** The README's "Measured on the development machine" table, from the shipped calibration. */
export function readmeTable(file: CalibrationFile): string[] {
  const shipped = file.machines[file.shipped];
  if (shipped === undefined) throw new Error("data/calibration.json has no shipped calibration");
  const counts = Object.values(shipped.exercises).flatMap((e) =>
    Object.values(e).map((p) => p.checks)
  );
  const usual = mode(counts);
  const rows: string[][] = [[
    "exercise",
    "what is timed",
    `reference's medians (${usual} checks)`,
    "tiers (pass / silver / gold)",
    "one check",
  ]];
  for (const exercise of CATALOGUE) {
    const entry = shipped.exercises[String(exercise.number)];
    if (entry === undefined) continue;
    const parts = (["speed", "parallel", "stretch"] as const).filter((p) => entry[p] !== undefined);
    for (const [i, name] of parts.entries()) {
      const part = entry[name] as CalibratedPart;
      const parallel = name === "parallel" ||
        (name === "speed" && exercise.speed.kind === "parallel");
      rows.push([
        i === 0 ? `${exercise.number} ${exercise.slug}` : "",
        part.what,
        `${part.medians[0]}–${part.medians[1]}×${
          part.checks === usual ? "" : ` (${part.checks} checks)`
        }`,
        tierText(part.tiers, parallel),
        part.durationS === undefined ? "" : `${part.durationS[0]}–${part.durationS[1]} s`,
      ]);
    }
  }
  return markdownTable(rows);
}

/** Where the README's table starts and ends (the lines after this heading). */
export const README_HEADING = "## Measured on the development machine";

/** The table lines of `readme`'s measured section. */
export function readmeTableLines(readme: string): { start: number; end: number; lines: string[] } {
  const lines = readme.split("\n");
  const heading = lines.indexOf(README_HEADING);
  if (heading < 0) throw new Error(`README.md has no "${README_HEADING}" section`);
  const start = lines.findIndex((line, i) => i > heading && line.startsWith("|"));
  let end = start;
  while (end < lines.length && (lines[end] as string).startsWith("|")) end++;
  return { start, end, lines: lines.slice(start, end) };
}

/** `readme` with its measured table replaced by `table`. */
export function withReadmeTable(readme: string, table: readonly string[]): string {
  const { start, end } = readmeTableLines(readme);
  const lines = readme.split("\n");
  lines.splice(start, end - start, ...table);
  return lines.join("\n");
}

/** "2–3 s", or "2 s" when every value is the same. */
function range(values: readonly number[], unit: string): string {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? `${low}${unit}` : `${low}–${high}${unit}`;
}

/** How runs ended, counted, most frequent first: "gold 18, silver 2" (ties in name order). */
export function outcomeCounts(outcomes: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([outcome, count]) => `${outcome} ${count}`)
    .join(", ");
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? sorted[middle] as number
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function tierText(tiers: Record<Tier, number>, parallel: boolean): string {
  const text = `${tiers.pass} / ${tiers.silver} / ${tiers.gold}`;
  return parallel ? `efficiency ${text}` : `${text}×`;
}

/** A Markdown table with padded columns, as `deno fmt` writes one. */
export function markdownTable(rows: readonly string[][]): string[] {
  const widths = (rows[0] ?? []).map((_, c) =>
    Math.max(3, ...rows.map((row) => [...(row[c] ?? "")].length))
  );
  const line = (row: readonly string[]) =>
    `| ${
      row.map((cell, c) => cell + " ".repeat((widths[c] as number) - [...cell].length)).join(" | ")
    } |`;
  return [
    line(rows[0] ?? []),
    `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`,
    ...rows.slice(1).map(line),
  ];
}

function mode(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
}

function floor2(x: number): number {
  return Math.floor(x * 100 + 1e-9) / 100;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
