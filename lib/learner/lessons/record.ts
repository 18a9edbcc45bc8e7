/**
 * The learner's own lesson measurements, kept in `.workbook/lessons.json`
 * (beside `progress.json`, which holds checks): the latest one-line summary of
 * each lesson they ran, so that `answers.md` questions that ask for one (the
 * flat table, the NumPy passes, a process against a Worker) show their figure.
 *
 * A file of its own: a lesson is not a check, and must never change progress.
 *
 * @module
 */
import { WORKBOOK_DIR } from "../../exercise/workbook_dir.ts";
import { writeAtomically } from "../../exercise/files.ts";

/** Where lesson summaries are kept. */
export const LESSONS_FILE = `${WORKBOOK_DIR}/lessons.json`;
/** The file's shape. */
export const LESSONS_SCHEMA = "workbook-lessons/1";

/** One lesson's latest summary. */
export interface LessonRecord {
  /** When it ran (ISO time). */
  at: string;
  /** One line: the figures that answer the question, with the load average. */
  summary: string;
}

/** The file: by lesson flag (`flat`, `numpy`, …). */
export interface LessonsState {
  /** Which shape the file has. */
  schema: typeof LESSONS_SCHEMA;
  /** The latest record of each lesson. */
  lessons: Record<string, LessonRecord>;
}

/**
 * Reads the file; an absent, unreadable or foreign file reads as empty (these
 * are notes for the learner's report, never worth failing a command for).
 */
export async function readLessons(file = LESSONS_FILE): Promise<LessonsState> {
  try {
    const value = JSON.parse(await Deno.readTextFile(file));
    if (
      value?.schema !== LESSONS_SCHEMA || typeof value.lessons !== "object" ||
      value.lessons === null
    ) {
      return { schema: LESSONS_SCHEMA, lessons: {} };
    }
    const lessons: Record<string, LessonRecord> = {};
    for (const [flag, record] of Object.entries(value.lessons as Record<string, unknown>)) {
      const r = record as Partial<LessonRecord>;
      if (typeof r?.at === "string" && typeof r.summary === "string") {
        lessons[flag] = { at: r.at, summary: r.summary };
      }
    }
    return { schema: LESSONS_SCHEMA, lessons };
  } catch {
    return { schema: LESSONS_SCHEMA, lessons: {} };
  }
}

/**
 * Records the latest summary of lesson `flag`; a failure to write is a warning.
 *
 * @returns True when written.
 */
export async function recordLesson(
  flag: string,
  summary: string,
  file = LESSONS_FILE,
): Promise<boolean> {
  try {
    const state = await readLessons(file);
    state.lessons[flag] = { at: new Date().toISOString(), summary };
    await writeAtomically(file, `${JSON.stringify(state, null, 2)}\n`);
    return true;
  } catch (thrown) {
    console.error(`Warning: cannot record the lesson in ${file}: ${(thrown as Error).message}`);
    return false;
  }
}
