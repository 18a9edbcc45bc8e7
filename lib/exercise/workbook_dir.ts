/**
 * `.workbook/`: the learner's own state, beside the exercises, which git
 * ignores and `deno task dist` leaves out. This module is the one that names
 * what is kept there; every command takes its paths from here.
 *
 * It sits in `lib/exercise/` (beside `paths.ts`) rather than with the learner's
 * tools because the AssemblyScript build (`build.ts`) keeps its cache there too.
 *
 * @module
 */
import { REPO_ROOT } from "./paths.ts";

/** The folder itself. */
export const WORKBOOK_DIR = `${REPO_ROOT}/.workbook`;

/** Every file and folder kept in `.workbook/`, by what it holds. */
export const WORKBOOK_PATHS = {
  /** Every check's result and the best per exercise (`lib/learner/progress.ts`). */
  progress: `${WORKBOOK_DIR}/progress.json`,
  /** How many hints of each exercise were shown (`deno task hint`). */
  hints: `${WORKBOOK_DIR}/hints.json`,
  /** The learner's files as they were before a `reset` (`deno task reset`). */
  backups: `${WORKBOOK_DIR}/backups`,
  /** The default page of `deno task report`. */
  report: `${WORKBOOK_DIR}/report.html`,
  /** Compiled AssemblyScript, by content hash (`lib/exercise/build.ts`). */
  wasmCache: `${WORKBOOK_DIR}/wasm-cache`,
} as const;
