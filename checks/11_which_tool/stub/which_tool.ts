/**
 * Exercise 11, Question 5: which tool, when. Read README.md in this folder first.
 * Question 6 goes in reflection.md, beside this file.
 *
 * Check your answers with `deno task check 11`.
 *
 * @module
 */
import type { Answers } from "./tools.ts";

/** Your answers to Question 5: for each question, every tool that fits. */
export function answers(): Answers {
  // TODO: return your answers, for example
  //   return { threads: ["Worker"], processes: [], compilers: [], ioBound: [], beyondOneMachine: [] };
  // The type only lets you name tools from tools.ts.
  throw new Error("Not implemented: answers()");
}
