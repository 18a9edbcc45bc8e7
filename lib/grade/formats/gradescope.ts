/**
 * A graded submission as Gradescope's autograder `results.json`: the total
 * score, one visible entry per exercise (its points and a summary that names no
 * hidden input) and one entry per hidden test, visible once the instructor
 * publishes the grades, saying only passed or the kind of problem.
 *
 * Field names and values follow Gradescope's autograder specification
 * (`platforms/gradescope/results.schema.json` restates it for the tests).
 *
 * @module
 */
import type { StudentGrade } from "../result.ts";
import { visibleSummary, withoutInput } from "./visible.ts";

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

export interface GradescopeResults {
  score: number;
  execution_time: number;
  output: string;
  output_format: "text";
  visibility: GradescopeVisibility;
  stdout_visibility: GradescopeVisibility;
  tests: GradescopeTest[];
}

/** When a hidden test's entry appears: after the instructor publishes the grades. */
export const HIDDEN_TEST_VISIBILITY: GradescopeVisibility = "after_published";

/** The results.json of one submission. */
export function gradescopeResults(grade: StudentGrade): GradescopeResults {
  const tests: GradescopeTest[] = [];
  for (const exercise of grade.exercises) {
    tests.push({
      name: `Exercise ${exercise.number} · ${exercise.slug} · ${exercise.title}`,
      number: String(exercise.number),
      score: exercise.points,
      max_score: exercise.maxPoints,
      status: exercise.status === "pass" ? "passed" : "failed",
      output: visibleSummary(exercise),
      visibility: "visible",
    });
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
  const lines = [
    `${grade.total} of ${grade.maxTotal} points.`,
    ...(grade.problem === null ? [] : [`This submission could not be graded: ${grade.problem}`]),
    ...grade.notes,
    `Speed is measured against a baseline on the grading machine: ${grade.machine.cores} cores, ${grade.machine.cpu}, Deno ${grade.machine.deno}.`,
  ];
  return {
    score: grade.total,
    execution_time: Math.round(grade.durationMs / 1000),
    output: lines.join("\n"),
    output_format: "text",
    visibility: "visible",
    stdout_visibility: "hidden",
    tests,
  };
}
