/**
 * The exports written after a class is graded, beside the gradebook:
 *
 * ```text
 * DIR/canvas.csv     Canvas's gradebook import (canvas.ts), when any student has a Canvas id
 * DIR/moodle.csv     Moodle's grade import (moodle.ts), when any student has a roster entry
 * DIR/roster.txt     with --roster: who matched, which submissions have no entry, who has none
 * DIR/roster.json    the same, for a program
 * DIR/students/ID/results.json   with --leaderboard: Gradescope's leaderboard added
 * DIR/dashboard.html  the class at a glance (../class/dashboard.ts)
 * DIR/similarity.html pairs of submissions whose code is alike, for a human (../class/similarity.ts)
 * ```
 *
 * They are written from the grades alone, so a run that resumes or merges
 * writes them again from every student's result.
 *
 * @module
 */
import { writeAtomically } from "../../exercise/files.ts";
import { CATALOGUE } from "../../exercise/catalogue.ts";
import { writeClassPages } from "../class/pages.ts";
import { readManualPoints } from "./manual.ts";
import type { StudentGrade } from "../result.ts";
import { baseName, matchRoster, type Roster, rosterReport, shown } from "../roster.ts";
import { canvasCsv } from "./canvas.ts";
import { exportColumns } from "./export_rows.ts";
import { gradescopeResults } from "./gradescope.ts";
import { moodleCsv } from "./moodle.ts";
import { studentDir } from "./outputs.ts";

export interface ExportOptions {
  roster: Roster | null;
  /** Gradescope's leaderboard in each results.json (opt-in). */
  leaderboard: boolean;
}

/** Writes the exports of `grades` into `outDir`; returns what to tell the instructor. */
export async function writeExports(
  outDir: string,
  grades: readonly StudentGrade[],
  options: ExportOptions,
): Promise<string[]> {
  const said: string[] = [];
  if (options.leaderboard) {
    for (const grade of grades) {
      await writeAtomically(
        `${studentDir(outDir, grade.student)}/results.json`,
        JSON.stringify(gradescopeResults(grade, { leaderboard: true }), null, 2),
      );
    }
  }
  const match = options.roster === null
    ? null
    : matchRoster(options.roster, grades.map((g) => g.submission));
  if (match !== null) {
    const report = rosterReport(match);
    await writeAtomically(`${outDir}/roster.txt`, report.join("\n") + "\n");
    await writeAtomically(
      `${outDir}/roster.json`,
      JSON.stringify(
        {
          roster: options.roster?.path,
          format: options.roster?.format,
          matched: [...match.bySubmission].map(([submission, e]) => ({
            submission,
            id: e.id,
            name: e.name,
          })),
          unmatched: match.unmatched,
          missing: match.missing.map((e) => ({ id: e.id, name: e.name, line: e.line })),
          duplicates: match.duplicates.map((d) => ({ id: d.entry.id, submissions: d.submissions })),
        },
        null,
        2,
      ) + "\n",
    );
    said.push(...report);
  }
  const columns = exportColumns(grades);
  for (
    const [file, made] of [
      ["canvas.csv", canvasCsv(grades, columns, match)],
      ["moodle.csv", moodleCsv(grades, columns, match)],
    ] as const
  ) {
    if (made.rows === 0) continue;
    await writeAtomically(`${outDir}/${file}`, made.csv);
    const out = made.left.length === 0 ? "" : `; ${made.left.length} left out:`;
    said.push(`${file}: ${made.rows} ${made.rows === 1 ? "student" : "students"}${out}`);
    for (const { submission, why } of made.left) {
      said.push(shown(`  ${baseName(submission)}: ${why}`));
    }
  }
  const exercises = [...new Set(grades.flatMap((g) => g.exercises.map((e) => e.number)))]
    .sort((a, b) => a - b).flatMap((n) => CATALOGUE.filter((e) => e.number === n));
  const manual = await readManualPoints(outDir);
  for (const problem of manual.problems) said.push(shown(`manual points: ${problem}`));
  const pages = await writeClassPages(outDir, exercises);
  said.push(
    "dashboard.html, similarity.html, answers.html: the class at a glance, code that is alike, " +
      "the written answers per question",
  );
  for (const problem of pages.problems) said.push(shown(`  not on the dashboard: ${problem}`));
  return said;
}
