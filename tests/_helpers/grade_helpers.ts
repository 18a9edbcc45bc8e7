/**
 * Helpers for the grader's tests: write sample submissions (files given as
 * strings) into a temporary class folder, grade them, and read the outputs.
 *
 * @module
 */
import { CATALOGUE, type Exercise } from "../../lib/exercise/catalogue.ts";
import {
  DEFAULT_EXERCISE_TIME_LIMIT_S,
  gradeClass,
  type GradeOptions,
} from "../../lib/grade/grade.ts";
import type { StudentGrade } from "../../lib/grade/result.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { assert, TEST_SEED } from "./helpers.ts";

/** A submission to write: its id and its files, by path relative to the submission's root. */
export interface SampleSubmission {
  id: string;
  files: Record<string, string>;
}

/** The exercises with these numbers, in order. */
export function exercisesNumbered(numbers: readonly number[]): Exercise[] {
  return numbers.map((n) => {
    const exercise = CATALOGUE.find((e) => e.number === n);
    assert(exercise !== undefined, `exercise ${n} exists`);
    return exercise;
  });
}

/** The path of an exercise's entry file inside a submission laid out like the workbook. */
export function entryPath(number: number, file?: string): string {
  const [exercise] = exercisesNumbered([number]);
  return `exercises/${exercise?.dir}/${file ?? exercise?.files[0]}`;
}

/** Writes `submissions` as folders under `dir`; returns their paths. */
export async function writeSubmissions(
  dir: string,
  submissions: readonly SampleSubmission[],
): Promise<string[]> {
  const paths: string[] = [];
  for (const submission of submissions) {
    const root = `${dir}/${submission.id}`;
    for (const [path, text] of Object.entries(submission.files)) {
      const full = `${root}/${path}`;
      await Deno.mkdir(full.slice(0, full.lastIndexOf("/")), { recursive: true });
      await Deno.writeTextFile(full, text);
    }
    await Deno.mkdir(root, { recursive: true });
    paths.push(root);
  }
  return paths;
}

/** Copies the workbook's own folder `from` (`solutions`, `exercises`) as a submission's exercises. */
export async function copyWorkbookFolder(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(`${REPO_ROOT}/${from}`)) {
    if (!entry.isDirectory) continue;
    await Deno.mkdir(`${to}/${entry.name}`, { recursive: true });
    for await (const file of Deno.readDir(`${REPO_ROOT}/${from}/${entry.name}`)) {
      if (!file.isFile) continue;
      await Deno.copyFile(
        `${REPO_ROOT}/${from}/${entry.name}/${file.name}`,
        `${to}/${entry.name}/${file.name}`,
      );
    }
  }
}

export interface GradedClass {
  grades: Map<string, StudentGrade>;
  outDir: string;
  classDir: string;
}

/**
 * Grades `submissions` (written to a temporary class folder) plus any `extraPaths`,
 * into a temporary output folder; both are removed by `cleanup`.
 */
export async function gradeSamples(
  submissions: readonly SampleSubmission[],
  options: Partial<Omit<GradeOptions, "exercises">> & { exercises: number[] },
  extraPaths: readonly string[] = [],
): Promise<GradedClass> {
  const classDir = await Deno.makeTempDir({ prefix: "workbook-class-" });
  const outDir = options.outDir ?? await Deno.makeTempDir({ prefix: "workbook-grades-" });
  const paths = [...await writeSubmissions(classDir, submissions), ...extraPaths];
  const grades = await gradeClass({
    outDir,
    submissions: paths,
    seed: TEST_SEED,
    jobs: 2,
    resume: false,
    allowImports: [],
    memoryLimitMb: 1024,
    exerciseTimeLimitS: DEFAULT_EXERCISE_TIME_LIMIT_S,
    ...options,
    exercises: exercisesNumbered(options.exercises),
  });
  return { grades: new Map(grades.map((g) => [g.student, g])), outDir, classDir };
}

export async function cleanup(graded: GradedClass): Promise<void> {
  await Deno.remove(graded.classDir, { recursive: true }).catch(() => {});
  await Deno.remove(graded.outDir, { recursive: true }).catch(() => {});
}

/** A one-line description of a student's grade, for assertion messages. */
export function explain(grade: StudentGrade | undefined): string {
  if (grade === undefined) return "no grade";
  return grade.exercises.map((e) => `#${e.number} ${e.status} ${e.points}: ${e.summary}`).join(
    " | ",
  );
}
