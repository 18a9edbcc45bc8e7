/**
 * Limits on a process the judge started to run untrusted code (a runner, a
 * sample process): its whole process tree is killed when its resident memory
 * passes a limit, or when an abort signal fires (a wall-clock limit of the
 * caller's). The reason is kept for the one-line message.
 *
 * @module
 */
import { signalTree, treeRssMb } from "./process_tree.ts";

/** How often memory is checked: a runaway allocation grows ~1 GB in this time at most. */
const RSS_POLL_MS = 100;

export interface ProcessLimits {
  /** Resident memory of the process and its children, in MB (polled from /proc). */
  rssLimitMb?: number;
  /** Kill when this aborts; its reason (a string) becomes the message. */
  signal?: AbortSignal;
}

/** A watched process: why it was killed, if it was. */
export interface Watch {
  reason(): string | undefined;
}

/**
 * Watches `pid` until `exited` settles; on a breach kills its process tree with
 * SIGKILL and then calls `onKill` with the reason (to mark the process dead).
 */
export function watchProcess(
  pid: number,
  exited: Promise<unknown>,
  limits: ProcessLimits,
  onKill: (reason: string) => void = () => {},
): Watch {
  let reason: string | undefined;
  let done = false;
  const kill = (why: string) => {
    if (done || reason !== undefined) return;
    reason = why;
    signalTree(pid, "SIGKILL");
    onKill(why);
  };
  const { rssLimitMb, signal } = limits;
  const cleanups: (() => void)[] = [];
  if (signal !== undefined) {
    const onAbort = () => kill(String(signal.reason ?? "stopped by the harness"));
    if (signal.aborted) onAbort();
    else {
      signal.addEventListener("abort", onAbort, { once: true });
      cleanups.push(() => signal.removeEventListener("abort", onAbort));
    }
  }
  if (rssLimitMb !== undefined) {
    const poll = setInterval(() => {
      const rss = treeRssMb(pid);
      if (rss !== null && rss > rssLimitMb) kill(`used more than ${rssLimitMb} MB of memory`);
    }, RSS_POLL_MS);
    cleanups.push(() => clearInterval(poll));
  }
  exited.finally(() => {
    done = true;
    for (const cleanup of cleanups) cleanup();
  });
  return { reason: () => reason };
}
