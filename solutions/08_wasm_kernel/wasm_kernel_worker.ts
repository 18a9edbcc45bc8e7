/**
 * Exercise 8, reference solution: the Worker. It imports the compiled kernel,
 * sums its interval [lo, hi] in chunks, and posts back the partial sum.
 *
 * Why chunks: V8 first compiles WebAssembly with Liftoff, a fast baseline
 * compiler, and starts TurboFan on a function once it has run for a while. A
 * call that is already running stays in Liftoff's code until it returns, and
 * that code is about 3× slower. Calling the kernel on chunks lets every chunk
 * after the first few run TurboFan's code: the warm-up costs one short chunk.
 *
 * @module
 */
/// <reference lib="deno.worker" />

/** What kernel.wasm exports (the AssemblyScript signature, as JavaScript sees it). */
interface Kernel {
  partialSum(lo: number, hi: number): number;
}

/**
 * Numbers per call: about 0.6 ms of work once optimised, so the slow first
 * chunk costs about 2 ms, and the calls' own cost (a few ns each) vanishes.
 */
const CHUNK = 65_536;

/** Beside this file: the build writes kernel.wasm next to kernel.as.ts. */
const KERNEL_URL = new URL("./kernel.wasm", import.meta.url);

self.onmessage = async (event: MessageEvent<[number, number]>) => {
  const [lo, hi] = event.data;
  // Deno imports a .wasm file as a module: its exports are the kernel's functions.
  const kernel = await import(KERNEL_URL.href) as Kernel;
  let total = 0;
  for (let start = lo; start <= hi; start += CHUNK) {
    total += kernel.partialSum(start, Math.min(hi, start + CHUNK - 1));
  }
  self.postMessage(total);
};
