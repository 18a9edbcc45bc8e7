/**
 * The gradebook as CSV (RFC 4180): one row per student, one column of points
 * per exercise, then the total, the maximum, the instructor's manual points
 * (manual.ts) and the final total, the status and a note. Cells that
 * a spreadsheet would take for a formula are prefixed with `'`.
 *
 * @module
 */
import { exerciseColumn, type Gradebook } from "../result.ts";

/** The columns before and after the exercises'. */
export const CSV_LEAD = ["student"] as const;
export const CSV_TAIL = ["total", "max", "manual", "final", "status", "note"] as const;

/** One CSV cell. */
export function csvCell(value: string | number): string {
  let text = String(value).normalize("NFC");
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole gradebook as CSV text, CRLF line ends. */
export function gradebookCsv(book: Gradebook): string {
  const header = [...CSV_LEAD, ...book.exercises.map(exerciseColumn), ...CSV_TAIL];
  const rows = book.students.map((s) => [
    s.student,
    // No cell: not graded (inconclusive, or not part of this student's run), never a 0.
    ...book.exercises.map((e) => s.points[String(e.number)] ?? ""),
    s.total,
    s.maxTotal,
    s.manual ?? "",
    s.final ?? s.total,
    s.status,
    s.problem ?? "",
  ]);
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
