/**
 * Exercise 5: the script each pool Worker runs. It receives a ChunkOrder, calls
 * the task on each item of the chunk, and posts back a ChunkReply.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import type { ChunkOrder, ChunkReply } from "./worker_pool.ts";

self.onmessage = (event: MessageEvent<ChunkOrder>) => {
  const { moduleUrl, exportName, start, items } = event.data;
  // TODO (task 1): import the task's module with `await import(moduleUrl)` (make
  // this handler async) and take its export `exportName`. Call it on each item in
  // turn, with await (a task may be async), and post all the results at once:
  //   reply({ kind: "done", start, results })
  // TODO (task 2): if a call throws, post { kind: "failed", index, message }
  // instead, where index is the item's index in the whole input (start + i) and
  // message is String(thrown), such as "Error: bad item 6".
  void [moduleUrl, exportName, start, items]; // Only keeps the linter quiet: delete it.
  throw new Error("Not implemented: the Worker's onmessage handler");
};

/** Posts a reply to the pool. */
// Delete the next line once you call reply().
// deno-lint-ignore no-unused-vars
function reply(message: ChunkReply): void {
  self.postMessage(message);
}
