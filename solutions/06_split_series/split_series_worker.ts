/**
 * Exercise 6, reference solution: the Worker. It receives one interval [lo, hi],
 * sums it, and posts back the partial sum.
 *
 * It imports the kernel from split_series.ts (which does nothing when imported
 * but define functions), so every Worker runs the same, tested code.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { partialSum } from "./split_series.ts";

self.onmessage = (event: MessageEvent<[number, number]>) => {
  const [lo, hi] = event.data;
  self.postMessage(partialSum(lo, hi));
};
