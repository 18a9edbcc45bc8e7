/**
 * The report's "Your answers" section: each exercise's written questions with
 * the learner's answer and, where the question asks for one, their own
 * measurement beside it. Its data comes from `lib/learner/answers.ts` (the
 * report's command passes it in; this folder does not read learner files).
 *
 * @module
 */
import { escapeHtml } from "./escape.ts";

/** One question as the report shows it. */
export interface AnswerView {
  /** The question's id. */
  id: string;
  /** The question. */
  prompt: string;
  /** The answer, or null when unanswered. */
  answer: string | null;
  /** The learner's measurement, or null. */
  measured: string | null;
}

/** One exercise's answers as the report shows them. */
export interface AnswerSheetView {
  /** The exercise's number. */
  number: number;
  /** Its title. */
  title: string;
  /** The answers file, relative to the workbook. */
  file: string;
  /** Whether the file exists. */
  found: boolean;
  /** The questions. */
  questions: readonly AnswerView[];
}

/** The section's style: answers keep their line breaks. */
export const ANSWERS_STYLE = `
.answers h3 { font-size: 1rem; margin: 1.2rem 0 0.3rem; }
.answers dt { font-weight: 600; margin-top: 0.6rem; }
.answers dd { margin: 0.2rem 0 0 1rem; }
.answers .answer { white-space: pre-wrap; }
.answers .measured { color: #555; font-size: 0.9rem; }
.answers .missing { color: #a33; font-style: italic; }
`;

/**
 * The section's HTML: a heading, then per exercise its questions, answers and
 * measurements. Everything the learner wrote is escaped.
 *
 * @param sheets The answers, in course order.
 * @returns The HTML, or "" when there are no sheets.
 */
export function answersSection(sheets: readonly AnswerSheetView[]): string {
  if (sheets.length === 0) return "";
  const blocks = sheets.map((sheet) => {
    const items = sheet.questions.map((q) => {
      const answer = q.answer === null
        ? `<dd class="missing">not answered yet</dd>`
        : `<dd class="answer">${escapeHtml(q.answer)}</dd>`;
      const measured = q.measured === null
        ? ""
        : `<dd class="measured">${escapeHtml(q.measured)}</dd>`;
      return `<dt>${escapeHtml(q.prompt)}</dt>${answer}${measured}`;
    }).join("\n");
    const where = sheet.found
      ? `<p class="caption">${escapeHtml(sheet.file)}</p>`
      : `<p class="caption missing">${escapeHtml(sheet.file)} does not exist yet</p>`;
    return `<h3>${sheet.number} · ${escapeHtml(sheet.title)}</h3>\n${where}\n<dl>\n${items}\n</dl>`;
  });
  return `<section class="answers">
<h2>Your answers</h2>
<p class="caption">The questions that ask you to predict or explain, with your answers from each exercise's answers.md and, where a question asks for one, your own measurement.</p>
${blocks.join("\n")}
</section>`;
}
