/**
 * The gradebook as CSV (RFC 4180): one row per student, one column of points
 * per exercise (and, after an exercise with an optional stretch, the tier its
 * stretch reached), then the total (the exercises' points, at most the
 * maximum), the maximum, the extra credit (the stretches' bonus points), the
 * instructor's manual points (manual.ts) and the final total (total + bonus +
 * manual), the status and a note. Cells that a spreadsheet would take for a
 * formula are prefixed with `'`.
 *
 * @module
 */
import { exerciseColumn, type Gradebook, stretchColumn } from "../result.ts";

/** The columns before and after the exercises'. */
export const CSV_LEAD = ["student"] as const;
export const CSV_TAIL = ["total", "max", "bonus", "manual", "final", "status", "note"] as const;

/** One CSV cell. */
export function csvCell(value: string | number): string {
  let text = String(value).normalize("NFC");
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Whether an exercise column has a stretch column after it. */
function hasStretch(book: Gradebook, number: number): boolean {
  const column = book.exercises.find((e) => e.number === number);
  return (column?.maxBonus ?? 0) > 0 ||
    book.students.some((s) => s.stretch?.[String(number)] !== undefined);
}

/** The whole gradebook as CSV text, CRLF line ends. */
export function gradebookCsv(book: Gradebook): string {
  const header = [
    ...CSV_LEAD,
    ...book.exercises.flatMap((e) =>
      hasStretch(book, e.number) ? [exerciseColumn(e), stretchColumn(e)] : [exerciseColumn(e)]
    ),
    ...CSV_TAIL,
  ];
  const rows = book.students.map((s) => [
    s.student,
    // No cell: not graded (inconclusive, or not part of this student's run), never a 0.
    ...book.exercises.flatMap((e) => {
      const points = s.points[String(e.number)] ?? "";
      // The stretch's tier, or no cell where it reached none (or was not graded).
      return hasStretch(book, e.number) ? [points, s.stretch?.[String(e.number)] ?? ""] : [points];
    }),
    s.total,
    s.maxTotal,
    s.bonus ?? 0,
    s.manual ?? "",
    s.final ?? s.total + (s.bonus ?? 0),
    s.status,
    s.problem ?? "",
  ]);
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
