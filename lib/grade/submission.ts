/**
 * A submission, from the path an instructor gave to the folders that get
 * graded: the student's id, the archive unpacked, where its exercises are, and
 * a fresh copy of each exercise folder for the runner to read (and nothing else
 * of the submission).
 *
 * @module
 */
import { CATALOGUE, type Exercise } from "../exercise/catalogue.ts";
import { archiveKind, SubmissionError, unpack } from "./unpack.ts";
import { REPO_ROOT } from "../exercise/paths.ts";

export { SubmissionError };

/** One exercise folder's copy may hold at most this much (the workbook's largest is ~100 kB). */
export const MAX_EXERCISE_MB = 20;

export interface Submission {
  /** The student's id: the folder's or archive's name without extension, unique in the class. */
  id: string;
  /** The path as the instructor gave it. */
  path: string;
}

/** Names the submissions: ids from their base names, made unique with -2, -3, … */
export function nameSubmissions(paths: readonly string[]): Submission[] {
  const used = new Set<string>();
  return paths.map((path) => {
    const base = studentId(path);
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return { id, path };
  });
}

/**
 * The student id a path stands for: its last name without `.zip`, `.tar.gz` or
 * `.tgz`, in characters safe in a file name (`a b.zip` → `a_b`).
 */
export function studentId(path: string): string {
  const base = path.replace(/\/+$/, "").split("/").at(-1) ?? "";
  const bare = base.replace(/\.(zip|tar\.gz|tgz)$/i, "");
  const safe = bare.replace(/[^A-Za-z0-9._@+-]/g, "_").replace(/^[.-]+/, "");
  return safe === "" ? "submission" : safe.slice(0, 80);
}

/**
 * The folder holding the submission's exercise folders (`01_slow_series`, …):
 * unpacked into `workDir` first when it is an archive.
 *
 * @throws {SubmissionError} Missing, empty, not unpackable, or not laid out like the workbook.
 */
export async function openSubmission(path: string, workDir: string): Promise<string> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch {
    throw new SubmissionError("does not exist");
  }
  let root = path;
  if (info.isFile) {
    if (archiveKind(path) === null) {
      throw new SubmissionError("is not a folder, a .zip or a .tar.gz");
    }
    root = `${workDir}/unpacked`;
    await Deno.mkdir(root, { recursive: true });
    await unpack(path, root);
  } else if (!info.isDirectory) {
    throw new SubmissionError("is not a folder, a .zip or a .tar.gz");
  }
  root = await Deno.realPath(root);
  if (await isEmpty(root)) throw new SubmissionError("is empty");
  return await exercisesRoot(root);
}

const EXERCISE_DIRS = new Set(CATALOGUE.map((e) => e.dir));
/** Wrapping folders an archive may add (`alice/`, `workbook-main/`) are looked through this deep. */
const MAX_WRAPPING = 3;

async function exercisesRoot(root: string): Promise<string> {
  let here = root;
  for (let depth = 0; depth <= MAX_WRAPPING; depth++) {
    const names = await visibleNames(here);
    if (names.dirs.includes("exercises")) return `${here}/exercises`;
    if (names.dirs.some((d) => EXERCISE_DIRS.has(d))) return here;
    if (names.dirs.length !== 1 || names.files.length > 0) break;
    here = `${here}/${names.dirs[0]}`;
  }
  throw new SubmissionError(
    "does not look like the workbook: no exercises/ folder and no exercise folder (01_slow_series, …)",
  );
}

async function visibleNames(dir: string): Promise<{ dirs: string[]; files: string[] }> {
  const dirs: string[] = [];
  const files: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.name.startsWith(".") || entry.name === "__MACOSX") continue;
    (entry.isDirectory ? dirs : files).push(entry.name);
  }
  return { dirs, files };
}

async function isEmpty(dir: string): Promise<boolean> {
  for await (const _ of Deno.readDir(dir)) return false;
  return true;
}

/** What copying an exercise did besides copying: files filled in, restored or skipped. */
export type CopyResult =
  | { ok: true; notes: string[] }
  | { ok: false; problem: string };

/**
 * Copies `exercise`'s folder from `exercisesDir` (the submission's) to
 * `dest/<dir>`: regular files only, links followed only while they stay inside
 * `submissionRoot`. The workbook's given files (`grid.ts`, `tools.ts`) replace
 * the submission's, and learner files other than the entry file that are
 * missing are filled in from the stub, as the student received them.
 */
export async function copyExercise(
  exercise: Exercise,
  exercisesDir: string,
  dest: string,
): Promise<CopyResult> {
  const from = `${exercisesDir}/${exercise.dir}`;
  const to = `${dest}/${exercise.dir}`;
  const entry = exercise.files[0] as string;
  try {
    if (!(await Deno.stat(`${from}/${entry}`)).isFile) throw new Error("not a file");
  } catch {
    return { ok: false, problem: `not in the submission (no ${exercise.dir}/${entry})` };
  }
  const notes: string[] = [];
  const budget = { bytes: MAX_EXERCISE_MB * 1024 * 1024 };
  const root = await Deno.realPath(exercisesDir);
  try {
    await copyTree(from, to, root, notes, budget, exercise.dir);
  } catch (thrown) {
    if (thrown instanceof SubmissionError) return { ok: false, problem: thrown.message };
    throw thrown;
  }
  const stubDir = `${REPO_ROOT}/exercises/${exercise.dir}`;
  for (const file of exercise.files.slice(1)) {
    if (await exists(`${to}/${file}`)) continue;
    if (!(await exists(`${stubDir}/${file}`))) continue;
    await Deno.copyFile(`${stubDir}/${file}`, `${to}/${file}`);
    notes.push(`${exercise.dir}/${file} was missing: the stub was used`);
  }
  for await (const given of Deno.readDir(stubDir)) {
    if (!given.isFile || given.name === "README.md" || exercise.files.includes(given.name)) {
      continue;
    }
    const theirs = await readOrNull(`${to}/${given.name}`);
    const ours = await Deno.readFile(`${stubDir}/${given.name}`);
    if (theirs !== null && !sameBytes(theirs, ours)) {
      notes.push(
        `${exercise.dir}/${given.name} is given by the workbook: the workbook's copy was used`,
      );
    }
    await Deno.writeFile(`${to}/${given.name}`, ours);
  }
  return { ok: true, notes };
}

async function copyTree(
  from: string,
  to: string,
  root: string,
  notes: string[],
  budget: { bytes: number },
  shownAs: string,
): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    const source = `${from}/${entry.name}`;
    const shown = `${shownAs}/${entry.name}`;
    let info = await Deno.lstat(source);
    if (info.isSymlink) {
      const real = await Deno.realPath(source).catch(() => null);
      if (real === null || !real.startsWith(`${root}/`)) {
        notes.push(`${shown} is a link to outside the submission: skipped`);
        continue;
      }
      info = await Deno.stat(real);
    }
    if (info.isDirectory) {
      if (entry.name === "node_modules" || entry.name === ".git") continue;
      await copyTree(source, `${to}/${entry.name}`, root, notes, budget, shown);
    } else if (info.isFile) {
      budget.bytes -= info.size;
      if (budget.bytes < 0) {
        throw new SubmissionError(`${shownAs.split("/")[0]} holds more than ${MAX_EXERCISE_MB} MB`);
      }
      await Deno.writeFile(`${to}/${entry.name}`, await Deno.readFile(source));
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch {
    return false;
  }
}

async function readOrNull(path: string): Promise<Uint8Array | null> {
  try {
    return await Deno.readFile(path);
  } catch {
    return null;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
