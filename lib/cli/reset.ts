/**
 * `deno task reset N|slug`: puts an exercise's stub back, as the workbook
 * shipped it (`checks/NN_slug/stub/`, see `lib/learner/stubs.ts`), after saving
 * your file under `.workbook/backups/`. `--list` shows the backups;
 * `--restore FILE` brings one back, `--restore` alone the newest (saving the
 * current file first). Nothing is overwritten without a backup.
 *
 * The files one reset saves share one stamp, and a bare `--restore` brings
 * back all of them: exercise 3's reset saves `shared_memory.ts` and its
 * Worker's file, and its restore must not bring back one without the other. A
 * backup that is only the stub (a restore saves the file it replaces, the stub
 * included) is never "the newest": `reset N` brings the stub back anyway.
 *
 * Not from git: once a learner commits their work, git's HEAD holds their code,
 * and a student copy may not be a git repository at all.
 *
 * Exit status: 0 done, 1 could not be done (no git, no such stub, not available
 * yet), 2 on a usage error.
 *
 * @module
 */
import { CATALOGUE, type Exercise } from "../exercise/catalogue.ts";
import {
  atMostPositionals,
  exerciseArg,
  notAvailable,
  parseOptions,
  runMain,
  UsageError,
} from "./args.ts";
import { invocationDir, REPO_ROOT, shown } from "../exercise/paths.ts";
import { pristinePath, pristineStub } from "../learner/stubs.ts";
import { fileStamp, writeAtomically } from "../exercise/files.ts";
import { WORKBOOK_PATHS } from "../exercise/workbook_dir.ts";

const USAGE =
  `Usage: deno task reset N|slug          put the stub back (your file is backed up first)
       deno task reset --list [N|slug]  list the backups
       deno task reset --restore FILE   bring a backup back (the current file is backed up first)
       deno task reset [N|slug] --restore  bring the newest backup back (of exercise N):
                                         every file that the last reset saved

  Backups are kept in .workbook/backups/, which git ignores.`;

export const BACKUP_DIR: string = WORKBOOK_PATHS.backups;

/** `name.2026-11-24T10-15-30-123Z.ts` (and `-2`, `-3`… for backups in the same millisecond). */
const BACKUP_NAME = /^(.+)\.(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)(?:-(\d+))?(\.[^.]+)$/;

/** Cannot do what was asked (exit 1), as opposed to being asked wrongly (exit 2). */
class CannotReset extends Error {}

/** A file's repository-relative path, for messages. */
function relative(path: string): string {
  return path.startsWith(REPO_ROOT + "/") ? path.slice(REPO_ROOT.length + 1) : path;
}

/** The stub of `exercise/file` as shipped. @throws {CannotReset} The workbook has no copy. */
async function shippedStub(exercise: Exercise, file: string): Promise<string> {
  try {
    return await pristineStub(exercise, file);
  } catch (thrown) {
    if (!(thrown instanceof Deno.errors.NotFound)) throw thrown;
    throw new CannotReset(
      `Cannot restore exercises/${exercise.dir}/${file}: the workbook's copy of the stub (${
        relative(pristinePath(exercise, file))
      }) is missing`,
    );
  }
}

/** The backup path for a file of `exercise` saved at `stamp`, unused so far. */
async function newBackupPath(exercise: Exercise, file: string, stamp: string): Promise<string> {
  const dot = file.lastIndexOf(".");
  const stem = dot > 0 ? file.slice(0, dot) : file;
  const extension = dot > 0 ? file.slice(dot) : "";
  const dir = `${BACKUP_DIR}/${exercise.dir}`;
  await Deno.mkdir(dir, { recursive: true });
  for (let n = 1;; n++) {
    const path = `${dir}/${stem}.${stamp}${n === 1 ? "" : `-${n}`}${extension}`;
    try {
      await Deno.lstat(path);
    } catch {
      return path;
    }
  }
}

/**
 * Saves `file` of `exercise` as a new backup, stamped `stamp` (one stamp for
 * every file that one command saves).
 *
 * @returns The backup's path, or null when there was no file to save.
 */
async function backUp(exercise: Exercise, file: string, stamp: string): Promise<string | null> {
  const path = `${REPO_ROOT}/exercises/${exercise.dir}/${file}`;
  let content: Uint8Array;
  try {
    content = await Deno.readFile(path);
  } catch (thrown) {
    if (thrown instanceof Deno.errors.NotFound) return null;
    throw thrown;
  }
  const backup = await newBackupPath(exercise, file, stamp);
  // createNew: never replace an existing backup, even in a race with another reset.
  await Deno.writeFile(backup, content, { createNew: true });
  return backup;
}

async function readOrNull(path: string): Promise<string | null> {
  try {
    return await Deno.readTextFile(path);
  } catch (thrown) {
    if (thrown instanceof Deno.errors.NotFound) return null;
    throw thrown;
  }
}

async function reset(exercise: Exercise): Promise<number> {
  // Every stub first: if one is missing, nothing has been touched yet.
  const stubs = new Map<string, string>();
  for (const file of exercise.files) stubs.set(file, await shippedStub(exercise, file));
  let changed = 0;
  const backups: string[] = [];
  const stamp = fileStamp(new Date());
  for (const [file, stub] of stubs) {
    const path = `${REPO_ROOT}/exercises/${exercise.dir}/${file}`;
    const current = await readOrNull(path);
    if (current === stub) {
      console.log(`${relative(path)} is already the stub: nothing to back up or restore.`);
      continue;
    }
    const backup = await backUp(exercise, file, stamp);
    if (backup !== null) {
      backups.push(backup);
      console.log(`Backed up ${relative(path)} → ${relative(backup)}`);
    }
    await writeAtomically(path, stub);
    console.log(`Restored the stub of ${relative(path)}.`);
    changed++;
  }
  if (changed > 0) {
    console.log(`\nExercise ${exercise.number} is back to its stub.`);
    if (backups.length > 0) console.log("To bring your code back:");
    for (const backup of backups) console.log(`  deno task reset --restore ${shown(backup)}`);
  }
  return 0;
}

/** A backup on disk, and what it is a backup of. */
interface Backup {
  path: string;
  exercise: Exercise;
  file: string;
  /** The stamp as written in the name, sortable. */
  stamp: string;
  /** The time of the command that saved it: the same for every file one reset saved. */
  run: string;
}

/** What the backup file at `path` (inside BACKUP_DIR) is a copy of, or null. */
function parseBackup(path: string): Backup | null {
  const inside = path.startsWith(BACKUP_DIR + "/") ? path.slice(BACKUP_DIR.length + 1) : null;
  if (inside === null) return null;
  const [dir, name, ...rest] = inside.split("/");
  if (dir === undefined || name === undefined || rest.length > 0) return null;
  const exercise = CATALOGUE.find((e) => e.dir === dir);
  const match = name.match(BACKUP_NAME);
  if (exercise === undefined || match === null) return null;
  const file = `${match[1]}${match[4]}`;
  if (!exercise.files.includes(file)) return null;
  const run = match[2] as string;
  return { path, exercise, file, stamp: `${run}-${(match[3] ?? "1").padStart(4, "0")}`, run };
}

async function listBackups(exercise?: Exercise): Promise<Backup[]> {
  const found: Backup[] = [];
  for (const e of exercise === undefined ? CATALOGUE : [exercise]) {
    try {
      for await (const entry of Deno.readDir(`${BACKUP_DIR}/${e.dir}`)) {
        const backup = entry.isFile ? parseBackup(`${BACKUP_DIR}/${e.dir}/${entry.name}`) : null;
        if (backup !== null) found.push(backup);
      }
    } catch {
      // No backups for this exercise.
    }
  }
  return found.sort((a, b) =>
    a.exercise.number - b.exercise.number || b.stamp.localeCompare(a.stamp)
  );
}

async function list(exercise?: Exercise): Promise<number> {
  const backups = await listBackups(exercise);
  if (backups.length === 0) {
    console.log(
      `No backups yet${exercise ? ` for exercise ${exercise.number}` : ""}: ` +
        "deno task reset N makes one before it puts the stub back.",
    );
    return 0;
  }
  console.log(`Backups in ${relative(BACKUP_DIR)}/, newest first:`);
  for (const backup of backups) {
    const info = await Deno.stat(backup.path);
    console.log(
      `  ${String(backup.exercise.number).padStart(2)}  ${relative(backup.path)}  ${
        String(info.size).padStart(6)
      } bytes`,
    );
  }
  console.log("\nBring one back with: deno task reset --restore FILE");
  return 0;
}

/** Whether a backup holds the shipped stub of its file (then it is nobody's work). */
async function isStub(backup: Backup): Promise<boolean> {
  const stub = await pristineStub(backup.exercise, backup.file).catch(() => null);
  return stub !== null && stub === await readOrNull(backup.path);
}

/**
 * The newest backups (of `exercise`, or of any): every file that the newest
 * command saved, stubs left aside.
 *
 * @throws {CannotReset} There is none.
 */
async function newestBackups(exercise?: Exercise): Promise<Backup[]> {
  const work: Backup[] = [];
  for (const backup of await listBackups(exercise)) {
    if (!(await isStub(backup))) work.push(backup);
  }
  const newest = work.sort((a, b) => b.stamp.localeCompare(a.stamp))[0];
  if (newest === undefined) {
    throw new CannotReset(
      `Cannot restore: there are no backups${
        exercise ? ` of exercise ${exercise.number}` : ""
      } yet (deno task reset N makes one)`,
    );
  }
  // One per file: the newest of each, should one command have saved a file twice.
  const files = new Set<string>();
  return work.filter((b) => {
    if (b.exercise !== newest.exercise || b.run !== newest.run || files.has(b.file)) return false;
    files.add(b.file);
    return true;
  });
}

/** Finds the backup FILE names: a path (from here or the repository) or a bare file name. */
async function resolveBackup(name: string): Promise<Backup> {
  const candidates = name.startsWith("/")
    ? [name]
    : [`${invocationDir()}/${name}`, `${REPO_ROOT}/${name}`, `${BACKUP_DIR}/${name}`];
  if (!name.includes("/")) {
    for (const backup of await listBackups()) {
      if (backup.path.endsWith(`/${name}`)) candidates.push(backup.path);
    }
  }
  // Compared as real paths: "./x", "../x" and symbolic links all name the same file.
  const backupDir = await Deno.realPath(BACKUP_DIR).catch(() => BACKUP_DIR);
  for (const candidate of candidates) {
    let real: string;
    try {
      real = await Deno.realPath(candidate);
    } catch {
      continue;
    }
    const inside = real.startsWith(backupDir + "/") ? real.slice(backupDir.length) : null;
    const backup = inside === null ? null : parseBackup(BACKUP_DIR + inside);
    if (backup !== null) return backup;
    throw new UsageError(
      `Cannot restore ${name}: it is not a backup in ${
        relative(BACKUP_DIR)
      }/ (see deno task reset --list)`,
    );
  }
  throw new UsageError(`Cannot find the backup ${name}: deno task reset --list shows them`);
}

async function restore(name: string, exercise?: Exercise): Promise<number> {
  const backups = name === "" ? await newestBackups(exercise) : [await resolveBackup(name)];
  const stamp = fileStamp(new Date());
  for (const backup of backups) {
    if (exercise !== undefined && backup.exercise !== exercise) {
      throw new UsageError(
        `Cannot restore ${name} into exercise ${exercise.number}: it is a backup of exercise ${backup.exercise.number}`,
      );
    }
    if (!backup.exercise.available) throw new CannotReset(notAvailable(backup.exercise));
  }
  for (const backup of backups) {
    const target = `${REPO_ROOT}/exercises/${backup.exercise.dir}/${backup.file}`;
    const content = await Deno.readTextFile(backup.path);
    const current = await readOrNull(target);
    if (current === content) {
      console.log(`${relative(target)} already holds ${relative(backup.path)}: nothing to do.`);
      continue;
    }
    const saved = await backUp(backup.exercise, backup.file, stamp);
    if (saved !== null) console.log(`Backed up ${relative(target)} → ${relative(saved)}`);
    await writeAtomically(target, content);
    console.log(`Restored ${relative(target)} from ${relative(backup.path)}.`);
  }
  return 0;
}

/** `--restore` with no file after it means the newest backup: the empty name. */
function bareRestore(args: string[]): string[] {
  return args.map((arg, i) => {
    const next = args[i + 1];
    return arg === "--restore" && (next === undefined || next.startsWith("-")) ? "--restore=" : arg;
  });
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(bareRestore(args), {
    list: { type: "boolean", default: false },
    restore: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  atMostPositionals(positionals, 1, "reset");
  if (values.list && values.restore !== undefined) {
    throw new UsageError("Cannot use --list with --restore: choose one");
  }
  const exercise = positionals.length === 0 ? undefined : exerciseArg(positionals[0], "reset");
  try {
    if (values.list) return await list(exercise);
    if (values.restore !== undefined) return await restore(values.restore, exercise);
    if (exercise === undefined) {
      throw new UsageError("Name the exercise to reset, e.g. deno task reset 1");
    }
    if (!exercise.available) throw new CannotReset(notAvailable(exercise));
    return await reset(exercise);
  } catch (thrown) {
    if (!(thrown instanceof CannotReset)) throw thrown;
    console.error(`reset: ${thrown.message}`);
    return 1;
  }
}

if (import.meta.main) await runMain("reset", () => main(Deno.args));
