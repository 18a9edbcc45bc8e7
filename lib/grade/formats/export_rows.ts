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

/**
 * One LMS column: an exercise's points (never above `maxPoints`, which the
 * LMS may hold it to: Moodle's import refuses a whole file with one value
 * above a grade item's maximum), or the extra credit of its optional stretch
 * (`bonus`), a column of its own whose `maxPoints` is 0: an assignment worth
 * nothing that adds points, the LMSs' way to give extra credit.
 */
export interface ExportColumn {
  number: number;
  kind: "points" | "bonus";
  maxPoints: number;
  /** The column's name, which becomes the assignment's name when the LMS creates one. */
  title: string;
}

/** The exercise columns of a class's grades (every grade covers the same exercises). */
export function exportColumns(grades: readonly StudentGrade[]): ExportColumn[] {
  return (grades[0]?.exercises ?? []).flatMap((e) => {
    const title = `Workbook ${String(e.number).padStart(2, "0")} ${e.slug}`;
    const points: ExportColumn = {
      number: e.number,
      kind: "points",
      maxPoints: e.maxPoints,
      title,
    };
    const stretched = grades.some((g) =>
      g.exercises.some((x) => x.number === e.number && x.bonus !== undefined)
    );
    return stretched
      ? [points, {
        number: e.number,
        kind: "bonus" as const,
        maxPoints: 0,
        title: `${title} stretch (extra credit)`,
      }]
      : [points];
  });
}

/**
 * A grade's cell in `column`: the exercise's points (at most its maximum) or
 * its stretch's bonus; empty when the exercise was not graded (never a 0 it
 * did not earn).
 */
export function exportCell(grade: StudentGrade, column: ExportColumn): number | string {
  const e = grade.exercises.find((x) => x.number === column.number);
  if (e === undefined || e.graded === false) return "";
  return column.kind === "bonus" ? e.bonus ?? 0 : Math.min(e.points, e.maxPoints);
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
