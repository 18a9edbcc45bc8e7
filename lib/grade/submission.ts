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

/** Files and folders one exercise folder's copy may hold (the workbook's have under 10). */
export const MAX_EXERCISE_ENTRIES = 2_000;
/** How long copying one exercise folder may take (a few ms for an honest one). */
export const COPY_TIME_LIMIT_MS = 30_000;

/** What one copy may still spend: bytes, entries and time. */
interface CopyBudget {
  bytes: number;
  entries: number;
  deadline: number;
}

/**
 * Copies `exercise`'s folder from `exercisesDir` (the submission's) to
 * `dest/<dir>`: regular files and folders only (a link is not followed, and
 * said so), within `MAX_EXERCISE_MB`, `MAX_EXERCISE_ENTRIES` and
 * `COPY_TIME_LIMIT_MS`. The workbook's given files (`grid.ts`, `tools.ts`)
 * replace the submission's, and learner files other than the entry file that
 * are missing are filled in from the stub, as the student received them.
 */
export async function copyExercise(
  exercise: Exercise,
  exercisesDir: string,
  dest: string,
): Promise<CopyResult> {
  const from = `${exercisesDir}/${exercise.dir}`;
  const to = `${dest}/${exercise.dir}`;
  const entry = exercise.files[0] as string;
  let entryInfo: Deno.FileInfo;
  try {
    entryInfo = await Deno.lstat(`${from}/${entry}`);
  } catch {
    return { ok: false, problem: `not in the submission (no ${exercise.dir}/${entry})` };
  }
  if (entryInfo.isSymlink) {
    return {
      ok: false,
      problem: `${exercise.dir}/${entry} is a link: only regular files are graded`,
    };
  }
  if (!entryInfo.isFile || !(await Deno.lstat(from)).isDirectory) {
    return { ok: false, problem: `not in the submission (no ${exercise.dir}/${entry})` };
  }
  const notes: string[] = [];
  const budget: CopyBudget = {
    bytes: MAX_EXERCISE_MB * 1024 * 1024,
    entries: MAX_EXERCISE_ENTRIES,
    deadline: performance.now() + COPY_TIME_LIMIT_MS,
  };
  try {
    await copyTree(from, to, notes, budget, exercise.dir);
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

/** Notes about skipped links are kept to this many (a folder of 10 000 links is one problem). */
const MAX_LINK_NOTES = 3;

async function copyTree(
  from: string,
  to: string,
  notes: string[],
  budget: CopyBudget,
  shownAs: string,
): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  const exercise = shownAs.split("/")[0];
  for await (const entry of Deno.readDir(from)) {
    if (--budget.entries < 0) {
      throw new SubmissionError(
        `${exercise} holds more than ${MAX_EXERCISE_ENTRIES} files and folders`,
      );
    }
    if (performance.now() > budget.deadline) {
      throw new SubmissionError(
        `${exercise} took longer than ${COPY_TIME_LIMIT_MS / 1000} s to copy`,
      );
    }
    const source = `${from}/${entry.name}`;
    const shown = `${shownAs}/${entry.name}`;
    // lstat: a link is seen as a link, never as what it points to.
    const info = await Deno.lstat(source);
    if (info.isSymlink) {
      const skipped = notes.filter((n) => n.endsWith(LINK_NOTE)).length;
      if (skipped < MAX_LINK_NOTES) notes.push(`${shown}${LINK_NOTE}`);
      continue;
    }
    if (info.isDirectory) {
      if (entry.name === "node_modules" || entry.name === ".git") continue;
      await copyTree(source, `${to}/${entry.name}`, notes, budget, shown);
    } else if (info.isFile) {
      budget.bytes -= info.size;
      if (budget.bytes < 0) {
        throw new SubmissionError(`${exercise} holds more than ${MAX_EXERCISE_MB} MB`);
      }
      await Deno.copyFile(source, `${to}/${entry.name}`);
    }
    // Anything else (a FIFO, a device, a socket) is not a file of a solution: not copied.
  }
}

const LINK_NOTE = " is a link: not copied (only regular files and folders are graded)";

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
