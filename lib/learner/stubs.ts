/**
 * The pristine stubs: a copy of every file a learner edits, as the workbook
 * ships it, kept in the exercise's hidden folder (`checks/NN_slug/stub/`), so
 * `deno task reset` finds the stub whatever the learner did since: edited,
 * deleted or committed (git's HEAD then holds their code, not the stub), in the
 * workbook and in the student copy alike. `tests/learner/stubs_test.ts` holds
 * the copies equal to `exercises/`; `deno run -A lib/maintain/stubs.ts`
 * refreshes them after a stub changes.
 *
 * @module
 */
import type { Exercise } from "../exercise/catalogue.ts";
import { REPO_ROOT } from "../exercise/paths.ts";

/** Where the pristine copy of `file` (one of `exercise.files`) is kept. */
export function pristinePath(exercise: Pick<Exercise, "dir">, file: string): string {
  return `${REPO_ROOT}/checks/${exercise.dir}/stub/${file}`;
}

/**
 * The stub of `file` as shipped.
 *
 * @throws {Deno.errors.NotFound} The workbook has no pristine copy of it.
 */
export async function pristineStub(exercise: Pick<Exercise, "dir">, file: string): Promise<string> {
  return await Deno.readTextFile(pristinePath(exercise, file));
}

/**
 * The files of `exercise` under `root` (a folder laid out like `exercises/`) that
 * are still the stub as shipped, or missing: answers not written yet.
 */
export async function unwrittenFiles(
  exercise: Pick<Exercise, "dir" | "files">,
  root: string,
): Promise<string[]> {
  const unwritten: string[] = [];
  for (const file of exercise.files) {
    let text: string;
    try {
      text = await Deno.readTextFile(`${root}/${exercise.dir}/${file}`);
    } catch {
      unwritten.push(file);
      continue;
    }
    let stub: string | null;
    try {
      stub = await pristineStub(exercise, file);
    } catch {
      stub = null; // No pristine copy to compare with: the file counts as written.
    }
    if (text === stub) unwritten.push(file);
  }
  return unwritten;
}
