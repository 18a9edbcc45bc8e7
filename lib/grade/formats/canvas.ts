/**
 * The gradebook as Canvas imports it (Grades → Import), one column per exercise.
 *
 * The shape follows Canvas's own gradebook export, which is what its importer
 * reads: the columns `Student` ("Last, First"), `ID` (Canvas's user id),
 * `SIS User ID`, `SIS Login ID`, `Section`, then one column per assignment;
 * only one of Student, ID and SIS User ID is needed to find the student, and a
 * column whose name is not an assignment's creates a new assignment (Ohio State's
 * guide "Import a CSV file to Carmen grades",
 * teaching.resources.osu.edu/toolsets/carmencanvas/guides/calculating-final-grades/import-csv-file-carmen-grades;
 * the columns as exported: nemogb-dev.github.io/nemogb-r/articles/detailed-canvas-export-info.html).
 * The second row, `Points Possible`, gives each column's maximum, as in Canvas's
 * export. Nothing else is written: read-only columns (totals, grades) would be
 * ignored at best.
 *
 * Extra credit (exercise 9's optional stretch) is a column of its own,
 * "Workbook 09 beyond-brute-force stretch (extra credit)", with 0 points
 * possible: Canvas has no extra-credit setting, and an assignment worth 0
 * points whose scores add to the total is the way institutions' Canvas guides
 * give it (FSU's "Managing Extra Credit in Canvas",
 * support.canvas.fsu.edu/kb/article/1073-managing-extra-credit-in-canvas/). An
 * exercise's column never goes above its points possible.
 *
 * A row needs a Canvas identity: the roster's (Canvas's export as `--roster`,
 * or any roster, whose id goes to `SIS User ID`), or the user id in Canvas's
 * download name (`smithjane_12345_67890_file.zip`). Submissions with neither are
 * left out and named.
 *
 * @module
 */
import type { StudentGrade } from "../result.ts";
import { readSubmissionName, type RosterMatch } from "../roster.ts";
import { csvCell } from "./csv.ts";
import { exportCell, type ExportColumn, exportRows, type LeftOut } from "./export_rows.ts";

/** Canvas's identity columns, in its export's order. */
export const CANVAS_ID_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"];

/** The first cell of Canvas's points-possible row. */
export const POINTS_POSSIBLE = "Points Possible";

/** The CSV text, and the submissions left out with why. */
export function canvasCsv(
  grades: readonly StudentGrade[],
  columns: readonly ExportColumn[],
  match: RosterMatch | null,
): { csv: string; rows: number; left: LeftOut[] } {
  const left: LeftOut[] = [];
  const rows: (string | number)[][] = [];
  for (const { grade, entry } of exportRows(grades, match, left)) {
    const name = readSubmissionName(grade.submission);
    const ids = entry?.canvas !== null && entry?.canvas !== undefined
      ? [
        entry.name,
        entry.canvas.userId,
        entry.canvas.sisUserId,
        entry.canvas.sisLoginId,
        entry.canvas.section,
      ]
      : name.kind === "canvas"
      ? [entry?.name ?? name.login, name.userId, entry?.id ?? "", "", ""]
      : entry !== undefined
      ? [entry.name, "", entry.id, "", ""]
      : null;
    if (ids === null) {
      left.push({
        submission: grade.submission,
        why: "no Canvas id (give --roster, or Canvas's download names)",
      });
      continue;
    }
    rows.push([
      ...ids,
      ...columns.map((c) => exportCell(grade, c)),
    ]);
  }
  const header = [...CANVAS_ID_COLUMNS, ...columns.map((c) => c.title)];
  const possible = [POINTS_POSSIBLE, "", "", "", "", ...columns.map((c) => c.maxPoints)];
  const text = [header, possible, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n");
  return { csv: text + "\r\n", rows: rows.length, left };
}
