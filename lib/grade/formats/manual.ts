/**
 * The instructor's manual points: `DIR/manual_points.csv`, a file the grader
 * creates once (a row per student, points empty) and never overwrites, so
 * points given by hand for the written answers and the reflection survive
 * every `--resume`, re-grade and merge. New students are appended as empty
 * rows. The gradebook shows them in a `manual` column and adds them into
 * `final`.
 *
 * @module
 */
import { csvCell } from "./csv.ts";

/** The file, in the grading folder. */
export const MANUAL_FILE = "manual_points.csv";
const HEADER = ["student", "points", "note"];

/** A student's manual points and the instructor's note. */
export interface ManualEntry {
  points: number;
  note: string;
}

/** Splits one CSV line (RFC 4180 quoting). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/**
 * The manual points in `outDir`, by student, and the lines that could not be
 * read (each named with its line number). No file: none.
 */
export async function readManualPoints(
  outDir: string,
): Promise<{ points: Map<string, ManualEntry>; problems: string[]; students: Set<string> }> {
  const points = new Map<string, ManualEntry>();
  const problems: string[] = [];
  const students = new Set<string>();
  let text: string;
  try {
    text = await Deno.readTextFile(`${outDir}/${MANUAL_FILE}`);
  } catch {
    return { points, problems, students };
  }
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((line, i) => {
    if (i === 0 || line.trim() === "") return;
    const [student = "", given = "", ...note] = csvFields(line);
    const id = student.replace(/^'/, "").normalize("NFC");
    students.add(id);
    if (given.trim() === "") return;
    const value = Number(given);
    if (!Number.isFinite(value)) {
      problems.push(`${MANUAL_FILE}:${i + 1}: "${given}" is not a number of points`);
      return;
    }
    points.set(id, { points: value, note: note.join(",") });
  });
  return { points, problems, students };
}

/**
 * Creates the file with a row per student, or appends rows for students it
 * does not list yet. Rows already there are never changed.
 */
export async function ensureManualRows(outDir: string, students: readonly string[]): Promise<void> {
  const { students: listed } = await readManualPoints(outDir);
  const path = `${outDir}/${MANUAL_FILE}`;
  const exists = await Deno.stat(path).then(() => true, () => false);
  const missing = students.filter((s) => !listed.has(s.normalize("NFC")));
  if (exists && missing.length === 0) return;
  const rows = missing.map((s) => [s, "", ""].map(csvCell).join(",")).join("\r\n");
  if (!exists) {
    await Deno.writeTextFile(path, `${HEADER.join(",")}\r\n${rows}${rows === "" ? "" : "\r\n"}`);
  } else {
    const current = await Deno.readTextFile(path);
    const sep = current.endsWith("\n") || current === "" ? "" : "\r\n";
    await Deno.writeTextFile(path, `${sep}${rows}\r\n`, { append: true });
  }
}
