/**
 * A graded submission as Gradescope's autograder `results.json`: the total
 * score, one visible entry per exercise (its points and a summary that names no
 * hidden input) and one entry per hidden test, visible once the instructor
 * publishes the grades, saying only passed or the kind of problem.
 *
 * Field names and values follow Gradescope's autograder specification
 * (`platforms/gradescope/results.schema.json` restates it for the tests).
 *
 * Extra credit (exercise 9's optional stretch): an exercise's entry never
 * scores above its `max_score`; the stretch's bonus is an entry of its own,
 * "… stretch (extra credit)", with `max_score` 0, so the entries' maxima still
 * add up to the assignment's points. The top-level `score`, which the
 * specification says overrides the sum of the tests, is the points plus the
 * extra credit: Gradescope records a score above the assignment's total as
 * given (above 100%), which is how it shows extra credit.
 *
 * With `leaderboard` (opt-in: `grade --leaderboard`), the speed-ups go to
 * Gradescope's leaderboard as well, where students appear under a pseudonym
 * they choose: the top-level `leaderboard` array of `{name, value, order}`
 * described in Gradescope's "Leaderboards" page
 * (gradescope-autograders.readthedocs.io/en/latest/leaderboards/); `order`
 * "desc" ranks higher values first.
 *
 * @module
 */
import type { ExerciseGrade, StudentGrade } from "../result.ts";
import { speedLine, visibleSummary, withoutInput } from "./visible.ts";

export type GradescopeVisibility = "hidden" | "after_due_date" | "after_published" | "visible";

export interface GradescopeTest {
  name: string;
  number: string;
  score?: number;
  max_score?: number;
  status: "passed" | "failed";
  output: string;
  visibility: GradescopeVisibility;
}

/** One column of Gradescope's leaderboard. */
export interface LeaderboardEntry {
  name: string;
  value: number;
  order: "asc" | "desc";
}

export interface GradescopeResults {
  score: number;
  execution_time: number;
  output: string;
  output_format: "text";
  visibility: GradescopeVisibility;
  stdout_visibility: GradescopeVisibility;
  tests: GradescopeTest[];
  leaderboard?: LeaderboardEntry[];
}

export interface GradescopeOptions {
  /** Add the speed-ups as leaderboard columns. */
  leaderboard?: boolean;
}

/** Decimals a leaderboard speed-up keeps: two are more than the timing's noise supports. */
const LEADERBOARD_DECIMALS = 2;

/**
 * The leaderboard columns of a grade: the total, then each speed part's median
 * speed-up. A part not measured (missing, failed its tests, one core) is 0, so
 * every submission has the same columns and an unmeasured one ranks last.
 */
export function leaderboardOf(grade: StudentGrade): LeaderboardEntry[] {
  const round = (x: number) => Number(x.toFixed(LEADERBOARD_DECIMALS));
  const entries: LeaderboardEntry[] = [{ name: "Points", value: grade.total, order: "desc" }];
  for (const exercise of grade.exercises) {
    const parts = [
      ["speed-up", exercise.performance],
      ["speed-up on Workers", exercise.parallel],
    ] as const;
    for (const [label, part] of parts) {
      if (part === null) continue;
      const measured = (part.status === "pass" || part.status === "fail") && part.speedup !== null;
      entries.push({
        name: `Exercise ${exercise.number} ${label}`,
        value: measured && part.speedup !== null ? round(part.speedup.median) : 0,
        order: "desc",
      });
    }
  }
  return entries;
}

/** When a hidden test's entry appears: after the instructor publishes the grades. */
export const HIDDEN_TEST_VISIBILITY: GradescopeVisibility = "after_published";

/**
 * The stretch of an exercise as an extra-credit entry: its bonus as the score,
 * `max_score` 0 (it adds nothing to the assignment's maximum), passed when it
 * earned any.
 */
function extraCreditEntry(exercise: ExerciseGrade): GradescopeTest {
  const bonus = exercise.bonus ?? 0;
  const part = exercise.stretch ?? null;
  const why = part === null
    ? "not run (the exercise did not pass its tests, or was not graded)"
    : speedLine(part.tier === null ? "" : `tier ${part.tier}: `, part);
  const upTo = exercise.maxBonus === undefined ? "" : ` (up to ${exercise.maxBonus})`;
  return {
    name: `Exercise ${exercise.number} · ${exercise.slug} · stretch (extra credit)`,
    number: `${exercise.number}.stretch`,
    score: bonus,
    max_score: 0,
    status: bonus > 0 ? "passed" : "failed",
    output: `Optional: ${bonus} extra credit${upTo}, beside the exercise's points; ${why}.`,
    visibility: "visible",
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The results.json of one submission. */
export function gradescopeResults(
  grade: StudentGrade,
  options: GradescopeOptions = {},
): GradescopeResults {
  const tests: GradescopeTest[] = [];
  for (const exercise of grade.exercises) {
    tests.push({
      name: `Exercise ${exercise.number} · ${exercise.slug} · ${exercise.title}`,
      number: String(exercise.number),
      score: Math.min(exercise.points, exercise.maxPoints),
      max_score: exercise.maxPoints,
      status: exercise.status === "pass" ? "passed" : "failed",
      output: visibleSummary(exercise),
      visibility: "visible",
    });
    if (exercise.bonus !== undefined) tests.push(extraCreditEntry(exercise));
    exercise.tests.forEach((test, i) => {
      tests.push({
        name: `Exercise ${exercise.number} · hidden test ${i + 1} of ${exercise.tests.length}`,
        number: `${exercise.number}.${i + 1}`,
        status: test.status === "pass" ? "passed" : "failed",
        output: withoutInput(test),
        visibility: HIDDEN_TEST_VISIBILITY,
      });
    });
  }
  const bonus = grade.bonus ?? 0;
  const lines = [
    `${grade.total} of ${grade.maxTotal} points${
      bonus > 0 ? `, and ${bonus} extra credit (the optional stretch)` : ""
    }.`,
    ...(grade.problem === null ? [] : [`This submission could not be graded: ${grade.problem}`]),
    ...grade.notes,
    `Speed is measured against a baseline on the grading machine: ${grade.machine.cores} cores, ${grade.machine.cpu}, Deno ${grade.machine.deno}.`,
  ];
  return {
    score: round(grade.total + bonus),
    execution_time: Math.round(grade.durationMs / 1000),
    output: lines.join("\n"),
    output_format: "text",
    visibility: "visible",
    stdout_visibility: "hidden",
    tests,
    ...(options.leaderboard === true ? { leaderboard: leaderboardOf(grade) } : {}),
  };
}
