/**
 * Tiers by machine: `data/calibration.json` holds what `deno task calibrate`
 * measured on each machine (the reference's medians, the tiers proposed from
 * them), keyed by a fingerprint of the machine. A check judges with the
 * calibration of the machine it runs on, else the shipped one (the development
 * machine's), else the catalogue's tiers.
 *
 * A fingerprint is what changes a speed-up: the CPU model, the cores this
 * process may use, the system. Not the Deno version: an upgrade would lose every
 * calibration, and the shipped one is the fallback anyway.
 *
 * @module
 */
import type { Exercise, SpeedRule } from "../../exercise/catalogue.ts";
import type { MachineInfo, Tier } from "../types.ts";

/** The `schema` of a calibration file. */
export const CALIBRATION_SCHEMA = "workbook-calibration/1";
/** Where the repository keeps its calibrations. */
export const CALIBRATION_PATH = new URL("../../../data/calibration.json", import.meta.url);

/** Which speed verdict of an exercise: its primary part, its parallel one, or its stretch. */
export type PartName = "speed" | "parallel" | "stretch";

/** One part of one exercise, as measured on one machine. */
export interface CalibratedPart {
  /** What is timed, in a few words (the README's column). */
  what: string;
  /** Lowest and highest median speed-up of the reference, over `checks` checks. */
  medians: [number, number];
  /** How many checks the medians come from. */
  checks: number;
  /** Tiers: speed-ups for a fixed rule, efficiencies for a parallel one. */
  tiers: Record<Tier, number>;
  /** Shortest and longest duration of one check, s (on the exercise's first part only). */
  durationS?: [number, number];
}

/** Everything measured on one machine. */
export interface MachineCalibration {
  /** The machine in words (for the README). */
  machine: string;
  /** How it was measured: the command, the runs, the load. */
  how: string;
  /** When (ISO time). */
  measuredAt: string;
  /** By exercise number, each measured part. */
  exercises: Record<string, Partial<Record<PartName, CalibratedPart>>>;
}

/** `data/calibration.json`. */
export interface CalibrationFile {
  /** Always `CALIBRATION_SCHEMA`. */
  schema: typeof CALIBRATION_SCHEMA;
  /** The key of the calibration shipped with the workbook (the fallback). */
  shipped: string;
  /** Every calibrated machine, by fingerprint. */
  machines: Record<string, MachineCalibration>;
}

/** The key of `machine` in the calibration file. */
export function fingerprint(machine: Pick<MachineInfo, "cpu" | "cores" | "os">): string {
  return `${machine.cpu} · ${machine.cores} ${
    machine.cores === 1 ? "core" : "cores"
  } · ${machine.os}`;
}

let cached: CalibrationFile | null | undefined;

/** The repository's calibration file, or null when it is missing or unreadable (then the catalogue decides). */
export function loadCalibration(): CalibrationFile | null {
  if (cached !== undefined) return cached;
  try {
    cached = parseCalibration(Deno.readTextFileSync(CALIBRATION_PATH));
  } catch {
    cached = null;
  }
  return cached;
}

/** Parses a calibration file, or throws one line saying what is wrong. */
export function parseCalibration(text: string): CalibrationFile {
  const file = JSON.parse(text) as CalibrationFile;
  if (file?.schema !== CALIBRATION_SCHEMA) {
    throw new Error(`data/calibration.json: expected schema "${CALIBRATION_SCHEMA}"`);
  }
  if (!(file.shipped in file.machines)) {
    throw new Error(`data/calibration.json: the shipped calibration "${file.shipped}" is missing`);
  }
  return file;
}

/**
 * The rule a part is judged by on `machine`, and where its tiers come from:
 * this machine's calibration, the shipped one, or the catalogue.
 */
export function calibratedRule(
  exercise: Exercise,
  part: PartName,
  machine: Pick<MachineInfo, "cpu" | "cores" | "os">,
  file: CalibrationFile | null = loadCalibration(),
): { rule: SpeedRule; source: string } {
  const rule: SpeedRule = part === "speed"
    ? exercise.speed
    : part === "stretch"
    ? exercise.stretch === undefined
      ? { kind: "none", why: "no stretch part" }
      : { kind: "fixed", tiers: exercise.stretch.tiers, why: exercise.stretch.why }
    : exercise.parallel === undefined
    ? { kind: "none", why: "no parallel part" }
    : { kind: "parallel", ...exercise.parallel };
  if (rule.kind === "none" || file === null) return { rule, source: "catalogue" };
  const key = fingerprint(machine);
  const candidates: [string, string][] = [[key, "this machine"], [file.shipped, "shipped"]];
  for (const [name, source] of candidates) {
    const tiers = file.machines[name]?.exercises[String(exercise.number)]?.[part]?.tiers;
    if (tiers === undefined) continue;
    const label = `${source} (${file.machines[name]?.machine ?? name})`;
    return rule.kind === "fixed"
      ? { rule: { ...rule, tiers: { ...tiers } }, source: label }
      : { rule: { ...rule, efficiency: { ...tiers } }, source: label };
  }
  return { rule, source: "catalogue" };
}
