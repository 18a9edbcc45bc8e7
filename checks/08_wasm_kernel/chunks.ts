/**
 * Where exercise 8's timed runs sum: not one interval but many chunks of
 * CHUNK numbers, each starting at a random k up to 2·10^9, drawn from a seed.
 *
 * Why: a sum over one interval is a difference of two running sums, and a table
 * of running sums every 10^6 numbers up to 2·10^9 (2 000 entries, about 40 kB
 * of source) plus a short loop answers any long interval ten times faster than
 * any kernel. Over scattered chunks of 65 536 numbers such a table saves
 * nothing unless its entries are closer than a chunk: 30 000 entries and more,
 * far past any source-size cap. The chunk is the size the kernel is called on
 * anyway (Liftoff's first call, then TurboFan's), so the lesson is unchanged.
 *
 * The baseline, the check's driver and the oracle all take their chunks from
 * here.
 *
 * @module
 */

/** Numbers per chunk: the chunk size of the reference driver (see kernel_worker.ts). */
export const CHUNK = 65_536;
/** The last k a chunk may reach: the kernel's range. */
export const LAST_K = 2_000_000_000;

/**
 * The chunks of a timed run: `count` intervals [lo, lo + CHUNK − 1], starts
 * drawn by xorshift32 from `seed`, in the order they are summed.
 */
export function timedChunks(seed: number, count: number): Array<[number, number]> {
  let state = (Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) >>> 0) || 1;
  const chunks: Array<[number, number]> = [];
  for (let i = 0; i < count; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const lo = 1 + Math.floor(((state >>> 0) / 4294967296) * (LAST_K - CHUNK));
    chunks.push([lo, lo + CHUNK - 1]);
  }
  return chunks;
}
