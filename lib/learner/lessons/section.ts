/**
 * What a lesson prints: a titled block of lines (the same shape as a bench
 * section, so `deno task bench` prints both alike).
 *
 * @module
 */

/** A titled block of text lines. */
export interface LessonSection {
  /** The heading printed above the block. */
  title: string;
  /** The block's lines, printed as they are. */
  lines: string[];
  /**
   * The figures in one line, kept in `.workbook/lessons.json` under `key` for
   * the learner's answers (`lib/learner/answers.ts`).
   */
  record?: { key: string; summary: string };
  /**
   * The figures of the table, row by row, for `bench --write` to keep in
   * `data/lessons.json` (where READMEs quote them from; `recorded.ts`).
   */
  measured?: { key: string; size: string; rows: MeasuredRow[] };
}

/** One measured row of a lesson's table. */
export interface MeasuredRow {
  /** The row's label, as the table prints it. */
  label: string;
  /** Its median time, ms. */
  ms: number;
}

/** How a lesson reports progress while it measures (dots on stderr in the CLI). */
export type Progress = (what: string) => void;

/** Options shared by the lessons. */
export interface LessonOptions {
  /** Timed calls per row (after one warm-up). */
  samples: number;
  /** The seed of any random input. */
  seed: number;
  /** Called as each row starts, for a progress line. */
  progress?: Progress;
}
