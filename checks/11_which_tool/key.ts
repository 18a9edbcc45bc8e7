/**
 * Exercise 11's answer key, and why each answer is right. Loaded only by the
 * judge (`check.loadJudgeData`), never in the process that runs the learner's
 * code, so a submission cannot import it to copy the answers.
 *
 * @module
 */
import type { Answers, Tool } from "../../exercises/11_which_tool/tools.ts";

/** The answer key, and why: shown once the learner has answered. */
export const KEY: Record<keyof Answers, { right: Tool[]; why: string }> = {
  threads: {
    right: ["Worker", "worker pool"],
    why:
      "A Worker is an OS thread with its own V8 isolate, and a pool reuses several. SharedArrayBuffer and Atomics let threads share memory and agree on it; they are not threads themselves.",
  },
  processes: {
    right: ["subprocess"],
    why:
      "Deno.Command starts another process: its own memory and runtime. Workers are threads inside one process, however separate their heaps look.",
  },
  compilers: {
    right: ["V8 JIT", "WebAssembly"],
    why:
      "V8 compiles hot JavaScript to machine code (Maglev, TurboFan) and WebAssembly too (Liftoff, then TurboFan); AssemblyScript compiles ahead of time to WebAssembly. Typed arrays change the data's layout, not the compiler.",
  },
  ioBound: {
    right: ["async I/O"],
    why:
      "Waiting on a disk or a network needs no core: the event loop overlaps thousands of waits on one thread. Workers pay off when the work itself needs CPU.",
  },
  beyondOneMachine: {
    right: ["network messages"],
    why:
      "Threads and shared memory stop at the edge of one machine; processes that exchange messages over the network (as Ray or MPI do) can spread across many.",
  },
};
