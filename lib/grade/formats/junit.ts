/**
 * A graded submission as JUnit XML, the format CI servers and GitHub Classroom
 * read: one `<testsuite>` per exercise, one `<testcase>` per hidden test (and
 * one for each speed part), failures and errors with their one-line message.
 * This is the instructor's view: messages are in full.
 *
 * The shape is the one Jenkins' `junit-10.xsd` (xunit plugin) accepts, checked
 * by tests/grade/exports_test.ts with a real validator: `skipped` is counted on
 * each `<testsuite>` only, since `<testsuites>` may carry name, time, tests,
 * failures and errors and nothing else.
 *
 * @module
 */
import { exerciseColumn, type ExerciseGrade, type StudentGrade } from "../result.ts";
import type { PerformanceResult, TestResult } from "../../check/types.ts";

/** Text made safe for XML content and attributes; characters XML 1.0 forbids are dropped. */
export function escapeXml(text: string): string {
  return text
    // deno-lint-ignore no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "")
    .replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;").replaceAll("'", "&apos;");
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values).map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`).join("");
}

interface Case {
  name: string;
  status: "pass" | "fail" | "error" | "skipped";
  message: string;
}

function testCase(classname: string, c: Case): string {
  const open = `    <testcase${attributes({ classname, name: c.name })}`;
  switch (c.status) {
    case "pass":
      return `${open}/>`;
    case "skipped":
      return `${open}>\n      <skipped${attributes({ message: c.message })}/>\n    </testcase>`;
    case "fail":
    case "error": {
      const tag = c.status === "fail" ? "failure" : "error";
      return `${open}>\n      <${tag}${attributes({ message: c.message, type: c.status })}>${
        escapeXml(c.message)
      }</${tag}>\n    </testcase>`;
    }
  }
}

function speedCase(name: string, part: PerformanceResult): Case {
  const status = part.status === "pass"
    ? "pass"
    : part.status === "skipped" || part.status === "inconclusive"
    ? "skipped"
    : part.status;
  return { name, status, message: part.reason };
}

/** The cases of one exercise: its hidden tests, its speed parts, or why it was not run. */
function casesOf(exercise: ExerciseGrade): Case[] {
  if (exercise.tests.length === 0) {
    return [{ name: "submission", status: "error", message: exercise.summary }];
  }
  const cases: Case[] = exercise.tests.map((t: TestResult) => ({
    name: t.name,
    status: t.status,
    message: t.message,
  }));
  if (exercise.performance !== null) cases.push(speedCase("speed", exercise.performance));
  if (exercise.parallel !== null) cases.push(speedCase("speed on Workers", exercise.parallel));
  if (exercise.summary.startsWith("stopped: ")) {
    cases.push({ name: "time limit", status: "error", message: exercise.summary });
  }
  return cases;
}

function count(cases: readonly Case[]) {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.status === "fail").length,
    errors: cases.filter((c) => c.status === "error").length,
    skipped: cases.filter((c) => c.status === "skipped").length,
  };
}

/** The JUnit XML document of one submission. */
export function junitXml(grade: StudentGrade): string {
  const suites = grade.exercises.map((exercise) => {
    const name = exerciseColumn(exercise);
    const cases = casesOf(exercise);
    const properties = [
      ["points", exercise.points],
      ["max_points", exercise.maxPoints],
      // Extra credit, beside the points: the optional stretch's bonus and tier.
      ...(exercise.bonus === undefined ? [] : [
        ["bonus", exercise.bonus],
        ["stretch_tier", exercise.stretch?.tier ?? "none"],
      ]),
      ["status", exercise.status],
      ["tier", exercise.tier ?? "none"],
      ["summary", exercise.summary],
    ].map(([k, v]) => `      <property${attributes({ name: k as string, value: v as string })}/>`);
    return [
      `  <testsuite${
        attributes({ name, ...count(cases), time: (exercise.durationMs / 1000).toFixed(3) })
      }>`,
      "    <properties>",
      ...properties,
      "    </properties>",
      ...cases.map((c) => testCase(name, c)),
      "  </testsuite>",
    ].join("\n");
  });
  const all = count(grade.exercises.flatMap(casesOf));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${
      attributes({
        name: `workbook grade: ${grade.student}`,
        tests: all.tests,
        failures: all.failures,
        errors: all.errors,
        time: (grade.durationMs / 1000).toFixed(3),
      })
    }>`,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
}
