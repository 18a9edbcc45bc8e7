/**
 * The visual report: one self-contained HTML page (inline CSS and SVG, no
 * script, nothing fetched) with a progress summary and three charts: speed-up
 * against the tiers, the spread of the timed pairs, and scaling curves.
 *
 * `renderReport` is a pure function, data in and a string out, so that any
 * command (the learner's `deno task report`, an instructor's gradebook) can
 * build the data its own way and draw it the same way.
 *
 * @module
 */
import { escapeHtml } from "./escape.ts";
import { scalingSection } from "./scaling_chart.ts";
import { HISTORY_STYLE, type HistoryDot, historySection } from "./history.ts";
export type { HistoryDot };
import type { SpeedupStats, Tier } from "../check/types.ts";
import { formatMs } from "./format.ts";
import {
  ANSWERS_STYLE,
  type AnswerSheetView,
  answersSection,
  type AnswerView,
} from "./answers_section.ts";
export type { AnswerSheetView, AnswerView };
import { TIERS } from "../check/verdict.ts";

/** Where an exercise stands (a hand-in awaits the instructor: it is not a pass). */
export type ExerciseState =
  | "passed"
  | "handed-in"
  | "correct"
  | "failing"
  | "not-started"
  | "unavailable";

/** One point of a scaling curve: Workers, the speed-up reached, the ideal here. */
export interface ReportScalingPoint {
  /** Workers. */
  threads: number;
  /** Time on one Worker ÷ time on `threads`. */
  speedup: number;
  /** The best speed-up possible here: min(threads, cores). */
  ideal: number;
}

/** A parallel speed part: the learner's code on `threads` Workers against one. */
export interface ReportSpeedPart {
  /** Workers the learner's code ran on. */
  threads: number;
  /** Per-pair speed-ups over one Worker: median, min, max; null when not measured. */
  speedup: SpeedupStats | null;
  /** The speed-up each tier needs on the machine that ran it; null when skipped. */
  tiers: Record<Tier, number> | null;
  /** The tier reached, or null. */
  tier: Tier | null;
}

/** One exercise as the report shows it. */
export interface ReportExercise {
  /** Its number in the course. */
  number: number;
  /** Its slug. */
  slug: string;
  /** Its title. */
  title: string;
  /** Not started, started, or passed. */
  state: ExerciseState;
  /** The tier the best check earned (the lowest of its speed parts), or null. */
  tier: Tier | null;
  /** The speed-up each tier needs; null when the exercise has no speed part. */
  tiers: Record<Tier, number> | null;
  /** The per-pair speed-ups of the best check: median, min, max; null when none was measured. */
  speedup: SpeedupStats | null;
  /** The tier that speed-up reached on its own, or null. */
  speedTier: Tier | null;
  /** The second, parallel speed part (own code on Workers against one), if the exercise has one. */
  parallelPart: ReportSpeedPart | null;
  /** Median time of the baseline in the best check, ms. */
  baselineMs: number | null;
  /** Median time of the learner's code in the best check, ms. */
  candidateMs: number | null;
  /** True for a parallel exercise (one that can have a scaling curve). */
  parallel: boolean;
  /** The scaling curve, if one was measured. */
  scaling: { cores: number; rows: ReportScalingPoint[] } | null;
  /** The latest check in a few words ("pass · 24 Nov 10:15"), or null. */
  lastCheck: string | null;
  /** Every measured check, oldest first (main part's median, overall tier). Default: none. */
  history?: readonly HistoryDot[];
}

/** Everything `renderReport` draws. */
export interface ReportData {
  /** The page's heading. */
  title: string;
  /** A line under the title: when, where. */
  subtitle: string;
  /** Every exercise, in course order. */
  exercises: ReportExercise[];
  /** The written answers (`lib/learner/answers.ts`), in course order. Default: none. */
  answers?: readonly AnswerSheetView[];
}

/** Layout of the horizontal charts, in SVG units (the SVG scales to the page). */
const CHART_WIDTH = 840;
const LABEL_WIDTH = 200;
const PLOT_WIDTH = 460;
/** Tier labels closer than this drop to a second line, so they never overlap. */
const LABEL_GAP = 40;
const ROW_HEIGHT = 78;
/** Where a tier label's baseline sits below its row's top, and how much lower each next level goes. */
const LABEL_DEPTH = 38;
const LABEL_STEP = 14;
const TOP_MARGIN = 28;

/** Scaling charts. */

const STATE_TEXT: Record<ExerciseState, string> = {
  passed: "✓ passed",
  "handed-in": "✉ handed in: graded by your instructor",
  correct: "◐ correct, speed not checked",
  failing: "✗ not passing yet",
  "not-started": "· not started",
  unavailable: "– not yet available",
};

/** A number for an SVG attribute: at most two decimals. */
function n(x: number): string {
  return String(Math.round(x * 100) / 100);
}

function times(x: number): string {
  return `${x.toFixed(2)}×`;
}

/** A tier in as few digits as it needs: 1.5×, 8×, 0.55×. */
function tierTimes(x: number): string {
  return `${Number(x.toFixed(2))}×`;
}

const STYLE = `
:root { --pass: #a0612b; --silver: #7d8590; --gold: #c8960c; --none: #c0392b;
  --ink: #1f2328; --muted: #656d76; --line: #d0d7de; --track: #f0f2f4; --good: #1a7f37; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
  max-width: 860px; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .3rem; border-bottom: 1px solid var(--line); }
.subtitle, .caption, .empty { color: var(--muted); }
.caption { margin: .2rem 0 .6rem; font-size: .9rem; }
.empty { border: 1px dashed var(--line); border-radius: 6px; padding: 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); }
th { color: var(--muted); font-weight: 600; }
td.num { font-variant-numeric: tabular-nums; }
tr.unavailable td { color: var(--muted); }
.state-passed { color: var(--good); } .state-failing { color: var(--none); }
.state-correct, .state-handed-in { color: var(--gold); }
svg { width: 100%; height: auto; display: block; }
svg text { font: 12px system-ui, sans-serif; fill: var(--ink); }
svg text.small { font-size: 10.5px; fill: var(--muted); }
svg text.label { font-weight: 600; }
svg text.value { paint-order: stroke; stroke: #fff; stroke-width: 3px; }
svg text.value.inside { fill: #fff; stroke: none; font-weight: 600; }
.track { fill: var(--track); }
.bar.tier-pass { fill: var(--pass); } .bar.tier-silver { fill: var(--silver); }
.bar.tier-gold { fill: var(--gold); } .bar.tier-none { fill: var(--none); }
.tier-line { stroke-width: 2; } .tier-halo { stroke: #fff; stroke-width: 5; } .tier-line.tier-pass { stroke: var(--pass); }
.tier-line.tier-silver { stroke: var(--silver); } .tier-line.tier-gold { stroke: var(--gold); }
.axis, .grid { stroke: var(--line); } .parity { stroke: var(--muted); stroke-dasharray: 3 3; }
.whisker { stroke: var(--ink); stroke-width: 2; } .median { fill: var(--gold); stroke: var(--ink); }
.ideal { fill: none; stroke: var(--muted); stroke-width: 2; stroke-dasharray: 6 4; }
.measured { fill: none; stroke: var(--good); stroke-width: 2.5; } .point { fill: var(--good); }
.progress-track { fill: var(--track); } .progress-fill { fill: var(--good); }
.legend { display: flex; gap: 1rem; font-size: .85rem; color: var(--muted); margin: .3rem 0; }
.swatch { display: inline-block; width: .9rem; height: .9rem; border-radius: 2px;
  vertical-align: -2px; margin-right: .3rem; }
.scaling-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr));
  gap: 1rem; }
figure { margin: 0; } figcaption { font-weight: 600; margin-bottom: .3rem; }
`;

function progressSvg(data: ReportData): string {
  const available = data.exercises.filter((e) => e.state !== "unavailable");
  const passed = available.filter((e) => e.state === "passed").length;
  const handedIn = available.filter((e) => e.state === "handed-in").length;
  const width = 600;
  const share = available.length === 0 ? 0 : passed / available.length;
  const text = `${passed} of ${available.length} available exercises passed` +
    (handedIn === 0 ? "" : `, ${handedIn} handed in (awaiting your instructor)`) +
    ` (${data.exercises.length} in the workbook)`;
  return `<svg id="progress-bar" viewBox="0 0 ${width} 44" role="img" aria-label="${
    escapeHtml(text)
  }">
<rect class="progress-track" x="0" y="0" width="${width}" height="18" rx="9"/>
<rect class="progress-fill" x="0" y="0" width="${n(width * share)}" height="18" rx="9"/>
<text x="0" y="38">${escapeHtml(text)}</text>
</svg>`;
}

function summaryTable(data: ReportData): string {
  const rows = data.exercises.map((e) => {
    const speed = e.speedup === null ? "–" : times(e.speedup.median);
    const needs = e.tiers === null ? "–" : times(e.tiers.pass);
    return `<tr class="${e.state === "unavailable" ? "unavailable" : ""}">` +
      `<td class="num">${e.number}</td><td>${escapeHtml(e.slug)}</td>` +
      `<td class="state-${e.state}">${STATE_TEXT[e.state]}</td>` +
      `<td>${e.tier ?? "–"}</td><td class="num">${speed}</td><td class="num">${needs}</td>` +
      `<td>${escapeHtml(e.lastCheck ?? "–")}</td></tr>`;
  });
  return `<table id="summary"><thead><tr><th>N</th><th>exercise</th><th>status</th>` +
    `<th>tier</th><th>best speed-up</th><th>needs</th><th>last check</th></tr></thead>` +
    `<tbody>\n${rows.join("\n")}\n</tbody></table>`;
}

function legend(): string {
  return `<div class="legend">${
    TIERS.map((t) => `<span><span class="swatch" style="background:var(--${t})"></span>${t}</span>`)
      .join("")
  }<span><span class="swatch" style="background:var(--none)"></span>below pass</span></div>`;
}

/** One bar of the speed-up chart: a speed part against its tiers. */
interface BarRow {
  slug: string;
  label: string;
  note: string;
  speedup: SpeedupStats | null;
  tiers: Record<Tier, number>;
  tier: Tier | null;
}

function barRows(exercises: ReportExercise[]): BarRow[] {
  const rows: BarRow[] = [];
  for (const e of exercises) {
    if (e.state === "unavailable") continue;
    const label = `${e.number} ${e.slug}`;
    if (e.tiers !== null) {
      rows.push({
        slug: e.slug,
        label,
        note: STATE_TEXT[e.state],
        speedup: e.speedup,
        tiers: e.tiers,
        tier: e.speedTier,
      });
    }
    const part = e.parallelPart;
    if (part !== null && part.tiers !== null) {
      rows.push({
        slug: e.slug,
        label,
        note: `on ${part.threads} Workers against 1`,
        speedup: part.speedup,
        tiers: part.tiers,
        tier: part.tier,
      });
    }
  }
  return rows;
}

/** The SVG of one bar row, at height `y`. */
function barRow(row: BarRow, y: number): string[] {
  const { tiers, speedup } = row;
  const top = Math.max(tiers.gold * 1.25, (speedup?.median ?? 0) * 1.08);
  const x = (value: number) => LABEL_WIDTH + (Math.min(value, top) / top) * PLOT_WIDTH;
  const parts = [
    `<g class="row" data-slug="${escapeHtml(row.slug)}">`,
    `<text class="label" x="0" y="${y + 15}">${escapeHtml(row.label)}</text>`,
    `<text class="small" x="0" y="${y + 31}">${escapeHtml(row.note)}</text>`,
    `<rect class="track" x="${LABEL_WIDTH}" y="${y}" width="${PLOT_WIDTH}" height="22" rx="3"/>`,
  ];
  let value = "";
  if (speedup === null) {
    parts.push(
      `<text class="no-data small" x="${LABEL_WIDTH + 8}" y="${y + 15}">not measured yet</text>`,
    );
  } else {
    const end = x(speedup.median);
    // The value sits after the bar, or inside its end when the bar is long.
    const inside = end - LABEL_WIDTH > PLOT_WIDTH * 0.75;
    const title = escapeHtml(`${row.label}: median ${times(speedup.median)}`);
    parts.push(
      `<rect class="bar tier-${row.tier ?? "none"}" x="${LABEL_WIDTH}" y="${y}" ` +
        `width="${n(end - LABEL_WIDTH)}" height="22" rx="3"><title>${title}</title></rect>`,
    );
    // Drawn after the tier lines, so that no line crosses it.
    value = inside
      ? `<text class="value inside" x="${n(end - 6)}" y="${y + 15}" text-anchor="end">`
      : `<text class="value" x="${n(end + 6)}" y="${y + 15}">`;
    value += `${times(speedup.median)}</text>`;
  }
  // Tier labels that would touch go one level lower each (three tiers: at most three levels).
  const levels: number[] = [];
  for (const t of TIERS) {
    const tx = x(tiers[t]);
    let level = levels.findIndex((last) => tx - last >= LABEL_GAP);
    if (level === -1) level = levels.length;
    levels[level] = tx;
    const depth = LABEL_DEPTH + level * LABEL_STEP;
    parts.push(
      // A white halo first, so the line stays visible over a bar of its own colour.
      `<line class="tier-halo" x1="${n(tx)}" x2="${n(tx)}" y1="${y - 5}" y2="${y + 27}"/>`,
      `<line class="tier-line tier-${t}" x1="${n(tx)}" x2="${n(tx)}" y1="${y - 5}" ` +
        `y2="${y + depth - 11}"><title>${t}: ${times(tiers[t])}</title></line>`,
      `<text class="small tier-label" x="${n(tx)}" y="${y + depth}" text-anchor="middle">` +
        `${tierTimes(tiers[t])}</text>`,
    );
  }
  const verdict = row.tier ?? (speedup === null ? "" : "below pass");
  parts.push(
    value,
    `<text class="small" x="${LABEL_WIDTH + PLOT_WIDTH + 8}" y="${y + 15}">${verdict}</text>`,
    "</g>",
  );
  return parts;
}

/** Speed-up against the tiers: a row per speed part, each on its own scale. */
function speedupChart(exercises: ReportExercise[]): string {
  const rows = barRows(exercises);
  if (rows.length === 0) {
    return `<p class="empty" id="speedup-empty">No exercise with a speed requirement is available yet.</p>`;
  }
  const height = TOP_MARGIN + rows.length * ROW_HEIGHT;
  const parts = rows.flatMap((row, index) => barRow(row, TOP_MARGIN + index * ROW_HEIGHT));
  return `${legend()}
<svg id="speedup-chart" viewBox="0 0 ${CHART_WIDTH} ${height}" role="img" aria-label="Speed-up per exercise against its tiers">
<text class="small" x="${LABEL_WIDTH}" y="14">0×</text>
${parts.join("\n")}
</svg>`;
}

/** Log-scale ticks (1, 2, 5 per decade) inside [lo, hi]. */
function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let decade = 10 ** Math.floor(Math.log10(lo)); decade <= hi; decade *= 10) {
    for (const m of [1, 2, 5]) {
      const v = decade * m;
      if (v >= lo && v <= hi) ticks.push(v);
    }
  }
  return ticks;
}

/** Min, median and max of the per-pair speed-ups, on one shared log axis. */
function spreadChart(exercises: ReportExercise[]): string {
  const rows = exercises.filter((e) => e.speedup !== null);
  if (rows.length === 0) {
    return `<p class="empty" id="spread-empty">No timings yet: a full <code>deno task check N</code> (without --quick) measures them.</p>`;
  }
  const lo = Math.min(1, ...rows.map((e) => (e.speedup as SpeedupStats).min)) / 1.25;
  const hi = Math.max(...rows.map((e) => (e.speedup as SpeedupStats).max)) * 1.25;
  const x = (v: number) =>
    LABEL_WIDTH + ((Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))) * PLOT_WIDTH;
  const height = TOP_MARGIN + rows.length * ROW_HEIGHT + 10;
  const bottom = height - 14;
  const parts: string[] = [];
  for (const tick of logTicks(lo, hi)) {
    const tx = n(x(tick));
    parts.push(
      `<line class="${tick === 1 ? "parity" : "grid"}" x1="${tx}" x2="${tx}" y1="${
        TOP_MARGIN - 10
      }" y2="${bottom - 12}"/>`,
      `<text class="small tick" x="${tx}" y="${bottom}" text-anchor="middle">${tick}×</text>`,
    );
  }
  rows.forEach((e, index) => {
    const s = e.speedup as SpeedupStats;
    const y = TOP_MARGIN + index * ROW_HEIGHT + 11;
    const timing = e.baselineMs !== null && e.candidateMs !== null
      ? `baseline ${formatMs(e.baselineMs)} → yours ${formatMs(e.candidateMs)}`
      : "";
    parts.push(
      `<g class="row" data-slug="${escapeHtml(e.slug)}">`,
      `<text class="label" x="0" y="${y + 4}">${e.number} ${escapeHtml(e.slug)}</text>`,
      `<text class="small" x="0" y="${y + 20}">${escapeHtml(timing)}</text>`,
      `<line class="whisker" x1="${n(x(s.min))}" x2="${n(x(s.max))}" y1="${y}" y2="${y}"/>`,
      `<line class="whisker" x1="${n(x(s.min))}" x2="${n(x(s.min))}" y1="${y - 7}" y2="${y + 7}"/>`,
      `<line class="whisker" x1="${n(x(s.max))}" x2="${n(x(s.max))}" y1="${y - 7}" y2="${y + 7}"/>`,
      `<circle class="median" cx="${n(x(s.median))}" cy="${y}" r="6"><title>${
        escapeHtml(`${e.slug}: min ${times(s.min)}, median ${times(s.median)}, max ${times(s.max)}`)
      }</title></circle>`,
      `<text class="small" x="${LABEL_WIDTH + PLOT_WIDTH + 10}" y="${y + 4}">` +
        `median ${times(s.median)} (${s.min.toFixed(2)}–${s.max.toFixed(2)})</text>`,
      "</g>",
    );
  });
  return `<svg id="spread-chart" viewBox="0 0 ${CHART_WIDTH} ${height}" role="img" aria-label="Spread of the per-pair speed-ups">
${parts.join("\n")}
</svg>`;
}

/**
 * The report as one HTML document.
 *
 * @param data What to draw; nothing else is read.
 * @returns A complete, self-contained HTML page.
 * @example
 * ```ts
 * import { renderReport } from "./html.ts";
 * const html = renderReport({ title: "Progress", subtitle: "", exercises: [] });
 * if (!html.startsWith("<!doctype html>")) throw new Error("not a page");
 * ```
 */
export function renderReport(data: ReportData): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(data.title)}</title>
<style>${STYLE}${HISTORY_STYLE}${ANSWERS_STYLE}</style>
</head>
<body>
<h1>${escapeHtml(data.title)}</h1>
<p class="subtitle">${escapeHtml(data.subtitle)}</p>
${progressSvg(data)}
${summaryTable(data)}

<h2>Speed-up against the tiers</h2>
<p class="caption">Your best median speed-up over the baseline per exercise (and, for code that runs on Workers, over itself on one). The lines mark the pass, silver and gold tiers; each row has its own scale, from 0× to a little past gold.</p>
${speedupChart(data.exercises)}

<h2>Timing spread</h2>
<p class="caption">The per-pair speed-ups of that check: minimum, median (the dot) and maximum, on a log scale; the dashed line is 1×, the baseline's speed. A wide spread means a noisy machine.</p>
${spreadChart(data.exercises)}

<h2>Your path</h2>
<p class="caption">Every full check you ran, oldest first: its median speed-up and the tier it earned, against the tier lines.</p>
${
    historySection(
      data.exercises.filter((e) => e.state !== "unavailable").map((e) => ({
        number: e.number,
        slug: e.slug,
        tiers: e.tiers,
        history: e.history ?? [],
      })),
    )
  }

<h2>Scaling</h2>
<p class="caption">Speed-up against the number of Workers, beside the ideal on the machine that measured it.</p>
${scalingSection(data.exercises)}
${answersSection(data.answers ?? [])}
</body>
</html>
`;
}
