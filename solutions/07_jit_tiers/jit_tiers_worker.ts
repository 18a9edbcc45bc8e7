/**
 * Exercise 7, reference solution: the Worker. It receives one interval [lo, hi]
 * and the seed, sums termSign(seed, i)·cos(i)/i over it with the recurrence,
 * and posts back the partial sum.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { partialTrigSum } from "./jit_tiers.ts";

self.onmessage = (event: MessageEvent<[number, number, number]>) => {
  const [lo, hi, seed] = event.data;
  self.postMessage(partialTrigSum(lo, hi, seed));
};
