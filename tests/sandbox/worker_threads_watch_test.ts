/**
 * Counting Workers from outside a process (lib/sandbox/worker_threads_watch.ts):
 * every path to a Worker shows up as a `worker-<n>` thread.
 *
 * @module
 */
import { watchWorkerThreads } from "../../lib/sandbox/worker_threads_watch.ts";
import { assertEquals } from "../_helpers/helpers.ts";

const CHILD = `
const src = URL.createObjectURL(new Blob(["setTimeout(() => {}, 60000)"], { type: "text/javascript" }));
const a = new Worker(src, { type: "module" });
const b = Reflect.construct(Worker, [src, { type: "module" }]);
const { Worker: NodeWorker } = await import("node:worker_threads");
const c = new NodeWorker("setTimeout(() => {}, 60000)", { eval: true });
const d = new Worker(src, { type: "module" });
d.terminate(); // ended before the last poll: still counted, by the ids after it
const e = new Worker(src, { type: "module" });
console.log("started");
await new Promise((resolve) => setTimeout(resolve, 60000));
void a; void b; void c; void e;
`;

Deno.test("watchWorkerThreads() counts Workers from every constructor path, ended ones too", async () => {
  if (Deno.build.os !== "linux") return;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["eval", CHILD],
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const watch = watchWorkerThreads(child.pid);
  try {
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while (!text.includes("started")) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    watch.poll();
    assertEquals(watch.stop(), 5, "the highest Worker id seen");
    reader.releaseLock();
  } finally {
    child.kill("SIGKILL");
    await child.status;
    await child.stdout.cancel().catch(() => undefined);
  }
});

Deno.test("watchWorkerThreads() reports null for a process it cannot see", () => {
  const watch = watchWorkerThreads(2 ** 22 + 12345);
  assertEquals(watch.stop(), null, "no /proc entry");
});
