/**
 * The class pages beside a gradebook, made from what grading left in its
 * output folder: `dashboard.html` from every `students/ID/result.json`, and
 * `similarity.html` from the code each student handed in, kept by grading in
 * `students/ID/code/NN_slug/`, and `answers.html` from the written answers
 * each result holds.
 *
 * @module
 */
import type { Exercise } from "../../exercise/catalogue.ts";
import { REPO_ROOT } from "../../exercise/paths.ts";
import { writeAtomically } from "../../exercise/files.ts";
import { GRADE_SCHEMA, type StudentGrade } from "../result.ts";
import { readGradebook } from "../records.ts";
import { renderDashboard } from "./dashboard.ts";
import { compareSubmissions, type SimilarityReport, type SourceFile } from "./similarity.ts";
import { renderSimilarityPage, type SimilarityPageExercise } from "./similarity_html.ts";
import { renderAnswersPage } from "./answers_html.ts";

/** Code files compared; a file larger than this is not code anyone wrote by hand. */
const MAX_CODE_BYTES = 256 * 1024;
const CODE_FILE = /\.(ts|js|mjs)$/;

/** Where grading keeps a student's code of one exercise, for the similarity report. */
export function codeDir(studentDir: string, exercise: Pick<Exercise, "dir">): string {
  return `${studentDir}/code/${exercise.dir}`;
}

/** Code files kept per exercise, at most: more is not one exercise's code. */
const MAX_KEPT_FILES = 50;

/**
 * Keeps the code files of `from` (the grader's copy of one exercise folder:
 * regular files only, the copy followed no link) in `codeDir(studentDir, …)`.
 * Never throws: a student whose code could not be kept is only absent from the
 * similarity report.
 */
export async function keepCode(
  from: string,
  studentDir: string,
  exercise: Pick<Exercise, "dir">,
): Promise<void> {
  const to = codeDir(studentDir, exercise);
  try {
    let kept = 0;
    for await (const entry of Deno.readDir(from)) {
      if (!entry.isFile || !CODE_FILE.test(entry.name) || kept >= MAX_KEPT_FILES) continue;
      const path = `${from}/${entry.name}`;
      if ((await Deno.lstat(path)).size > MAX_CODE_BYTES) continue;
      if (kept === 0) await Deno.mkdir(to, { recursive: true });
      await Deno.copyFile(path, `${to}/${entry.name}`);
      kept++;
    }
  } catch {
    // Not copied (not handed in, or refused): nothing to compare.
  }
}

async function readCode(dir: string): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (!entry.isFile || !CODE_FILE.test(entry.name)) continue;
      const path = `${dir}/${entry.name}`;
      if ((await Deno.stat(path)).size > MAX_CODE_BYTES) continue;
      files.push({ name: entry.name, text: await Deno.readTextFile(path) });
    }
  } catch {
    // No code kept for this exercise (not handed in, or graded before code was kept).
  }
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

/** Every student's result in `outDir`; unreadable ones are left out, named in `problems`. */
export async function readGrades(
  outDir: string,
): Promise<{ grades: StudentGrade[]; problems: string[] }> {
  const grades: StudentGrade[] = [];
  const problems: string[] = [];
  try {
    for await (const entry of Deno.readDir(`${outDir}/students`)) {
      if (!entry.isDirectory) continue;
      const file = `${outDir}/students/${entry.name}/result.json`;
      try {
        const grade = JSON.parse(await Deno.readTextFile(file)) as StudentGrade;
        if (grade.schema !== GRADE_SCHEMA) throw new Error(`not a ${GRADE_SCHEMA} document`);
        grades.push(grade);
      } catch (thrown) {
        if (thrown instanceof Deno.errors.NotFound) continue; // still being graded
        problems.push(`${file}: ${(thrown as Error).message}`);
      }
    }
  } catch (thrown) {
    if (!(thrown instanceof Deno.errors.NotFound)) throw thrown;
  }
  return { grades, problems };
}

/**
 * What every student of `exercise` was given: the pristine stub's code files,
 * the baseline (the slow code the exercise starts from, shipped with the check),
 * and the README's code blocks. Two honest learners who transcribe the given
 * loop share those lines with each other; that is common ground, not copying.
 */
async function stubFiles(exercise: Exercise): Promise<SourceFile[]> {
  const given = await readCode(`${REPO_ROOT}/checks/${exercise.dir}/stub`);
  const check = await readCode(`${REPO_ROOT}/checks/${exercise.dir}`);
  given.push(...check.filter((file) => file.name.startsWith("baseline")));
  try {
    const readme = await Deno.readTextFile(`${REPO_ROOT}/exercises/${exercise.dir}/README.md`);
    const blocks = [...readme.matchAll(/```(?:ts|typescript|js)\n([\s\S]*?)```/g)];
    blocks.forEach((block, i) =>
      given.push({ name: `README block ${i + 1}`, text: block[1] ?? "" })
    );
  } catch {
    // No README: the stub and the baseline are all that was given.
  }
  return given;
}

/** The stub of every written file of `exercises` (a file handed in as given is no answer). */
async function writtenStubs(exercises: readonly Exercise[]): Promise<Map<string, string>> {
  const stubs = new Map<string, string>();
  for (const exercise of exercises) {
    for (const file of exercise.written ?? []) {
      try {
        const path = `${REPO_ROOT}/exercises/${exercise.dir}/${file}`;
        stubs.set(`${exercise.number}/${file}`, await Deno.readTextFile(path));
      } catch {
        // No stub of this file: any text handed in counts as an answer.
      }
    }
  }
  return stubs;
}

/** Each student's manual points and final total from `outDir`'s gradebook, if it has one. */
async function manualPoints(
  outDir: string,
): Promise<Map<string, { manual: number | null; final: number }>> {
  const book = await readGradebook(outDir); // null before the first gradebook: no columns
  return new Map(
    (book?.students ?? []).map((row) => [
      row.student,
      { manual: row.manual ?? null, final: row.final ?? row.total },
    ]),
  );
}

/**
 * Writes `dashboard.html`, `similarity.html` and `answers.html` into `outDir`.
 *
 * @returns The pages written, and results that could not be read.
 */
export async function writeClassPages(
  outDir: string,
  exercises: readonly Exercise[],
  options: { title?: string; now?: Date } = {},
): Promise<{ written: string[]; problems: string[] }> {
  const { grades, problems } = await readGrades(outDir);
  const similarity = new Map<number, SimilarityReport>();
  const pageExercises: SimilarityPageExercise[] = [];
  for (const exercise of exercises) {
    const submissions = [];
    for (const grade of grades) {
      const files = await readCode(codeDir(`${outDir}/students/${grade.student}`, exercise));
      if (files.length > 0) submissions.push({ student: grade.student, files });
    }
    if (submissions.length < 2) continue;
    const report = compareSubmissions(submissions, await stubFiles(exercise));
    similarity.set(exercise.number, report);
    pageExercises.push({ number: exercise.number, slug: exercise.slug, report, submissions });
  }
  const title = options.title ?? "Class dashboard";
  const maxPoints = (number: number) =>
    grades.flatMap((g) => g.exercises).find((e) => e.number === number)?.maxPoints ?? 0;
  const dashboard = renderDashboard({
    title,
    grades,
    exercises: exercises.map((e) => ({
      number: e.number,
      slug: e.slug,
      title: e.title,
      maxPoints: maxPoints(e.number),
    })),
    similarity,
    generatedAt: (options.now ?? new Date()).toISOString(),
    manual: await manualPoints(outDir),
  });
  await writeAtomically(`${outDir}/dashboard.html`, dashboard);
  await writeAtomically(
    `${outDir}/similarity.html`,
    renderSimilarityPage(`${title}: similar code`, pageExercises),
  );
  await writeAtomically(
    `${outDir}/answers.html`,
    renderAnswersPage({
      title: `${options.title ?? "Class"}: written answers`,
      grades,
      exercises: exercises.map((e) => ({ number: e.number, slug: e.slug, title: e.title })),
      stubs: await writtenStubs(exercises),
      generatedAt: (options.now ?? new Date()).toISOString(),
    }),
  );
  const written = ["dashboard.html", "similarity.html", "answers.html"];
  return { written: written.map((page) => `${outDir}/${page}`), problems };
}
