/**
 * Where things are: the repository, an exercise's files, the candidate to check.
 *
 * @module
 */
import type { Exercise } from "./catalogue.ts";

/** The repository root (this file is in `lib/exercise/`). */
export const REPO_ROOT: string = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");

/** Whose code a command looks at. */
export type Source =
  | { kind: "exercises" }
  | { kind: "solutions" }
  /** A folder laid out like `exercises/` (one subfolder per exercise). */
  | { kind: "dir"; path: string };

/** The folder that holds the exercise folders for `source`. */
export function sourceRoot(source: Source): string {
  switch (source.kind) {
    case "exercises":
      return `${REPO_ROOT}/exercises`;
    case "solutions":
      return `${REPO_ROOT}/solutions`;
    case "dir":
      return absolute(source.path);
  }
}

/** The file holding `exercise`'s entry point, for `source`. */
export function entryFile(exercise: Exercise, source: Source): string {
  return `${sourceRoot(source)}/${exercise.dir}/${exercise.files[0]}`;
}

/**
 * What the process running a candidate may read: the harness, the hidden checks
 * and their data, the exercise's given files, and the candidate's own folder.
 * Not solutions/.
 */
export function candidateReadPaths(exercise: Exercise, source: Source): string[] {
  return [
    `${REPO_ROOT}/lib`,
    `${REPO_ROOT}/checks`,
    `${REPO_ROOT}/data`,
    `${REPO_ROOT}/exercises/${exercise.dir}`,
    `${sourceRoot(source)}/${exercise.dir}`,
  ];
}

/** A repository-relative path as an absolute file URL. */
export function repoUrl(relative: string): string {
  return new URL(`../../${relative}`, import.meta.url).href;
}

/**
 * The folder the learner ran the command from. `deno task` runs tasks in the
 * folder of deno.json and passes the original one as INIT_CWD.
 */
export function invocationDir(): string {
  try {
    return Deno.env.get("INIT_CWD") ?? Deno.cwd();
  } catch {
    return Deno.cwd();
  }
}

/** `path` relative to the folder the command was run from, when inside it (for messages). */
export function shown(path: string): string {
  const cwd = invocationDir();
  return path.startsWith(cwd + "/") ? path.slice(cwd.length + 1) : path;
}

function absolute(path: string): string {
  const joined = path.startsWith("/") ? path : `${invocationDir()}/${path}`;
  return joined.replace(/\/+$/, "");
}
