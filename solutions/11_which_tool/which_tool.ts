/**
 * Exercise 11, reference answers to Question 5. The hidden check explains each.
 *
 * @module
 */
import type { Answers } from "../../exercises/11_which_tool/tools.ts";

/** The reference answers. */
export function answers(): Answers {
  return {
    threads: ["Worker", "worker pool"],
    processes: ["subprocess"],
    compilers: ["V8 JIT", "WebAssembly"],
    ioBound: ["async I/O"],
    beyondOneMachine: ["network messages"],
  };
}
