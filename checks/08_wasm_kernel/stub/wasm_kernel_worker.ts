/**
 * Exercise 8: the script each Worker runs. It receives one interval [lo, hi],
 * sums it with the kernel's partialSum(), and posts back the partial sum.
 *
 * @module
 */
/// <reference lib="deno.worker" />

/** What kernel.wasm exports, as JavaScript sees it (an i32 is a number, an f64 too). */
interface Kernel {
  partialSum(lo: number, hi: number): number;
}

/** Beside this file: the build writes kernel.wasm next to kernel.as.ts. */
const KERNEL_URL = new URL("./kernel.wasm", import.meta.url);

self.onmessage = async (event: MessageEvent<[number, number]>) => {
  const [lo, hi] = event.data;
  // Deno imports a .wasm file as a module, and its exports are the kernel's functions.
  const kernel = await import(KERNEL_URL.href) as Kernel;
  // TODO (task 2): post kernel.partialSum(lo, hi) back with self.postMessage().
  // TODO (task 3): warm up. Call partialSum on chunks of the interval instead
  // of once on all of it (README.md, "Task 3"), adding the chunks' sums in order.
  void [kernel, lo, hi]; // Only keeps the linter quiet: delete it.
  throw new Error("Not implemented: the Worker's onmessage handler");
};
