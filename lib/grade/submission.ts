/**
 * A submission, from the path an instructor gave to the folders that get
 * graded: the student's id, the archive unpacked, where its exercises are, and
 * a fresh copy of each exercise folder for the runner to read (and nothing else
 * of the submission).
 *
 * @module
 */
import { CATALOGUE, type Exercise } from "../exercise/catalogue.ts";
import { archiveKind, SubmissionError, unpack, type UnpackBudget, unpackBudget } from "./unpack.ts";
import { REPO_ROOT } from "../exercise/paths.ts";
import { terminalSafe } from "./result.ts";
import { ANSWERS_FILE } from "../learner/answers.ts";

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
 * `.tgz`, in Unicode NFC ("Zoë Smith" stays "Zoë_Smith"), with only letters,
 * marks, digits and `._@+-` kept: whatever else (spaces, slashes, control and
 * format characters such as ANSI escapes or a right-to-left override) becomes
 * `_`, so the id is safe as a file name and on a terminal.
 */
export function studentId(path: string): string {
  const base = path.replace(/\/+$/, "").split("/").at(-1) ?? "";
  const bare = terminalSafe(base).normalize("NFC").replace(/\.(zip|tar\.gz|tgz)$/i, "");
  const safe = bare.replace(/[^\p{L}\p{M}\p{N}._@+-]/gu, "_").replace(/^[.-]+/, "");
  return safe === "" ? "submission" : [...safe].slice(0, MAX_ID_CHARACTERS).join("");
}

/** Characters of a student id (a file name's limit is 255 bytes: 4 bytes a character at most). */
const MAX_ID_CHARACTERS = 60;

/**
 * The folder holding the submission's exercise folders (`01_slow_series`, …):
 * unpacked into `workDir` first when it is an archive, or when it holds
 * archives instead of the workbook (a Gradescope upload of a `.zip`); a flat
 * upload (`slow_series.ts` alone) is laid out into `workDir` by its file names.
 * Every archive of one submission spends from one `budget`.
 *
 * @throws {SubmissionError} Missing, empty, not unpackable, or not laid out like the workbook.
 */
export async function openSubmission(
  path: string,
  workDir: string,
  budget: UnpackBudget = unpackBudget(),
): Promise<string> {
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
    await unpack(path, root, budget);
  } else if (!info.isDirectory) {
    throw new SubmissionError("is not a folder, a .zip or a .tar.gz");
  }
  root = await Deno.realPath(root);
  if (await isEmpty(root)) throw new SubmissionError("is empty");
  return await locateExercises(root, workDir, budget, 0);
}

/** Archives inside archives are unpacked this deep (a zip in the zip a student uploaded). */
const MAX_NESTING = 2;

async function locateExercises(
  root: string,
  workDir: string,
  budget: UnpackBudget,
  depth: number,
): Promise<string> {
  const found = await exercisesRoot(root);
  if (found !== null) return found;
  const here = await unwrapped(root);
  const { files } = await visibleNames(here);
  const archives = files.filter((f) => archiveKind(f) !== null).sort();
  if (archives.length > 0 && depth < MAX_NESTING) {
    const nested = `${workDir}/nested-${depth}`;
    const intos: string[] = [];
    for (const [index, archive] of archives.entries()) {
      const into = `${nested}/${index}`;
      intos.push(into);
      await Deno.mkdir(into, { recursive: true });
      try {
        await unpack(`${here}/${archive}`, into, budget);
      } catch (thrown) {
        if (!(thrown instanceof SubmissionError)) throw thrown;
        throw new SubmissionError(`holds ${archive}, which ${thrown.message}`);
      }
    }
    if (intos.length === 1) return await locateExercises(intos[0]!, workDir, budget, depth + 1);
    // Several archives: each may hold some exercise folders, or some flat files.
    for (const into of intos) {
      const inside = await exercisesRoot(into) ?? await unwrapped(into);
      await mergeInto(inside, `${workDir}/merged`);
    }
    return await locateExercises(`${workDir}/merged`, workDir, budget, MAX_NESTING);
  }
  const flat = await layOutFlat(here, `${workDir}/flat`);
  if (flat !== null) return flat;
  throw new SubmissionError(
    "does not look like the workbook: no exercises/ folder and no exercise folder (01_slow_series, …)",
  );
}

/** Moves what `from` holds into `to`; a name already there is kept (first archive wins). */
async function mergeInto(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isSymlink) continue;
    try {
      await Deno.lstat(`${to}/${entry.name}`);
    } catch {
      await Deno.rename(`${from}/${entry.name}`, `${to}/${entry.name}`);
    }
  }
}

/** Each learner file name that belongs to exactly one exercise, with that exercise's folder. */
const FLAT_NAMES: ReadonlyMap<string, string> = (() => {
  const owners = new Map<string, string[]>();
  for (const exercise of CATALOGUE) {
    for (const file of exercise.files) {
      owners.set(file, [...(owners.get(file) ?? []), exercise.dir]);
    }
  }
  return new Map(
    [...owners].filter(([, dirs]) => dirs.length === 1).map(([file, dirs]) => [file, dirs[0]!]),
  );
})();

/**
 * A flat upload (the files themselves, no folders): each file whose name
 * belongs to one exercise is copied into that exercise's folder under `into`.
 * Null when no file is recognised.
 */
async function layOutFlat(here: string, into: string): Promise<string | null> {
  let laid = 0;
  for await (const entry of Deno.readDir(here)) {
    const dir = FLAT_NAMES.get(entry.name);
    if (dir === undefined || !entry.isFile) continue; // readDir: a link is not a file
    const info = await Deno.lstat(`${here}/${entry.name}`);
    if (info.size > MAX_EXERCISE_MB * 1024 * 1024) continue;
    await Deno.mkdir(`${into}/${dir}`, { recursive: true });
    await Deno.copyFile(`${here}/${entry.name}`, `${into}/${dir}/${entry.name}`);
    laid++;
  }
  return laid > 0 ? into : null;
}

const EXERCISE_DIRS = new Set(CATALOGUE.map((e) => e.dir));
/** Wrapping folders an archive may add (`alice/`, `workbook-main/`) are looked through this deep. */
const MAX_WRAPPING = 3;

/** The folder holding the exercise folders, looking through wrapping folders; null if none. */
async function exercisesRoot(root: string): Promise<string | null> {
  let here = root;
  for (let depth = 0; depth <= MAX_WRAPPING; depth++) {
    const names = await visibleNames(here);
    if (names.dirs.includes("exercises")) return `${here}/exercises`;
    if (names.dirs.some((d) => EXERCISE_DIRS.has(d))) return here;
    if (names.dirs.length !== 1 || names.files.length > 0) break;
    here = `${here}/${names.dirs[0]}`;
  }
  return null;
}

/** `root` with its wrapping folders looked through (a folder holding one folder and no file). */
async function unwrapped(root: string): Promise<string> {
  let here = root;
  for (let depth = 0; depth <= MAX_WRAPPING; depth++) {
    const names = await visibleNames(here);
    if (names.dirs.length !== 1 || names.files.length > 0) break;
    here = `${here}/${names.dirs[0]}`;
  }
  return here;
}

async function visibleNames(dir: string): Promise<{ dirs: string[]; files: string[] }> {
  const dirs: string[] = [];
  const files: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.name.startsWith(".") || entry.name === "__MACOSX") continue;
    if (entry.isDirectory) dirs.push(entry.name);
    else if (entry.isFile) files.push(entry.name);
  }
  return { dirs: dirs.sort(), files: files.sort() };
}

async function isEmpty(dir: string): Promise<boolean> {
  for await (const _ of Deno.readDir(dir)) return false;
  return true;
}

/** What a submission's fingerprint reads at most: more is hashed as "too large". */
const MAX_FINGERPRINT_MB = 200;
const MAX_FINGERPRINT_ENTRIES = 50_000;

/**
 * A hash of what the instructor handed in at `path`: the archive's bytes, or
 * the folder's names, kinds and contents (links as their targets' text, never
 * followed; `.git` and `node_modules` left out). `--resume` reuses a grade
 * only when path and fingerprint both match. Bounded: past
 * `MAX_FINGERPRINT_MB` or `MAX_FINGERPRINT_ENTRIES` the rest is not read.
 */
export async function submissionFingerprint(path: string): Promise<string> {
  const parts: Uint8Array[] = [];
  const encoder = new TextEncoder();
  let bytes = MAX_FINGERPRINT_MB * 1024 * 1024;
  let entries = MAX_FINGERPRINT_ENTRIES;
  const add = (text: string): void => {
    parts.push(encoder.encode(text));
  };
  const addFile = async (file: string, size: number) => {
    if ((bytes -= size) < 0) {
      add("<too large>");
      return;
    }
    parts.push(new Uint8Array(await crypto.subtle.digest("SHA-256", await Deno.readFile(file))));
  };
  const walk = async (dir: string, prefix: string): Promise<void> => {
    const names: Deno.DirEntry[] = [];
    for await (const entry of Deno.readDir(dir)) names.push(entry);
    names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of names) {
      if (--entries < 0) {
        add("<too many>");
        return;
      }
      const full = `${dir}/${entry.name}`;
      if (entry.isSymlink) add(`L ${prefix}${entry.name} -> ${await Deno.readLink(full)}\n`);
      else if (entry.isDirectory) {
        if (entry.name === ".git" || entry.name === "node_modules") continue;
        add(`D ${prefix}${entry.name}\n`);
        await walk(full, `${prefix}${entry.name}/`);
      } else if (entry.isFile) {
        add(`F ${prefix}${entry.name}\n`);
        await addFile(full, (await Deno.lstat(full)).size);
      }
    }
  };
  try {
    const info = await Deno.stat(path);
    if (info.isFile) await addFile(path, info.size);
    else if (info.isDirectory) await walk(path, "");
  } catch {
    add("<unreadable>");
  }
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", all));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
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
  // The folder first: a link to a folder is not followed (lstat of a path inside
  // it would resolve the link).
  const folderInfo = await Deno.lstat(from).catch(() => null);
  if (folderInfo?.isSymlink === true) {
    return {
      ok: false,
      problem: `${exercise.dir} is a link: only regular files and folders are graded`,
    };
  }
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
    // The learner's written answers: theirs, read by the grader (never run), so kept.
    if (given.name === ANSWERS_FILE && await exists(`${to}/${given.name}`)) continue;
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
