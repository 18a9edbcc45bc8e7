/**
 * Counts the Workers a sample process starts from outside it, on Linux, where
 * the candidate cannot reach the count.
 *
 * Measured under Deno 2.9.6: every Worker runs on an OS thread of its own
 * named `worker-<id>` (`/proc/<pid>/task/<tid>/comm`), whatever started it —
 * `new Worker`, the native constructor behind a wrapper
 * (`Object.getPrototypeOf`, a saved reference, `Reflect.construct`), or
 * `node:worker_threads` (which Deno builds on the same Workers); a Worker's own
 * Workers too. The ids count up from 1 in each process, so the highest id seen
 * is how many Workers the process has started, even when some of them have
 * already ended. Nothing in JavaScript can rename a thread (that needs FFI or
 * write access to /proc, neither of which a sample has).
 *
 * The watch polls the thread list every `POLL_MS` while the sample runs and
 * once more at the end; a Worker that starts and ends between two polls, after
 * the last Worker seen, is the only one it can miss, and a Worker that short
 * does no work worth counting. Off Linux (no /proc) it reports null and the
 * harness's count from inside the isolate is used alone.
 *
 * @module
 */

/**
 * How often the thread list is read: a few dozen directory entries, ~0.1 ms of
 * the judge's time per read, so well under 5% of a core; starting a Worker
 * takes 15–20 ms here, so every Worker that does any work is seen alive.
 */
const POLL_MS = 4;
const WORKER_THREAD = /^worker-(\d+)$/;

/** A running count of the Workers `pid` has started. */
export interface WorkerThreadsWatch {
  /** Reads the thread list now (call at the end of the sample). */
  poll(): void;
  /** Stops polling; the highest Worker id seen, or null when /proc could not be read. */
  stop(): number | null;
}

/** Starts watching the threads of `pid`. */
export function watchWorkerThreads(pid: number): WorkerThreadsWatch {
  const named = new Set<string>();
  let highest = 0;
  let readable = false;
  const poll = () => {
    let tasks: Deno.DirEntry[];
    try {
      tasks = [...Deno.readDirSync(`/proc/${pid}/task`)];
    } catch {
      return; // Gone, or no /proc.
    }
    readable = true;
    for (const task of tasks) {
      if (named.has(task.name)) continue;
      let comm: string;
      try {
        comm = Deno.readTextFileSync(`/proc/${pid}/task/${task.name}/comm`).trim();
      } catch {
        continue; // Ended between the two reads.
      }
      const id = Number(WORKER_THREAD.exec(comm)?.[1] ?? 0);
      // A new thread carries its creator's name ("deno", "worker-1") until it
      // names itself: only the runtime's other threads are not read again.
      if (comm !== "deno" && id === 0) named.add(task.name);
      if (id > highest) highest = id;
    }
  };
  poll();
  const timer = setInterval(poll, POLL_MS);
  return {
    poll,
    stop() {
      clearInterval(timer);
      return readable ? highest : null;
    },
  };
}
