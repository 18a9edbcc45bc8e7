/**
 * Exercise 3, reference solution: the Worker. It receives the shared arrays and
 * one slice, fills that slice of `out`, and posts back its partial sum.
 *
 * It imports the kernel from shared_memory.ts (which does nothing when imported
 * but define functions), so the calling thread and the Workers run the same code.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { evaluateSlice, type SliceOrder } from "./shared_memory.ts";

self.onmessage = (event: MessageEvent<SliceOrder>) => {
  const { a, out, start, end } = event.data;
  // The slices are disjoint: no other thread reads or writes out[start..end)
  // while this one works, so plain writes are safe and no Atomics are needed.
  // The caller reads `out` only after every partial sum has arrived.
  self.postMessage(evaluateSlice(a, out, start, end));
};
