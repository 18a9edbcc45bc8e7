/**
 * Exercise 11's hidden check: the quiz of Question 5, graded with partial credit
 * and an explanation per answer, and the reflection of Question 6, held to
 * being prose about the course (./reflection.ts) and handed to the instructor
 * to read (the grade report shows its text).
 *
 * The answer key is judge data: the judge loads it, this module names no path
 * to it, and the student version leaves it out. There `check 11` says, in one
 * line, that the instructor grades the quiz (`withoutJudgeData`).
 *
 * @module
 */
import type { ExerciseCheck, TestCase } from "../../lib/check/types.ts";
import { describeValue } from "../../lib/check/describe.ts";
import { type Answers, type Tool, TOOLS } from "../../exercises/11_which_tool/tools.ts";
import { MAX_REFLECTION_CHARS, REFLECTION_MIN_WORDS, reflectionProblem } from "./reflection.ts";

export { REFLECTION_MIN_WORDS };

type Question = keyof Answers;

export type QuizInput = { question: Question } | { question: "reflection" };

/** An answer as it came back: the tools picked, or the reflection's text. */
export type QuizOutput = string[] | string;

/** What `check 11` says in a copy without the key (the student version). */
export const WITHOUT_KEY =
  "Exercise 11 is graded by your instructor: this copy of the workbook has no answer key. Hand in which_tool.ts and reflection.md as they are.";

/** The answer key, handed over by the judge before the tests (the catalogue's `judgeData`). */
let KEY: Record<Question, { right: Tool[]; why: string }> | undefined;
/** The course's own text as word runs (judge data too: reading it needs the workbook's root). */
let COURSE: ReadonlySet<string> = new Set();

function key(): NonNullable<typeof KEY> {
  if (KEY === undefined) throw new Error("Cannot judge the quiz: the answer key is not loaded");
  return KEY;
}

const QUESTIONS: [Question, string][] = [
  ["threads", "Question 5a: which tools give you threads?"],
  ["processes", "Question 5b: which give you processes?"],
  ["compilers", "Question 5c: which compile to machine code?"],
  ["ioBound", "Question 5d: which suit I/O-bound work?"],
  ["beyondOneMachine", "Question 5e: which scale past one machine?"],
];

export const check: ExerciseCheck<QuizInput, QuizOutput> = {
  loadJudgeData([keyModule, courseModule]) {
    KEY = keyModule?.KEY as typeof KEY;
    const runs = courseModule?.courseRuns;
    COURSE = typeof runs === "function" ? (runs as () => ReadonlySet<string>)() : new Set();
  },
  withoutJudgeData: WITHOUT_KEY,
  sampleIn: "process",
  cases() {
    const cases: TestCase<QuizInput, QuizOutput>[] = QUESTIONS.map(([question, name]) => ({
      name,
      input: { question },
      note: key()[question].why,
    }));
    cases.push({
      name:
        `Question 6: reflection.md is prose about the course (${REFLECTION_MIN_WORDS}+ words; a tool, a reason, a measurement)`,
      input: { question: "reflection" },
      note: "your instructor reads what it says: the grade report shows its text",
    });
    return cases;
  },
  expected(input) {
    // The reflection has no expected text: `compare` judges what came back.
    return input.question === "reflection" ? "" : [...key()[input.question].right].sort();
  },
  prepare: () => [],
  async invoke(entry, _args, input, { moduleUrl }) {
    if (input.question === "reflection") {
      // Read here, where the learner's folder is readable; judged in the judge (`compare`),
      // so nothing the learner's module does to this process decides the verdict.
      const text = await Deno.readTextFile(new URL("./reflection.md", moduleUrl));
      return text.slice(0, MAX_REFLECTION_CHARS + 1);
    }
    const all = (entry as () => unknown)();
    const picked = (all as Record<string, unknown> | null)?.[input.question];
    return Array.isArray(picked) ? [...new Set(picked.map(String))].sort() : picked;
  },
  outputOf: (returned) => returned,
  transferables: () => [],
  validate(value, input) {
    if (input.question === "reflection") {
      return typeof value === "string" ? null : `reflection.md read as ${describeValue(value)}`;
    }
    if (!Array.isArray(value)) {
      return `answers().${input.question} is ${describeValue(value)}; expected a list of tools`;
    }
    const unknown = value.filter((v) => !(TOOLS as readonly string[]).includes(v));
    if (unknown.length > 0) {
      return `answers().${input.question} names ${JSON.stringify(unknown)}, not tools of tools.ts`;
    }
    return null;
  },
  compare(expected, actual) {
    if (!Array.isArray(expected)) return reflectionProblem(actual as string, COURSE);
    const picked = actual as string[];
    if (picked.length === expected.length && picked.every((t, i) => t === expected[i])) return null;
    const missing = expected.filter((t) => !picked.includes(t));
    const extra = picked.filter((t) => !expected.includes(t));
    const parts = [
      missing.length > 0 ? `missing ${missing.length}` : "",
      extra.length > 0 ? `${extra.length} that do not fit (${extra.join(", ")})` : "",
    ].filter((p) => p !== "");
    return `not quite: ${parts.join(", ")}`;
  },
  credit(expected, actual) {
    if (!Array.isArray(expected)) return 0;
    const picked = actual as string[];
    const hits = picked.filter((t) => expected.includes(t)).length;
    // Right picks count, wrong picks cost as much: guessing every tool earns nothing.
    return Math.max(0, (hits - (picked.length - hits)) / expected.length);
  },
  describe: (input) => input.question,
  benchmark: {
    pairs: 1,
    sizes: { default: { label: "none: a quiz" } },
    input: () => ({ question: "threads" }),
  },
  timeoutMs: 10_000,
};
