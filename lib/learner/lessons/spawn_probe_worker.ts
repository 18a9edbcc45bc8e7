/**
 * A Worker for exercise 5's processes lesson: answers "ping" at once, or spins
 * for the given milliseconds (so that `ps -T` and `top -H` see a busy thread).
 *
 * @module
 */
/// <reference no-default-lib="true" />
/// <reference lib="deno.worker" />

self.onmessage = (event: MessageEvent<{ spinMs?: number }>) => {
  const spinMs = event.data.spinMs ?? 0;
  const end = performance.now() + spinMs;
  let x = 0;
  while (performance.now() < end) x += Math.sqrt(x + 1);
  self.postMessage(x >= 0 ? "pong" : "");
};
