/**
 * Exercise 3: the script each Worker runs. It receives a SliceOrder (the shared
 * arrays and one slice), fills that slice of `out`, and posts back its partial sum.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { evaluateSlice, type SliceOrder } from "./shared_memory.ts";

self.onmessage = (event: MessageEvent<SliceOrder>) => {
  const { a, out, start, end } = event.data;
  // TODO (task 1): compute this slice with evaluateSlice() and post the partial
  // sum back with self.postMessage(). The arrays arrive as views of the same
  // shared memory the caller holds: what you write into `out` is what it reads.
  void [evaluateSlice, a, out, start, end]; // Only keeps the linter quiet: delete it.
  throw new Error("Not implemented: the Worker's onmessage handler");
};
