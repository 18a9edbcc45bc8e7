/**
 * The size cap on what a candidate submits: no file of an exercise folder, and
 * not the folder as a whole, may be the size of a table. Real code for any
 * exercise is a few kB; a table of precomputed answers that pays needs tens to
 * hundreds of kB. Applied before anything else reads the folder, in the
 * learner's `check` (`lib/check/check.ts`) and in grading (`lib/grade/grade.ts`,
 * before vetting, whose parser need not read a table either).
 *
 * Every regular file counts, not only code: the process that runs a candidate
 * may read its whole folder (`candidateReadPaths`), so a table in `notes.txt` or
 * `table.json` is as usable as one in a `.ts` file, and so is a hand-placed
 * `.wasm` (its data segment can hold one). The one exception is the `.wasm` the
 * workbook builds from the learner's own `name.as.ts` (an exercise file): the
 * build replaces it before the check runs, and its source is capped.
 *
 * @module
 */
import type { Exercise } from "../exercise/catalogue.ts";

/**
 * The most one file of an exercise folder may hold, in bytes. The largest file
 * the workbook gives or writes is 9.2 kB (exercise 2's README; the largest code
 * file is solutions/05_worker_pool/worker_pool.ts at 8.7 kB, the largest stub
 * exercises/02_velocity/grid.ts at 8.0 kB): 64 kB is 7× that, room for a learner
 * who comments generously, while a table of answers large enough to tabulate a
 * benchmark's input space (10^4–10^5 entries of 8–20 bytes) does not fit.
 */
export const MAX_FILE_BYTES = 64_000;

/**
 * The most a whole exercise folder may hold, in bytes: a table split over
 * several files is still a table. The largest folder the workbook ships is
 * exercise 2's at 20 kB (README 9.2 kB, grid.ts 8.0 kB, the reference 2.4 kB);
 * 128 kB is 6× that.
 */
export const MAX_FOLDER_BYTES = 128_000;

/**
 * The most entries (files and folders) the walk visits: a real exercise folder
 * has fewer than ten, and a walk over a million empty files would be a cost of
 * its own before any clock starts.
 */
export const MAX_ENTRIES = 1_000;

/** Folders the grader does not copy (`lib/grade/submission.ts`), so never readable there. */
const NOT_COPIED = new Set(["node_modules", ".git"]);

/** The suffix of an AssemblyScript source; `kernel.as.ts` builds `kernel.wasm`. */
const ASSEMBLYSCRIPT = ".as.ts";

/** Why a folder was refused. Decisions read `code`; `message` is for people. */
export interface SourceLimitProblem {
  code: "file-too-large" | "folder-too-large" | "too-many-entries";
  /** The file (or, for the folder's total, the largest file), as shown in `message`. */
  path: string;
  /** The file's size, or the folder's total, in bytes. */
  bytes: number;
  /** The limit exceeded, in bytes (or entries). */
  limit: number;
  /** One line: the file, its size and the limit. */
  message: string;
}

/** Sizes are shown in kB (1000 bytes) with one decimal: `300.0 kB`. */
export function formatKb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

/**
 * Files of `exercise` that the workbook writes itself and are exempt: the
 * `.wasm` beside each AssemblyScript source the exercise lists.
 */
export function builtOutputs(exercise: Exercise): Set<string> {
  return new Set(
    exercise.files.filter((file) => file.endsWith(ASSEMBLYSCRIPT)).map((file) =>
      `${file.slice(0, -ASSEMBLYSCRIPT.length)}.wasm`
    ),
  );
}

/**
 * Why the folder `dir` (the candidate's files for `exercise`) is too large to be
 * a program, or null when it is within the limits.
 *
 * @param shownAs How `dir` is named in the message (`exercises/01_slow_series`).
 */
export async function sourceLimitProblem(
  exercise: Exercise,
  dir: string,
  shownAs: string,
): Promise<SourceLimitProblem | null> {
  const exempt = builtOutputs(exercise);
  let total = 0;
  let entries = 0;
  let largest = { path: "", bytes: 0 };
  const walk = async (relativeDir: string): Promise<SourceLimitProblem | null> => {
    for await (const entry of Deno.readDir(`${dir}${relativeDir}`)) {
      entries++;
      if (entries > MAX_ENTRIES) {
        return {
          code: "too-many-entries",
          path: shownAs,
          bytes: 0,
          limit: MAX_ENTRIES,
          message: `${shownAs} holds more than ${MAX_ENTRIES} files and folders; ` +
            `an exercise folder needs a handful`,
        };
      }
      const relative = `${relativeDir}/${entry.name}`;
      const shown = `${shownAs}${relative}`;
      if (entry.isDirectory) {
        if (NOT_COPIED.has(entry.name)) continue;
        const inner = await walk(relative);
        if (inner !== null) return inner;
        continue;
      }
      if (relativeDir === "" && exempt.has(entry.name)) continue;
      // A link is followed for its size only (never into a folder: no cycles).
      let size: number;
      try {
        const info = await Deno.stat(`${dir}${relative}`);
        if (!info.isFile) continue;
        size = info.size;
      } catch {
        continue; // a dangling link: nothing to read
      }
      if (size > MAX_FILE_BYTES) {
        return {
          code: "file-too-large",
          path: shown,
          bytes: size,
          limit: MAX_FILE_BYTES,
          message: `${shown} is ${formatKb(size)}; a file of an exercise folder may hold at most ${
            formatKb(MAX_FILE_BYTES)
          } (code is a few kB: a file this size is a table, not a program)`,
        };
      }
      total += size;
      if (size > largest.bytes) largest = { path: shown, bytes: size };
    }
    return null;
  };
  const found = await walk("");
  if (found !== null) return found;
  if (total > MAX_FOLDER_BYTES) {
    return {
      code: "folder-too-large",
      path: largest.path,
      bytes: total,
      limit: MAX_FOLDER_BYTES,
      message: `${shownAs} holds ${formatKb(total)} in all (largest: ${largest.path}, ${
        formatKb(largest.bytes)
      }); an exercise folder may hold at most ${
        formatKb(MAX_FOLDER_BYTES)
      } (code is a few kB: files this size are a table, not a program)`,
    };
  }
  return null;
}
