/**
 * The written answers to read: one self-contained page beside the gradebook
 * (`answers.html`: inline CSS, no script, a policy that forbids every request)
 * gathering, per question across the class, what each learner wrote in their
 * `answers.md` and in exercise 11's reflection, with the learner's own
 * measured numbers for that exercise beside the answer (the grader's
 * measurement, not the learner's claim), so that an answer that quotes "30×"
 * can be read against the 30× the grader saw.
 *
 * Every answer is text from an untrusted submission: it is shown escaped, as
 * written (Markdown unrendered), never as HTML.
 *
 * @module
 */
import { escapeHtml } from "../../report/escape.ts";
import type { PerformanceResult } from "../../check/types.ts";
import type { ExerciseGrade, StudentGrade } from "../result.ts";

/** What the answers page is drawn from. */
export interface AnswersPageInput {
  title: string;
  /** Every student's full result (students/ID/result.json), any order. */
  grades: readonly StudentGrade[];
  /** The exercises graded, in course order. */
  exercises: readonly { number: number; slug: string; title: string }[];
  /**
   * The stub of each written file (`reflection.md`), by exercise number and
   * file: a file handed in unchanged is no answer.
   */
  stubs?: ReadonlyMap<string, string>;
  /** ISO time the page was made. */
  generatedAt: string;
}

/** One question of one exercise and every student's answer to it. */
interface QuestionBlock {
  exercise: AnswersPageInput["exercises"][number];
  /** `q1`, or the written file's name. */
  id: string;
  prompt: string;
  answered: { student: string; text: string; grade: ExerciseGrade; all: StudentGrade }[];
  unanswered: string[];
}

const STYLE = `
:root { --ink: #1f2328; --muted: #656d76; --line: #d0d7de; --gold: #c8960c; --silver: #7d8590;
  --pass: #a0612b; --none: #c0392b; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
  max-width: 980px; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .2rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .4rem; border-bottom: 1px solid var(--line); }
.subtitle, .caption { color: var(--muted); } .caption { font-size: .88rem; }
nav ol { columns: 2; font-size: .9rem; } nav li { break-inside: avoid; }
details.question { border: 1px solid var(--line); border-radius: 8px; margin: 1rem 0;
  padding: .3rem 1rem .6rem; }
details.question > summary { cursor: pointer; font-weight: 600; padding: .3rem 0; }
.answer { border-top: 1px solid var(--line); padding: .6rem 0; }
.who { display: flex; flex-wrap: wrap; gap: .2rem .8rem; align-items: baseline; font-size: .9rem; }
.who a { font-weight: 600; }
.measured { color: var(--muted); font-variant-numeric: tabular-nums; }
.chip { display: inline-block; padding: 0 .45rem; border-radius: 9px; font-size: .8rem;
  border: 1px solid var(--line); }
.chip.gold { background: #fbf3d9; border-color: var(--gold); }
.chip.silver { background: #eef0f2; border-color: var(--silver); }
.chip.pass { background: #f6ebe1; border-color: var(--pass); }
.chip.fail, .chip.error { background: #fbe9e7; border-color: var(--none); }
.text { white-space: pre-wrap; overflow-wrap: anywhere; margin: .35rem 0 0; max-width: 80ch;
  font: inherit; }
.unanswered { font-size: .88rem; color: var(--muted); margin: .6rem 0 0; }
`;

function times(x: number): string {
  return `${Number(x.toFixed(2))}×`;
}

function duration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

/** A report, relative to the page (DIR/students/ID/report.html). */
function reportHref(student: string): string {
  return `students/${encodeURIComponent(student)}/report.html`;
}

/** One speed part as a phrase: median, range, the two times, the tier. */
function speedPhrase(label: string, part: PerformanceResult): string {
  const s = part.speedup;
  const range = s === null ? "" : ` (${times(s.min)}–${times(s.max)})`;
  const ms = part.baselineMs !== null && part.candidateMs !== null
    ? `, baseline ${duration(part.baselineMs)}, theirs ${duration(part.candidateMs)}`
    : "";
  const value = s === null ? "not measured" : `${times(s.median)}${range}`;
  return `${label} ${value}${ms}${part.tier === null ? "" : `, ${part.tier}`}`;
}

/** The grader's figures for one exercise of one student, as one line. */
export function measuredLine(grade: ExerciseGrade): string {
  const parts: string[] = [];
  const passed = grade.tests.filter((t) => t.status === "pass").length;
  if (grade.tests.length > 0) parts.push(`tests ${passed}/${grade.tests.length}`);
  if (grade.credit !== null) parts.push(`credit ${Math.round(grade.credit * 100)}%`);
  if (grade.performance !== null) parts.push(speedPhrase("speed-up", grade.performance));
  if (grade.parallel !== null) parts.push(speedPhrase("parallel", grade.parallel));
  return parts.join(" · ");
}

/** A student's speed-ups on every exercise measured, for a question that quotes them (11). */
function speedupsElsewhere(student: StudentGrade, except: number): string {
  const found = student.exercises.flatMap((e) => {
    const median = e.performance?.speedup?.median;
    if (e.number === except || median === undefined) return [];
    return [`${e.number}: ${times(median)}${e.tier === null ? "" : ` ${e.tier}`}`];
  });
  return found.length === 0 ? "" : `their speed-ups: ${found.join(", ")}`;
}

function chip(grade: ExerciseGrade): string {
  const label = grade.status === "pass" ? grade.tier ?? "pass" : grade.status;
  const cls = grade.status === "pass" ? grade.tier ?? "pass" : grade.status;
  return `<span class="chip ${escapeHtml(cls)}">${
    escapeHtml(label)
  } · ${grade.points}/${grade.maxPoints}</span>`;
}

/** A written file handed in as given (or not at all) is no answer. */
function writtenAnswer(text: string, stub: string | undefined): string | null {
  const trimmed = text.trim();
  if (trimmed === "" || trimmed === "[not handed in]") return null;
  if (stub !== undefined && trimmed === stub.trim()) return null;
  return text;
}

/** Every question of the class, in course order, each with the answers to it. */
function questionBlocks(input: AnswersPageInput, sorted: readonly StudentGrade[]): QuestionBlock[] {
  const blocks: QuestionBlock[] = [];
  for (const exercise of input.exercises) {
    const graded = sorted.flatMap((student) => {
      const grade = student.exercises.find((e) => e.number === exercise.number);
      return grade === undefined ? [] : [{ student, grade }];
    });
    const byId = new Map<string, QuestionBlock>();
    const blockOf = (id: string, prompt: string) => {
      let block = byId.get(id);
      if (block === undefined) {
        block = { exercise, id, prompt, answered: [], unanswered: [] };
        byId.set(id, block);
      }
      return block;
    };
    for (const { student, grade } of graded) {
      for (const a of grade.answers ?? []) {
        const block = blockOf(a.id, a.prompt);
        if (a.answer === null) block.unanswered.push(student.student);
        else block.answered.push({ student: student.student, text: a.answer, grade, all: student });
      }
      for (const w of grade.written ?? []) {
        const block = blockOf(w.file, w.file);
        const text = writtenAnswer(w.text, input.stubs?.get(`${exercise.number}/${w.file}`));
        if (text === null) block.unanswered.push(student.student);
        else block.answered.push({ student: student.student, text, grade, all: student });
      }
    }
    // A student graded on the exercise whose file held no such heading: not answered either.
    for (const block of byId.values()) {
      const seen = new Set([...block.answered.map((a) => a.student), ...block.unanswered]);
      for (const { student } of graded) {
        if (!seen.has(student.student)) block.unanswered.push(student.student);
      }
      blocks.push(block);
    }
  }
  return blocks;
}

function anchor(block: QuestionBlock): string {
  return `q-${block.exercise.number}-${block.id.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

function questionSection(block: QuestionBlock): string {
  const answers = block.answered.map(({ student, text, grade, all }) => {
    const elsewhere = grade.performance === null && grade.parallel === null
      ? speedupsElsewhere(all, grade.number)
      : "";
    const figures = [measuredLine(grade), elsewhere].filter((f) => f !== "").join(" · ");
    return `<article class="answer"><div class="who"><a href="${escapeHtml(reportHref(student))}">${
      escapeHtml(student)
    }</a>${chip(grade)}<span class="measured">${
      escapeHtml(figures)
    }</span></div><div class="text">${escapeHtml(text)}</div></article>`;
  });
  const total = block.answered.length + block.unanswered.length;
  const unanswered = block.unanswered.length === 0
    ? ""
    : `<p class="unanswered">Not answered (${block.unanswered.length}): ${
      block.unanswered.map(escapeHtml).join(", ")
    }</p>`;
  const isFile = block.id === block.prompt;
  return `<details class="question" id="${anchor(block)}" open><summary>${
    escapeHtml(
      isFile
        ? `Exercise ${block.exercise.number} · ${block.id}`
        : `Exercise ${block.exercise.number} · ${block.id} · ${block.prompt}`,
    )
  } <span class="caption">(${block.answered.length} of ${total} answered)</span></summary>
${answers.join("\n")}
${unanswered}
</details>`;
}

/** The answers page. Students are listed by name under each question. */
export function renderAnswersPage(input: AnswersPageInput): string {
  const sorted = [...input.grades].sort((a, b) => a.student.localeCompare(b.student));
  const blocks = questionBlocks(input, sorted);
  const contents = blocks.map((b) =>
    `<li><a href="#${anchor(b)}">${
      escapeHtml(`${b.exercise.number} · ${b.id === b.prompt ? b.id : `${b.id} · ${b.prompt}`}`)
    }</a> <span class="caption">${b.answered.length} answered</span></li>`
  );
  const body = blocks.length === 0
    ? `<p class="caption" id="no-answers">No exercise graded here asks for a written answer, ` +
      `or no result holds one (results graded before answers were kept: grade again with ` +
      `--resume --regrade).</p>`
    : `<nav><ol>${contents.join("")}</ol></nav>\n${blocks.map(questionSection).join("\n")}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(input.title)}</h1>
<p class="subtitle">${sorted.length} students · every answer as written (Markdown shown as text) ` +
    `with the grader's own figures for that exercise beside it · ` +
    `<a href="dashboard.html">dashboard</a> · made ${escapeHtml(input.generatedAt)}</p>
<p class="caption">Points given by hand go in manual_points.csv, which grading never overwrites.</p>
${body}
</body></html>
`;
}
