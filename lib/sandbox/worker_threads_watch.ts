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
 * is how many Workers were started, ended ones included, up to the last one
 * seen. Nothing in JavaScript can rename a thread (that needs FFI or write
 * access to /proc, neither of which a sample has).
 *
 * The judge looks every `POLL_MS` while the sample runs and once more when the
 * process is frozen. A Worker's thread lives from `new Worker` on, and a
 * Worker runs no code of its own before ~15 ms (measured here: 15–20 ms to
 * start), so every Worker that does any work is alive at some look. Each look
 * lists the threads (one directory read) and reads the name of new threads
 * only. (A sentinel Worker started by the host at the end would give the count
 * with one look, but `new Worker` blocks its caller 9–15 ms here, inside the
 * time; a look every 4 ms that read every name slowed 2-Worker candidates.)
 * Off Linux (no /proc) the count is null and the harness's count from inside
 * the isolate is used alone.
 *
 * @module
 */

/** The interval between two looks: shorter than a Worker takes to start running code. */
const POLL_MS = 5;
/** A new thread carries its creator's name until it names itself: read it this many times. */
const NAME_READS = 3;
const WORKER_THREAD = /^worker-(\d+)$/;

/** A running count of the Workers `pid` has started. */
export interface WorkerThreadsWatch {
  /** Looks once more and stops: the highest Worker id seen, or null when /proc could not be read. */
  stop(): number | null;
}

/** Starts watching the threads of `pid`. */
export function watchWorkerThreads(pid: number): WorkerThreadsWatch {
  /** Threads whose names were read, and how many times. */
  const reads = new Map<string, number>();
  let highest = 0;
  let readable = false;
  const look = () => {
    let tasks: Deno.DirEntry[];
    try {
      tasks = [...Deno.readDirSync(`/proc/${pid}/task`)];
    } catch {
      return; // Gone, or no /proc.
    }
    readable = true;
    for (const task of tasks) {
      const times = reads.get(task.name) ?? 0;
      if (times >= NAME_READS) continue;
      reads.set(task.name, times + 1);
      let comm: string;
      try {
        comm = Deno.readTextFileSync(`/proc/${pid}/task/${task.name}/comm`).trim();
      } catch {
        continue; // Ended between the two reads.
      }
      const id = Number(WORKER_THREAD.exec(comm)?.[1] ?? 0);
      if (id > highest) highest = id;
    }
  };
  look();
  const timer = setInterval(look, POLL_MS);
  let stopped = false;
  return {
    stop() {
      if (!stopped) {
        stopped = true;
        clearInterval(timer);
        look();
      }
      return readable ? highest : null;
    },
  };
}

/** The highest Worker id among the threads of `pid` now, 0 if none, or null when /proc cannot tell. */
export function highestWorkerId(pid: number): number | null {
  const watch = watchWorkerThreads(pid);
  return watch.stop();
}

/** The number of read(2) on this machine, as `/proc/<pid>/task/<tid>/syscall` shows it. */
const READ_SYSCALL = Deno.build.arch === "aarch64" ? "63" : "0";

/** A Worker thread blocked in a read, as seen from outside the process. */
export interface BlockedRead {
  /** The thread's id. */
  tid: string;
  /** The file it is reading, from `/proc/<pid>/fd/<fd>`. */
  path: string;
}

/**
 * The Worker threads of `pid` blocked in read(2) now, each with the file it
 * reads: the syscall a thread is blocked in and its first argument (the file
 * descriptor) from `/proc/<pid>/task/<tid>/syscall`, the file from the fd's
 * link. Measured under Deno 2.9.6: `Deno.readFileSync` on a FIFO blocks the
 * calling Worker's own thread (`worker-<id>`) in read; the async read blocks a
 * thread of Tokio's pool instead, and an idle Worker waits in epoll_wait. Empty
 * when /proc cannot tell (not Linux, or the process is gone).
 */
export function blockedWorkerReads(pid: number): BlockedRead[] {
  const found: BlockedRead[] = [];
  let tasks: Deno.DirEntry[];
  try {
    tasks = [...Deno.readDirSync(`/proc/${pid}/task`)];
  } catch {
    return found;
  }
  for (const task of tasks) {
    try {
      const [number, fd] = Deno.readTextFileSync(`/proc/${pid}/task/${task.name}/syscall`).split(
        " ",
      );
      if (number !== READ_SYSCALL) continue;
      const comm = Deno.readTextFileSync(`/proc/${pid}/task/${task.name}/comm`).trim();
      if (!WORKER_THREAD.test(comm)) continue;
      found.push({ tid: task.name, path: Deno.readLinkSync(`/proc/${pid}/fd/${Number(fd)}`) });
    } catch {
      continue; // The thread ended, or the read returned, between two reads.
    }
  }
  return found;
}
