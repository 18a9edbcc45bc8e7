/**
 * Exercise 7: the script each Worker runs. It receives one interval [lo, hi]
 * and the seed, sums it with partialTrigSum(), and posts back the partial sum.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { partialTrigSum } from "./jit_tiers.ts";

self.onmessage = (event: MessageEvent<[number, number, number]>) => {
  const [lo, hi, seed] = event.data;
  // TODO (task 3): post partialTrigSum(lo, hi, seed) back with self.postMessage().
  void [partialTrigSum, lo, hi, seed]; // Only keeps the linter quiet: delete it.
  throw new Error("Not implemented: the Worker's onmessage handler");
};
