/**
 * Timing for the lessons of `deno task bench N --ladder` and its kin: one
 * warm-up call, then the median of a few calls, with the load average read
 * beside it (the machine may be shared: a figure without its load is not
 * worth quoting).
 *
 * @module
 */

/** Default timed calls per rung: a median of 3 is stable enough for ratios of 2× and more. */
export const LESSON_SAMPLES = 3;

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? sorted[mid] as number
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The median time of `fn`, in ms, after one untimed warm-up call (which lets
 * V8 optimise the loop, as a check's warm-up pair does).
 *
 * @param fn The call to time.
 * @param samples Timed calls (at least 1).
 * @param warmUp Whether to make one untimed call first.
 * @returns The median and every sample, ms.
 */
export async function timeMedian(
  fn: () => unknown,
  samples = LESSON_SAMPLES,
  warmUp = true,
): Promise<{ ms: number; samples: number[] }> {
  if (warmUp) await fn();
  const times: number[] = [];
  for (let s = 0; s < Math.max(1, samples); s++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return { ms: median(times), samples: times };
}

/** `/proc/loadavg`'s first three figures, or "unknown" where there is no such file. */
export function loadAverage(): string {
  try {
    return Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3).join(" ");
  } catch {
    return "unknown";
  }
}

/** A time for a table: ms below 10 s, seconds above. */
export function formatTime(ms: number): string {
  if (!Number.isFinite(ms)) return "—";
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}

/** A ratio as "12.3×". */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return "—";
  return ratio >= 100 ? `${ratio.toFixed(0)}×` : `${ratio.toFixed(ratio >= 10 ? 1 : 2)}×`;
}

/** Rows of cells as a left-aligned text table with a rule under the header. */
export function textTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: readonly string[]) =>
    "  " + cells.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join("  ").trimEnd();
  return [line(header), "  " + widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)];
}
