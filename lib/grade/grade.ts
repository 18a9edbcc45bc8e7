/**
 * Grading a class: every submission's exercises checked in the sandbox, the
 * points decided (`points.ts`), and every output written as soon as a
 * student is done, so an interrupted run can `--resume`.
 *
 * Order of work for one exercise of one submission: copy its folder out of the
 * submission, vet its imports, then `runCheck` with runners that may read only
 * that copy and the harness files the check needs (`sandbox.ts`), under
 * a memory limit and a wall-clock limit, and whose timed pairs run alone
 * (`schedule.ts`).
 *
 * @module
 */
import type { Exercise } from "../exercise/catalogue.ts";
import { buildExercise, needsBuild } from "../exercise/build.ts";
import { type CheckOptions, runCheck } from "../check/check.ts";
import { describeThrown } from "../check/describe.ts";
import { describeMachine } from "../check/machine.ts";
import { maxPoints, pointsFor } from "./points.ts";
import {
  type ExerciseGrade,
  GRADE_SCHEMA,
  type Gradebook,
  type GradingMachine,
  type StudentGrade,
} from "./result.ts";
import { type GradingHarness, prepareHarness } from "./sandbox.ts";
import { TimingGate } from "./schedule.ts";
import {
  copyExercise,
  nameSubmissions,
  openSubmission,
  type Submission,
  SubmissionError,
} from "./submission.ts";
import { COMPUTED_IMPORTS_ALLOWED, vetFolder } from "./vet.ts";
import { readStudentGrade, writeGradebook, writeStudentOutputs } from "./formats/outputs.ts";
import type { JobGate } from "../sandbox/runner_client.ts";
import { overallTier } from "../check/verdict.ts";

/** Resident memory a submission's runner may use, all its Workers together. */
export const DEFAULT_MEMORY_MB = 3072;
/** Wall-clock time one exercise's check may take (waiting for others' timing not counted). */
export const DEFAULT_EXERCISE_TIME_LIMIT_S = 300;
/** How many printed lines of a submission's code are kept for its report. */
const KEPT_PRINTED_LINES = 20;

export interface GradeOptions {
  outDir: string;
  /** Paths of submissions: folders, .zip or .tar.gz files. */
  submissions: readonly string[];
  exercises: readonly Exercise[];
  seed: number;
  /** Submissions whose correctness is checked at the same time (timing always runs alone). */
  jobs: number;
  /** Skip submissions whose result is already in `outDir`. */
  resume: boolean;
  /** `npm:`/`jsr:`/`https:` specifiers a submission may import; none by default. */
  allowImports: readonly string[];
  memoryLimitMb: number;
  exerciseTimeLimitS: number;
  /** Correctness only, no timing (the grader's own tests). */
  quick?: boolean;
  /** Per-test time limit override (the grader's own tests). */
  timeoutMs?: number;
  /** The grader's own tests: a fake contention probe and core count (see `CheckOptions`). */
  contentionProbe?: CheckOptions["contentionProbe"];
  cores?: number;
  onEvent?: (event: GradeEvent) => void;
}

/** Progress, for a terminal to show. */
export type GradeEvent =
  | { kind: "start"; students: string[] }
  | { kind: "exercise"; student: string; grade: ExerciseGrade }
  | { kind: "student"; grade: StudentGrade; resumed: boolean };

/** Everything one grading run shares. */
interface Context {
  options: GradeOptions;
  harness: GradingHarness;
  gate: TimingGate;
  machine: GradingMachine;
  tempRoot: string;
}

/** Grades every submission and writes the outputs; returns the grades in submission order. */
export async function gradeClass(options: GradeOptions): Promise<StudentGrade[]> {
  await Deno.mkdir(options.outDir, { recursive: true });
  const tempRoot = await Deno.realPath(await Deno.makeTempDir({ prefix: "workbook-grade-" }));
  try {
    const context: Context = {
      options,
      harness: await prepareHarness(`${tempRoot}/harness`, options.exercises),
      gate: new TimingGate(),
      machine: describeGradingMachine(),
      tempRoot,
    };
    const submissions = nameSubmissions(options.submissions);
    options.onEvent?.({ kind: "start", students: submissions.map((s) => s.id) });
    const grades: (StudentGrade | undefined)[] = new Array(submissions.length);
    let writing = Promise.resolve();
    let next = 0;
    const worker = async () => {
      while (next < submissions.length) {
        const index = next++;
        const submission = submissions[index] as Submission;
        const earlier = options.resume
          ? await readStudentGrade(options.outDir, submission.id, options.exercises)
          : null;
        let grade: StudentGrade;
        try {
          grade = earlier ?? await gradeSubmission(context, submission, index);
        } catch (thrown) {
          // A bug of the grader's, or a file system that fails: this student only.
          const problem = `${submission.path}: the grader failed: ${describeThrown(thrown)}`;
          const exercises = options.exercises.map((e) => notRun(e, `not graded: ${problem}`));
          grade = studentGrade(context, submission, exercises, problem, [], performance.now());
        }
        grades[index] = grade;
        // Outputs are written one student at a time, each file atomically.
        writing = writing.then(async () => {
          const release = await context.gate.shared(); // not beside a timed pair
          try {
            if (earlier === null) await writeStudentOutputs(options.outDir, grade);
            await writeGradebook(options.outDir, gradebookOf(context, grades));
          } finally {
            release();
          }
        });
        await writing;
        options.onEvent?.({ kind: "student", grade, resumed: earlier !== null });
      }
    };
    const jobs = Math.max(1, Math.min(options.jobs, submissions.length));
    await Promise.all(Array.from({ length: jobs }, worker));
    await regradeInconclusive(context, submissions, grades as StudentGrade[]);
    return grades as StudentGrade[];
  } finally {
    await Deno.remove(tempRoot, { recursive: true }).catch(() => {});
  }
}

async function gradeSubmission(
  context: Context,
  submission: Submission,
  index: number,
): Promise<StudentGrade> {
  const started = performance.now();
  const work = `${context.tempRoot}/submission-${index}`;
  const copyRoot = `${work}/exercises`;
  await Deno.mkdir(copyRoot, { recursive: true });
  const notes: string[] = [];
  let exercisesDir: string | null = null;
  let problem: string | null = null;
  const release = await context.gate.shared();
  try {
    exercisesDir = await openSubmission(submission.path, work);
  } catch (thrown) {
    problem = thrown instanceof SubmissionError
      ? `${submission.path} ${thrown.message}`
      : `${submission.path} cannot be read: ${describeThrown(thrown)}`;
  } finally {
    release();
  }
  const exercises: ExerciseGrade[] = [];
  for (const exercise of context.options.exercises) {
    const grade = exercisesDir === null
      ? notRun(exercise, `not graded: ${problem}`)
      : await gradeExercise(context, exercise, exercisesDir, copyRoot, notes);
    exercises.push(grade);
    context.options.onEvent?.({ kind: "exercise", student: submission.id, grade });
  }
  await Deno.remove(work, { recursive: true }).catch(() => {});
  return studentGrade(context, submission, exercises, problem, notes, started);
}

function studentGrade(
  context: Context,
  submission: Submission,
  exercises: ExerciseGrade[],
  problem: string | null,
  notes: string[],
  started: number,
): StudentGrade {
  return {
    schema: GRADE_SCHEMA,
    student: submission.id,
    submission: submission.path,
    status: problem === null ? "graded" : "error",
    problem,
    notes,
    exercises,
    total: round2(exercises.reduce((sum, e) => sum + e.points, 0)),
    maxTotal: exercises.reduce((sum, e) => sum + e.maxPoints, 0),
    seed: context.options.seed,
    machine: context.machine,
    gradedAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - started),
  };
}

async function gradeExercise(
  context: Context,
  exercise: Exercise,
  exercisesDir: string,
  copyRoot: string,
  notes: string[],
): Promise<ExerciseGrade> {
  const { options, harness } = context;
  const started = performance.now();
  const release = await context.gate.shared();
  let problems: string[];
  try {
    const copied = await copyExercise(exercise, exercisesDir, copyRoot).catch((thrown) => ({
      ok: false as const,
      problem: `cannot be copied: ${describeThrown(thrown)}`,
    }));
    if (!copied.ok) return notRun(exercise, copied.problem);
    notes.push(...copied.notes);
    problems = await vetFolder(`${copyRoot}/${exercise.dir}`, exercise.dir, {
      allowImports: options.allowImports,
      computedImports: exercise.slug in COMPUTED_IMPORTS_ALLOWED,
    });
    // Compiling (AssemblyScript) here, while no pair is timed; the check finds it cached.
    if (problems.length === 0 && needsBuild(exercise)) {
      await buildExercise(exercise, `${copyRoot}/${exercise.dir}`);
    }
  } finally {
    release();
  }
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
    return notRun(exercise, `rejected before running: ${problems[0]}${more}`);
  }

  const limitS = options.exerciseTimeLimitS;
  const controller = new AbortController();
  const clock = new ExerciseClock(
    limitS * 1000,
    () => controller.abort(`stopped: the exercise used up its time limit of ${limitS} s`),
  );
  const printed: string[] = [];
  try {
    const result = await runCheck({
      exercise,
      source: { kind: "dir", path: copyRoot },
      seed: options.seed,
      quick: options.quick ?? false,
      size: "default",
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.contentionProbe === undefined
        ? {}
        : { contentionProbe: options.contentionProbe }),
      ...(options.cores === undefined ? {} : { cores: options.cores }),
      onEvent: (event) => {
        if (event.kind !== "printed") return;
        printed.push(event.line.slice(0, 300));
        if (printed.length > KEPT_PRINTED_LINES) printed.shift();
      },
      sandbox: {
        readPaths: [...harness.readPaths(exercise), `${copyRoot}/${exercise.dir}`],
        rssLimitMb: options.memoryLimitMb,
        signal: controller.signal,
        gate: clock.wrap(context.gate.gate),
        configPath: harness.configPath,
        denoDir: harness.denoDir,
      },
    });
    const outOfTime = controller.signal.aborted;
    const status = outOfTime ? "error" : result.status;
    const tier = outOfTime ? null : overallTier(result);
    const points = pointsFor(exercise, { status, tier, credit: result.credit });
    return {
      number: exercise.number,
      slug: exercise.slug,
      title: exercise.title,
      status,
      summary: outOfTime ? String(controller.signal.reason) : result.summary,
      tier,
      points: points ?? 0, // inconclusive: not graded (see `graded`), never a 0 grade
      ...(points === null ? { graded: false } : {}),
      maxPoints: maxPoints(exercise),
      credit: result.credit,
      tests: result.tests,
      performance: result.performance,
      parallel: result.parallel,
      printed,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (thrown) {
    // A failure of the harness, not of the submission: said so, and graded as not run.
    return notRun(exercise, `the grader failed on this exercise: ${describeThrown(thrown)}`);
  } finally {
    clock.stop();
  }
}

/** An exercise that was not run: missing, rejected, or its submission could not be opened. */
function notRun(exercise: Exercise, summary: string): ExerciseGrade {
  return {
    number: exercise.number,
    slug: exercise.slug,
    title: exercise.title,
    status: "error",
    summary,
    tier: null,
    points: 0,
    maxPoints: maxPoints(exercise),
    credit: null,
    tests: [],
    performance: null,
    parallel: null,
    printed: [],
    durationMs: 0,
  };
}

/**
 * A wall-clock budget that does not run while its exercise waits for another
 * submission's timed pairs: with `--jobs 4`, waiting is not the student's doing.
 */
class ExerciseClock {
  #remaining: number;
  #since = performance.now();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(limitMs: number, readonly onExpire: () => void) {
    this.#remaining = limitMs;
    this.#arm();
  }

  #arm(): void {
    this.#since = performance.now();
    this.#timer = setTimeout(() => {
      this.#stopped = true;
      this.onExpire();
    }, Math.max(0, this.#remaining));
  }

  pause(): void {
    if (this.#stopped || this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#remaining -= performance.now() - this.#since;
  }

  resume(): void {
    if (this.#stopped || this.#timer !== undefined) return;
    this.#arm();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  /** A runner gate whose waiting does not count against this clock. */
  wrap(gate: JobGate): JobGate {
    return async (kind, pid) => {
      this.pause();
      try {
        return await gate(kind, pid);
      } finally {
        this.resume();
      }
    };
  }
}

// --- Inconclusive exercises (issue 13): re-run at the end of the run, never a 0. ---

/** Whether a grade was left inconclusive by a busy machine (re-running may help; one core will not). */
function busyInconclusive(e: ExerciseGrade): boolean {
  return e.status === "inconclusive" &&
    [e.performance, e.parallel].some((part) => part?.inconclusive === "busy");
}

/**
 * Grades the busy-inconclusive exercises once more, after every submission had
 * its turn (the machine may be quieter by then), and writes the outputs of the
 * students whose grade changed. An exercise still inconclusive stays marked so.
 */
async function regradeInconclusive(
  context: Context,
  submissions: readonly Submission[],
  grades: StudentGrade[],
): Promise<void> {
  for (const [index, grade] of grades.entries()) {
    const again = context.options.exercises.filter((exercise) =>
      grade.exercises.some((e) => e.number === exercise.number && busyInconclusive(e))
    );
    if (again.length === 0) continue;
    const submission = submissions[index] as Submission;
    const subset = { ...context, options: { ...context.options, exercises: again } };
    const regraded = await gradeSubmission(subset, submission, index).catch(() => null);
    if (regraded === null) continue;
    const exercises = grade.exercises.map((e) =>
      regraded.exercises.find((r) => r.number === e.number) ?? e
    );
    const notes = [
      ...grade.notes,
      `re-graded at the end of the run (the machine was busy): exercise ${
        again.map((e) => e.number).join(", ")
      }`,
    ];
    grades[index] = studentGrade(context, submission, exercises, grade.problem, notes, 0);
    grades[index].durationMs = grade.durationMs + regraded.durationMs;
    const release = await context.gate.shared();
    try {
      await writeStudentOutputs(context.options.outDir, grades[index]);
      await writeGradebook(context.options.outDir, gradebookOf(context, grades));
    } finally {
      release();
    }
  }
}

function gradebookOf(context: Context, grades: readonly (StudentGrade | undefined)[]): Gradebook {
  const { options } = context;
  return {
    schema: "workbook-gradebook/1",
    seed: options.seed,
    exercises: options.exercises.map((e) => ({
      number: e.number,
      slug: e.slug,
      maxPoints: maxPoints(e),
    })),
    machine: context.machine,
    settings: {
      jobs: options.jobs,
      memoryLimitMb: options.memoryLimitMb,
      exerciseTimeLimitS: options.exerciseTimeLimitS,
      allowImports: [...options.allowImports],
    },
    students: grades.filter((g): g is StudentGrade => g !== undefined).map((g) => ({
      student: g.student,
      status: g.status,
      problem: g.problem,
      points: Object.fromEntries(g.exercises.map((e) => [String(e.number), e.points])),
      total: g.total,
      maxTotal: g.maxTotal,
    })),
    updatedAt: new Date().toISOString(),
  };
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

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
