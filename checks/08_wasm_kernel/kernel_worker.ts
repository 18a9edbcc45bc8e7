/**
 * Exercise 8: the check's own Worker, for the timed runs. It imports the
 * learner's compiled kernel (kernel.wasm: WebAssembly, whose imports cannot
 * reach JavaScript), sums its interval with it in chunks, and posts back the
 * partial sum. No code of the learner's but the kernel runs here, so what is
 * timed is the kernel.
 *
 * @module
 */
/// <reference lib="deno.worker" />

/**
 * What the check posts: the kernel's URL and the chunks to sum, inclusive
 * intervals of chunks.ts's CHUNK numbers each: the chunk size of the reference
 * driver, since the first call runs Liftoff's code (about 3× slower) and no
 * running call switches tier, so only the first few chunks run slow.
 */
export interface KernelOrder {
  kernelUrl: string;
  chunks: Array<[number, number]>;
}

self.onmessage = async (event: MessageEvent<KernelOrder>) => {
  const { kernelUrl, chunks } = event.data;
  const kernel = await import(kernelUrl);
  const partialSum = kernel.partialSum as (lo: number, hi: number) => number;
  let total = 0;
  for (const [lo, hi] of chunks) total += partialSum(lo, hi);
  self.postMessage(total);
};
