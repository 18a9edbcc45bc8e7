/**
 * Counts the Workers a sample process started from outside it, on Linux, where
 * the candidate cannot reach the count.
 *
 * Measured under Deno 2.9.6: every Worker runs on an OS thread of its own
 * named `worker-<id>` (`/proc/<pid>/task/<tid>/comm`), whatever started it —
 * `new Worker`, the native constructor behind a wrapper
 * (`Object.getPrototypeOf`, a saved reference, `Reflect.construct`), or
 * `node:worker_threads` (which Deno builds on the same Workers); a Worker's own
 * Workers too. The ids count up from 1 in each process. Nothing in JavaScript
 * can rename a thread (that needs FFI or write access to /proc, neither of
 * which a sample has).
 *
 * So the sample host starts one last Worker of its own, a sentinel, after the
 * candidate's code has returned and before it says its output is written; the
 * judge freezes the process and reads the highest id among its threads. The
 * sentinel is alive then (nothing ends it), and its id is one more than the
 * number of Workers started before it, ended or not: no polling while the
 * sample runs (polling every 4 ms cost a 2-Worker candidate up to a third of
 * its speed on this 2-core machine). Off Linux (no /proc) the result is null
 * and the harness's count from inside the isolate is used alone.
 *
 * @module
 */

const WORKER_THREAD = /^worker-(\d+)$/;

/** The highest Worker id among the threads of `pid` now, 0 if none, or null when /proc cannot tell. */
export function highestWorkerId(pid: number): number | null {
  let tasks: Deno.DirEntry[];
  try {
    tasks = [...Deno.readDirSync(`/proc/${pid}/task`)];
  } catch {
    return null; // Gone, or no /proc.
  }
  let highest = 0;
  for (const task of tasks) {
    let comm: string;
    try {
      comm = Deno.readTextFileSync(`/proc/${pid}/task/${task.name}/comm`).trim();
    } catch {
      continue; // Ended between the two reads.
    }
    const id = Number(WORKER_THREAD.exec(comm)?.[1] ?? 0);
    if (id > highest) highest = id;
  }
  return highest;
}
