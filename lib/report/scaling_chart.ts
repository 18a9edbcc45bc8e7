/**
 * The report's scaling charts: per parallel exercise, Workers against the
 * speed-up measured, beside the ideal min(Workers, cores) of that machine.
 *
 * @module
 */
import { plural } from "./format.ts";
import { escapeHtml } from "./escape.ts";

/** What a scaling chart needs of an exercise (the report's `ScalingExercise` has it). */
export interface ScalingExercise {
  number: number;
  slug: string;
  /** True for a parallel exercise (one that can have a scaling curve). */
  parallel: boolean;
  scaling: { cores: number; rows: { threads: number; speedup: number; ideal: number }[] } | null;
}

const SCALING_WIDTH = 360;
const SCALING_HEIGHT = 250;
const SCALING_MARGIN = { left: 48, right: 16, top: 16, bottom: 44 };

/** A number for an SVG attribute: at most two decimals. */
function n(x: number): string {
  return String(Math.round(x * 100) / 100);
}

function times(x: number): string {
  return `${x.toFixed(2)}×`;
}

/** One scaling curve: Workers against speed-up, with the ideal, min(Workers, cores). */
function scalingSvg(e: ScalingExercise): string {
  const scaling = e.scaling as NonNullable<ScalingExercise["scaling"]>;
  const rows = [...scaling.rows].sort((a, b) => a.threads - b.threads);
  const m = SCALING_MARGIN;
  const plotW = SCALING_WIDTH - m.left - m.right;
  const plotH = SCALING_HEIGHT - m.top - m.bottom;
  const maxThreads = Math.max(...rows.map((r) => r.threads), 1);
  const maxY = Math.max(...rows.map((r) => Math.max(r.speedup, r.ideal)), 1) * 1.15;
  const x = (t: number) =>
    m.left + (maxThreads === 1 ? plotW / 2 : ((t - 1) / (maxThreads - 1)) * plotW);
  const y = (s: number) => m.top + plotH - (s / maxY) * plotH;
  const parts: string[] = [
    `<line class="axis" x1="${m.left}" x2="${m.left + plotW}" y1="${m.top + plotH}" y2="${
      m.top + plotH
    }"/>`,
    `<line class="axis" x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${m.top + plotH}"/>`,
  ];
  for (const r of rows) {
    parts.push(
      `<text class="small" x="${n(x(r.threads))}" y="${
        m.top + plotH + 16
      }" text-anchor="middle">${r.threads}</text>`,
    );
  }
  const step = maxY > 8 ? 2 : maxY > 4 ? 1 : 0.5;
  for (let v = 0; v <= maxY; v += step) {
    parts.push(
      `<line class="grid" x1="${m.left}" x2="${m.left + plotW}" y1="${n(y(v))}" y2="${n(y(v))}"/>`,
      `<text class="small" x="${m.left - 6}" y="${n(y(v) + 4)}" text-anchor="end">${v}×</text>`,
    );
  }
  const line = (values: number[]) =>
    rows.map((r, i) => `${n(x(r.threads))},${n(y(values[i] as number))}`).join(" ");
  parts.push(
    `<polyline class="ideal" points="${line(rows.map((r) => r.ideal))}"/>`,
    `<polyline class="measured" points="${line(rows.map((r) => r.speedup))}"/>`,
    ...rows.map((r) =>
      `<circle class="point" cx="${n(x(r.threads))}" cy="${n(y(r.speedup))}" r="4"><title>${
        plural(r.threads, "Worker")
      }: ${times(r.speedup)} (ideal ${times(r.ideal)})</title></circle>`
    ),
    `<text class="small" x="${m.left + plotW / 2}" y="${
      SCALING_HEIGHT - 8
    }" text-anchor="middle">Workers</text>`,
    `<text class="small" x="12" y="${m.top + plotH / 2}" transform="rotate(-90 12 ${
      m.top + plotH / 2
    })" text-anchor="middle">speed-up</text>`,
  );
  return `<figure><figcaption>${e.number} ${escapeHtml(e.slug)} · ${scaling.cores} core${
    scaling.cores === 1 ? "" : "s"
  }</figcaption>
<svg class="scaling-chart" id="scaling-${
    escapeHtml(e.slug)
  }" viewBox="0 0 ${SCALING_WIDTH} ${SCALING_HEIGHT}" role="img" aria-label="Scaling of ${
    escapeHtml(e.slug)
  }">
${parts.join("\n")}
</svg></figure>`;
}

export function scalingSection(exercises: ScalingExercise[]): string {
  const measured = exercises.filter((e) => e.scaling !== null && e.scaling.rows.length > 0);
  if (measured.length === 0) {
    const parallel = exercises.filter((e) => e.parallel).map((e) => `${e.number} ${e.slug}`);
    const which = parallel.length === 0
      ? "a parallel exercise"
      : `a parallel exercise (${parallel.join(", ")})`;
    return `<p class="empty" id="scaling-empty">No scaling data yet. Curves of Workers against speed-up appear here once ${
      escapeHtml(which)
    } records them.</p>`;
  }
  return `<div class="legend"><span><span class="swatch" style="background:var(--good)"></span>measured</span>` +
    `<span><span class="swatch" style="background:var(--muted)"></span>ideal: min(Workers, cores)</span></div>
<div class="scaling-grid">
${measured.map(scalingSvg).join("\n")}
</div>`;
}
