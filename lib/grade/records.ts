/**
 * Records of grading besides a check's result: what an earlier run left in its
 * output folder (read back by `--resume` and partial re-grades), the grade of
 * an exercise that was not run or not reached, and the machine a grading runs on.
 *
 * @module
 */
import { describeMachine } from "../check/machine.ts";
import { GRADE_SCHEMA, type Gradebook, type GradingMachine, type StudentGrade } from "./result.ts";
import { studentDir } from "./formats/outputs.ts";
import { CATALOGUE, type Exercise } from "../exercise/catalogue.ts";
import { maxBonus, maxPoints, totalsOf } from "./points.ts";
import { nameSubmissions } from "./submission.ts";
import type { ExerciseGrade, WrittenAnswer } from "./result.ts";
import { ANSWERS_FILE, parseAnswers, QUESTIONS } from "../learner/answers.ts";

/** The gradebook already in `outDir`, or null. */
export async function readGradebook(outDir: string): Promise<Gradebook | null> {
  try {
    const book = JSON.parse(await Deno.readTextFile(`${outDir}/gradebook.json`)) as Gradebook;
    return book.schema === "workbook-gradebook/1" && Array.isArray(book.students) ? book : null;
  } catch {
    return null;
  }
}

/** A student's earlier result in `outDir`, whatever exercises it covers; null if none. */
export async function readEarlierGrade(
  outDir: string,
  student: string,
): Promise<StudentGrade | null> {
  try {
    const grade = JSON.parse(
      await Deno.readTextFile(`${studentDir(outDir, student)}/result.json`),
    ) as StudentGrade;
    return grade.schema === GRADE_SCHEMA && Array.isArray(grade.exercises) ? grade : null;
  } catch {
    return null;
  }
}

/** The machine, with what a timing depends on besides the CPU: memory and load. */
export function describeGradingMachine(): GradingMachine {
  let memoryMb = 0;
  let loadAverage: number[] = [];
  try {
    memoryMb = Math.round(Deno.systemMemoryInfo().total / 1024 / 1024);
    loadAverage = Deno.loadavg().map((x) => Math.round(x * 100) / 100);
  } catch {
    // No sys permission: leave them out.
  }
  return { ...describeMachine(), memoryMb, loadAverage };
}

/**
 * `grade` with the grader's temporary copy left out of its messages: a
 * compiler's or loader's `/tmp/workbook-grade-…/exercises/08_wasm_kernel/kernel.as.ts`
 * is shown as `08_wasm_kernel/kernel.as.ts`, as the student knows it.
 */
export function withoutCopyRoot(grade: ExerciseGrade, copyRoot: string): ExerciseGrade {
  const strip = (text: string) => text.replaceAll(`${copyRoot}/`, "");
  return {
    ...grade,
    summary: strip(grade.summary),
    tests: grade.tests.map((t) => ({ ...t, message: strip(t.message) })),
  };
}

/** An exercise that was not run: missing, rejected, or its submission could not be opened. */
export function notRun(exercise: Exercise, summary: string): ExerciseGrade {
  return {
    number: exercise.number,
    slug: exercise.slug,
    title: exercise.title,
    status: "error",
    summary,
    tier: null,
    points: 0,
    maxPoints: maxPoints(exercise),
    ...(exercise.stretch === undefined
      ? {}
      : { bonus: 0, maxBonus: maxBonus(exercise), stretch: null }),
    credit: null,
    tests: [],
    performance: null,
    parallel: null,
    printed: [],
    durationMs: 0,
  };
}

/**
 * Whether an earlier grade of an exercise with a stretch was recorded before
 * its bonus was kept apart from its points (no `bonus`): `--resume` grades it again.
 */
export function bonusNotApart(grade: ExerciseGrade): boolean {
  const exercise = CATALOGUE.find((e) => e.number === grade.number);
  return exercise?.stretch !== undefined && grade.bonus === undefined;
}

/** An exercise whose grading was stopped (or never started) by a deadline or Ctrl-C. */
export function notReached(exercise: Exercise, why: string): ExerciseGrade {
  return { ...notRun(exercise, `not reached: ${why}`), status: "not-reached" };
}

/** The longest text of a written file kept for the report (a few pages of prose). */
const MAX_WRITTEN_CHARS = 20_000;

/**
 * The learner's prose for the instructor (the catalogue's `written` files), read
 * here from the copy of the submission, never through the learner's code.
 */
export async function readWritten(
  exercise: Exercise,
  folder: string,
): Promise<{ file: string; text: string }[]> {
  const written: { file: string; text: string }[] = [];
  for (const file of exercise.written ?? []) {
    try {
      const text = await Deno.readTextFile(`${folder}/${file}`);
      written.push({
        file,
        text: text.length > MAX_WRITTEN_CHARS
          ? `${text.slice(0, MAX_WRITTEN_CHARS)}\n[… cut at ${MAX_WRITTEN_CHARS} characters]`
          : text,
      });
    } catch {
      written.push({ file, text: "[not handed in]" });
    }
  }
  return written;
}

/** The longest answers file read (a few pages per question); more is cut. */
const MAX_ANSWERS_FILE_CHARS = 64_000;
/** The longest answer kept for one question. */
const MAX_ANSWER_CHARS = 8_000;

/**
 * The learner's `answers.md` of `exercise` in `folder` (the grader's copy of the
 * submission, read before or after the check, never through the learner's code):
 * one entry per declared question. Undefined when the exercise asks no
 * question or the file is not there.
 */
export async function readAnswersFile(
  exercise: Exercise,
  folder: string,
): Promise<WrittenAnswer[] | undefined> {
  const questions = QUESTIONS[exercise.slug];
  if (questions === undefined || questions.length === 0) return undefined;
  let text: string;
  try {
    const path = `${folder}/${ANSWERS_FILE}`;
    if (!(await Deno.lstat(path)).isFile) return undefined;
    text = (await Deno.readTextFile(path)).slice(0, MAX_ANSWERS_FILE_CHARS);
  } catch {
    return undefined;
  }
  const answers = parseAnswers(text);
  return questions.map((q) => {
    const answer = answers.get(q.id) ?? "";
    return {
      id: q.id,
      prompt: q.prompt,
      answer: answer === ""
        ? null
        : answer.length > MAX_ANSWER_CHARS
        ? `${answer.slice(0, MAX_ANSWER_CHARS)}\n[… cut at ${MAX_ANSWER_CHARS} characters]`
        : answer,
    };
  });
}

/** `grade` with the answers read for it, when there are any. */
export function withAnswers(
  grade: ExerciseGrade,
  answers: WrittenAnswer[] | undefined,
): ExerciseGrade {
  return answers === undefined ? grade : { ...grade, answers };
}

/** What of a grading run's options the gradebook records. */
export interface GradebookOptions {
  submissions: readonly string[];
  exercises: readonly Exercise[];
  seed: number;
  jobs: number;
  memoryLimitMb: number;
  exerciseTimeLimitS: number;
  deadlineS?: number;
  allowImports: readonly string[];
}

/** An exercise's gradebook column; `maxBonus` only where it has a stretch. */
function gradebookColumn(
  e: { number: number; slug: string },
  maxPoints: number,
  maxBonus: number,
): Gradebook["exercises"][number] {
  return { number: e.number, slug: e.slug, maxPoints, ...(maxBonus > 0 ? { maxBonus } : {}) };
}

/**
 * A student's gradebook row: each exercise's own points (an exercise that could
 * not be graded, inconclusive, has no cell: it is no grade, not a 0), each
 * stretch's tier, the total (at most the maximum) and the extra credit beside it.
 */
export function gradebookRow(g: StudentGrade): Gradebook["students"][number] {
  const stretched = g.exercises.filter((e) => e.bonus !== undefined && e.graded !== false);
  return {
    student: g.student,
    status: g.status,
    problem: g.problem,
    points: Object.fromEntries(
      g.exercises.filter((e) => e.graded !== false).map((e) => [String(e.number), e.points]),
    ),
    ...(stretched.length === 0 ? {} : {
      stretch: Object.fromEntries(
        stretched.map((e) => [String(e.number), e.stretch?.tier ?? null]),
      ),
    }),
    total: g.total,
    maxTotal: g.maxTotal,
    bonus: g.bonus ?? totalsOf(g.exercises).bonus,
  };
}

/**
 * The gradebook of `grades`, keeping (with `--resume`) the rows and columns of
 * the `earlier` one that this run did not grade.
 */
export function gradebookOf(
  options: GradebookOptions,
  machine: GradingMachine,
  grades: readonly (StudentGrade | undefined)[],
  earlier: Gradebook | null,
): Gradebook {
  const rows = grades.filter((g): g is StudentGrade => g !== undefined).map(gradebookRow);
  // `--resume`: the rows and columns of the earlier gradebook stay, this run's rows replace theirs.
  const named = new Set(nameSubmissions(options.submissions).map((s) => s.id));
  const keptRows = (earlier?.students ?? []).filter((row) => !named.has(row.student));
  const columns = new Map<number, Gradebook["exercises"][number]>();
  for (const column of earlier?.exercises ?? []) columns.set(column.number, column);
  for (const e of options.exercises) {
    columns.set(e.number, gradebookColumn(e, maxPoints(e), maxBonus(e)));
  }
  for (const g of grades) {
    for (const e of g?.exercises ?? []) {
      columns.set(e.number, gradebookColumn(e, e.maxPoints, e.maxBonus ?? 0));
    }
  }
  return {
    schema: "workbook-gradebook/1",
    seed: options.seed,
    exercises: [...columns.values()].sort((a, b) => a.number - b.number),
    machine,
    settings: {
      jobs: options.jobs,
      memoryLimitMb: options.memoryLimitMb,
      exerciseTimeLimitS: options.exerciseTimeLimitS,
      deadlineS: options.deadlineS ?? null,
      allowImports: [...options.allowImports],
    },
    students: [...keptRows, ...rows],
    updatedAt: new Date().toISOString(),
  };
}
