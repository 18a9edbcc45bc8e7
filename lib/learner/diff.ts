/**
 * A unified diff of two texts, line by line, as `diff -u` and `git diff` print
 * it. Written here so that `compare` works without git; the files it compares
 * are a few hundred lines, so a plain longest-common-subsequence table is fast.
 * Kept hand-written rather than npm's `diff`: 120 tested lines for a display,
 * against one more package every student copy would download.
 *
 * @module
 */

/** Above this many table cells (lines × lines), no line diff is attempted. */
const MAX_CELLS = 25_000_000;

/** How `unifiedDiff` labels its two sides. */
export interface DiffOptions {
  /** The name on the `---` line. */
  from: string;
  /** The name on the `+++` line. */
  to: string;
  /** Unchanged lines shown around each change (default 3). */
  context?: number;
}

type Op = { kind: " " | "-" | "+"; line: string; a: number; b: number };

function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** The edit script from `a` to `b`: a longest common subsequence, kept lines first. */
function editScript(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  // lcs[i * (m + 1) + j]: length of the LCS of a[i..] and b[j..].
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] = a[i] === b[j]
        ? lcs[(i + 1) * (m + 1) + j + 1]! + 1
        : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ kind: " ", line: a[i]!, a: i++, b: j++ });
    } else if (j < m && (i === n || lcs[i * (m + 1) + j + 1]! >= lcs[(i + 1) * (m + 1) + j]!)) {
      ops.push({ kind: "+", line: b[j]!, a: i, b: j++ });
    } else {
      ops.push({ kind: "-", line: a[i]!, a: i++, b: j });
    }
  }
  // Removals before additions within a run of changes, as diff tools print them.
  for (let start = 0; start < ops.length;) {
    if (ops[start]!.kind === " ") {
      start++;
      continue;
    }
    let end = start;
    while (end < ops.length && ops[end]!.kind !== " ") end++;
    const run = ops.slice(start, end);
    const sorted = [...run.filter((o) => o.kind === "-"), ...run.filter((o) => o.kind === "+")];
    ops.splice(start, run.length, ...sorted);
    start = end;
  }
  return ops;
}

function range(start: number, count: number): string {
  // diff -u numbers lines from 1; an empty range names the line before it.
  const first = count === 0 ? start : start + 1;
  return count === 1 ? `${first}` : `${first},${count}`;
}

/**
 * A unified diff from `before` to `after`.
 *
 * @returns The diff's lines (`---`, `+++`, then `@@` hunks); empty when the texts are equal.
 * @example
 * ```ts
 * import { unifiedDiff } from "./diff.ts";
 * const lines = unifiedDiff("a\nb\n", "a\nc\n", { from: "old", to: "new" });
 * if (lines.join("\n") !== "--- old\n+++ new\n@@ -1,2 +1,2 @@\n a\n-b\n+c") throw new Error();
 * ```
 */
export function unifiedDiff(before: string, after: string, options: DiffOptions): string[] {
  if (before === after) return [];
  const a = splitLines(before);
  const b = splitLines(after);
  const header = [`--- ${options.from}`, `+++ ${options.to}`];
  if ((a.length + 1) * (b.length + 1) > MAX_CELLS) {
    return [
      ...header,
      `@@ the files differ (${a.length} and ${b.length} lines: too long to diff) @@`,
    ];
  }
  const context = options.context ?? 3;
  const ops = editScript(a, b);
  const lines = [...header];
  let index = 0;
  while (index < ops.length) {
    // The next change, and the hunk around it: changes closer than 2 × context merge.
    while (index < ops.length && ops[index]!.kind === " ") index++;
    if (index === ops.length) break;
    const start = Math.max(0, index - context);
    let end = index;
    let quiet = 0;
    while (end < ops.length) {
      if (ops[end]!.kind === " ") {
        if (quiet === 2 * context) break;
        quiet++;
      } else {
        quiet = 0;
      }
      end++;
    }
    end -= Math.max(0, quiet - context); // keep `context` unchanged lines after the last change
    const hunk = ops.slice(start, end);
    const first = hunk[0]!;
    const aCount = hunk.filter((o) => o.kind !== "+").length;
    const bCount = hunk.filter((o) => o.kind !== "-").length;
    lines.push(`@@ -${range(first.a, aCount)} +${range(first.b, bCount)} @@`);
    for (const op of hunk) lines.push(op.kind + op.line);
    index = end;
  }
  return lines;
}
