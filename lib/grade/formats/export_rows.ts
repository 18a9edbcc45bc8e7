/**
 * What the LMS exports (canvas.ts, moodle.ts) share: the exercise columns and
 * the graded submissions paired with their roster entries, a student once.
 *
 * @module
 */
import type { StudentGrade } from "../result.ts";
import type { RosterEntry, RosterMatch } from "../roster.ts";

/** A submission an export leaves out, and why. */
export interface LeftOut {
  submission: string;
  why: string;
}

/** One exercise as an LMS column. */
export interface ExportColumn {
  number: number;
  maxPoints: number;
  /** The column's name, which becomes the assignment's name when the LMS creates one. */
  title: string;
}

/** The exercise columns of a class's grades (every grade covers the same exercises). */
export function exportColumns(grades: readonly StudentGrade[]): ExportColumn[] {
  return (grades[0]?.exercises ?? []).map((e) => ({
    number: e.number,
    maxPoints: e.maxPoints,
    title: `Workbook ${String(e.number).padStart(2, "0")} ${e.slug}`,
  }));
}

/**
 * The grades with their roster entries. A roster entry claimed by several
 * submissions is exported once, from the first; the others go to `left`.
 */
export function exportRows(
  grades: readonly StudentGrade[],
  match: RosterMatch | null,
  left: LeftOut[],
): { grade: StudentGrade; entry: RosterEntry | undefined }[] {
  const used = new Set<RosterEntry>();
  const rows: { grade: StudentGrade; entry: RosterEntry | undefined }[] = [];
  for (const grade of grades) {
    const entry = match?.bySubmission.get(grade.submission);
    if (entry !== undefined && used.has(entry)) {
      left.push({
        submission: grade.submission,
        why: `${entry.id} has an earlier submission, which is exported`,
      });
      continue;
    }
    if (entry !== undefined) used.add(entry);
    rows.push({ grade, entry });
  }
  return rows;
}
