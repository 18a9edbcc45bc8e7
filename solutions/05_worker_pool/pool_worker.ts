/**
 * Exercise 5, reference solution: the script each pool Worker runs.
 *
 * For every chunk it receives, it imports the task's module (the module loader
 * caches it, so only the first chunk pays), calls the export on each item in
 * turn, and posts back all the results at once, or the first failure.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import type { ChunkOrder, ChunkReply } from "./worker_pool.ts";

self.onmessage = async (event: MessageEvent<ChunkOrder>) => {
  const { moduleUrl, exportName, start, items } = event.data;

  let task: (item: unknown) => unknown;
  try {
    const module = await import(moduleUrl);
    task = module[exportName];
    if (typeof task !== "function") {
      throw new TypeError(`${moduleUrl} exports no function named ${exportName}`);
    }
  } catch (thrown) {
    reply({ kind: "failed", index: start, message: describe(thrown) });
    return;
  }

  const results: unknown[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    try {
      // await handles async tasks, and costs a sync one only a microtask.
      results[i] = await task(items[i]);
    } catch (thrown) {
      reply({ kind: "failed", index: start + i, message: describe(thrown) });
      return;
    }
  }

  try {
    reply({ kind: "done", start, results });
  } catch (thrown) {
    // A result that cannot be cloned (a function, say): name the first one.
    let index = 0;
    while (index < results.length - 1 && canClone(results[index])) index++;
    const message = `its result cannot be sent back (${describe(thrown)})`;
    reply({ kind: "failed", index: start + index, message });
  }
};

function reply(message: ChunkReply): void {
  self.postMessage(message);
}

function canClone(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}

/** A thrown value as text: "Error: bad item 6". */
function describe(thrown: unknown): string {
  try {
    return String(thrown);
  } catch {
    return "a value that cannot be printed";
  }
}
