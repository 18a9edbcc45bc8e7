/**
 * Exercise 6: the script each Worker runs. It receives one interval [lo, hi],
 * sums it with partialSum(), and posts back the partial sum.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { partialSum } from "./split_series.ts";

self.onmessage = (event: MessageEvent<[number, number]>) => {
  const [lo, hi] = event.data;
  // TODO (task 2): post partialSum(lo, hi) back with self.postMessage().
  void [partialSum, lo, hi]; // Only keeps the linter quiet: delete it.
  throw new Error("Not implemented: the Worker's onmessage handler");
};
