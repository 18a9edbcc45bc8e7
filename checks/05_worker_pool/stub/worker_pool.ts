/**
 * Exercise 5: a pool of Workers with an ordered `map`, the counterpart of
 * Python's `multiprocessing.Pool`. Read README.md in this folder first.
 *
 * Check your work with `deno task check 5`.
 *
 * @module
 */

/** Options of {@linkcode Pool.map}. */
export interface MapOptions {
  /** Items per message; default: chosen by the pool (e.g. ceil(items / (4 × size))). */
  chunkSize?: number;
}

/**
 * A suggested message from the pool to a Worker: the task, by name, and a chunk
 * of items. pool_worker.ts receives it. Change it if your design needs more.
 */
export interface ChunkOrder {
  /** The module that exports the task (an absolute URL). */
  moduleUrl: string;
  /** The name of the task's export. */
  exportName: string;
  /** Index in the whole input of `items[0]`. */
  start: number;
  items: unknown[];
}

/** A suggested reply from a Worker for one chunk: its results, or the first failure. */
export type ChunkReply =
  | { kind: "done"; start: number; results: unknown[] }
  | { kind: "failed"; index: number; message: string };

/**
 * A fixed number of Workers that run the exports of one module on many items.
 *
 * Start each Worker with a URL relative to this file:
 *   new Worker(new URL("./pool_worker.ts", import.meta.url), { type: "module" })
 */
export class Pool {
  /** How many Workers the pool may run at once. */
  readonly size: number;
  readonly #moduleUrl: string;

  /**
   * @param size How many Workers, a positive integer.
   * @param moduleUrl The module whose exports the tasks are, as an absolute URL
   *   (for a file next to yours: `new URL("./tasks.ts", import.meta.url)`).
   * @throws {RangeError} If size is not a positive integer.
   */
  constructor(size: number, moduleUrl: string | URL) {
    // TODO (task 1): throw a RangeError unless size is a positive integer.
    this.size = size;
    this.#moduleUrl = String(moduleUrl);
  }

  /**
   * Calls the export `exportName` of the pool's module on every item, in the
   * pool's Workers, and resolves to the results in the order of `items`.
   *
   * @param exportName The task: a function exported by the module, sync or
   *   async, taking one item.
   * @param items The inputs; none resolves to [] at once.
   * @param options See {@linkcode MapOptions}.
   * @returns The results, results[i] for items[i].
   * @throws {Error} "Task N failed: …" (with the task's own message) when the
   *   task throws on items[N]; the pool stays usable. An error that says "closed"
   *   after close().
   */
  map<T, R>(exportName: string, items: readonly T[], options: MapOptions = {}): Promise<R[]> {
    // TODO (task 1): start the Workers (at most `size`), post each one a
    // ChunkOrder, and put each result at its item's index: Workers finish in any
    // order. Give a Worker its next chunk as soon as it answers.
    // TODO (task 2): when a Worker reports a failure, reject with "Task N failed: …",
    // and leave every Worker idle for the next map.
    // TODO (task 3): reject at once if the pool is closed.
    // TODO (task 4): send chunks of options.chunkSize items, with a default of
    // your choosing, instead of one item per message.
    void [this.#moduleUrl, exportName, items, options]; // Only keeps the linter quiet: delete it.
    throw new Error("Not implemented: map()");
  }

  /** Terminates every Worker, each exactly once. Calling it again does nothing. */
  close(): Promise<void> {
    // TODO (task 3): terminate the Workers and remember that the pool is closed.
    throw new Error("Not implemented: close()");
  }
}
