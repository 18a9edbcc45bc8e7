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
import { bonusFor, maxBonus, maxPoints, pointsFor, totalsOf } from "./points.ts";
import {
  type ExerciseGrade,
  GRADE_SCHEMA,
  type GradingMachine,
  sanitized,
  type StudentGrade,
  terminalSafe,
} from "./result.ts";
import { type GradingHarness, prepareHarness } from "./sandbox.ts";
import { TimingGate } from "./schedule.ts";
import {
  copyExercise,
  nameSubmissions,
  openSubmission,
  type Submission,
  SubmissionError,
  submissionFingerprint,
} from "./submission.ts";
import { COMPUTED_IMPORTS_ALLOWED, vetFolder } from "./vet.ts";
import { studentDir, writeGradebook, writeStudentOutputs } from "./formats/outputs.ts";
import { keepCode } from "./class/pages.ts";
import { sourceLimitProblem } from "../check/source_limits.ts";
import { regradeInconclusive } from "./regrade.ts";
import { overallTier } from "../check/verdict.ts";
import { ExerciseClock } from "./clock.ts";
import {
  bonusNotApart,
  describeGradingMachine,
  gradebookOf,
  notReached,
  notRun,
  readAnswersFile,
  readEarlierGrade,
  readGradebook,
  readWritten,
  withAnswers,
  withoutCopyRoot,
} from "./records.ts";

export { describeGradingMachine };

/** Resident memory a submission's runner may use, all its Workers together. */
export const DEFAULT_MEMORY_MB = 3072;
/** Wall-clock time one exercise's check may take (waiting for others' timing not counted). */
export const DEFAULT_EXERCISE_TIME_LIMIT_S = 300;
/** How many printed lines of a submission's code are kept for its report. */
const KEPT_PRINTED_LINES = 20;
/**
 * With `--deadline`, grading stops this long before it (a share of the
 * deadline, within bounds): time to stop the runner and write every file.
 */
const DEADLINE_MARGIN = { share: 0.05, minS: 2, maxS: 30 };

export interface GradeOptions {
  outDir: string;
  /** Paths of submissions: folders, .zip or .tar.gz files. */
  submissions: readonly string[];
  exercises: readonly Exercise[];
  seed: number;
  /** Submissions whose correctness is checked at the same time (timing always runs alone). */
  jobs: number;
  /**
   * Keep what `outDir` holds: a submission whose earlier result is for the
   * same path and the same content keeps the exercises graded there, and only
   * the others asked for are graded and merged in; the gradebook keeps the
   * rows of students not named in this run.
   */
  resume: boolean;
  /** With `resume`: grade the exercises asked for again even where a result exists. */
  regrade?: boolean;
  /** `npm:`/`jsr:`/`https:` specifiers a submission may import; none by default. */
  allowImports: readonly string[];
  memoryLimitMb: number;
  exerciseTimeLimitS: number;
  /**
   * Seconds one submission may take in all (Gradescope kills an autograder at
   * its limit): its results so far are written before then, and the
   * exercises not reached are marked `not-reached`.
   */
  deadlineS?: number;
  /** Stops grading (Ctrl-C): what is done is written, the rest is left for `--resume`. */
  signal?: AbortSignal;
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

/**
 * Grades every submission and writes the outputs; returns the grades in
 * submission order (those not started when `signal` aborted are left out).
 */
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
    const earlierBook = options.resume ? await readGradebook(options.outDir) : null;
    options.onEvent?.({ kind: "start", students: submissions.map((s) => s.id) });
    const grades: (StudentGrade | undefined)[] = new Array(submissions.length);
    let writing = Promise.resolve();
    let next = 0;
    const worker = async () => {
      while (next < submissions.length && options.signal?.aborted !== true) {
        const index = next++;
        const submission = submissions[index] as Submission;
        let grade: StudentGrade;
        let resumed = false;
        try {
          const done = await resumeOrGrade(context, submission, index);
          grade = done.grade;
          resumed = done.resumed;
        } catch (thrown) {
          // A bug of the grader's, or a file system that fails: this student only.
          const problem = `${terminalSafe(submission.path)}: the grader failed: ${
            describeThrown(thrown)
          }`;
          const exercises = options.exercises.map((e) => notRun(e, `not graded: ${problem}`));
          grade = studentGrade(context, submission, "", exercises, problem, [], performance.now());
        }
        grade = sanitized(grade);
        grades[index] = grade;
        // Outputs are written one student at a time, each file atomically.
        const written = grade;
        writing = writing.then(async () => {
          const release = await context.gate.shared(); // not beside a timed pair
          try {
            if (!resumed) await writeStudentOutputs(options.outDir, written);
            await writeGradebook(
              options.outDir,
              gradebookOf(options, context.machine, grades, earlierBook),
            );
          } finally {
            release();
          }
        });
        await writing;
        options.onEvent?.({ kind: "student", grade, resumed });
      }
    };
    const jobs = Math.max(1, Math.min(options.jobs, submissions.length));
    await Promise.all(Array.from({ length: jobs }, worker));
    // Busy-inconclusive exercises once more, now that every submission had its turn.
    await regradeInconclusive(grades, submissions, options.exercises, {
      grade: async (submission, index, again) => {
        const fingerprint = await submissionFingerprint(submission.path);
        return sanitized(
          await gradeSubmission(context, submission, index, fingerprint, again, []),
        );
      },
      write: async (_index, grade) => {
        const release = await context.gate.shared();
        try {
          await writeStudentOutputs(options.outDir, grade);
          await writeGradebook(
            options.outDir,
            gradebookOf(options, context.machine, grades, earlierBook),
          );
        } finally {
          release();
        }
      },
    }, options.signal);
    return grades.filter((g): g is StudentGrade => g !== undefined);
  } finally {
    await Deno.remove(tempRoot, { recursive: true }).catch(() => {});
  }
}

/**
 * The earlier result of `submission` where it can stand (`--resume`: same
 * path, same content, same seed), completed with the exercises it lacks; or a
 * fresh grade.
 */
async function resumeOrGrade(
  context: Context,
  submission: Submission,
  index: number,
): Promise<{ grade: StudentGrade; resumed: boolean }> {
  const { options } = context;
  const fingerprint = await submissionFingerprint(submission.path);
  const earlier = options.resume ? await readEarlierGrade(options.outDir, submission.id) : null;
  const notes: string[] = [];
  let kept: ExerciseGrade[] = [];
  if (earlier !== null) {
    const same = earlier.submission === terminalSafe(submission.path) &&
      earlier.fingerprint === fingerprint && earlier.seed === options.seed;
    if (same) {
      const asked = new Set(options.exercises.map((e) => e.number));
      kept = earlier.exercises.filter((e) =>
        e.status !== "not-reached" && e.status !== "inconclusive" &&
        !(options.regrade === true && asked.has(e.number)) &&
        // Graded before the stretch's bonus was kept apart: its points may hold it.
        !(asked.has(e.number) && bonusNotApart(e))
      );
    } else {
      notes.push(
        `an earlier result for ${submission.id} was for ${
          earlier.fingerprint === fingerprint ? "another path or seed" : "other content"
        }: not reused`,
      );
    }
  }
  const keptNumbers = new Set(kept.map((e) => e.number));
  const toGrade = options.exercises.filter((e) => !keptNumbers.has(e.number));
  if (earlier !== null && toGrade.length === 0 && kept.length === earlier.exercises.length) {
    return { grade: earlier, resumed: true };
  }
  const fresh = await gradeSubmission(context, submission, index, fingerprint, toGrade, notes);
  if (kept.length === 0) return { grade: fresh, resumed: false };
  const exercises = [...kept, ...fresh.exercises].sort((a, b) => a.number - b.number);
  const merged: StudentGrade = {
    ...fresh,
    exercises,
    ...totalsOf(exercises),
    notes: [
      ...fresh.notes,
      `exercises ${kept.map((e) => e.number).join(", ")} kept from an earlier run`,
    ],
  };
  return { grade: merged, resumed: false };
}

async function gradeSubmission(
  context: Context,
  submission: Submission,
  index: number,
  fingerprint: string,
  exercisesToGrade: readonly Exercise[],
  notes: string[],
): Promise<StudentGrade> {
  const { options } = context;
  const started = performance.now();
  const shownPath = terminalSafe(submission.path);
  const work = `${context.tempRoot}/submission-${index}`;
  const copyRoot = `${work}/exercises`;
  await Deno.mkdir(copyRoot, { recursive: true });
  // Stopped by Ctrl-C, or by the submission's deadline less a margin to write.
  const stop = new AbortController();
  const onAbort = () => stop.abort(String(options.signal?.reason ?? "interrupted"));
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  let deadlineTimer: ReturnType<typeof setTimeout> | undefined;
  if (options.deadlineS !== undefined) {
    const deadlineS = options.deadlineS;
    const margin = Math.min(
      DEADLINE_MARGIN.maxS,
      Math.max(DEADLINE_MARGIN.minS, deadlineS * DEADLINE_MARGIN.share),
    );
    deadlineTimer = setTimeout(
      () => stop.abort(`the submission's deadline of ${deadlineS} s was reached`),
      Math.max(0, deadlineS - margin) * 1000,
    );
  }
  let exercisesDir: string | null = null;
  let problem: string | null = null;
  const exercises: ExerciseGrade[] = [];
  try {
    const release = await context.gate.shared();
    try {
      exercisesDir = await openSubmission(submission.path, work);
    } catch (thrown) {
      problem = thrown instanceof SubmissionError
        ? `${shownPath} ${thrown.message}`
        : `${shownPath} cannot be read: ${describeThrown(thrown)}`;
    } finally {
      release();
    }
    for (const exercise of exercisesToGrade) {
      let grade: ExerciseGrade;
      if (exercisesDir === null) grade = notRun(exercise, `not graded: ${problem}`);
      else if (stop.signal.aborted) grade = notReached(exercise, String(stop.signal.reason));
      else {
        grade = withAnswers(
          withoutCopyRoot(
            await gradeExercise(context, exercise, exercisesDir, copyRoot, notes, stop.signal),
            copyRoot,
          ),
          await readAnswersFile(exercise, `${copyRoot}/${exercise.dir}`),
        );
        // For the class's similarity report: the code as graded (never part of a grade).
        await keepCode(
          `${copyRoot}/${exercise.dir}`,
          studentDir(options.outDir, submission.id),
          exercise,
        );
      }
      exercises.push(grade);
      context.options.onEvent?.({ kind: "exercise", student: submission.id, grade });
    }
  } finally {
    clearTimeout(deadlineTimer);
    options.signal?.removeEventListener("abort", onAbort);
    await Deno.remove(work, { recursive: true }).catch(() => {});
  }
  return studentGrade(context, submission, fingerprint, exercises, problem, notes, started);
}

function studentGrade(
  context: Context,
  submission: Submission,
  fingerprint: string,
  exercises: ExerciseGrade[],
  problem: string | null,
  notes: string[],
  started: number,
): StudentGrade {
  const incomplete = exercises.some((e) => e.status === "not-reached");
  return {
    schema: GRADE_SCHEMA,
    student: submission.id,
    submission: terminalSafe(submission.path),
    fingerprint,
    status: problem !== null ? "error" : incomplete ? "incomplete" : "graded",
    problem,
    notes,
    exercises,
    ...totalsOf(exercises),
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
  stop: AbortSignal,
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
    // A folder the size of a table is refused before vetting reads it.
    const tooLarge = await sourceLimitProblem(
      exercise,
      `${copyRoot}/${exercise.dir}`,
      exercise.dir,
    );
    problems = tooLarge !== null ? [tooLarge.message] : await vetFolder(
      `${copyRoot}/${exercise.dir}`,
      exercise.dir,
      {
        allowImports: options.allowImports,
        computedImports: exercise.slug in COMPUTED_IMPORTS_ALLOWED,
      },
    );
    // Compiling (AssemblyScript, in a process of its own under limits) here,
    // while no pair is timed; the check finds it cached. A failed build is
    // this exercise's error.
    if (problems.length === 0 && needsBuild(exercise)) {
      const built = await buildExercise(exercise, `${copyRoot}/${exercise.dir}`, {
        signal: stop,
      });
      if (stop.aborted) return notReached(exercise, String(stop.reason));
      if (!built.ok) return notRun(exercise, built.message);
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
  const onStop = () => controller.abort(String(stop.reason));
  if (stop.aborted) onStop();
  else stop.addEventListener("abort", onStop, { once: true });
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
        printed.push([...event.line].slice(0, 300).join(""));
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
    if (stop.aborted) return notReached(exercise, String(stop.reason));
    const written = await readWritten(exercise, `${copyRoot}/${exercise.dir}`);
    const outOfTime = controller.signal.aborted;
    const status = outOfTime ? "error" : result.status;
    const tier = outOfTime ? null : overallTier(result);
    const stretchTier = outOfTime ? null : result.stretch?.tier ?? null;
    const outcome = { status, tier, credit: result.credit, stretchTier };
    const points = pointsFor(exercise, outcome);
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
      // Extra credit, apart from the points (which never exceed maxPoints).
      ...(exercise.stretch === undefined ? {} : {
        bonus: bonusFor(exercise, outcome),
        maxBonus: maxBonus(exercise),
        stretch: result.stretch ?? null,
      }),
      credit: result.credit,
      tests: result.tests,
      performance: result.performance,
      parallel: result.parallel,
      printed,
      ...(written.length === 0 ? {} : { written }),
      durationMs: Math.round(performance.now() - started),
    };
  } catch (thrown) {
    if (stop.aborted) return notReached(exercise, String(stop.reason));
    // A failure of the harness, not of the submission: said so, and graded as not run.
    return notRun(exercise, `the grader failed on this exercise: ${describeThrown(thrown)}`);
  } finally {
    clock.stop();
    stop.removeEventListener("abort", onStop);
  }
}
