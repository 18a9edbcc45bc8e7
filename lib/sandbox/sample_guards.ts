/**
 * What the harness installs in the isolate a candidate runs in, before the
 * candidate's code loads (shared by the sample Worker and the sample process).
 * These observe honest code; they are not a security boundary: the verdict is
 * made elsewhere.
 *
 * @module
 */
import type { SampleMeta } from "../check/types.ts";

/**
 * Counts the Workers the candidate starts and ends, so a check can confirm that
 * the requested number really ran and that none was left behind.
 */
export function countWorkers(meta: SampleMeta): void {
  const Native = globalThis.Worker;
  class CountedWorker extends Native {
    #ended = false;
    constructor(...args: ConstructorParameters<typeof Worker>) {
      super(...args);
      meta.workersStarted++;
    }
    override terminate(): void {
      if (!this.#ended) meta.workersTerminated++;
      this.#ended = true;
      super.terminate();
    }
  }
  globalThis.Worker = CountedWorker;
}

/**
 * Replaces `Deno.exit()` with one that reports the call (`report`) and then
 * ends the sample (`end`), so an exit reads as "called Deno.exit(0)", not as a
 * silent stop or a time-out. The original is not kept, so it cannot be put back.
 */
export function reportExits(report: (message: string) => void, end: () => void): void {
  Object.defineProperty(Deno, "exit", {
    value: (code?: number) => {
      report(`called Deno.exit(${code ?? ""})`);
      end();
      throw new Error("Deno.exit() ends this sample");
    },
    writable: false,
    configurable: false,
  });
}
