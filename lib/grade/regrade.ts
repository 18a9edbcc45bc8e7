/**
 * Inconclusive exercises (a speed part the machine was too busy to measure
 * fairly) are graded once more at the end of the run, after every submission
 * had its turn: the machine may be quieter by then. An exercise still
 * inconclusive stays marked so, never a 0 (`points.ts`). One core is not
 * retried: a second run cannot give it the cores it lacks.
 *
 * @module
 */
import type { Exercise } from "../exercise/catalogue.ts";
import type { ExerciseGrade, StudentGrade } from "./result.ts";
import type { Submission } from "./submission.ts";
import { totalsOf } from "./points.ts";

/** Whether a grade was left inconclusive by a busy machine (re-running may help; one core will not). */
export function busyInconclusive(e: ExerciseGrade): boolean {
  return e.status === "inconclusive" &&
    [e.performance, e.parallel].some((part) => part?.inconclusive === "busy");
}

/** How one student's exercises are graded again, and how the new grade is written. */
export interface Regrader {
  grade(submission: Submission, index: number, exercises: Exercise[]): Promise<StudentGrade>;
  write(index: number, grade: StudentGrade): Promise<void>;
}

/**
 * Re-grades every busy-inconclusive exercise of `grades` (in place) and writes
 * the students whose grade was re-run. A failure to re-grade keeps the first grade.
 */
export async function regradeInconclusive(
  grades: (StudentGrade | undefined)[],
  submissions: readonly Submission[],
  exercises: readonly Exercise[],
  regrader: Regrader,
  stop?: AbortSignal,
): Promise<void> {
  for (const [index, grade] of grades.entries()) {
    if (grade === undefined || stop?.aborted === true) continue;
    const again = exercises.filter((exercise) =>
      grade.exercises.some((e) => e.number === exercise.number && busyInconclusive(e))
    );
    if (again.length === 0) continue;
    const submission = submissions[index] as Submission;
    const regraded = await regrader.grade(submission, index, again).catch(() => null);
    if (regraded === null) continue;
    const merged = grade.exercises.map((e) =>
      regraded.exercises.find((r) => r.number === e.number) ?? e
    );
    grades[index] = {
      ...grade,
      exercises: merged,
      ...totalsOf(merged),
      notes: [
        ...grade.notes,
        `re-graded at the end of the run (the machine was busy): exercise ${
          again.map((e) => e.number).join(", ")
        }`,
      ],
      durationMs: grade.durationMs + regraded.durationMs,
    };
    await regrader.write(index, grades[index] as StudentGrade);
  }
}
