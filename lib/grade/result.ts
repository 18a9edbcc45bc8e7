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
   * `not-reached`: grading stopped before this exercise ended (the submission's
   * `--deadline`, or Ctrl-C); `--resume` grades it again.
   * `inconclusive`: its speed could not be measured fairly (a busy machine after
   * a re-run at the end, or one core for a parallel part): not graded.
   */
  status: "pass" | "fail" | "error" | "not-reached" | "inconclusive";
  /** False when the exercise could not be graded (inconclusive): its `points` are no grade. */
  graded?: boolean;
  /** One line: why the status is what it is. */
  summary: string;
  tier: Tier | null;
  /** The exercise's own points, never above `maxPoints`: the stretch's bonus is apart (`bonus`). */
  points: number;
  maxPoints: number;
  /**
   * Extra credit: the bonus points of the exercise's optional stretch part
   * (exercise 9), beside `points` and never counted in `maxPoints`. Present
   * on an exercise that has a stretch (0 when it earned none), absent otherwise.
   */
  bonus?: number;
  /** The most `bonus` can be (every tier of the stretch), where there is a stretch. */
  maxBonus?: number;
  /** Mean credit of a partial-credit exercise, else null. */
  credit: number | null;
  tests: TestResult[];
  performance: PerformanceResult | null;
  parallel: PerformanceResult | null;
  /**
   * The optional stretch part as measured (its `tier` earns `bonus`), or null
   * when it was not run; absent on exercises without a stretch.
   */
  stretch?: PerformanceResult | null;
  /** The last lines the submission's code printed (for the instructor's report). */
  printed: string[];
  /** The learner's prose for the instructor to read (the catalogue's `written` files), as handed in. */
  written?: { file: string; text: string }[];
  /**
   * The learner's `answers.md` of this exercise, one entry per declared
   * question (`answer` null: left empty), read from the copy of the submission;
   * absent when the exercise has no questions or the folder was not handed in.
   */
  answers?: WrittenAnswer[];
  durationMs: number;
}

/** One written question of an exercise and the learner's answer to it. */
export interface WrittenAnswer {
  /** The question's id (`q1`). */
  id: string;
  /** The question, as the workbook asked it. */
  prompt: string;
  /** The answer as written (Markdown, shown as text), or null when left empty. */
  answer: string | null;
}

/** One submission, graded. */
export interface StudentGrade {
  schema: typeof GRADE_SCHEMA;
  student: string;
  /** The path the instructor gave (control characters removed: `terminalSafe`). */
  submission: string;
  /**
   * SHA-256 of what was handed in (`submissionFingerprint`): `--resume` reuses
   * a grade only for the same path and the same fingerprint.
   */
  fingerprint: string;
  /**
   * `error`: the submission as a whole could not be graded (see `problem`);
   * `incomplete`: grading stopped before every exercise ended (a deadline, Ctrl-C).
   */
  status: "graded" | "error" | "incomplete";
  problem: string | null;
  /** What the grader did besides grading (a stub filled in, a link skipped). */
  notes: string[];
  exercises: ExerciseGrade[];
  /** The exercises' points: at most `maxTotal`, the bonus left out. */
  total: number;
  maxTotal: number;
  /** Extra credit: the exercises' `bonus` summed, on top of `total` (absent: none possible). */
  bonus?: number;
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
  /** The exercise columns; `maxBonus` where an exercise has a stretch (extra credit). */
  exercises: { number: number; slug: string; maxPoints: number; maxBonus?: number }[];
  machine: GradingMachine;
  /** The grading's settings, so a run can be repeated. */
  settings: {
    jobs: number;
    memoryLimitMb: number;
    exerciseTimeLimitS: number;
    /** Seconds each submission had in all (`--deadline`), or null for none. */
    deadlineS: number | null;
    allowImports: string[];
  };
  students: {
    student: string;
    status: StudentGrade["status"];
    problem: string | null;
    /** Each exercise's own points (never above its maximum), by number. */
    points: Record<string, number>;
    /**
     * The tier each stretch reached (null: none), by exercise number, for the
     * exercises with a stretch that were graded.
     */
    stretch?: Record<string, Tier | null>;
    /** The exercises' points, at most `maxTotal`. */
    total: number;
    maxTotal: number;
    /** Extra credit (the stretches' bonus), on top of `total`. */
    bonus?: number;
    /** The instructor's points by hand (manual_points.csv), or null for none given. */
    manual?: number | null;
    /** `total` plus the extra credit plus the manual points. */
    final?: number;
  }[];
  updatedAt: string;
}

/** The column name of an exercise in the gradebook: `01-slow-series`. */
export function exerciseColumn(exercise: { number: number; slug: string }): string {
  return `${String(exercise.number).padStart(2, "0")}-${exercise.slug}`;
}

/** The column name of an exercise's stretch tier in the gradebook: `09-beyond-brute-force-stretch`. */
export function stretchColumn(exercise: { number: number; slug: string }): string {
  return `${exerciseColumn(exercise)}-stretch`;
}

/**
 * ANSI/OSC escape sequences: CSI (`ESC [ … final`), OSC (`ESC ] … BEL` or
 * `ESC ] … ESC \`) and the two-character ones; their C1 forms (U+009B, U+009D) too.
 */
const ESCAPE_SEQUENCE =
  // deno-lint-ignore no-control-regex
  /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[@-_]?/g;
/** Control and format characters a terminal acts on (newline and tab are handled apart). */
// deno-lint-ignore no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text a submission controls (its names, what it threw or printed) made safe
 * for one line of a terminal: escape sequences removed, other control and
 * bidirectional-format characters shown as `?`, newlines and tabs as spaces,
 * lone surrogates as U+FFFD.
 */
export function terminalSafe(text: string): string {
  return wellFormed(text).replace(ESCAPE_SEQUENCE, "").replace(/[\r\n\t]/g, " ").replace(
    CONTROL,
    "?",
  );
}

/** `text` for a file: well-formed, no escape sequences, no control character but `\n` and `\t`. */
export function storable(text: string): string {
  return wellFormed(text).replace(ESCAPE_SEQUENCE, "").replaceAll("\r\n", "\n").replace(
    CONTROL,
    "?",
  );
}

/** `text` with every lone surrogate replaced by U+FFFD: encodes as valid UTF-8. */
export function wellFormed(text: string): string {
  return text.isWellFormed() ? text : text.toWellFormed();
}

/**
 * `value` with every string in it made well-formed (`wellFormed`), escape
 * sequences removed and other control characters but newline and tab shown
 * as `?` (`storable`): the one sanitiser every writer of grades relies on (`gradeClass`
 * passes results through it before any is written), so result.json, the
 * gradebook and the platforms' files are valid UTF-8 that `jq` can read.
 */
export function sanitized<T>(value: T): T {
  if (typeof value === "string") return storable(value) as T;
  if (Array.isArray(value)) return value.map((v) => sanitized(v)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[sanitized(key)] = sanitized(inner);
    return out as T;
  }
  return value;
}
