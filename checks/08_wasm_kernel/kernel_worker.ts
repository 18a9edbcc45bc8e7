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

/** What the check posts: the kernel's URL and one interval, inclusive. */
export interface KernelOrder {
  kernelUrl: string;
  lo: number;
  hi: number;
}

/**
 * Numbers per call, as in the reference driver: the first call runs Liftoff's
 * code (about 3× slower) and no running call switches tier, so the kernel is
 * called on chunks of about 0.6 ms of work: only the first few run slow.
 */
export const CHUNK = 65_536;

self.onmessage = async (event: MessageEvent<KernelOrder>) => {
  const { kernelUrl, lo, hi } = event.data;
  const kernel = await import(kernelUrl);
  const partialSum = kernel.partialSum as (lo: number, hi: number) => number;
  let total = 0;
  for (let start = lo; start <= hi; start += CHUNK) {
    const end = start + CHUNK - 1;
    total += partialSum(start, end < hi ? end : hi);
  }
  self.postMessage(total);
};
