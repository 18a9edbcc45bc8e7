/**
 * A student's grade report, in Markdown and in HTML: points per exercise, the
 * verdict and its reason, the speed measured, every test that did not pass,
 * and what the code printed. The HTML page is the learner's visual report
 * (`report_html.ts`, charts of speed-up against the tiers) with the grade
 * added. Everything the submission controls (messages quote its values, its
 * printed lines, its file names) is escaped.
 *
 * @module
 */
import { CATALOGUE } from "../../exercise/catalogue.ts";
import type { ExerciseGrade, StudentGrade } from "../result.ts";
import { type ExerciseState, renderReport, type ReportData } from "../../report/html.ts";
import { escapeHtml } from "../../report/escape.ts";
import type { PerformanceResult } from "../../check/types.ts";

const STATUS_TEXT = {
  pass: "✓ pass",
  fail: "✗ fail",
  error: "✗ error",
  "not-reached": "– not reached",
  inconclusive: "? inconclusive (not graded)",
} as const;

/** Markdown-significant characters escaped, newlines folded: a line of plain text. */
export function markdownText(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);
}

/** A fenced block that no backtick run inside `text` can close. */
function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

/** An exercise's points, with its stretch's extra credit beside them: `6 / 10 + 2 extra credit`. */
function points(e: ExerciseGrade): string {
  const bonus = e.bonus === undefined || e.bonus === 0 ? "" : ` + ${e.bonus} extra credit`;
  return `${e.points} / ${e.maxPoints}${bonus}`;
}

/** The grade's total, with the extra credit beside it. */
function totalText(grade: StudentGrade): string {
  const bonus = grade.bonus ?? 0;
  return `${grade.total} of ${grade.maxTotal} points${
    bonus > 0
      ? ` + ${bonus} extra credit (${Math.round((grade.total + bonus) * 100) / 100} in all)`
      : ""
  }`;
}

/** The optional stretch in words: its tier (or why none) and the bonus it earned. */
function stretchText(e: ExerciseGrade): string | null {
  if (e.bonus === undefined) return null;
  const part = e.stretch ?? null;
  const upTo = e.maxBonus === undefined ? "" : ` of ${e.maxBonus}`;
  const measured = part === null ? "not run" : speedText(part);
  return `stretch (optional, extra credit: ${e.bonus}${upTo}, tier ${
    part?.tier ?? "none"
  }): ${measured}`;
}

function speedText(part: PerformanceResult): string {
  if (part.speedup === null || part.tiers === null) return `${part.status}: ${part.reason}`;
  const ms = (x: number | null) => (x === null ? "–" : `${x.toFixed(1)} ms`);
  return `${part.speedup.median.toFixed(2)}× median of ${part.pairs} pairs (min ${
    part.speedup.min.toFixed(2)
  }×, max ${part.speedup.max.toFixed(2)}×); baseline ${ms(part.baselineMs)}, submission ${
    ms(part.candidateMs)
  }; needs ${part.tiers.pass}×, silver ${part.tiers.silver}×, gold ${part.tiers.gold}× — ${part.reason}`;
}

function header(grade: StudentGrade): string {
  const m = grade.machine;
  return `graded ${grade.gradedAt} · seed ${grade.seed} · ${m.cores} cores (${m.cpu}), ${m.os}, Deno ${m.deno}`;
}

/** The report as Markdown. */
export function markdownReport(grade: StudentGrade): string {
  const lines = [
    `# Grade report: ${markdownText(grade.student)}`,
    "",
    `**${totalText(grade)}** · ${markdownText(header(grade))}`,
    "",
  ];
  if (grade.problem !== null) lines.push(`**Not graded:** ${markdownText(grade.problem)}`, "");
  lines.push("| N | exercise | status | tier | points |", "| - | - | - | - | - |");
  for (const e of grade.exercises) {
    lines.push(
      `| ${e.number} | ${e.slug} | ${STATUS_TEXT[e.status]} | ${e.tier ?? "–"} | ${points(e)} |`,
    );
  }
  for (const e of grade.exercises) {
    lines.push("", `## Exercise ${e.number} · ${e.slug} · ${e.title}`, "");
    lines.push(
      `**${e.status.toUpperCase()}**${e.tier ? ` · ${e.tier}` : ""} (${points(e)} points) — ${
        markdownText(e.summary)
      }`,
    );
    if (e.credit !== null) lines.push("", `Credit: ${Math.round(e.credit * 100)}%`);
    if (e.performance !== null) {
      lines.push("", `- speed: ${markdownText(speedText(e.performance))}`);
    }
    if (e.parallel !== null) lines.push(`- on Workers: ${markdownText(speedText(e.parallel))}`);
    const stretch = stretchText(e);
    if (stretch !== null) lines.push(`- ${markdownText(stretch)}`);
    if (e.tests.length > 0) {
      const passed = e.tests.filter((t) => t.status === "pass").length;
      lines.push("", `Tests: ${passed} of ${e.tests.length} passed.`);
      const others = e.tests.filter((t) => t.status !== "pass" && t.status !== "skipped");
      if (others.length > 0) lines.push("");
      for (const t of others) {
        lines.push(`- ${t.status}: ${markdownText(t.name)}: ${markdownText(t.message)}`);
      }
      // Tests not run for the same reason are one line, not dozens.
      const skipped = new Map<string, number>();
      for (const t of e.tests.filter((t) => t.status === "skipped")) {
        skipped.set(t.message, (skipped.get(t.message) ?? 0) + 1);
      }
      for (const [message, count] of skipped) {
        lines.push(`- ${count} ${count === 1 ? "test" : "tests"} ${markdownText(message)}`);
      }
    }
    if (e.printed.length > 0) {
      lines.push("", "What the code printed (last lines):", "", fenced(e.printed.join("\n")));
    }
    for (const w of e.written ?? []) {
      lines.push("", `For the instructor to read: ${markdownText(w.file)}`, "", fenced(w.text));
    }
  }
  if (grade.notes.length > 0) {
    lines.push("", "## Notes", "", ...grade.notes.map((n) => `- ${markdownText(n)}`));
  }
  return lines.join("\n") + "\n";
}

function stateOf(e: ExerciseGrade): ExerciseState {
  if (e.status === "pass") return "passed";
  return e.tests.length === 0 ? "not-started" : "failing";
}

/** The data the learner's visual report draws, from a grade. */
function reportData(grade: StudentGrade): ReportData {
  return {
    title: `Grade report: ${grade.student}`,
    subtitle: `${totalText(grade)} · ${header(grade)}`,
    exercises: grade.exercises.map((e) => {
      const exercise = CATALOGUE.find((c) => c.number === e.number);
      const perf = e.performance;
      return {
        number: e.number,
        slug: e.slug,
        title: e.title,
        state: stateOf(e),
        tier: e.tier,
        tiers: perf?.tiers ?? null,
        speedup: perf?.speedup ?? null,
        speedTier: perf?.tier ?? null,
        parallelPart: e.parallel === null ? null : {
          threads: exercise?.parallel?.threads ?? 2,
          speedup: e.parallel.speedup,
          tiers: e.parallel.tiers,
          tier: e.parallel.tier,
        },
        baselineMs: perf?.baselineMs ?? null,
        candidateMs: perf?.candidateMs ?? null,
        parallel: exercise?.speed.kind === "parallel" || exercise?.parallel !== undefined,
        scaling: null,
        lastCheck: `${e.status} · ${points(e)} points`,
      };
    }),
  };
}

/** The grade itself, as an HTML section: points, reasons, failed tests, printed output. */
function gradeSection(grade: StudentGrade): string {
  const rows = grade.exercises.map((e) =>
    `<tr><td class="num">${e.number}</td><td>${escapeHtml(e.slug)}</td><td>${
      STATUS_TEXT[e.status]
    }</td><td>${e.tier ?? "–"}</td><td class="num">${points(e)}</td><td>${
      escapeHtml(e.summary)
    }</td></tr>`
  );
  const details = grade.exercises.map((e) => {
    const failed = e.tests.filter((t) => t.status !== "pass" && t.status !== "skipped").map((t) =>
      `<li>${t.status}: ${escapeHtml(t.name)}: ${escapeHtml(t.message)}</li>`
    );
    const skipped = e.tests.filter((t) => t.status === "skipped");
    if (skipped.length > 0) {
      failed.push(`<li>${skipped.length} not run: ${escapeHtml(skipped[0]?.message ?? "")}</li>`);
    }
    const printed = e.printed.length === 0
      ? ""
      : `<p>What the code printed (last lines):</p><pre>${escapeHtml(e.printed.join("\n"))}</pre>`;
    const written = (e.written ?? []).map((w) =>
      `<p>For the instructor to read: ${escapeHtml(w.file)}</p><pre>${escapeHtml(w.text)}</pre>`
    ).join("");
    const speed = [e.performance, e.parallel].filter((p): p is PerformanceResult => p !== null)
      .map((p) => `<p>Speed: ${escapeHtml(speedText(p))}</p>`).join("") +
      (stretchText(e) === null ? "" : `<p>${escapeHtml(stretchText(e) ?? "")}</p>`);
    return `<h3>Exercise ${e.number} · ${escapeHtml(e.slug)}</h3>${speed}${
      failed.length === 0 ? "" : `<ul>${failed.join("")}</ul>`
    }${printed}${written}`;
  });
  const problem = grade.problem === null
    ? ""
    : `<p><strong>Not graded:</strong> ${escapeHtml(grade.problem)}</p>`;
  const notes = grade.notes.length === 0
    ? ""
    : `<h2>Notes</h2><ul>${grade.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul>`;
  return `<section id="grade">
<h2>Grade: ${escapeHtml(totalText(grade))}</h2>
${problem}
<table id="points"><thead><tr><th>N</th><th>exercise</th><th>status</th><th>tier</th><th>points</th><th>why</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>
${details.join("\n")}
${notes}
</section>
`;
}

/** The report as one self-contained HTML page. */
export function htmlReport(grade: StudentGrade): string {
  const page = renderReport(reportData(grade));
  const at = page.lastIndexOf("</body>");
  return `${page.slice(0, at)}${gradeSection(grade)}${page.slice(at)}`;
}
