/**
 * Where grading writes, every file through a temporary file and a rename (a
 * reader, or a run stopped half-way, never sees half a file):
 *
 * ```text
 * DIR/gradebook.csv            one row per student
 * DIR/gradebook.json           the same, with the seed, the machine and the settings
 * DIR/students/ID/result.json  everything recorded (read back by --resume)
 * DIR/students/ID/report.md    the student's report
 * DIR/students/ID/report.html
 * DIR/students/ID/results.json Gradescope's format
 * DIR/students/ID/junit.xml    JUnit XML
 * ```
 *
 * @module
 */
import type { Exercise } from "../../exercise/catalogue.ts";
import { writeAtomically } from "../../exercise/files.ts";
import { gradebookCsv } from "./csv.ts";
import { ensureManualRows, readManualPoints } from "./manual.ts";
import { gradescopeResults } from "./gradescope.ts";
import { junitXml } from "./junit.ts";
import { htmlReport, markdownReport } from "./report.ts";
import { GRADE_SCHEMA, type Gradebook, type StudentGrade } from "../result.ts";

/** The folder of one student's outputs. */
export function studentDir(outDir: string, student: string): string {
  return `${outDir}/students/${student}`;
}

/** Writes one student's files; result.json last, so its presence means "done" to --resume. */
export async function writeStudentOutputs(outDir: string, grade: StudentGrade): Promise<void> {
  const dir = studentDir(outDir, grade.student);
  await writeAtomically(`${dir}/report.md`, markdownReport(grade));
  await writeAtomically(`${dir}/report.html`, htmlReport(grade));
  await writeAtomically(`${dir}/results.json`, JSON.stringify(gradescopeResults(grade), null, 2));
  await writeAtomically(`${dir}/junit.xml`, junitXml(grade));
  await writeAtomically(`${dir}/result.json`, JSON.stringify(grade, null, 2) + "\n");
}

/**
 * Writes the gradebook, with the instructor's manual points (manual_points.csv,
 * which this creates once and never overwrites) in its `manual` and `final` columns.
 */
export async function writeGradebook(outDir: string, book: Gradebook): Promise<void> {
  await ensureManualRows(outDir, book.students.map((s) => s.student));
  const { points } = await readManualPoints(outDir);
  const withManual: Gradebook = {
    ...book,
    students: book.students.map((row) => {
      const manual = points.get(row.student.normalize("NFC"))?.points ?? null;
      const final = row.total + (row.bonus ?? 0) + (manual ?? 0);
      return { ...row, manual, final: Math.round(final * 100) / 100 };
    }),
  };
  await writeAtomically(`${outDir}/gradebook.csv`, gradebookCsv(withManual));
  await writeAtomically(`${outDir}/gradebook.json`, JSON.stringify(withManual, null, 2) + "\n");
}

/**
 * A student's earlier result, if it is complete and covers exactly `exercises`;
 * null otherwise (then the student is graded again).
 */
export async function readStudentGrade(
  outDir: string,
  student: string,
  exercises: readonly Exercise[],
): Promise<StudentGrade | null> {
  try {
    const grade = JSON.parse(
      await Deno.readTextFile(`${studentDir(outDir, student)}/result.json`),
    ) as StudentGrade;
    const numbers = grade.exercises.map((e) => e.number).join(",");
    if (grade.schema !== GRADE_SCHEMA || numbers !== exercises.map((e) => e.number).join(",")) {
      return null;
    }
    return grade;
  } catch {
    return null;
  }
}

/** The seed of an earlier run in `outDir`, so --resume grades the rest on the same inputs. */
export async function earlierSeed(outDir: string): Promise<number | null> {
  try {
    const book = JSON.parse(await Deno.readTextFile(`${outDir}/gradebook.json`)) as Gradebook;
    return Number.isSafeInteger(book.seed) ? book.seed : null;
  } catch {
    return null;
  }
}
