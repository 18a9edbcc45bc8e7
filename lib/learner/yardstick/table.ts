/**
 * The yardstick's table: what one run measured (or the recorded figures stand
 * in for), and the text the command prints. Pure: no timing, no files, so the
 * formatting is tested on its own (`tests/learner/yardstick_test.ts`).
 *
 * @module
 */
import { formatMs } from "../../report/format.ts";

/** One compiled figure: the median of this run, or the recorded one when no compiler is here. */
export interface CompiledCell {
  /** Median milliseconds, or null when neither measured nor recorded. */
  ms: number | null;
  /** The sum the program printed (%.17g / {:?}: reads back as the same double). */
  sum: number | null;
  /** True when the figure comes from data/yardstick.json, not from this run. */
  recorded: boolean;
}

/** Whose code the reference column timed. */
export type ReferenceOwner = "reference" | "yours";

/** The workbook's side of a row: the reference (or the learner's code) measured in this run. */
export interface ReferenceCell {
  /** Median milliseconds, or null when it could not run (see `missing`). */
  ms: number | null;
  /** The sum it returned. */
  sum: number | null;
  /** The reference from solutions/, or the learner's own code in the student copy. */
  owner: ReferenceOwner;
  /** Why nothing was timed (no reference, a stub, a wrong result), in one line. */
  missing?: string;
}

/** One row of the table. */
export interface Row {
  /** The problem and the exercise, as printed. */
  problem: string;
  c: CompiledCell;
  rust: CompiledCell;
  reference: ReferenceCell;
  /** True when C, Rust and the reference add the same terms in the same order. */
  sameOrder: boolean;
  /**
   * Each round's ratio of the reference to the best compiled program, timed back
   * to back (see `measure`): absent when no compiled program ran here.
   */
  roundRatios?: number[];
  /** The median of `roundRatios` (recorded, or of this run): what the ratio column prints. */
  ratio?: number;
}

/** The fastest compiled median of a row, or null. */
export function bestCompiled(row: Row): number | null {
  const times = [row.c.ms, row.rust.ms].filter((t): t is number => t !== null);
  return times.length === 0 ? null : Math.min(...times);
}

/**
 * The reference's time over the best compiled one (1.00× = as fast), or null:
 * the median of the same-round ratios where there are some, else the ratio of
 * the medians (a compiled figure recorded elsewhere).
 */
export function ratioToBest(row: Row): number | null {
  if (row.ratio !== undefined && row.reference.ms !== null) return row.ratio;
  const best = bestCompiled(row);
  if (best === null || best <= 0 || row.reference.ms === null) return null; // 0 ms: too small to compare
  return row.reference.ms / best;
}

/** Whether the sums agree bit for bit: "yes", "no", or "–" when not comparable. */
export function sumsAgree(row: Row): string {
  const sums = [row.c.sum, row.rust.sum, row.reference.sum].filter((s): s is number => s !== null);
  if (sums.length < 2) return "–";
  const same = sums.every((s) => Object.is(s, sums[0]));
  if (same) return "yes";
  return row.sameOrder ? "NO (same order: a bug)" : "no (another order or libm)";
}

function compiledText(cell: CompiledCell): string {
  if (cell.ms === null) return "–";
  return `${formatMs(cell.ms)}${cell.recorded ? " *" : ""}`;
}

function referenceText(cell: ReferenceCell): string {
  if (cell.ms === null) return `– (${cell.missing ?? "not run"})`;
  return cell.owner === "yours" ? `${formatMs(cell.ms)} (yours)` : formatMs(cell.ms);
}

/** A Markdown table: the header, then one line per row, columns padded. */
function markdown(header: string[], lines: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? "").length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(" | ")} |`;
  return [line(header), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...lines.map(line)]
    .join("\n");
}

/** The timing table: problem | C | Rust | reference | ratio to best. */
export function formatTable(rows: Row[], referenceHeader = "reference"): string {
  return markdown(
    ["problem", "C -O3 -march=native", "Rust -O3", referenceHeader, "ratio to best"],
    rows.map((row) => {
      const ratio = ratioToBest(row);
      return [
        row.problem,
        compiledText(row.c),
        compiledText(row.rust),
        referenceText(row.reference),
        ratio === null ? "–" : `${ratio.toFixed(2)}×`,
      ];
    }),
  );
}

function sumText(sum: number | null): string {
  return sum === null ? "–" : String(sum);
}

/** The sums table: what each side returned, and whether they agree bit for bit. */
export function formatSums(rows: Row[]): string {
  return markdown(
    ["problem", "C", "Rust", "reference", "bit for bit"],
    rows.map((row) => [
      row.problem,
      sumText(row.c.sum),
      sumText(row.rust.sum),
      sumText(row.reference.sum),
      sumsAgree(row),
    ]),
  );
}

/** The figures' provenance when recorded ones stand in: where and when they were measured. */
export interface RecordedSource {
  machine: string;
  measured: string;
  loadAverage: string;
}

/**
 * The line that says which compiled columns are not from this run, or null
 * when both compilers were found.
 */
export function absentNote(
  absent: readonly ("c" | "rust")[],
  recorded: RecordedSource | null,
): string | null {
  if (absent.length === 0) return null;
  const names = absent.map((l) => (l === "c" ? "no C compiler (cc)" : "no rustc")).join(" and ");
  return recorded === null
    ? `${names} on PATH, and no recorded figures: those columns are empty.`
    : `${names} on PATH: * marks the figures recorded on ${recorded.machine}, ${
      recorded.measured.slice(0, 10)
    } (load average ${recorded.loadAverage}), not measured here.`;
}
