/**
 * Refreshes the pristine stubs (`checks/NN_slug/stub/`, see
 * `lib/learner/stubs.ts`) from `exercises/`, for a maintainer who changed a
 * stub: `deno run -A lib/maintain/stubs.ts`. Only in the workbook's own
 * repository, where `exercises/` holds the stubs as shipped.
 *
 * @module
 */
import { CATALOGUE } from "../exercise/catalogue.ts";
import { REPO_ROOT } from "../exercise/paths.ts";
import { pristinePath } from "../learner/stubs.ts";

/** The pristine copies that differ from `exercises/` (repository-relative), written when `write`. */
export async function refreshStubs(write: boolean): Promise<string[]> {
  const changed: string[] = [];
  for (const exercise of CATALOGUE) {
    for (const file of exercise.files) {
      const stub = await Deno.readTextFile(`${REPO_ROOT}/exercises/${exercise.dir}/${file}`);
      const path = pristinePath(exercise, file);
      const kept = await Deno.readTextFile(path).catch(() => null);
      if (kept === stub) continue;
      changed.push(path.slice(REPO_ROOT.length + 1));
      if (write) {
        await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
        await Deno.writeTextFile(path, stub);
      }
    }
  }
  return changed;
}

if (import.meta.main) {
  const changed = await refreshStubs(true);
  console.log(
    changed.length === 0
      ? "The pristine stubs are up to date."
      : `Refreshed:\n  ${changed.join("\n  ")}`,
  );
}
