/**
 * Exercise 2's lessons from the course, measured on this machine:
 *
 * - `ladderLesson`: the course's 1280 s → 192 s → 3.5 s → 1.5 s story as the
 *   port's own rungs (naive, hoisted, tables, memory order);
 * - `numpyLesson`: NumPy's broadcasting in TypeScript terms, with the shape
 *   table, and the course's question why vectorising all three axes is slower
 *   (memory traffic: bytes moved per pass, measured);
 * - `mapLesson`: `Array.prototype.map` with a per-element function, the
 *   counterpart of `np.vectorize` — an adapter, not a compiler.
 *
 * @module
 */
import {
  BENCHMARK_SIZE,
  createVelocity,
  type GridSize,
  makeGrid,
  pointCount,
} from "../../../exercises/02_velocity/grid.ts";
import type { LessonOptions, LessonSection, MeasuredRow } from "./section.ts";
import {
  hoisted,
  matrixPerPoint,
  maxDifference,
  memoryOrder,
  naive,
  tables,
  type Variant,
  vectorised,
} from "./velocity_variants.ts";
import { type RecordedLesson, recordedMs } from "./recorded.ts";
import { formatRatio, formatTime, loadAverage, textTable, timeMedian } from "./timing.ts";

/** The noise the check adds to the fields, so no variant can exploit their shape. */
const NOISE = 0.1;

/** One rung: what it is, the course's figure (M1 Pro, 500 × 800 × 300, Python) and the variant. */
interface Rung {
  label: string;
  course: string;
  variant: Variant;
}

/** The ladder, in the course's order. Its last two rungs are NumPy over 1 and 2 axes. */
const LADDER: readonly Rung[] = [
  { label: "naive: trig at every point, lat–lon–r", course: "1280 s", variant: naive },
  { label: "hoisted: sin/cos once per lat and (lat, lon)", course: "192 s", variant: hoisted },
  {
    label: "tables: sin/cos(lon) once, lat–lon–r",
    course: "3.503 s (NumPy, 1 axis)",
    variant: tables,
  },
  {
    label: "memory order: tables, lat–r–lon",
    course: "1.487 s (NumPy, 2 axes)",
    variant: memoryOrder,
  },
];

/** The grid and its size line. */
function setUp(size: GridSize, seed: number) {
  const grid = makeGrid(size, { noise: NOISE, seed });
  const points = pointCount(size);
  const label = `${size.nlat} × ${size.nlon} × ${size.nr} (${(points / 1e6).toFixed(1)} M points)`;
  return { grid, label };
}

/**
 * The velocity ladder on this machine: each rung's median time, its speed-up
 * over the naive loop and over the rung before, beside the course's figures.
 *
 * @param options Samples, seed, progress.
 * @param size The grid (default: the benchmark's 250 × 400 × 150).
 * @returns The section to print.
 */
export async function ladderLesson(
  options: LessonOptions,
  size: GridSize = BENCHMARK_SIZE,
): Promise<LessonSection> {
  const { grid, label } = setUp(size, options.seed);
  const reference = createVelocity(size);
  memoryOrder(grid, reference);
  const out = createVelocity(size);
  const rows: string[][] = [];
  const figures: string[] = [];
  const measured: MeasuredRow[] = [];
  let first = Number.NaN, previous = Number.NaN;
  for (const rung of LADDER) {
    options.progress?.(rung.label);
    const { ms } = await timeMedian(() => rung.variant(grid, out), options.samples);
    measured.push({ label: rung.label, ms });
    const differs = maxDifference(reference, out);
    if (Number.isNaN(first)) first = ms;
    rows.push([
      rung.label,
      rung.course,
      formatTime(ms),
      formatRatio(first / ms),
      Number.isNaN(previous) ? "" : formatRatio(previous / ms),
      differs === 0 ? "same" : differs.toExponential(0),
    ]);
    previous = ms;
    figures.push(`${rung.label.split(":")[0]} ${formatTime(ms)}`);
  }
  return {
    title: `The velocity ladder on ${label}, median of ${options.samples} after a warm-up`,
    record: {
      key: "ladder",
      summary:
        `ladder on ${label}: ${figures.join(", ")} (${formatRatio(first / previous)} in all); ` +
        `load ${loadAverage()}`,
    },
    measured: { key: "ladder", size: label, rows: measured },
    lines: [
      ...textTable(
        ["rung", "the course (Python)", "here", "over naive", "over previous", "vs memory order"],
        rows,
      ),
      `  load average ${loadAverage()} · the course: 1280 s → 1.5 s is ~850×, on a grid 8× larger;`,
      "  its last two rungs are NumPy over one and two axes; here the loop is compiled already,",
      "  so what is left to win is the work per point (trig) and the order memory is walked in.",
    ],
  };
}

/** Question 1's variants (exercise 2, Task 3), after the scalar loop they are compared with. */
const MATRIX: readonly { label: string; variant: Variant }[] = [
  { label: "scalar loop: tables, memory order", variant: memoryOrder },
  {
    label: "nested number[][] per point, dot() builds the result",
    variant: matrixPerPoint("nested-dot"),
  },
  {
    label: "nested number[][] per point, product inline",
    variant: matrixPerPoint("nested-inline"),
  },
  { label: "Float64Array(9) per point", variant: matrixPerPoint("typed") },
];

/**
 * Question 1 of the course (exercise 2, Task 3), measured: a 3×3 matrix built
 * at every point and multiplied with the vector, three ways, beside the scalar
 * loop in memory order. For after the learner's own measurement: it prints the
 * answer.
 *
 * @param options Samples, seed, progress.
 * @param size The grid (default: the benchmark's 250 × 400 × 150).
 * @returns The section to print.
 */
export async function matrixLesson(
  options: LessonOptions,
  size: GridSize = BENCHMARK_SIZE,
): Promise<LessonSection> {
  const { grid, label } = setUp(size, options.seed);
  const reference = createVelocity(size);
  memoryOrder(grid, reference);
  const out = createVelocity(size);
  const rows: string[][] = [];
  const measured: MeasuredRow[] = [];
  let scalar = Number.NaN;
  for (const { label: what, variant } of MATRIX) {
    options.progress?.(what);
    const { ms } = await timeMedian(() => variant(grid, out), options.samples);
    if (Number.isNaN(scalar)) scalar = ms;
    measured.push({ label: what, ms });
    const differs = maxDifference(reference, out);
    rows.push([
      what,
      formatTime(ms),
      formatRatio(ms / scalar),
      differs === 0 ? "same" : differs.toExponential(0),
    ]);
  }
  const figures = measured.map((r) => `${r.label.split(",")[0]} ${formatTime(r.ms)}`);
  return {
    title: `Question 1: a 3×3 matrix per point on ${label}, median of ${options.samples}`,
    record: { key: "matrix", summary: `${figures.join(", ")}; load ${loadAverage()}` },
    measured: { key: "matrix", size: label, rows: measured },
    lines: [
      ...textTable(["variant", "here", "× the scalar loop's time", "vs scalar loop"], rows),
      `  load average ${loadAverage()}`,
      "  The scalar loop does the matrix's multiplications already, on values in registers.",
      "  A matrix per point adds allocations for the garbage collector to reclaim; a typed",
      "  array adds a backing store V8 must set up and track, for nine numbers.",
    ],
  };
}

/** A Markdown table, columns padded as `deno fmt` pads them. */
function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(3, ...all.map((r) => [...(r[c] ?? "")].length)));
  const line = (cells: readonly string[]) =>
    `| ${
      cells.map((cell, c) => cell + " ".repeat((widths[c] ?? 0) - [...cell].length)).join(" | ")
    } |`;
  return [line(header), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...rows.map(line)];
}

/**
 * Exercise 2's Task 3 table, from recorded figures: the ladder's naive, tables
 * and memory-order rungs, then Question 1's matrices (each compared with the
 * scalar loop timed beside it).
 */
export function task3Table(ladder: RecordedLesson, matrix: RecordedLesson): string[] {
  const [naiveRung, , tablesRung, memoryRung] = LADDER as [Rung, Rung, Rung, Rung];
  const memory = recordedMs(ladder, memoryRung.label);
  const ladderRow = (what: string, rung: Rung, note = "") => {
    const ms = recordedMs(ladder, rung.label);
    return [what, formatTime(ms), `${formatRatio(ms / memory)}${note}`];
  };
  const scalar = recordedMs(matrix, (MATRIX[0] as { label: string }).label);
  const matrixRow = (what: string, index: number) => {
    const ms = recordedMs(matrix, (MATRIX[index] as { label: string }).label);
    return [what, formatTime(ms), formatRatio(ms / scalar)];
  };
  const naiveMs = recordedMs(ladder, naiveRung.label);
  return markdownTable(["variant", "median", "× the time of the scalar loop in memory order"], [
    ladderRow("naive: trig at every point, lat–lon–r order (the baseline)", naiveRung),
    ladderRow("trig tables, lat–lon–r order", tablesRung),
    ladderRow(
      "trig tables, memory order (the scalar loop)",
      memoryRung,
      ` (${formatRatio(naiveMs / memory)} faster than the baseline)`,
    ),
    matrixRow("nested `number[][]` matrix per point, a `dot()` that builds the result", 1),
    matrixRow("nested `number[][]` matrix per point, product written out inline", 2),
    matrixRow("`Float64Array(9)` matrix per point", 3),
  ]);
}

/** Exercise 2's ladder table, from recorded figures, beside the course's. */
export function ladderTable(ladder: RecordedLesson): string[] {
  let first = Number.NaN, previous = Number.NaN;
  const rows = LADDER.map((rung) => {
    const ms = recordedMs(ladder, rung.label);
    if (Number.isNaN(first)) first = ms;
    const row = [
      rung.label,
      rung.course,
      formatTime(ms),
      formatRatio(first / ms),
      Number.isNaN(previous) ? "" : formatRatio(previous / ms),
    ];
    previous = ms;
    return row;
  });
  return markdownTable(
    ["rung", "the course (Python)", "here", "over naive", "over previous"],
    rows,
  );
}

/** The broadcast shape table for a NumPy-style statement over the last `axes` axes. */
export function shapeTable(axes: 1 | 2 | 3): string[] {
  const block = axes === 1 ? "[1, 1, nlon]" : axes === 2 ? "[1, nr, nlon]" : "[nlat, nr, nlon]";
  const latFactor = axes === 3 ? "sinLat [nlat, 1, 1]" : "sinLat (a number)";
  const stretched = axes === 3 ? "[nlat, nr, nlon]" : "— (a scalar)";
  return textTable(
    ["operand", "stored as", "padded on the left", "stretched to", "read in TypeScript as"],
    [
      ["vlon, vlat, vrad", block, block, block, "field[offset + row + k]"],
      [
        "sinLon, cosLon",
        "[nlon]",
        "[1, 1, nlon]",
        block,
        "table[k]: the same nlon values, every row",
      ],
      [
        latFactor,
        axes === 3 ? "[nlat, 1, 1]" : "[]",
        axes === 3 ? "[nlat, 1, 1]" : "[]",
        stretched,
        axes === 3 ? "a whole-grid temporary" : "one const per latitude",
      ],
      ["vx (the result)", block, block, block, "out[offset + row + k]"],
    ],
  );
}

/**
 * NumPy's lesson: the same conversion written as whole-array operations with a
 * temporary per operation, over one, two and three axes, beside the scalar loop
 * in memory order; the memory each moves and its rate.
 *
 * @param options Samples, seed, progress.
 * @param size The grid (default: the benchmark's).
 * @returns The sections: the shape tables, then the measurements.
 */
export async function numpyLesson(
  options: LessonOptions,
  size: GridSize = BENCHMARK_SIZE,
): Promise<LessonSection[]> {
  const { grid, label } = setUp(size, options.seed);
  const reference = createVelocity(size);
  memoryOrder(grid, reference);
  const out = createVelocity(size);
  const variants: { label: string; course: string; temp: string; variant: Variant }[] = [
    { label: "scalar loop, memory order", course: "—", temp: "none", variant: memoryOrder },
    {
      label: "1 axis: a statement per (lat, r) row",
      course: "3.503 s",
      temp: `${size.nlon} doubles`,
      variant: vectorised(1),
    },
    {
      label: "2 axes: a statement per latitude",
      course: "1.487 s",
      temp: `${size.nr * size.nlon} doubles`,
      variant: vectorised(2),
    },
    {
      label: "3 axes: the whole grid at once",
      course: "slightly slower",
      temp: `${pointCount(size)} doubles`,
      variant: vectorised(3),
    },
  ];
  const rows: string[][] = [];
  const figures: string[] = [];
  let scalar = Number.NaN;
  for (const v of variants) {
    options.progress?.(v.label);
    let bytes = 0;
    const { ms } = await timeMedian(() => {
      bytes = v.variant(grid, out);
    }, options.samples);
    if (Number.isNaN(scalar)) scalar = ms;
    const differs = maxDifference(reference, out);
    rows.push([
      v.label,
      v.course,
      v.temp,
      `${(bytes / 1e9).toFixed(2)} GB`,
      formatTime(ms),
      `${(bytes / 1e6 / ms).toFixed(1)} GB/s`,
      formatRatio(ms / scalar),
      differs < 1e-12 ? "ok" : `differs by ${differs.toExponential(1)}`,
    ]);
    figures.push(
      `${v.label.split(":")[0]} ${formatTime(ms)} (${(bytes / 1e6 / ms).toFixed(1)} GB/s)`,
    );
  }
  return [
    {
      title: "Broadcasting in TypeScript terms: vx[i, j, :] over longitudes (1 axis)",
      lines: [
        ...shapeTable(1),
        "  NumPy pads [nlon] to [1, 1, nlon] and stretches it without copying (a stride of 0);",
        "  in TypeScript the stretch is the index: table[k] is read again for every row.",
      ],
    },
    { title: "… over radius × longitude (2 axes): vx[i, :, :]", lines: shapeTable(2) },
    { title: "… over all three axes: vx[:, :, :]", lines: shapeTable(3) },
    {
      title: `NumPy's style measured on ${label}, median of ${options.samples}`,
      record: {
        key: "numpy",
        summary: `NumPy's style on ${label}: ${figures.join(", ")}; load ${loadAverage()}`,
      },
      lines: [
        ...textTable(
          [
            "variant",
            "the course",
            "temporary",
            "moved",
            "here",
            "rate",
            "× scalar time",
            "result",
          ],
          rows,
        ),
        `  load average ${loadAverage()}`,
        "  Why three axes is slower: every operation is its own pass into a fresh temporary the",
        "  size of the block. A row or a latitude's slab stays in the CPU's caches between passes;",
        "  a whole-grid temporary does not, so every pass goes to main memory and back (compare",
        "  the rates), and each fresh temporary makes the OS hand over and zero new pages. The",
        "  arithmetic is the same; three axes also make a few more passes (the latitude factors",
        "  stretched to the whole grid). One axis is slow for the opposite reason: 12 small",
        `  temporaries per row, ${
          (size.nlat * size.nr).toLocaleString("en")
        } rows: the cost of each operation is paid per row.`,
      ],
    },
  ];
}

/** The slow series' per-term function, as the course's `combined(k)`. */
function combined(k: number): number {
  return String(k).includes("9") ? 0 : 1 / k;
}

/**
 * `np.vectorize`'s counterpart: the same per-element function through
 * `Array.prototype.map` over an array of n integers, against a plain loop that
 * calls it. The map adapts the function to an array; it compiles nothing.
 *
 * @param options Samples, seed, progress.
 * @param n Terms of the slow series (default 10^7).
 * @returns The section to print.
 */
export async function mapLesson(options: LessonOptions, n = 10_000_000): Promise<LessonSection> {
  options.progress?.("loop");
  let loopSum = 0, mapSum = 0;
  const loop = await timeMedian(() => {
    let total = 0;
    for (let k = 1; k <= n; k++) total += combined(k);
    loopSum = total;
  }, options.samples);
  options.progress?.("map");
  const mapped = await timeMedian(() => {
    const ks = Array.from({ length: n }, (_, i) => i + 1);
    const terms = ks.map(combined);
    let total = 0;
    for (const t of terms) total += t;
    mapSum = total;
  }, options.samples);
  return {
    title: `Array.prototype.map as np.vectorize: the slow series, n = ${n.toLocaleString("en")}`,
    record: {
      key: "map",
      summary: `map against a loop, n = ${n.toLocaleString("en")}: loop ${formatTime(loop.ms)}, ` +
        `map ${formatTime(mapped.ms)} (${formatRatio(mapped.ms / loop.ms)}); load ${loadAverage()}`,
    },
    lines: [
      ...textTable(["how", "the course (n = 10^8)", "here", "× the loop"], [
        ["a loop calling combined(k)", "6.625 s (its plain loop)", formatTime(loop.ms), "1×"],
        [
          "ks.map(combined), then a sum",
          "14.72 s (np.vectorize)",
          formatTime(mapped.ms),
          formatRatio(mapped.ms / loop.ms),
        ],
      ]),
      `  sums ${
        loopSum === mapSum ? "agree" : `differ: ${loopSum} vs ${mapSum}`
      } · load average ${loadAverage()}`,
      "  map runs the same function per element and adds an array of n integers and one of n",
      "  terms: it adapts a function to an array, as np.vectorize does; it is not a compiler.",
    ],
  };
}
