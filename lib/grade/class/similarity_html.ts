/**
 * The similarity page: per exercise, every pair of submissions the winnowing
 * found alike, most alike first, and for the flagged ones the two files side
 * by side with the matching lines marked. One self-contained page, no script.
 * It flags for a human; it never changes a grade.
 *
 * @module
 */
import { escapeHtml } from "../../report/escape.ts";
import {
  FLAG_SCORE,
  isFlagged,
  matchedRanges,
  MIN_FLAG_SHARED,
  type SimilarityReport,
  type SourceFile,
  type Submission,
} from "./similarity.ts";

/** Pairs listed per exercise below the flagged ones (the closest of the rest, for calibration). */
const UNFLAGGED_SHOWN = 3;

export interface SimilarityPageExercise {
  number: number;
  slug: string;
  report: SimilarityReport;
  submissions: readonly Submission[];
}

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; color: #1f2328; max-width: 1300px; margin: 1.5rem auto;
  padding: 0 1rem; }
h2 { border-bottom: 1px solid #d0d7de; margin-top: 2rem; } .muted { color: #656d76; }
table { border-collapse: collapse; } th, td { padding: .2rem .6rem; border-bottom: 1px solid #d0d7de;
  text-align: left; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.side { display: grid; grid-template-columns: 1fr 1fr; gap: .8rem; margin: .6rem 0 1.4rem; }
pre { margin: 0; font-size: 12px; overflow-x: auto; border: 1px solid #d0d7de; border-radius: 6px;
  padding: .4rem 0; } pre span { display: block; padding: 0 .5rem; white-space: pre; }
pre span.hit { background: #fff1b8; } pre b { color: #8c959f; font-weight: normal; user-select: none; }
`;

function fileOf(submissions: readonly Submission[], student: string, name: string) {
  return submissions.find((s) => s.student === student)?.files.find((f) => f.name === name);
}

function numbered(file: SourceFile, ranges: readonly [number, number][]): string {
  const lines = file.text.split("\n");
  const hit = (line: number) => ranges.some(([a, b]) => line >= a && line <= b);
  return lines.map((text, i) =>
    `<span${hit(i + 1) ? ' class="hit"' : ""}><b>${String(i + 1).padStart(4)} </b>${
      escapeHtml(text)
    }</span>`
  ).join("");
}

function exerciseSection(exercise: SimilarityPageExercise): string {
  const { report, submissions } = exercise;
  const flagged = report.pairs.filter(isFlagged);
  const rest = report.pairs.filter((p) => !isFlagged(p)).slice(0, UNFLAGGED_SHOWN);
  const rows = [...flagged, ...rest].map((p) =>
    `<tr${isFlagged(p) ? ' class="flagged"' : ""}><td class="num">${
      Math.round(p.score * 100)
    }%</td><td class="num">${p.shared}</td><td>${escapeHtml(p.a)}</td><td>${
      escapeHtml(p.b)
    }</td></tr>`
  );
  const sides = flagged.map((pair) => {
    const files = [...new Set(pair.matches.map((m) => m.a.file))];
    return files.map((name) => {
      const a = fileOf(submissions, pair.a, name);
      const bName = pair.matches.find((m) => m.a.file === name)?.b.file ?? name;
      const b = fileOf(submissions, pair.b, bName);
      if (a === undefined || b === undefined) return "";
      return `<h3>${escapeHtml(pair.a)} · ${escapeHtml(name)} ~ ${escapeHtml(pair.b)} · ${
        escapeHtml(bName)
      } (${Math.round(pair.score * 100)}%)</h3><div class="side"><pre>${
        numbered(a, matchedRanges(pair.matches, "a", name))
      }</pre><pre>${numbered(b, matchedRanges(pair.matches, "b", bName))}</pre></div>`;
    }).join("");
  });
  const skipped = report.skipped.map((s) =>
    `<li>${escapeHtml(s.student)} · ${escapeHtml(s.file)}: ${escapeHtml(s.reason)}</li>`
  );
  return `<section id="similarity-${exercise.number}"><h2>${exercise.number} · ${
    escapeHtml(exercise.slug)
  }</h2>
<p class="muted">${flagged.length} pair${flagged.length === 1 ? "" : "s"} at or above ${
    Math.round(FLAG_SCORE * 100)
  }% on ${MIN_FLAG_SHARED} or more shared fingerprints; ${report.common} fingerprint${
    report.common === 1 ? "" : "s"
  } shared by most of the class set aside as common ground.</p>
${
    rows.length === 0
      ? '<p class="muted">No two submissions share code beyond the stub.</p>'
      : `<table><thead><tr><th>score</th><th>shared</th><th>student</th><th>student</th></tr></thead><tbody>${
        rows.join("")
      }</tbody></table>`
  }
${sides.join("")}
${skipped.length === 0 ? "" : `<p class="muted">Not compared:</p><ul>${skipped.join("")}</ul>`}
</section>`;
}

/** The whole page. */
export function renderSimilarityPage(title: string, exercises: readonly SimilarityPageExercise[]) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p class="muted">Pairs whose code for an exercise is alike once names, literals, layout and comments
are set aside (winnowing, the method of MOSS), the stub's own code excluded. A score is the share of
the smaller submission's fingerprints that the other has. This page flags code for you to read: it
changes no grade.</p>
${exercises.map(exerciseSection).join("\n")}
</body></html>
`;
}
