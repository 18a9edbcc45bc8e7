/**
 * The tools this workbook taught, by the names the quiz of exercise 11 uses.
 * Given: read it, do not edit it.
 *
 * @module
 */

/** A tool of the workbook. */
export type Tool =
  | "typed arrays" // Float64Array and friends: one type, contiguous memory (exercise 2)
  | "Worker" // a thread with its own V8 isolate (exercises 3, 6)
  | "worker pool" // reusable Workers with an ordered map (exercise 5)
  | "SharedArrayBuffer" // memory that several Workers see (exercise 3)
  | "Atomics" // operations on shared memory that other threads see whole
  | "subprocess" // Deno.Command: another process, another runtime
  | "V8 JIT" // Ignition, Sparkplug, Maglev, TurboFan (exercise 7)
  | "WebAssembly" // AssemblyScript compiled ahead of time, run by Liftoff and TurboFan (exercise 8)
  | "V8 profiler" // node:inspector's CPU profiler (exercise 4)
  | "async I/O" // the event loop: promises, streams, fetch
  | "network messages"; // processes that talk over sockets (HTTP, WebSocket, a queue)

/** Your answers: for each question, every tool that fits (order does not matter). */
export interface Answers {
  /** Which tools give you threads? */
  threads: Tool[];
  /** Which tools give you separate processes? */
  processes: Tool[];
  /** Which tools compile code to machine code? */
  compilers: Tool[];
  /** Which tools suit I/O-bound work (waiting on disks and networks)? */
  ioBound: Tool[];
  /** Which tools can scale past one machine? */
  beyondOneMachine: Tool[];
}

/** Every tool, for checking answers. */
export const TOOLS: readonly Tool[] = [
  "typed arrays",
  "Worker",
  "worker pool",
  "SharedArrayBuffer",
  "Atomics",
  "subprocess",
  "V8 JIT",
  "WebAssembly",
  "V8 profiler",
  "async I/O",
  "network messages",
];
