/**
 * Question 6's reflection, judged as far as a program can: prose in English
 * about the course, not a placeholder. It must be long enough, read as English
 * (a share of the little words every English sentence uses: lorem ipsum and
 * word salads have almost none), vary its words, name a tool of the workbook
 * in a sentence that gives a reason, and quote a measurement (a number with a
 * unit of time or memory, a percentage, or a speed-up such as 2.9×).
 *
 * What the reflection says is for the instructor to read: the grader puts its
 * text in the grade report (the catalogue's `written` files). This gate only
 * keeps filler from passing as an answer. It runs in the judge, on the text as
 * read from the learner's folder, never in the learner's process.
 *
 * This module is in the check's import graph, which the grading sandbox lets
 * the learner's process read: it reads no file and imports nothing that names
 * a folder (`lib/exercise/paths.ts` would open the whole workbook). The
 * course's own text comes from `course_text.ts`, which only the judge loads.
 *
 * @module
 */
import { TOOLS } from "../../exercises/11_which_tool/tools.ts";

/** Question 6 asks for at least this many words. */
export const REFLECTION_MIN_WORDS = 80;
/** Share of English function words below which a text is not English prose (prose: 35–50%). */
export const MIN_FUNCTION_WORD_SHARE = 0.2;
/** Share of distinct words below which a text repeats itself (prose of 80+ words: over 50%). */
export const MIN_DISTINCT_SHARE = 0.35;
/** The longest reflection read, in characters: a few pages of prose. */
export const MAX_REFLECTION_CHARS = 20_000;

/** Words in a row that, found in the course's own text, count as copied. */
export const SHINGLE_WORDS = 8;
/** Share of a reflection's word runs found in the course's text above which it is a copy. */
export const MAX_COPIED_SHARE = 0.25;

/** The little words of English prose (articles, pronouns, prepositions, auxiliaries). */
const FUNCTION_WORDS = new Set(
  ("a an the and or but if then than so as of to in on at by for with from into over under " +
    "about after before between through is are was were be been being am it its this that " +
    "these those there here i we you he she they my our your their me us them would will can " +
    "could should may might must do does did have has had not no what which who when where why " +
    "how all each every more most some one only also just very too").split(" "),
);

/** Words that give a reason or a consequence. */
const REASON =
  /\b(because|since|so|therefore|thus|hence|as|why|due to|in order to|which means|so that|instead|lets|allows?|means)\b/i;

/**
 * A measurement: a number with a unit of time, memory or rate, a percentage, or
 * a speed-up ("2.9×", "3x faster", "5 times").
 */
const MEASUREMENT =
  /\d+(?:[.,]\d+)?\s*(?:×|x\b|times\b|-?fold\b|%|percent\b|ns\b|µs\b|us\b|ms\b|s\b|sec\b|seconds?\b|minutes?\b|min\b|hours?\b|[kKMG]i?B\b|bytes?\b|GFLOP)/;

/** The prose of `text`: Markdown headings and code left out. */
export function proseOf(text: string): string {
  return text.replace(/```[\s\S]*?```/g, " ").replace(/^#.*$/gm, " ");
}

/** The words of `text` (runs of letters, apostrophes allowed), lower case. */
export function wordsOf(text: string): string[] {
  return [...text.toLowerCase().matchAll(/\p{L}+(?:'\p{L}+)*/gu)].map((m) => m[0]);
}

/** The workbook's tools that `text` names (case does not matter; "Workers" names `Worker`). */
export function toolsNamed(text: string): string[] {
  const lower = text.toLowerCase();
  return TOOLS.filter((tool) => lower.includes(tool.toLowerCase()));
}

/** The runs of SHINGLE_WORDS words of `words`, each joined by spaces. */
export function shingles(words: readonly string[]): string[] {
  const runs: string[] = [];
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    runs.push(words.slice(i, i + SHINGLE_WORDS).join(" "));
  }
  return runs;
}

/** The share of `words`' runs that appear in `course` (the course's own text, as runs). */
export function copiedShare(words: readonly string[], course: ReadonlySet<string>): number {
  const runs = shingles(words);
  if (runs.length === 0) return 0;
  return runs.filter((run) => course.has(run)).length / runs.length;
}

/**
 * Why `text` is not yet an answer to Question 6, in one line, or null when it is.
 *
 * @param course The word runs of the course's own text (`course_text.ts`), to catch a pasted README.
 */
export function reflectionProblem(text: string, course: ReadonlySet<string>): string | null {
  if (text.length > MAX_REFLECTION_CHARS) {
    return `reflection.md has ${text.length} characters; at most ${MAX_REFLECTION_CHARS} are read`;
  }
  const prose = proseOf(text);
  const words = wordsOf(prose);
  if (words.length < REFLECTION_MIN_WORDS) {
    return `reflection.md has ${words.length} words; at least ${REFLECTION_MIN_WORDS} needed`;
  }
  const little = words.filter((w) => FUNCTION_WORDS.has(w)).length / words.length;
  if (little < MIN_FUNCTION_WORD_SHARE) {
    return `reflection.md does not read as English prose (${
      Math.round(100 * little)
    }% of its words are words such as "the", "of", "would"; prose has 35–50%)`;
  }
  const distinct = new Set(words).size / words.length;
  if (distinct < MIN_DISTINCT_SHARE) {
    return `reflection.md repeats itself (${
      Math.round(100 * distinct)
    }% of its words are different; prose has over 50%)`;
  }
  const copied = copiedShare(words, course);
  if (copied > MAX_COPIED_SHARE) {
    return `reflection.md copies the course's own text (${
      Math.round(100 * copied)
    }% of it comes from the exercises' READMEs): write your own answer`;
  }
  if (toolsNamed(prose).length === 0) {
    return "reflection.md names none of the workbook's tools (see tools.ts)";
  }
  const sentences = prose.split(/(?<=[.!?;:])\s+|\n\s*\n/);
  if (!sentences.some((s) => toolsNamed(s).length > 0 && REASON.test(s))) {
    return "reflection.md names a tool but gives no reason for it: say why, in the same sentence (because, so, since…)";
  }
  if (!MEASUREMENT.test(prose)) {
    return "reflection.md quotes no measurement: give a number you measured, with its unit or as a speed-up (e.g. 120 ms, 2.9×)";
  }
  return null;
}
