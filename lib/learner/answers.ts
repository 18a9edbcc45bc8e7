/**
 * The written answers: the questions of the course that ask a learner to
 * predict or explain, declared here once per exercise; the `answers.md`
 * template each exercise ships; and the reader that pairs every answer with
 * the learner's own measurement where the question asks for one (from
 * `.workbook/progress.json`). `deno task report` shows them; the grader can
 * export them with `answersForGrade` for an instructor to read.
 *
 * An answers file is Markdown: one `## <id> · <question>` heading per
 * question, the answer under it. HTML comments (the template's guidance) are
 * not part of the answer; a heading left with nothing under it is unanswered.
 *
 * @module
 */
import { CATALOGUE, type Exercise } from "../exercise/catalogue.ts";
import { REPO_ROOT } from "../exercise/paths.ts";
import type { ExerciseProgress, ProgressState } from "./progress.ts";
import { type LessonsState, readLessons } from "./lessons/record.ts";

/** What measurement a question pulls in from the learner's progress. */
export type MeasurementKind = "best" | "parallel" | "scaling";

/** One written question. */
export interface Question {
  /** A stable id within the exercise, as the heading starts (`q1`). */
  id: string;
  /** The question, one line (it is the heading). */
  prompt: string;
  /** The guidance under the heading in the template (an HTML comment, not part of the answer). */
  guide: string;
  /** The learner's measurement to show beside the answer, if the question asks for one. */
  measure?: MeasurementKind;
  /** A lesson whose latest figures (`.workbook/lessons.json`) belong beside the answer. */
  lesson?: string;
}

/** The file name of an exercise's answers, in its folder. */
export const ANSWERS_FILE = "answers.md";

/** Every exercise's written questions, by slug. */
export const QUESTIONS: Readonly<Record<string, readonly Question[]>> = {
  "slow-series": [{
    id: "q1",
    prompt:
      "Why does the integer digit test beat String(k).includes here, when in Python the string test won?",
    guide:
      "Say what each test costs per k in V8 (allocation, a call, a division), and quote your speed-up.",
    measure: "best",
  }],
  velocity: [
    {
      id: "q1",
      prompt: "Does a 3×3 matrix per point help? (Question 1: predict first, then measure)",
      guide:
        "First your prediction for each variant and why; then your medians, and what was wrong or right.",
      measure: "best",
    },
    {
      id: "q2",
      prompt: "Why is vectorising over all three axes slower than over two?",
      lesson: "numpy",
      guide: "Run deno task bench 2 --numpy and use its bytes moved and rates.",
    },
  ],
  "shared-memory": [{
    id: "q1",
    prompt: "Explain your scaling curve: where does it stop improving, and why?",
    guide:
      "Relate it to your cores (nproc); what would you expect for n = 10^4? And at a larger n (--n)?",
    measure: "scaling",
  }],
  bottleneck: [
    {
      id: "q1",
      prompt: "Before profiling: which stage takes the most time, and why? (guess first)",
      guide: "Write this before deno task profile 4, and do not change it afterwards.",
    },
    {
      id: "q2",
      prompt:
        "Why did the course's table stay flat on 1, 2, 4 threads, and what did the profile show?",
      lesson: "flat",
      guide: "Use deno task bench 4 --flat and your profile; how far was your guess?",
      measure: "best",
    },
  ],
  "worker-pool": [{
    id: "q1",
    prompt:
      "Threads or processes: which costs more to start, to talk to, and which scales further?",
    lesson: "spawn",
    guide:
      "Use deno task bench 5 --spawn and --threads: context switching, communication, scaling up.",
  }],
  "split-series": [{
    id: "q1",
    prompt: "How does your time change from 1 to 2 to more Workers, and why does it stop?",
    guide: "Questions 2 and 3 of the course; quote your table and your cores.",
    measure: "scaling",
  }],
  "jit-tiers": [
    {
      id: "q1",
      prompt:
        "Why does the parallel series scale better at n = 10^10 than at 10^8? (the course's 5.7×)",
      guide: "Use deno task bench 7 --n 1e10 beside deno task bench 7; what is the fixed cost?",
      measure: "scaling",
    },
    {
      id: "q2",
      prompt: "What does V8's compiler give this loop, measured? (the course's ~10× from Numba)",
      lesson: "jitless",
      guide:
        "Use deno task bench 7 --jitless, and deno task deopt for the object/nopython mode counterpart.",
      measure: "best",
    },
  ],
  "wasm-kernel": [{
    id: "q1",
    prompt:
      "Question 4: fill the table for 1, 2, 4 Workers. Does the time improve, and why not further?",
    guide: "deno task bench 8 prints your row; say how many cores you have.",
    measure: "scaling",
  }],
  "beyond-brute-force": [{
    id: "q1",
    prompt:
      "Why does enumerating the numbers without the digit beat testing every k, at any speed of test?",
    guide: "Count how many numbers below 10^d lack the digit, against 10^d.",
    measure: "best",
  }],
  kempner: [{
    id: "q1",
    prompt: "Why can no amount of parallelism or compiling reach the limit 22.92 by brute force?",
    guide: "Estimate how many terms are needed (about 10^250?) and how long that would take.",
  }],
  "which-tool": [{
    id: "q1",
    prompt: "Question 6: which tool would you use for your own problem, and why?",
    guide: "Your reflection.md holds the long answer; one paragraph here, or point to it.",
  }],
};

/** The template of an exercise's answers.md, generated from `QUESTIONS`. */
export function answersTemplate(exercise: Pick<Exercise, "number" | "slug" | "title">): string {
  const questions = QUESTIONS[exercise.slug] ?? [];
  const lines = [
    `# Exercise ${exercise.number} · your answers`,
    "",
    "<!-- Write each answer under its question. `deno task report` shows them beside your own",
    "measurements, and an instructor may read them. Keep each heading as it is. -->",
  ];
  for (const q of questions) {
    lines.push("", `## ${q.id} · ${q.prompt}`, "", `<!-- ${q.guide} -->`);
  }
  return `${lines.join("\n")}\n`;
}

/** Answers read from a file, by question id (empty text: unanswered). */
export function parseAnswers(text: string): Map<string, string> {
  const answers = new Map<string, string>();
  const clean = text.replace(/<!--[\s\S]*?-->/g, "");
  let id: string | null = null;
  let body: string[] = [];
  const flush = () => {
    if (id !== null) answers.set(id, body.join("\n").trim());
  };
  for (const line of clean.split("\n")) {
    const heading = /^##\s+(\S+)\s+·/.exec(line);
    if (heading !== null) {
      flush();
      id = heading[1] as string;
      body = [];
    } else if (/^#\s/.test(line)) {
      flush();
      id = null;
    } else if (id !== null) {
      body.push(line);
    }
  }
  flush();
  return answers;
}

/** The learner's measurement of one kind, as a line, or null when there is none yet. */
export function measurement(
  entry: ExerciseProgress | undefined,
  kind: MeasurementKind,
): string | null {
  const best = entry?.best ?? null;
  if (kind === "best" || kind === "parallel") {
    const part = kind === "best" ? best : best?.parallel ?? null;
    if (best === null || part === null) return null;
    const s = part.speedup;
    const times = kind === "best" && best.baselineMs !== null && best.candidateMs !== null
      ? ` (baseline ${best.baselineMs.toFixed(0)} ms, yours ${best.candidateMs.toFixed(0)} ms)`
      : "";
    return `your best check: ${s.median.toFixed(2)}× (${s.min.toFixed(2)}–${s.max.toFixed(2)}), ` +
      `tier ${part.tier ?? "none"}${times}, ${best.at.slice(0, 10)}`;
  }
  const scaling = entry?.scaling;
  if (scaling === undefined || scaling.rows.length === 0) return null;
  const rows = scaling.rows.map((r) =>
    `${r.threads} W ${r.ms.toFixed(0)} ms ${r.speedup.toFixed(2)}×`
  );
  return `your scaling (${scaling.size}, ${scaling.cores} cores): ${rows.join(" · ")}`;
}

/** Everything measured for question `q`: its check figure and its lesson's, joined. */
function measuredFor(
  q: Question,
  entry: ExerciseProgress | undefined,
  lessons: LessonsState,
): string | null {
  const parts: string[] = [];
  if (q.measure !== undefined) {
    const figure = measurement(entry, q.measure);
    if (figure !== null) parts.push(figure);
  }
  if (q.lesson !== undefined) {
    const record = lessons.lessons[q.lesson];
    if (record !== undefined) parts.push(`${record.summary} (${record.at.slice(0, 10)})`);
  }
  return parts.length === 0 ? null : parts.join(" · ");
}

/** One question with its answer and measurement. */
export interface AnsweredQuestion {
  /** The question's id. */
  id: string;
  /** The question. */
  prompt: string;
  /** The learner's answer, or null when the heading has nothing under it or is missing. */
  answer: string | null;
  /** The learner's measurement, where the question asks for one and there is one. */
  measured: string | null;
}

/** An exercise's answers. */
export interface AnswerSheet {
  /** The exercise's number. */
  number: number;
  /** Its slug. */
  slug: string;
  /** Its title. */
  title: string;
  /** The answers file, relative to the workbook's root. */
  file: string;
  /** Whether the file exists. */
  found: boolean;
  /** Every declared question, in order. */
  questions: AnsweredQuestion[];
}

/**
 * Every exercise's answers under `root` (the workbook, or a submission being
 * graded), with the measurements of `progress`.
 *
 * @param progress The learner's progress (measurements are pulled from it).
 * @param root The folder holding `exercises/` (default: this workbook).
 * @returns One sheet per exercise that has questions, in course order.
 */
export async function readAnswers(
  progress: ProgressState,
  root = REPO_ROOT,
): Promise<AnswerSheet[]> {
  const lessons = await readLessons(`${root}/.workbook/lessons.json`);
  const sheets: AnswerSheet[] = [];
  for (const exercise of CATALOGUE) {
    const questions = QUESTIONS[exercise.slug];
    if (questions === undefined) continue;
    const file = `exercises/${exercise.dir}/${ANSWERS_FILE}`;
    let text: string | null = null;
    try {
      text = await Deno.readTextFile(`${root}/${file}`);
    } catch (thrown) {
      if (!(thrown instanceof Deno.errors.NotFound)) throw thrown;
    }
    const answers = text === null ? new Map<string, string>() : parseAnswers(text);
    const entry = progress.exercises[exercise.slug];
    sheets.push({
      number: exercise.number,
      slug: exercise.slug,
      title: exercise.title,
      file,
      found: text !== null,
      questions: questions.map((q) => {
        const answer = answers.get(q.id);
        return {
          id: q.id,
          prompt: q.prompt,
          answer: answer === undefined || answer === "" ? null : answer,
          measured: measuredFor(q, entry, lessons),
        };
      }),
    });
  }
  return sheets;
}

/** One row of the grader's export: a student's answer to one question. */
export interface GradeAnswerRow {
  /** The exercise's number. */
  exercise: number;
  /** Its slug. */
  slug: string;
  /** The question's id. */
  question: string;
  /** The question. */
  prompt: string;
  /** The answer, or "" when unanswered. */
  answer: string;
  /** The measurement shown beside it, or "". */
  measured: string;
}

/**
 * The answers of a submission as flat rows, for the grader's exports (one row
 * per question, unanswered ones included so that a column is never missing).
 *
 * @param root The submission's folder (holding `exercises/`).
 * @param progress Its progress, or an empty one when grading has no history.
 * @returns The rows, in course order.
 */
export async function answersForGrade(
  root: string,
  progress: ProgressState,
): Promise<GradeAnswerRow[]> {
  const sheets = await readAnswers(progress, root);
  return sheets.flatMap((sheet) =>
    sheet.questions.map((q) => ({
      exercise: sheet.number,
      slug: sheet.slug,
      question: q.id,
      prompt: q.prompt,
      answer: q.answer ?? "",
      measured: q.measured ?? "",
    }))
  );
}
