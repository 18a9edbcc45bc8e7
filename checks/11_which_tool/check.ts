/**
 * Exercise 11's hidden check: the quiz of Question 5, graded with partial credit
 * and an explanation per answer, and the reflection of Question 6.
 *
 * @module
 */
import type { ExerciseCheck, TestCase } from "../../lib/check/types.ts";
import { describeValue } from "../../lib/check/describe.ts";
import { type Answers, type Tool, TOOLS } from "../../exercises/11_which_tool/tools.ts";

type Question = keyof Answers;

export type QuizInput = { question: Question } | { question: "reflection" };

/** An answer as it came back: the tools picked, or the reflection's text. */
export type QuizOutput = string[] | { words: number; tools: string[] };

/** Question 6 counts as complete with at least this many words, naming a tool. */
export const REFLECTION_MIN_WORDS = 80;

/** The answer key, handed over by the judge before the tests (the catalogue's `judgeData`). */
let KEY: Record<Question, { right: Tool[]; why: string }> | undefined;

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

function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
}

export const check: ExerciseCheck<QuizInput, QuizOutput> = {
  loadJudgeData([keyModule]) {
    KEY = keyModule?.KEY as typeof KEY;
  },
  sampleIn: "process",
  cases() {
    const cases: TestCase<QuizInput, QuizOutput>[] = QUESTIONS.map(([question, name]) => ({
      name,
      input: { question },
      note: key()[question].why,
    }));
    cases.push({
      name: `Question 6: reflection.md has at least ${REFLECTION_MIN_WORDS} words and names a tool`,
      input: { question: "reflection" },
    });
    return cases;
  },
  expected(input) {
    return input.question === "reflection"
      ? { words: REFLECTION_MIN_WORDS, tools: [] }
      : [...key()[input.question].right].sort();
  },
  prepare: () => [],
  async invoke(entry, _args, input, { moduleUrl }) {
    if (input.question === "reflection") {
      // Read here, in the Worker that has read access to the learner's folder.
      const text = await Deno.readTextFile(new URL("./reflection.md", moduleUrl));
      const named = TOOLS.filter((tool) => text.toLowerCase().includes(tool.toLowerCase()));
      return { words: countWords(text.replace(/^#.*$/gm, "")), tools: named };
    }
    const all = (entry as () => unknown)();
    const picked = (all as Record<string, unknown> | null)?.[input.question];
    return Array.isArray(picked) ? [...new Set(picked.map(String))].sort() : picked;
  },
  outputOf: (returned) => returned,
  transferables: () => [],
  validate(value, input) {
    if (input.question === "reflection") return null;
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
    if (!Array.isArray(expected)) {
      const { words, tools } = actual as { words: number; tools: string[] };
      if (words < REFLECTION_MIN_WORDS) {
        return `reflection.md has ${words} words; at least ${REFLECTION_MIN_WORDS} needed`;
      }
      if (tools.length === 0) {
        return "reflection.md names none of the workbook's tools (see tools.ts)";
      }
      return null;
    }
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
