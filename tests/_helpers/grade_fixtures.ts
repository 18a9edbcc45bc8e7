/**
 * Graded submissions made up in memory, for the tests of the grader's output
 * formats: no check runs, so a format's test takes milliseconds.
 *
 * @module
 */
import { CATALOGUE } from "../../lib/exercise/catalogue.ts";
import { maxBonus, maxPoints, stretchBonus, totalsOf } from "../../lib/grade/points.ts";
import { gradebookRow } from "../../lib/grade/records.ts";
import {
  type ExerciseGrade,
  GRADE_SCHEMA,
  type Gradebook,
  type StudentGrade,
} from "../../lib/grade/result.ts";
import type { PerformanceResult, Tier } from "../../lib/check/types.ts";
import { TEST_SEED } from "./helpers.ts";

const MACHINE = {
  cores: 2,
  cpu: "test CPU",
  deno: "2.9.6",
  v8: "13",
  os: "linux",
  memoryMb: 4096,
  loadAverage: [0.5, 0.5, 0.5],
};

/** A speed part with the given status and median speed-up. */
export function speedPart(status: PerformanceResult["status"], median: number): PerformanceResult {
  return {
    status,
    reason: status === "skipped" ? "one core: not measured" : `${median}× the baseline`,
    baselineMs: 100,
    candidateMs: 100 / median,
    speedup: { median, min: median * 0.9, max: median * 1.1 },
    required: 1.5,
    tier: status === "pass" ? "gold" : null,
    tiers: { pass: 1.5, silver: 1.8, gold: 2.1 },
    pairs: 3,
    size: "default",
  };
}

/** One exercise's grade: `kind` picks a passing, failing, skipped-speed or not-run shape. */
export function exerciseGrade(
  number: number,
  kind: "gold" | "fail" | "skipped-speed" | "missing",
): ExerciseGrade {
  const exercise = CATALOGUE.find((e) => e.number === number);
  if (exercise === undefined) throw new Error(`no exercise ${number}`);
  const base = {
    number,
    slug: exercise.slug,
    title: exercise.title,
    maxPoints: maxPoints(exercise),
    credit: null,
    printed: [],
    durationMs: 1234,
  };
  switch (kind) {
    case "gold":
      return {
        ...base,
        status: "pass",
        summary: "passed, gold",
        tier: "gold",
        points: maxPoints(exercise),
        tests: [{ name: "small n", status: "pass", message: "" }],
        performance: speedPart("pass", 2.5),
        parallel: null,
      };
    case "fail":
      return {
        ...base,
        status: "fail",
        summary: "1 of 2 tests failed",
        tier: null,
        points: 0,
        tests: [
          { name: "small n", status: "pass", message: "" },
          { name: "large n <&>\"'", status: "fail", message: "expected 1, got 2 <&>" },
        ],
        performance: null,
        parallel: null,
      };
    case "skipped-speed":
      return {
        ...base,
        status: "pass",
        summary: "passed; speed not measured",
        tier: "pass",
        points: exercise.points.pass,
        tests: [{ name: "small n", status: "pass", message: "" }],
        performance: speedPart("skipped", 0),
        parallel: speedPart("skipped", 0),
      };
    case "missing":
      return {
        ...base,
        status: "error",
        summary: "not in the submission",
        tier: null,
        points: 0,
        tests: [],
        performance: null,
        parallel: null,
      };
  }
}

/**
 * `grade` (of an exercise with a stretch: exercise 9) with its stretch measured
 * at `tier` (null: below the pass tier) and the bonus that tier earns, as the
 * grader records it: the bonus beside the points, never in them.
 */
export function withStretch(grade: ExerciseGrade, tier: Tier | null): ExerciseGrade {
  const exercise = CATALOGUE.find((e) => e.number === grade.number);
  if (exercise?.stretch === undefined) throw new Error(`exercise ${grade.number} has no stretch`);
  const median = tier === null ? 2 : exercise.stretch.tiers[tier] + 0.1;
  return {
    ...grade,
    bonus: grade.status === "pass" ? stretchBonus(exercise, tier) : 0,
    maxBonus: maxBonus(exercise),
    stretch: {
      ...speedPart(tier === null ? "fail" : "pass", median),
      tier,
      tiers: exercise.stretch.tiers,
      required: exercise.stretch.tiers.pass,
    },
  };
}

/** A graded submission at `path` with these exercise grades. */
export function studentGrade(
  student: string,
  path: string,
  exercises: ExerciseGrade[],
): StudentGrade {
  return {
    schema: GRADE_SCHEMA,
    fingerprint: "sha256:test",
    student,
    submission: path,
    status: "graded",
    problem: null,
    notes: [],
    exercises,
    ...totalsOf(exercises),
    seed: TEST_SEED,
    machine: MACHINE,
    gradedAt: "2026-11-30T12:00:00.000Z",
    durationMs: 60_000,
  };
}

/** The gradebook of `grades` (what grade.ts writes as gradebook.json). */
export function gradebookOf(grades: readonly StudentGrade[]): Gradebook {
  const first = grades[0];
  return {
    schema: "workbook-gradebook/1",
    seed: TEST_SEED,
    exercises: (first?.exercises ?? []).map((e) => ({
      number: e.number,
      slug: e.slug,
      maxPoints: e.maxPoints,
      ...(e.maxBonus === undefined ? {} : { maxBonus: e.maxBonus }),
    })),
    machine: MACHINE,
    settings: {
      jobs: 1,
      memoryLimitMb: 1024,
      exerciseTimeLimitS: 300,
      deadlineS: null,
      allowImports: [],
    },
    students: grades.map(gradebookRow),
    updatedAt: "2026-11-30T12:00:00.000Z",
  };
}
