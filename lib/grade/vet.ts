/**
 * Vets a submission's module graph before any of it runs: every code file of
 * an exercise folder may import only files of that folder, Node built-ins
 * (`node:`) and allow-listed packages; no computed `import(…)` (except where an
 * exercise's task needs one) and no code built from strings.
 *
 * This is the first of two walls. The second is the runner's permissions: a
 * submission's code is loaded by a computed import inside a Worker, and Deno
 * checks every module loaded that way (static imports included) against
 * `--allow-read`, which names only the submission's copy and the harness files
 * the check needs. Vetting turns what the second wall would stop into one clear
 * line before anything runs.
 *
 * @module
 */
import { CODE_FILE, findReferences, ParseError, type Reference } from "../modules/imports.ts";

/**
 * Exercises whose task needs a computed import, and why. Their imports still
 * reach only what the runner may read.
 */
export const COMPUTED_IMPORTS_ALLOWED: Readonly<Record<string, string>> = {
  "worker-pool": "a pool Worker imports the task module it is given by URL (task 1)",
};

/**
 * A code file larger than this is refused unread: the workbook's largest source
 * is a few tens of kB, and a file the size of a table is a table.
 */
export const MAX_VETTED_FILE_BYTES = 1024 * 1024;
/** Vetting one exercise folder may take this long (linear reading takes milliseconds). */
export const VET_TIME_LIMIT_MS = 20_000;

export interface VetOptions {
  /** `npm:`, `jsr:`, `http:` or `https:` specifiers a submission may import, exactly; none by default. */
  allowImports?: readonly string[];
  /** Allow `import(…)` of a computed specifier. */
  computedImports?: boolean;
  /** Overrides `VET_TIME_LIMIT_MS`. */
  timeLimitMs?: number;
}

/**
 * Why the code under `dir` may not run, one line per problem, or none.
 *
 * @param dir The exercise folder (absolute); every import must stay inside it.
 * @param shownAs How `dir` is named in the messages (`exercises/01_slow_series`).
 */
export async function vetFolder(
  dir: string,
  shownAs: string,
  options: VetOptions = {},
): Promise<string[]> {
  const problems: string[] = [];
  const deadline = performance.now() + (options.timeLimitMs ?? VET_TIME_LIMIT_MS);
  for (const relative of await codeFiles(dir)) {
    const path = `${dir}/${relative}`;
    const where = `${shownAs}/${relative}`;
    if (performance.now() > deadline) {
      problems.push(
        `${where}: not vetted: vetting took longer than ${
          (options.timeLimitMs ?? VET_TIME_LIMIT_MS) / 1000
        } s`,
      );
      break;
    }
    if ((await Deno.lstat(path)).size > MAX_VETTED_FILE_BYTES) {
      problems.push(
        `${where}: larger than ${
          MAX_VETTED_FILE_BYTES / 1024 / 1024
        } MB: a code file this size is not a solution`,
      );
      continue;
    }
    let references: Reference[];
    try {
      references = findReferences(await Deno.readTextFile(path), path);
    } catch (thrown) {
      if (!(thrown instanceof ParseError)) throw thrown;
      problems.push(`${where}:${thrown.line}: does not parse: ${thrown.message}`);
      continue;
    }
    for (const reference of references) {
      const why = judgeReference(reference, path, dir, options);
      if (why !== null) problems.push(`${where}:${reference.line}: ${why}`);
    }
  }
  return problems;
}

/** Why `reference`, made by the file at `path`, is not allowed, or null. */
export function judgeReference(
  reference: Reference,
  path: string,
  root: string,
  options: VetOptions = {},
): string | null {
  const { kind, specifier } = reference;
  if (kind === "code-from-string") {
    return "code built from a string (eval or Function): not allowed in a graded submission";
  }
  if (specifier === null) {
    return options.computedImports === true
      ? null
      : "computed import: not allowed in a graded submission";
  }
  const shown = JSON.stringify(specifier);
  if (/^(data|blob):/i.test(specifier)) {
    return `${kind === "worker" ? "a Worker from" : "imports"} ${
      shown.slice(0, 40)
    }: code built from a string is not allowed in a graded submission`;
  }
  if (/^node:/.test(specifier)) return null;
  if (/^(npm|jsr|https?):/i.test(specifier)) {
    return (options.allowImports ?? []).includes(specifier)
      ? null
      : `imports ${shown}: remote and package imports are not on the grading allow-list`;
  }
  if (!/^(\.{0,2}\/|file:)/i.test(specifier)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) return `imports ${shown}: not a file URL`;
    return (options.allowImports ?? []).includes(specifier)
      ? null
      : `imports the bare specifier ${shown}: only relative imports, node: built-ins and allow-listed packages`;
  }
  let target: string;
  try {
    target = decodeURIComponent(new URL(specifier, fileUrl(path)).pathname);
  } catch {
    return `imports ${shown}: not a valid URL`;
  }
  if (!target.startsWith(`${root}/`)) {
    return `${kind === "url" ? "names" : "imports"} ${shown}: outside its exercise folder`;
  }
  return null;
}

/** The file URL of an absolute path, whatever characters its names hold. */
export function fileUrl(path: string): string {
  return `file://${path.split("/").map(encodeURIComponent).join("/")}`;
}

/** Code files under `dir`, relative paths, sorted. */
async function codeFiles(dir: string, prefix = ""): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(`${dir}/${prefix}`)) {
    const relative = `${prefix}${entry.name}`;
    if (entry.isDirectory) files.push(...await codeFiles(dir, `${relative}/`));
    else if (entry.isFile && CODE_FILE.test(entry.name)) files.push(relative);
  }
  return files.sort();
}
