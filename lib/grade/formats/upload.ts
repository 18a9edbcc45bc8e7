/**
 * A platform's upload laid out like the workbook. Gradescope hands the
 * autograder whatever the student dragged in: often just `slow_series.ts`, or a
 * `.zip` of some folders, inside `submission/`. The grader wants
 * `exercises/NN_slug/FILE`, so this rebuilds that layout in a fresh folder:
 *
 * - a file under a folder named like an exercise (`…/01_slow_series/x.ts`) keeps
 *   its place below that folder;
 * - any other file goes where its name belongs, when that name is one of the
 *   learner's files of exactly one exercise (the catalogue's `files`:
 *   `slow_series.ts` → `exercises/01_slow_series/`); other names are left out;
 * - archives (`.zip`, `.tar.gz`) are unpacked by the grader's own bounded
 *   unpacker (`../unpack.ts`) and read the same way, nested up to `MAX_NESTING`.
 *
 * Only regular files are read (links are skipped with a note), within a budget
 * of files and bytes. Two files that land on one place: the one nearer the top
 * is used, and the other is named in a note.
 *
 * @module
 */
import { CATALOGUE, type Exercise } from "../../exercise/catalogue.ts";
import { archiveKind, MAX_UNPACKED_MB, SubmissionError, unpack } from "../unpack.ts";

/** Archives inside archives are opened this deep (a zip of the folder that holds a zip). */
export const MAX_NESTING = 2;
/** Files read from one upload, archives' contents included (the workbook has ~100). */
export const MAX_FILES = 5_000;
/** Bytes copied from one upload: the unpacker's own budget. */
const MAX_BYTES = MAX_UNPACKED_MB * 1024 * 1024;
/** Folders never looked into: tools' folders, not the learner's work. */
const SKIPPED_DIRS = new Set([".git", "node_modules", "__MACOSX", ".workbook"]);

/** Learner file names that belong to exactly one exercise. */
export function uniqueFileNames(
  exercises: readonly Exercise[] = CATALOGUE,
): Map<string, Exercise> {
  const seen = new Map<string, Exercise | null>();
  for (const exercise of exercises) {
    for (const file of exercise.files) seen.set(file, seen.has(file) ? null : exercise);
  }
  return new Map(
    [...seen].filter((entry): entry is [string, Exercise] => entry[1] !== null),
  );
}

const DIRS = new Map(CATALOGUE.map((e) => [e.dir, e]));
/** Ranks of a copy (lower wins): loose files after exercise folders, archives' after the rest. */
const LOOSE = 10_000;
const NESTED = 1_000;

const UNIQUE_NAMES = uniqueFileNames();

/**
 * Where a file found at `relative` (inside the upload) goes under `exercises/`,
 * or null. A name with a platform's copy number before its extension
 * (`slow_series-1.ts`: Canvas numbers a file uploaded again) is read without it.
 */
export function placeOf(relative: string, byName = UNIQUE_NAMES): string | null {
  const parts = relative.split("/").filter((p) => p !== "" && p !== ".");
  const at = parts.findLastIndex((p) => DIRS.has(p));
  if (at >= 0 && at < parts.length - 1) return parts.slice(at).join("/");
  const given = parts.at(-1) ?? "";
  for (const name of [given, given.replace(/-\d+(\.[A-Za-z]+)$/, "$1")]) {
    const exercise = byName.get(name);
    if (exercise !== undefined) return `${exercise.dir}/${name}`;
  }
  return null;
}

/** A name as it may be printed: control characters (ANSI/OSC sequences) shown as `?`. */
export function printable(name: string): string {
  // deno-lint-ignore no-control-regex
  return name.replace(/[\u0000-\u001F\u007F-\u009F]/g, "?");
}

interface Found {
  /** Where it was, for notes: `work.zip!src/slow_series.ts`. */
  shown: string;
  path: string;
  depth: number;
  size: number;
}

/**
 * Lays the upload at `from` out as `into/exercises/…` (`into` is created and
 * must not exist). Returns what was done besides copying, one note a line.
 *
 * @throws {SubmissionError} The upload holds too many files or bytes, or nothing to grade.
 */
export async function arrangeUpload(from: string, into: string): Promise<string[]> {
  const notes: string[] = [];
  const found = new Map<string, Found>();
  const budget = { files: MAX_FILES, bytes: MAX_BYTES };
  const scratch = `${into}.unpacked`;
  await Deno.mkdir(into, { recursive: true });
  let archives = 0;

  const walk = async (dir: string, shownAs: string, relative: string, nesting: number) => {
    const entries: Deno.DirEntry[] = [];
    for await (const entry of Deno.readDir(dir)) entries.push(entry);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = `${dir}/${entry.name}`;
      const rel = relative === "" ? entry.name : `${relative}/${entry.name}`;
      const shown = printable(`${shownAs}${rel}`);
      if (entry.isSymlink) {
        notes.push(`${shown} is a link: skipped`);
        continue;
      }
      if (entry.isDirectory) {
        if (!SKIPPED_DIRS.has(entry.name)) await walk(path, shownAs, rel, nesting);
        continue;
      }
      if (!entry.isFile) continue;
      if (--budget.files < 0) throw new SubmissionError(`holds more than ${MAX_FILES} files`);
      const size = (await Deno.lstat(path)).size;
      if (archiveKind(entry.name) !== null) {
        if (nesting >= MAX_NESTING) {
          notes.push(`${shown} is an archive nested too deep: not opened`);
          continue;
        }
        const inner = `${scratch}/${archives++}`;
        await Deno.mkdir(inner, { recursive: true });
        try {
          await unpack(path, inner);
        } catch (thrown) {
          if (!(thrown instanceof SubmissionError)) throw thrown;
          notes.push(`${shown} ${thrown.message}: not used`);
          continue;
        }
        await walk(inner, `${shown}!`, "", nesting + 1);
        continue;
      }
      const place = placeOf(rel);
      if (place === null) continue;
      const earlier = found.get(place);
      // Which copy wins: one inside an exercise folder over a loose one, then the one
      // outside archives, then the shallower.
      const inFolder = rel.split("/").some((p) => DIRS.has(p));
      const depth = (inFolder ? 0 : LOOSE) + nesting * NESTED + rel.split("/").length;
      if (earlier !== undefined && earlier.depth <= depth) {
        notes.push(`${shown} is another exercises/${place}: ${earlier.shown} was used`);
        continue;
      }
      if (earlier !== undefined) {
        notes.push(`${earlier.shown} is another exercises/${place}: ${shown} was used`);
      }
      found.set(place, { shown, path, depth, size });
    }
  };

  try {
    await walk(from, "", "", 0);
    if (found.size === 0) {
      throw new SubmissionError(
        "holds no file of the workbook's exercises (such as slow_series.ts or 01_slow_series/)",
      );
    }
    for (const [place, file] of [...found].sort(([a], [b]) => (a < b ? -1 : 1))) {
      budget.bytes -= file.size;
      if (budget.bytes < 0) throw new SubmissionError(`holds more than ${MAX_UNPACKED_MB} MB`);
      const to = `${into}/exercises/${place}`;
      await Deno.mkdir(to.slice(0, to.lastIndexOf("/")), { recursive: true });
      await Deno.copyFile(file.path, to);
      const flat = !file.shown.endsWith(place);
      if (flat) notes.push(`${file.shown} was graded as exercises/${place}`);
    }
  } finally {
    await Deno.remove(scratch, { recursive: true }).catch(() => {});
  }
  return notes;
}

// `deno run -A lib/grade/formats/upload.ts FROM INTO`: what platforms/gradescope/run_autograder runs.
if (import.meta.main) {
  const [from, into, ...rest] = Deno.args;
  if (from === undefined || into === undefined || rest.length > 0) {
    console.error("Usage: deno run -A lib/grade/formats/upload.ts FROM INTO");
    Deno.exit(2);
  }
  try {
    for (const note of await arrangeUpload(from, into)) console.log(note);
  } catch (thrown) {
    if (!(thrown instanceof SubmissionError)) throw thrown;
    console.error(`The upload ${thrown.message}`);
    Deno.exit(1);
  }
}
