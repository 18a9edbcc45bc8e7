/**
 * Lesson figures recorded on the development machine, in `data/lessons.json`:
 * `deno task bench N --LESSON --write` (maintainers) keeps each measured
 * table there, with its machine, samples and load average, and the READMEs
 * that quote a lesson's figures are held to this file by a test, as the root
 * README's calibration table is held to `data/calibration.json`.
 *
 * @module
 */
import { REPO_ROOT } from "../../exercise/paths.ts";
import { writeAtomically } from "../../exercise/files.ts";
import type { MeasuredRow } from "./section.ts";

/** Where the recorded lesson figures live. */
export const RECORDED_LESSONS_PATH = `${REPO_ROOT}/data/lessons.json`;

/** One lesson's recorded table. */
export interface RecordedLesson {
  /** When it was measured (ISO time). */
  measured: string;
  /** The machine, one line (CPU, cores, OS, Deno). */
  machine: string;
  /** `/proc/loadavg`'s three figures after the lesson ran. */
  loadAverage: string;
  /** Timed calls per row, after one warm-up. */
  samples: number;
  /** The problem size, as the lesson's title gives it. */
  size: string;
  /** Each row's median time. */
  rows: MeasuredRow[];
}

/** The file: by lesson key (`ladder`, `matrix`, …). */
export type RecordedLessons = Record<string, RecordedLesson>;

/** Reads the recorded figures; an absent file reads as none. */
export async function readRecordedLessons(
  path = RECORDED_LESSONS_PATH,
): Promise<RecordedLessons> {
  try {
    return JSON.parse(await Deno.readTextFile(path)) as RecordedLessons;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return {};
    throw error;
  }
}

/** Records (or replaces) one lesson's figures, keeping the others. */
export async function writeRecordedLesson(
  key: string,
  entry: RecordedLesson,
  path = RECORDED_LESSONS_PATH,
): Promise<void> {
  const all = await readRecordedLessons(path);
  all[key] = entry;
  const sorted = Object.fromEntries(Object.entries(all).sort(([a], [b]) => a.localeCompare(b)));
  await writeAtomically(path, JSON.stringify(sorted, null, 2) + "\n");
}

/** A recorded row's time, or an error that says what is missing. */
export function recordedMs(entry: RecordedLesson, label: string): number {
  const row = entry.rows.find((r) => r.label === label);
  if (row === undefined) throw new Error(`Cannot find row "${label}" in the recorded figures`);
  return row.ms;
}
