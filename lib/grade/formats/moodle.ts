/**
 * The gradebook as Moodle imports it (Grades → Import → CSV file), keyed by an
 * identifier column, one column per exercise.
 *
 * Moodle's CSV import maps one column to a user ("Map from" → "Map to": user id,
 * username, ID number or email address: the mapping identifiers in Moodle's
 * grade/import/csv/classes/load_data.php) and each other column to a grade
 * item, or to a new one. So the file holds exactly that: `Email address` when the
 * roster gives every exported student's email (Moodle's grading worksheet does),
 * else `ID number` with the roster's id, then the exercises' points.
 *
 * No value goes above its grade item's maximum: Moodle's import refuses the
 * whole file when one does ("One of the grade values is larger than the allowed
 * grade maximum", "Import failed. No data was imported": Moodle's behat test
 * grade/tests/behat/grade_import.feature). So an exercise's column holds its
 * own points only, and the extra credit of exercise 9's optional stretch is a
 * column of its own, "… stretch (extra credit)", to import as a new grade item
 * that the instructor marks "Extra credit" in Gradebook setup (Moodle's
 * Natural aggregation then adds it without raising the course's maximum).
 *
 * Moodle's submission folders carry a participant number that only the
 * assignment knows, not a user: a row needs a roster entry (Moodle's grading
 * worksheet as `--roster` matches those numbers). Submissions without one are
 * left out and named.
 *
 * @module
 */
import type { StudentGrade } from "../result.ts";
import type { RosterMatch } from "../roster.ts";
import { csvCell } from "./csv.ts";
import { exportCell, type ExportColumn, exportRows, type LeftOut } from "./export_rows.ts";

export const MOODLE_EMAIL = "Email address";
export const MOODLE_ID_NUMBER = "ID number";

/** The CSV text, and the submissions left out with why. */
export function moodleCsv(
  grades: readonly StudentGrade[],
  columns: readonly ExportColumn[],
  match: RosterMatch | null,
): { csv: string; rows: number; left: LeftOut[] } {
  const left: LeftOut[] = [];
  const found = exportRows(grades, match, left).filter(({ grade, entry }) => {
    if (entry !== undefined) return true;
    left.push({
      submission: grade.submission,
      why: "no roster entry (Moodle needs one to find the student)",
    });
    return false;
  });
  const byEmail = found.length > 0 && found.every(({ entry }) => entry?.email !== null);
  const header = [byEmail ? MOODLE_EMAIL : MOODLE_ID_NUMBER, ...columns.map((c) => c.title)];
  const rows = found.map(({ grade, entry }) => [
    (byEmail ? entry?.email : entry?.id) ?? "",
    ...columns.map((c) => exportCell(grade, c)),
  ]);
  const text = [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n");
  return { csv: text + "\r\n", rows: rows.length, left };
}
