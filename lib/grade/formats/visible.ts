/**
 * What a student may see of a graded exercise on a platform that shows results
 * before the instructor publishes them: whether each hidden test passed and
 * the kind of problem, never its input (which could be hard-coded into the
 * next submission), its expected value or its name (names describe inputs:
 * "random 3: n = 52113, omit \"07\"").
 *
 * @module
 */
import type { ExerciseGrade } from "../result.ts";
import type { PerformanceResult, TestResult } from "../../check/types.ts";

/** Kinds of problem, recognised from the start of a test's message, in the harness's words. */
const KINDS: [RegExp, string][] = [
  [/^not implemented/, "not implemented yet"],
  [/^cannot load/, "the module does not load"],
  [/^timed out/, "timed out"],
  [/^stopped: /, "stopped at the exercise's time limit"],
  [/^threw /, "threw an exception"],
  [/^called Deno\.exit/, "called Deno.exit()"],
  [/^used more than \d+ MB/, "used more memory than allowed"],
  [/ran out of memory/, "ran out of memory"],
  [/^returned a value that cannot leave/, "returned a value that cannot be sent back"],
  [/^(started|left) \d+ Workers?|Workers running/, "broke the exercise's rules on Workers"],
  [/^right, but took/, "right, but slower than this test's time limit"],
  [/^the process running your code/, "the process running the code crashed"],
  [/^the harness failed/, "the grader failed (not the submission's fault)"],
];

/** A test's outcome without its input: "passed", or the kind of problem. */
export function withoutInput(test: Pick<TestResult, "status" | "message">): string {
  if (test.status === "pass") return "passed";
  if (test.status === "skipped") return "not run";
  const kind = KINDS.find(([pattern]) => pattern.test(test.message))?.[1];
  if (kind !== undefined) return kind;
  return test.status === "fail" ? "wrong result" : "error";
}

/** One line about an exercise that names no hidden input. */
export function visibleSummary(grade: ExerciseGrade): string {
  const verdict = grade.status === "pass"
    ? `PASS${grade.tier === null ? "" : ` · ${grade.tier}`}`
    : grade.status.toUpperCase();
  const credit = grade.credit === null ? "" : ` (credit ${Math.round(grade.credit * 100)}%)`;
  if (grade.tests.length === 0) return `${verdict}: ${grade.summary}`;
  const failed = grade.tests.filter((t) => t.status !== "pass");
  const counted = `${grade.tests.length} hidden tests`;
  if (failed.length > 0) {
    return `${verdict}${credit}: ${failed.length} of ${counted} did not pass (first: ${
      withoutInput(failed[0] as TestResult)
    })`;
  }
  if (grade.summary.startsWith("stopped: ")) return `${verdict}: ${grade.summary}`;
  const parts = [speedLine("", grade.performance), speedLine("on Workers: ", grade.parallel)]
    .filter((line) => line !== "");
  return `${verdict}${credit}: all ${counted} passed${
    parts.length === 0 ? "" : `; ${parts.join("; ")}`
  }`;
}

/** A speed part in words, with the tiers; the benchmark input is not named. */
export function speedLine(prefix: string, part: PerformanceResult | null): string {
  if (part === null) return "";
  if (part.status === "skipped") return `${prefix}speed not judged: ${part.reason}`;
  if (part.status === "error") {
    const problem = part.reason.replace(/^on the benchmark input \(.*?\): /, "");
    return `${prefix}the speed measurement stopped: ${
      withoutInput({ status: "error", message: problem })
    }`;
  }
  const tiers = part.tiers === null
    ? ""
    : ` (needs ${part.tiers.pass}×, silver ${part.tiers.silver}×, gold ${part.tiers.gold}×)`;
  return `${prefix}${part.reason}${tiers}`;
}
