/**
 * The class dashboard: one self-contained HTML page beside the gradebook
 * (inline CSS and SVG, no script, a policy that forbids every request), for the
 * questions a gradebook cannot answer: where did the class get stuck, how fast
 * did it get, what is left to look at by hand.
 *
 * Per exercise: points and tiers, every student's speed-up on a strip against
 * the tier lines, the tests that failed most with a reason, what could not be
 * judged; where the exercise has an optional stretch (exercise 9), the tiers
 * the stretch reached and the extra credit it gave. Per student: one row
 * linking to their report, each stretch's tier and bonus beside the
 * exercise's points, and the extra credit beside the total. Per exercise, the
 * pairs the similarity report flags (for a human to read, never a grade).
 *
 * @module
 */
import { escapeHtml } from "../../report/escape.ts";
import { TIERS } from "../../check/verdict.ts";
import type { PerformanceResult, Tier } from "../../check/types.ts";
import { exerciseColumn, type ExerciseGrade, type StudentGrade } from "../result.ts";
import { FLAG_SCORE, isFlagged, type SimilarityReport } from "./similarity.ts";

/** What the dashboard is drawn from. */
export interface DashboardInput {
  title: string;
  /** Every student's full result (students/ID/result.json), any order. */
  grades: readonly StudentGrade[];
  exercises: readonly { number: number; slug: string; title: string; maxPoints: number }[];
  /** Similarity per exercise number, where it was computed. */
  similarity?: ReadonlyMap<number, SimilarityReport>;
  /** ISO time the page was made. */
  generatedAt: string;
  /**
   * The instructor's points by hand and the final total, per student, from the
   * gradebook (manual_points.csv); the columns appear once anyone has some.
   */
  manual?: ReadonlyMap<string, { manual: number | null; final: number }>;
}

/** Failed tests listed per exercise. */
const TOP_FAILURES = 5;
/** Flagged pairs listed per exercise (the similarity page has them all). */
const TOP_PAIRS = 5;
const STRIP_WIDTH = 760;
const STRIP_LEFT = 110;
const STRIP_RIGHT = 20;
const ROW_GAP = 14;
/** Three tier labels stacked above the strip. */
const TIER_LABELS_HEIGHT = 30;

const STYLE = `
:root { --pass: #a0612b; --silver: #7d8590; --gold: #c8960c; --none: #c0392b; --error: #6e7781;
  --ink: #1f2328; --muted: #656d76; --line: #d0d7de; --track: #f0f2f4; --good: #1a7f37; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
  max-width: 1100px; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .2rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .4rem;
  border-bottom: 1px solid var(--line); } h3 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
.subtitle, .caption { color: var(--muted); } .caption { font-size: .88rem; margin: .2rem 0 .5rem; }
table { border-collapse: collapse; width: 100%; font-size: .88rem; }
th, td { text-align: left; padding: .25rem .45rem; border-bottom: 1px solid var(--line); }
th { color: var(--muted); font-weight: 600; position: sticky; top: 0; background: #fff; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.tier-gold { background: #fbf3d9; } td.tier-silver { background: #eef0f2; }
td.tier-pass { background: #f6ebe1; } td.status-fail { background: #fbe9e7; }
td.status-error { background: #eceff1; color: var(--muted); }
td.status-inconclusive, td.status-ungraded { background: #e8f0fe; }
svg { width: 100%; height: auto; display: block; }
svg text { font: 11px system-ui, sans-serif; fill: var(--ink); } svg text.muted { fill: var(--muted); }
.seg-gold { fill: var(--gold); } .seg-silver { fill: var(--silver); } .seg-pass { fill: var(--pass); }
.seg-none { fill: var(--none); } .seg-error { fill: var(--error); } .seg-other { fill: #8fb3e0; }
.dot { fill: var(--ink); fill-opacity: .55; } .axis { stroke: var(--line); }
.tier-line { stroke-width: 2; } .tier-line.tier-pass { stroke: var(--pass); }
.tier-line.tier-silver { stroke: var(--silver); } .tier-line.tier-gold { stroke: var(--gold); }
.exercise { border: 1px solid var(--line); border-radius: 8px; padding: .2rem 1rem 1rem;
  margin: 1rem 0; }
.legend span { margin-right: 1rem; } .swatch { display: inline-block; width: .8rem; height: .8rem;
  border-radius: 2px; vertical-align: -1px; margin-right: .25rem; }
code { font-size: .85em; }
.stretch-mark { font-size: .78em; color: var(--muted); margin-left: .2rem; }
`;

/** What one exercise's grade counts as on the dashboard. */
type Outcome = Tier | "none" | "error" | "other";

function outcomeOf(grade: ExerciseGrade): Outcome {
  if (grade.status === "error") return "error";
  if (grade.status === "fail") return "none";
  if (grade.status !== "pass") return "other"; // inconclusive, not graded: statuses the grader may add
  return grade.tier ?? "pass";
}

/** The speed-up of an exercise's grade that the strip shows (its main part), if measured. */
function speedupOf(grade: ExerciseGrade): number | null {
  return grade.performance?.speedup?.median ?? null;
}

function times(x: number): string {
  return `${Number(x.toFixed(2))}×`;
}

function seconds(ms: number): string {
  return ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`;
}

/** A student's report, relative to the dashboard (DIR/students/ID/report.html). */
function reportHref(student: string): string {
  return `students/${encodeURIComponent(student)}/report.html`;
}

/** The tier lines of an exercise as the class's grading machine required them. */
function tierLines(grades: readonly ExerciseGrade[]): Record<Tier, number> | null {
  const measured = grades.map((g) => g.performance).find((p): p is PerformanceResult =>
    p !== null && p.tiers !== null
  );
  return measured?.tiers ?? null;
}

/** Whether an exercise's grades carry an optional stretch (extra credit). */
function hasStretch(grades: readonly ExerciseGrade[]): boolean {
  return grades.some((g) => g.bonus !== undefined);
}

/** The stretch's tier of one grade, or what kept it from having one. */
function stretchOutcome(grade: ExerciseGrade): Tier | "none" | "not run" {
  if (grade.stretch === undefined || grade.stretch === null) return "not run";
  return grade.stretch.tier ?? "none";
}

/** The stretch's line of an exercise's section: how many reached each tier, the extra credit given. */
function stretchSummary(grades: readonly ExerciseGrade[]): string {
  if (!hasStretch(grades)) return "";
  const counts = { gold: 0, silver: 0, pass: 0, none: 0, "not run": 0 };
  for (const grade of grades) counts[stretchOutcome(grade)]++;
  const earned = grades.filter((g) => (g.bonus ?? 0) > 0);
  const given = earned.reduce((sum, g) => sum + (g.bonus ?? 0), 0);
  const upTo = Math.max(0, ...grades.map((g) => g.maxBonus ?? 0));
  return `<p class="caption stretch-summary"><strong>Stretch</strong> (optional, extra credit ` +
    `up to ${upTo} points beside the exercise's maximum): ` +
    `gold ${counts.gold} · silver ${counts.silver} · pass ${counts.pass} · ` +
    `below the pass tier ${counts.none} · not run ${counts["not run"]}; ` +
    `${earned.length} earned extra credit, ${Number(given.toFixed(2))} points in all</p>`;
}

/** The stretch's mark in a student's cell: its bonus and tier, e.g. `+2 silver`. */
function stretchMark(grade: ExerciseGrade): string {
  if (grade.bonus === undefined) return "";
  const outcome = stretchOutcome(grade);
  if (grade.bonus === 0 && outcome !== "gold" && outcome !== "silver" && outcome !== "pass") {
    return "";
  }
  return ` <span class="stretch-mark" title="stretch: ${outcome}, ${grade.bonus} extra credit">` +
    `+${grade.bonus} ${outcome}</span>`;
}

/** A horizontal stacked bar: how many students reached each outcome. */
function outcomeBar(counts: Record<Outcome, number>, total: number): string {
  const order: Outcome[] = ["gold", "silver", "pass", "none", "error", "other"];
  const width = 700;
  let x = 0;
  const parts: string[] = [];
  for (const outcome of order) {
    const count = counts[outcome];
    if (count === 0 || total === 0) continue;
    const w = (count / total) * width;
    parts.push(
      `<rect class="seg-${outcome}" x="${x.toFixed(1)}" y="0" width="${
        w.toFixed(1)
      }" height="22"><title>${outcome}: ${count}</title></rect>`,
    );
    if (w > 26) {
      parts.push(
        `<text x="${(x + w / 2).toFixed(1)}" y="15" text-anchor="middle">${count}</text>`,
      );
    }
    x += w;
  }
  return `<svg class="outcomes" viewBox="0 0 ${width} 24" role="img" aria-label="outcomes">${
    parts.join("")
  }</svg>`;
}

/** Every student's median speed-up as a dot on a log scale, with the tier lines across. */
function speedupStrip(
  points: readonly { student: string; speedup: number }[],
  tiers: Record<Tier, number> | null,
): string {
  if (points.length === 0) {
    return `<p class="caption strip-empty">No speed-up was measured for this exercise.</p>`;
  }
  const values = points.map((p) => p.speedup);
  const tierValues = tiers === null ? [] : TIERS.map((t) => tiers[t]);
  const lo = Math.max(0.05, Math.min(...values, ...tierValues, 1) / 1.2);
  const hi = Math.max(...values, ...tierValues, 1) * 1.2;
  const plot = STRIP_WIDTH - STRIP_LEFT - STRIP_RIGHT;
  const xOf = (v: number) => STRIP_LEFT + (Math.log(v / lo) / Math.log(hi / lo)) * plot;
  // Dots at the same speed-up would hide each other: stack them in rows.
  const rows = new Map<number, number>();
  const dots = [...points].sort((a, b) => a.speedup - b.speedup).map((p) => {
    const bucket = Math.round(xOf(p.speedup) / 6);
    const row = rows.get(bucket) ?? 0;
    rows.set(bucket, row + 1);
    return { ...p, x: xOf(p.speedup), row };
  });
  const maxRow = Math.max(...dots.map((d) => d.row), 0);
  // Room above the dots for the tier labels, one line each so they never overlap.
  const height = 34 + TIER_LABELS_HEIGHT + (maxRow + 1) * ROW_GAP;
  const axisY = height - 18;
  const parts: string[] = [
    `<text x="0" y="${axisY - 4}" class="muted">speed-up (log)</text>`,
    `<line class="axis" x1="${STRIP_LEFT}" x2="${
      STRIP_WIDTH - STRIP_RIGHT
    }" y1="${axisY}" y2="${axisY}"/>`,
  ];
  for (const tick of [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128]) {
    if (tick < lo || tick > hi) continue;
    const x = xOf(tick).toFixed(1);
    parts.push(
      `<line class="axis" x1="${x}" x2="${x}" y1="${axisY}" y2="${axisY + 4}"/>`,
      `<text class="muted" x="${x}" y="${axisY + 15}" text-anchor="middle">${tick}×</text>`,
    );
  }
  if (tiers !== null) {
    TIERS.forEach((tier, i) => {
      const x = xOf(tiers[tier]).toFixed(1);
      const labelY = 10 + i * 11;
      parts.push(
        `<line class="tier-line tier-${tier}" x1="${x}" x2="${x}" y1="${
          labelY - 8
        }" y2="${axisY}">` + `<title>${tier} ${times(tiers[tier])}</title></line>`,
        `<text class="muted tier-label" x="${Number(x) + 4}" y="${labelY}">${tier} ${
          times(tiers[tier])
        }</text>`,
      );
    });
  }
  for (const dot of dots) {
    parts.push(
      `<circle class="dot" cx="${dot.x.toFixed(1)}" cy="${
        axisY - 8 - dot.row * ROW_GAP
      }" r="5"><title>${escapeHtml(dot.student)}: ${times(dot.speedup)}</title></circle>`,
    );
  }
  return `<svg class="strip" viewBox="0 0 ${STRIP_WIDTH} ${height}" role="img" ` +
    `aria-label="speed-ups">${parts.join("")}</svg>`;
}

/** The tests that failed most often, with one reason each. */
function failureTable(grades: readonly ExerciseGrade[]): string {
  // Per test: how many failed it, and how many gave each reason.
  const failures = new Map<string, { count: number; reasons: Map<string, number> }>();
  const count = (name: string, reason: string) => {
    const entry = failures.get(name) ?? { count: 0, reasons: new Map<string, number>() };
    entry.count++;
    entry.reasons.set(reason, (entry.reasons.get(reason) ?? 0) + 1);
    failures.set(name, entry);
  };
  for (const grade of grades) {
    for (const test of grade.tests) {
      if (test.status === "fail" || test.status === "error") count(test.name, test.message);
    }
    // A failed speed part counts too: it is what keeps most correct code from passing.
    for (const part of [grade.performance, grade.parallel]) {
      if (part !== null && part.status === "fail") count("speed: below the pass tier", part.reason);
    }
  }
  const top = [...failures].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
    .slice(0, TOP_FAILURES);
  if (top.length === 0) return `<p class="caption">No test failed.</p>`;
  const rows = top.map(([name, { count, reasons }]) => {
    // The reason most of them gave (a stub's "not implemented" is not a wrong value).
    const [reason, times] = [...reasons].sort((a, b) =>
      b[1] - a[1] || a[0].localeCompare(b[0])
    )[0] as [
      string,
      number,
    ];
    const others = reasons.size > 1
      ? ` <span class="caption">(${times} of ${count}; ${reasons.size - 1} other ${
        reasons.size === 2 ? "reason" : "reasons"
      })</span>`
      : "";
    return `<tr><td class="num">${count}</td><td>${escapeHtml(name)}</td><td>${
      escapeHtml(reason)
    }${others}</td></tr>`;
  });
  return `<table class="failures"><thead><tr><th class="num">students</th><th>test</th>` +
    `<th>the reason given most</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function similarityList(report: SimilarityReport | undefined): string {
  if (report === undefined) return "";
  const flagged = report.pairs.filter(isFlagged).slice(0, TOP_PAIRS);
  if (flagged.length === 0) {
    return `<p class="caption similarity-none">No pair of submissions is alike past ${
      Math.round(FLAG_SCORE * 100)
    }% (similarity.html lists them all).</p>`;
  }
  const rows = flagged.map((p) =>
    `<tr><td class="num">${Math.round(p.score * 100)}%</td><td>${escapeHtml(p.a)}</td><td>${
      escapeHtml(p.b)
    }</td></tr>`
  );
  return `<h3>Alike: for you to read, not a grade</h3><table class="similar"><thead><tr>` +
    `<th class="num">score</th><th>student</th><th>student</th></tr></thead><tbody>${
      rows.join("")
    }</tbody></table>`;
}

function exerciseSection(
  exercise: DashboardInput["exercises"][number],
  grades: readonly { student: string; grade: ExerciseGrade }[],
  similarity: SimilarityReport | undefined,
): string {
  const counts: Record<Outcome, number> = {
    gold: 0,
    silver: 0,
    pass: 0,
    none: 0,
    error: 0,
    other: 0,
  };
  for (const { grade } of grades) counts[outcomeOf(grade)]++;
  const points = grades.map((g) => g.grade.points);
  const mean = points.length === 0 ? 0 : points.reduce((a, b) => a + b, 0) / points.length;
  const spent = grades.reduce((sum, g) => sum + g.grade.durationMs, 0);
  const strip = grades.flatMap(({ student, grade }) => {
    const speedup = speedupOf(grade);
    return speedup === null ? [] : [{ student, speedup }];
  });
  const notJudged = grades.filter((g) => outcomeOf(g.grade) === "other");
  const column = exerciseColumn(exercise);
  return `<section class="exercise" id="exercise-${column}">
<h2>${exercise.number} · ${escapeHtml(exercise.slug)} <span class="subtitle">${
    escapeHtml(exercise.title)
  }</span></h2>
<p class="caption">${grades.length} graded · mean ${
    mean.toFixed(1)
  } of ${exercise.maxPoints} points · ${seconds(spent)} spent grading${
    notJudged.length === 0
      ? ""
      : ` · <strong>${notJudged.length} not judged</strong> (inconclusive or not graded): ${
        notJudged.map((g) => escapeHtml(g.student)).join(", ")
      }`
  }</p>
${outcomeBar(counts, grades.length)}
<p class="legend caption"><span><i class="swatch seg-gold"></i>gold ${counts.gold}</span>` +
    `<span><i class="swatch seg-silver"></i>silver ${counts.silver}</span>` +
    `<span><i class="swatch seg-pass"></i>pass ${counts.pass}</span>` +
    `<span><i class="swatch seg-none"></i>failed ${counts.none}</span>` +
    `<span><i class="swatch seg-error"></i>error ${counts.error}</span>` +
    `<span><i class="swatch seg-other"></i>not judged ${counts.other}</span></p>
${speedupStrip(strip, tierLines(grades.map((g) => g.grade)))}
${stretchSummary(grades.map((g) => g.grade))}
<h3>Failed most</h3>
${failureTable(grades.map((g) => g.grade))}
${similarityList(similarity)}
</section>`;
}

function studentTable(input: DashboardInput, sorted: readonly StudentGrade[]): string {
  const withManual = [...(input.manual?.values() ?? [])].some((m) => m.manual !== null);
  const withBonus = sorted.some((g) => hasStretch(g.exercises));
  const head = input.exercises.map((e) =>
    `<th class="num" title="${escapeHtml(e.title)}">${e.number}</th>`
  ).join("");
  const rows = sorted.map((grade) => {
    const cells = input.exercises.map((exercise) => {
      const found = grade.exercises.find((e) => e.number === exercise.number);
      if (found === undefined) return `<td class="num">–</td>`;
      const outcome = outcomeOf(found);
      const cls = outcome === "none"
        ? "status-fail"
        : outcome === "error"
        ? "status-error"
        : outcome === "other"
        ? `status-${escapeHtml(found.status)}`
        : `tier-${outcome}`;
      return `<td class="num ${cls}" title="${escapeHtml(found.summary)}">${found.points}${
        stretchMark(found)
      }</td>`;
    }).join("");
    const problem = grade.problem === null ? "" : escapeHtml(grade.problem);
    const hand = input.manual?.get(grade.student);
    const bonus = grade.bonus ?? 0;
    const bonusCell = withBonus ? `<td class="num">${bonus}</td>` : "";
    const extra = withManual || withBonus
      ? `${withManual ? `<td class="num">${hand?.manual ?? ""}</td>` : ""}<td class="num">${
        hand?.final ?? Math.round((grade.total + bonus) * 100) / 100
      }</td>`
      : "";
    return `<tr><td><a href="${escapeHtml(reportHref(grade.student))}">${
      escapeHtml(grade.student)
    }</a></td><td class="num">${grade.total}</td>${bonusCell}${cells}${extra}<td>${problem}</td></tr>`;
  });
  const bonusHead = withBonus
    ? `<th class="num" title="extra credit: the optional stretch's bonus, beside the total">bonus</th>`
    : "";
  const extraHead = `${
    withManual ? `<th class="num" title="points by hand (manual_points.csv)">manual</th>` : ""
  }${withManual || withBonus ? `<th class="num">final</th>` : ""}`;
  return `<table id="students"><thead><tr><th>student</th><th class="num">total</th>${bonusHead}` +
    `${head}${extraHead}<th>problem</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/** The dashboard page. Students are listed by name; each exercise gets its own section. */
export function renderDashboard(input: DashboardInput): string {
  const sorted = [...input.grades].sort((a, b) => a.student.localeCompare(b.student));
  const sections = input.exercises.map((exercise) => {
    const grades = sorted.flatMap((student) => {
      const grade = student.exercises.find((e) => e.number === exercise.number);
      return grade === undefined ? [] : [{ student: student.student, grade }];
    });
    return exerciseSection(exercise, grades, input.similarity?.get(exercise.number));
  });
  const totals = sorted.map((g) => g.total);
  const maxTotal = sorted[0]?.maxTotal ?? 0;
  const mean = totals.length === 0 ? 0 : totals.reduce((a, b) => a + b, 0) / totals.length;
  const withBonus = sorted.filter((g) => (g.bonus ?? 0) > 0).length;
  const extraCredit = withBonus === 0
    ? ""
    : ` · ${withBonus} ${withBonus === 1 ? "student" : "students"} earned extra credit`;
  const spent = sorted.reduce((sum, g) => sum + g.durationMs, 0);
  const machine = sorted[0]?.machine;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(input.title)}</h1>
<p class="subtitle" id="overview">${sorted.length} students · mean ${
    mean.toFixed(1)
  } of ${maxTotal} points${extraCredit} · ${seconds(spent)} of grading${
    machine === undefined
      ? ""
      : ` · ${escapeHtml(machine.cpu)}, ${machine.cores} cores, Deno ${escapeHtml(machine.deno)}`
  } · made ${escapeHtml(input.generatedAt)}</p>
<p class="caption" id="pages">Also here: <a href="answers.html">the written answers</a>, ` +
    `per question across the class, beside each student's figures · ` +
    `<a href="similarity.html">similar code</a>, every pair side by side.</p>
${sections.join("\n")}
<h2>Students</h2>
<p class="caption">Points per exercise; the colour is the tier (gold, silver, pass), red a fail,
grey an error, blue not judged; an optional stretch's extra credit and tier follow the points
(<span class="stretch-mark">+2 silver</span>), never counted in them: the total is at most the
maximum, the bonus is beside it, and final adds both. A name opens that student's report.</p>
${studentTable(input, sorted)}
</body></html>
`;
}
