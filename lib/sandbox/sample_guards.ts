/**
 * What the harness installs in the isolate a candidate runs in, before the
 * candidate's code loads (shared by the sample Worker and the sample process).
 * These observe honest code; they are not a security boundary: the verdict is
 * made elsewhere, and the Workers that count for it are counted from outside
 * (worker_threads_watch.ts).
 *
 * @module
 */
import type { SampleMeta } from "../check/types.ts";

/**
 * Counts the Workers the candidate starts and ends, so a check can confirm that
 * the requested number really ran and that none was left behind. Every path to
 * the native constructor through `Worker` is closed: the global is a Proxy
 * (its prototype is EventTarget's, not the native constructor's), the
 * prototype's `constructor` is the Proxy, and `Reflect.construct` or a
 * subclass go through the Proxy's `construct` trap. (`node:worker_threads`
 * does not use this global: only the count from outside sees those.)
 */
export function countWorkers(meta: SampleMeta): void {
  const Native = globalThis.Worker;
  const { construct, apply } = Reflect;
  const nativeTerminate = Native.prototype.terminate;
  const ended = new WeakSet<object>();
  const hasEnded = WeakSet.prototype.has;
  const markEnded = WeakSet.prototype.add;
  const Counted: typeof Worker = new Proxy(Native, {
    construct(target, args, newTarget) {
      const worker = construct(target, args, newTarget === Counted ? target : newTarget);
      meta.workersStarted++;
      return worker;
    },
  });
  const fixed = { writable: false, configurable: false } as const;
  Object.defineProperty(Native.prototype, "constructor", { value: Counted, ...fixed });
  Object.defineProperty(Native.prototype, "terminate", {
    value: function terminate(this: Worker): void {
      if (!apply(hasEnded, ended, [this])) {
        apply(markEnded, ended, [this]);
        meta.workersTerminated++;
      }
      apply(nativeTerminate, this, []);
    },
    ...fixed,
  });
  Object.defineProperty(globalThis, "Worker", { value: Counted, ...fixed });
}

/**
 * Replaces `Deno.exit()` with one that reports the call (`report`) and then
 * ends the sample (`end`), so an exit reads as "called Deno.exit(0)", not as a
 * silent stop or a time-out. The original is not kept, so it cannot be put back.
 */
export function reportExits(report: (message: string) => void, end: () => void): void {
  Object.defineProperty(Deno, "exit", {
    value: (code?: number) => {
      report(`called Deno.exit(${typeof code === "number" ? code : ""})`);
      end();
      throw new Error("Deno.exit() ends this sample");
    },
    writable: false,
    configurable: false,
  });
}
