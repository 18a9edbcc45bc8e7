/**
 * The learner's path, for the report: per exercise, the median speed-up of
 * every measured check in the order they were run, against the tier lines.
 * A small chart per exercise, SVG only.
 *
 * @module
 */
import type { Tier } from "../check/types.ts";
import { escapeHtml } from "./escape.ts";
import { TIERS } from "../check/verdict.ts";

/** One measured check, as the chart draws it. */
export interface HistoryDot {
  /** When the check ran (ISO time). */
  at: string;
  /** The main part's median speed-up. */
  speedup: number;
  /** The overall tier that check earned (every speed part), or null. */
  tier: Tier | null;
}

/** One exercise's chart: its tier lines and its checks. */
export interface HistoryExercise {
  /** The exercise's number, for the caption. */
  number: number;
  /** The exercise's slug, for the caption. */
  slug: string;
  /** The speed-up each tier needs, or null where the exercise has none. */
  tiers: Record<Tier, number> | null;
  /** Measured checks, oldest first. */
  history: readonly HistoryDot[];
}

const WIDTH = 360;
const HEIGHT = 170;
const MARGIN = { left: 44, right: 12, top: 12, bottom: 34 };
/** Vertical room one tier label needs, in SVG units. */
const LABEL_LINE = 12;

function n(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** One exercise's path as an SVG: a dot per check, joined in order, tier lines across. */
export function historySvg(e: HistoryExercise): string {
  const values = e.history.map((h) => h.speedup);
  const tierValues = e.tiers === null ? [] : TIERS.map((t) => (e.tiers as Record<Tier, number>)[t]);
  const top = Math.max(...values, ...tierValues, 1) * 1.15;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const count = e.history.length;
  const x = (i: number) => MARGIN.left + (count <= 1 ? plotW / 2 : (i / (count - 1)) * plotW);
  const y = (v: number) => MARGIN.top + plotH - (v / top) * plotH;
  const parts: string[] = [
    `<line class="axis" x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${
      MARGIN.top + plotH
    }"/>`,
    `<line class="axis" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${
      MARGIN.top + plotH
    }" y2="${MARGIN.top + plotH}"/>`,
    `<text class="small" x="${MARGIN.left - 6}" y="${n(y(0) + 4)}" text-anchor="end">0×</text>`,
    `<text class="small" x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 6}" text-anchor="middle">` +
    `check 1 to ${count}, oldest first</text>`,
  ];
  if (e.tiers !== null) {
    // Labels top down (gold first), each at least a line below the one above.
    let lastLabel = -Infinity;
    for (const t of [...TIERS].reverse()) {
      const ty = y(e.tiers[t]);
      const labelY = Math.max(ty + 4, lastLabel + LABEL_LINE);
      lastLabel = labelY;
      parts.push(
        `<line class="tier-line tier-${t}" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" ` +
          `y1="${n(ty)}" y2="${n(ty)}"><title>${t}: ${e.tiers[t]}×</title></line>`,
        `<text class="small tier-label" x="${MARGIN.left - 6}" y="${n(labelY)}" ` +
          `text-anchor="end">${Number(e.tiers[t].toFixed(2))}×</text>`,
      );
    }
  }
  if (count > 1) {
    const points = e.history.map((h, i) => `${n(x(i))},${n(y(h.speedup))}`).join(" ");
    parts.push(`<polyline class="path" points="${points}"/>`);
  }
  e.history.forEach((h, i) => {
    parts.push(
      `<circle class="step tier-${h.tier ?? "none"}" cx="${n(x(i))}" cy="${n(y(h.speedup))}" ` +
        `r="4"><title>${escapeHtml(h.at.slice(0, 16).replace("T", " "))}: ${
          h.speedup.toFixed(2)
        }× ${h.tier ?? "below pass"}</title></circle>`,
    );
  });
  return `<figure><figcaption>${e.number} ${escapeHtml(e.slug)}</figcaption>` +
    `<svg class="history-chart" data-slug="${
      escapeHtml(e.slug)
    }" viewBox="0 0 ${WIDTH} ${HEIGHT}" ` +
    `role="img" aria-label="Speed-up over your checks of exercise ${e.number}">${
      parts.join("")
    }</svg></figure>`;
}

/** Styles the history charts add to the report's. */
export const HISTORY_STYLE = `
.path { fill: none; stroke: var(--muted); stroke-width: 1.5; }
.step { stroke: var(--ink); stroke-width: 1; } .step.tier-none { fill: var(--none); }
.step.tier-pass { fill: var(--pass); } .step.tier-silver { fill: var(--silver); }
.step.tier-gold { fill: var(--gold); }
`;

/** The history section: a chart per exercise with at least one measured check. */
export function historySection(exercises: readonly HistoryExercise[]): string {
  const measured = exercises.filter((e) => e.history.length > 0);
  if (measured.length === 0) {
    return `<p class="empty" id="history-empty">No measured check yet: a full <code>deno task check N</code> adds a point here.</p>`;
  }
  return `<div class="scaling-grid" id="history">${measured.map(historySvg).join("\n")}</div>`;
}
