/**
 * What grading records: per exercise, per student, and for the class. The
 * gradebook, the reports and the platform formats are all written from these.
 *
 * @module
 */
import type { MachineInfo, PerformanceResult, TestResult, Tier } from "../check/types.ts";

export const GRADE_SCHEMA = "workbook-grade/1";

/** One exercise of one submission. */
export interface ExerciseGrade {
  number: number;
  slug: string;
  title: string;
  /**
   * `error` also when the code was never run: missing, or rejected by vetting.
   * `inconclusive`: its speed could not be measured fairly (a busy machine after
   * a re-run at the end, or one core for a parallel part): not graded.
   */
  status: "pass" | "fail" | "error" | "inconclusive";
  /** False when the exercise could not be graded (inconclusive): its `points` are no grade. */
  graded?: boolean;
  /** One line: why the status is what it is. */
  summary: string;
  tier: Tier | null;
  points: number;
  maxPoints: number;
  /** Mean credit of a partial-credit exercise, else null. */
  credit: number | null;
  tests: TestResult[];
  performance: PerformanceResult | null;
  parallel: PerformanceResult | null;
  /** The last lines the submission's code printed (for the instructor's report). */
  printed: string[];
  durationMs: number;
}

/** One submission, graded. */
export interface StudentGrade {
  schema: typeof GRADE_SCHEMA;
  student: string;
  /** The path the instructor gave. */
  submission: string;
  /** `error`: the submission as a whole could not be graded (see `problem`). */
  status: "graded" | "error";
  problem: string | null;
  /** What the grader did besides grading (a stub filled in, a link skipped). */
  notes: string[];
  exercises: ExerciseGrade[];
  total: number;
  maxTotal: number;
  seed: number;
  machine: GradingMachine;
  gradedAt: string;
  durationMs: number;
}

/** Where the grading ran: timings are only comparable on one machine. */
export interface GradingMachine extends MachineInfo {
  memoryMb: number;
  /** 1-, 5- and 15-minute load averages when grading started. */
  loadAverage: number[];
}

/** The whole class. */
export interface Gradebook {
  schema: "workbook-gradebook/1";
  seed: number;
  exercises: { number: number; slug: string; maxPoints: number }[];
  machine: GradingMachine;
  /** The grading's settings, so a run can be repeated. */
  settings: {
    jobs: number;
    memoryLimitMb: number;
    exerciseTimeLimitS: number;
    allowImports: string[];
  };
  students: {
    student: string;
    status: StudentGrade["status"];
    problem: string | null;
    points: Record<string, number>;
    total: number;
    maxTotal: number;
  }[];
  updatedAt: string;
}

/** The column name of an exercise in the gradebook: `01-slow-series`. */
export function exerciseColumn(exercise: { number: number; slug: string }): string {
  return `${String(exercise.number).padStart(2, "0")}-${exercise.slug}`;
}
