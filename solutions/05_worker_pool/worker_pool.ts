/**
 * Exercise 5, reference solution: a pool of Workers with an ordered `map`, the
 * counterpart of Python's `multiprocessing.Pool`.
 *
 * A function cannot be posted to a Worker (structured clone refuses it), so the
 * pool posts what names the function instead: a module URL and an export name.
 * Each Worker imports that module itself and calls the export on the items.
 *
 * @module
 */

/** Options of {@linkcode Pool.map}. */
export interface MapOptions {
  /**
   * Items per message. Default: ceil(items / (4 × size)), about four chunks per
   * Worker: few enough messages that tiny tasks are not drowned by them, and
   * enough chunks that a Worker that finishes early can take another.
   */
  chunkSize?: number;
}

/** What the pool posts to a Worker: the task, by name, and a chunk of items. */
export interface ChunkOrder {
  /** The module that exports the task (an absolute URL). */
  moduleUrl: string;
  /** The name of the task's export. */
  exportName: string;
  /** Index in the whole input of `items[0]`. */
  start: number;
  items: unknown[];
}

/** What a Worker posts back for a chunk. */
export type ChunkReply =
  | { kind: "done"; start: number; results: unknown[] }
  | { kind: "failed"; index: number; message: string };

/** How many chunks the default chunk size aims at per Worker. */
const CHUNKS_PER_WORKER = 4;

const WORKER_URL = new URL("./pool_worker.ts", import.meta.url);

/**
 * A fixed number of Workers that run the exports of one module on many items.
 *
 * Calls to {@linkcode Pool.map} are queued: each one has the whole pool to
 * itself and starts when the previous one has settled.
 *
 * @example Square numbers on two Workers
 * ```ts ignore
 * // tasks.ts: export function square(x: number): number { return x * x; }
 * const pool = new Pool(2, new URL("./tasks.ts", import.meta.url));
 * const squares = await pool.map<number, number>("square", [1, 2, 3]); // [1, 4, 9]
 * await pool.close();
 * ```
 */
export class Pool {
  /** How many Workers the pool may run at once. */
  readonly size: number;
  readonly #moduleUrl: string;
  /** Started lazily, at most `size`; kept between calls of map. */
  readonly #workers: Worker[] = [];
  #closed = false;
  /** Settles when the last queued map has settled: maps run one after another. */
  #tail: Promise<unknown> = Promise.resolve();

  /**
   * @param size How many Workers, a positive integer.
   * @param moduleUrl The module whose exports the tasks are, as an absolute URL
   *   (for a file next to yours: `new URL("./tasks.ts", import.meta.url)`).
   * @throws {RangeError} If size is not a positive integer.
   * @throws {TypeError} If moduleUrl is not an absolute URL.
   */
  constructor(size: number, moduleUrl: string | URL) {
    if (!Number.isSafeInteger(size) || size < 1) {
      throw new RangeError(
        `Cannot create a pool: size must be a positive integer, got ${String(size)}`,
      );
    }
    if (!URL.canParse(String(moduleUrl))) {
      throw new TypeError(
        `Cannot create a pool: moduleUrl must be an absolute URL, got ${String(moduleUrl)}`,
      );
    }
    this.size = size;
    this.#moduleUrl = new URL(moduleUrl).href;
  }

  /**
   * Calls the export `exportName` of the pool's module on every item, in the
   * pool's Workers, and resolves to the results in the order of `items`.
   *
   * @param exportName The task: a function exported by the module, sync or
   *   async, taking one item; items and results must be structured-cloneable.
   * @param items The inputs; none gives [] at once.
   * @param options See {@linkcode MapOptions}.
   * @returns The results, results[i] for items[i].
   * @throws {Error} (as a rejection) "Task N failed: …" when the task throws on
   *   items[N]; the pool stays usable. "… closed" after close().
   * @throws {RangeError} (as a rejection) If chunkSize is not a positive integer.
   */
  async map<T, R>(exportName: string, items: readonly T[], options: MapOptions = {}): Promise<R[]> {
    if (this.#closed) throw new Error(`Cannot map "${exportName}": the pool is closed`);
    const chunkSize = options.chunkSize ??
      Math.ceil(items.length / (CHUNKS_PER_WORKER * this.size));
    if (items.length === 0) return [];
    if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) {
      throw new RangeError(
        `Cannot map "${exportName}": chunkSize must be a positive integer, got ${
          String(chunkSize)
        }`,
      );
    }
    // Queue behind the previous map; a failed map must not stop the ones after it.
    const run = this.#tail.then(() => this.#run<R>(exportName, items, chunkSize));
    this.#tail = run.catch(() => {});
    return await run;
  }

  /**
   * Lets the maps already called finish, then terminates every Worker. Calling
   * it again does nothing; a map called afterwards rejects.
   */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#tail;
    // splice empties the list, so a second close() terminates nothing twice.
    for (const worker of this.#workers.splice(0)) worker.terminate();
  }

  /** One map, with every Worker to itself. */
  #run<R>(exportName: string, items: readonly unknown[], chunkSize: number): Promise<R[]> {
    const chunks = Math.ceil(items.length / chunkSize);
    // Never more Workers than chunks: an idle Worker would only cost its start-up.
    while (this.#workers.length < Math.min(this.size, chunks)) this.#startWorker();
    const workers = this.#workers.slice(0, chunks);
    const results = new Array<R>(items.length);

    return new Promise<R[]>((resolve, reject) => {
      let next = 0; // index of the first item not yet sent
      const busy = new Set<Worker>(); // Workers with a chunk in flight
      let failure: Error | undefined;

      // Give `worker` the next chunk. A Worker gets more as soon as it is done,
      // so a slow chunk does not hold the others back. After a failure no new
      // chunk is sent, and the map settles once the chunks in flight are
      // answered: the next map then finds every Worker idle.
      const feed = (worker: Worker): void => {
        if (failure === undefined && next < items.length) {
          const start = next;
          next = Math.min(start + chunkSize, items.length);
          const order: ChunkOrder = {
            moduleUrl: this.#moduleUrl,
            exportName,
            start,
            items: items.slice(start, next),
          };
          try {
            worker.postMessage(order);
            busy.add(worker);
            return;
          } catch (thrown) {
            failure = new Error(
              `Task ${start} failed: cannot send its chunk (${describe(thrown)})`,
            );
          }
        }
        if (busy.size > 0) return;
        for (const w of workers) {
          w.onmessage = null;
          w.onerror = (event) => this.#dropWorker(w, event);
        }
        if (failure === undefined) resolve(results);
        else reject(failure);
      };

      for (const worker of workers) {
        worker.onmessage = (event: MessageEvent<ChunkReply>) => {
          busy.delete(worker);
          const reply = event.data;
          if (reply.kind === "done") {
            // Chunks come back in any order; the start index puts each result in place.
            for (let i = 0; i < reply.results.length; i++) {
              results[reply.start + i] = reply.results[i] as R;
            }
          } else {
            failure ??= new Error(`Task ${reply.index} failed: ${reply.message}`);
          }
          feed(worker);
        };
        worker.onerror = (event: ErrorEvent) => {
          // An error outside any task's call (a stray timer, say).
          this.#dropWorker(worker, event);
          failure ??= new Error(`A pool Worker failed: ${event.message}`);
          busy.delete(worker);
          feed(worker);
        };
        feed(worker);
      }
    });
  }

  #startWorker(): void {
    const worker = new Worker(WORKER_URL, { type: "module" });
    worker.onerror = (event) => this.#dropWorker(worker, event);
    this.#workers.push(worker);
  }

  /**
   * Handles an error event from a Worker (unhandled, it would end the calling
   * thread) and replaces that Worker: the next map starts a fresh one.
   */
  #dropWorker(worker: Worker, event: ErrorEvent): void {
    event.preventDefault();
    worker.terminate();
    const index = this.#workers.indexOf(worker);
    if (index >= 0) this.#workers.splice(index, 1);
  }
}

/** A thrown value as text, for an error message. */
function describe(thrown: unknown): string {
  try {
    return String(thrown);
  } catch {
    return "a value that cannot be printed";
  }
}
