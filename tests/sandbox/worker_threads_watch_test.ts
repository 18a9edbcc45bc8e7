/**
 * Counting Workers from outside a process (lib/sandbox/worker_threads_watch.ts):
 * every path to a Worker shows up as a `worker-<n>` thread, numbered in order,
 * so the newest one seen tells how many were started, ended ones too.
 *
 * @module
 */
import { highestWorkerId } from "../../lib/sandbox/worker_threads_watch.ts";
import { assertEquals } from "../_helpers/helpers.ts";

const CHILD = `
const src = URL.createObjectURL(new Blob(["setTimeout(() => {}, 60000)"], { type: "text/javascript" }));
const a = new Worker(src, { type: "module" });
const b = Reflect.construct(Worker, [src, { type: "module" }]);
const { Worker: NodeWorker } = await import("node:worker_threads");
const c = new NodeWorker("setTimeout(() => {}, 60000)", { eval: true });
const d = new Worker(src, { type: "module" });
d.terminate(); // ended: still counted, by the id of the one after it
const last = new Worker(src, { type: "module" });
console.log("started");
await new Promise((resolve) => setTimeout(resolve, 60000));
void a; void b; void c; void last;
`;

Deno.test("highestWorkerId() sees Workers from every constructor path, ended ones too", async () => {
  if (Deno.build.os !== "linux") return;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["eval", CHILD],
    stdout: "piped",
    stderr: "null",
  }).spawn();
  try {
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while (!text.includes("started")) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    assertEquals(highestWorkerId(child.pid), 5, "the last one's id: five Workers");
    reader.releaseLock();
  } finally {
    child.kill("SIGKILL");
    await child.status;
    await child.stdout.cancel().catch(() => undefined);
  }
});

Deno.test("highestWorkerId() reports null for a process it cannot see", () => {
  assertEquals(highestWorkerId(2 ** 22 + 12345), null, "no /proc entry");
});
