/**
 * Helpers for the harness's own tests: write a candidate into a temporary
 * folder laid out like exercises/, and check it.
 *
 * @module
 */
import { findExercise } from "../../lib/exercise/catalogue.ts";
import { type CheckOptions, runCheck } from "../../lib/check/check.ts";
import type { CheckResult } from "../../lib/check/types.ts";

/** A fixed seed: the harness's tests are repeatable. */
export const TEST_SEED = 20261123;

/** Fails with `message` unless `condition` holds. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Assertion failed: ${message}`);
}

export function assertEquals<T>(actual: T, expected: T, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`Assertion failed: ${what}: expected ${e}, got ${a}`);
}

/** Asserts that `text` contains `part`. */
export function assertIncludes(text: string, part: string, what: string): void {
  if (!text.includes(part)) {
    throw new Error(
      `Assertion failed: ${what}: expected to find ${JSON.stringify(part)} in ${
        JSON.stringify(text)
      }`,
    );
  }
}

/**
 * Checks `source` as the learner's file of exercise `number`, from a temporary
 * folder passed as --dir.
 */
export async function checkSource(
  number: number,
  source: string,
  options: Partial<Pick<CheckOptions, "quick" | "timeoutMs" | "heapLimitMb" | "seed">> & {
    /** Other files of the exercise folder, by name. */
    files?: Record<string, string>;
  } = {},
): Promise<CheckResult> {
  const exercise = findExercise(String(number));
  assert(exercise !== undefined, `exercise ${number} exists`);
  const dir = await Deno.makeTempDir({ prefix: "workbook-test-" });
  try {
    await Deno.mkdir(`${dir}/${exercise.dir}`);
    await Deno.writeTextFile(`${dir}/${exercise.dir}/${exercise.files[0]}`, source);
    for (const [name, text] of Object.entries(options.files ?? {})) {
      await Deno.writeTextFile(`${dir}/${exercise.dir}/${name}`, text);
    }
    return await runCheck({
      exercise,
      source: { kind: "dir", path: dir },
      seed: options.seed ?? TEST_SEED,
      quick: options.quick ?? true,
      size: "default",
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.heapLimitMb === undefined ? {} : { heapLimitMb: options.heapLimitMb }),
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The messages of the tests that did not pass, for failure output. */
export function problems(result: CheckResult): string {
  return result.tests.filter((t) => t.status !== "pass").map((t) => `${t.name}: ${t.message}`)
    .join("\n");
}

/**
 * This process's environment without git's own variables (`GIT_DIR`,
 * `GIT_WORK_TREE`, `GIT_INDEX_FILE`, …): a test's `git` in a temporary folder
 * then works on that folder's repository, even when the tests themselves run
 * from a git hook or a worktree script that exported them.
 */
export function envWithoutGit(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(Deno.env.toObject()).filter(([name]) => !name.startsWith("GIT_")),
  );
}
