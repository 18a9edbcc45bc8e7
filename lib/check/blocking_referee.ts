/**
 * A referee (`SampleReferee`) for tests of blocking tasks that must each hold a
 * Worker's thread: exercise 5's rounds of sleeps. It runs in the judge's
 * process, and its evidence is what Linux shows of the sample's threads.
 *
 * Each task gets a FIFO of its own and reads one byte from it (`readSync`). The
 * judge holds the writing end, so the read blocks the thread that makes it
 * until the judge writes. The referee looks at the sample's threads every `LOOK_MS`
 * (`blockedWorkerReads`): once it sees a Worker's thread blocked reading task
 * i's FIFO, it writes to that FIFO `ms` later, and the task ends. So a task
 * lasts `ms` only on a Worker thread that blocks for it, and nothing in the
 * sample can shorten that: it may read the FIFO, not write it, and it cannot
 * change what /proc says a thread is doing. An asynchronous wait (a read on
 * Tokio's threads, `Atomics.waitAsync`, a timer), the main thread, or a pool
 * that never runs the task holds no Worker thread: such a task is written to
 * only `UNWAITED_AFTER_MS` after "go", and reported.
 *
 * Off Linux there is no /proc to look at: no referee, and the test's tasks
 * sleep as the course's did (the check says what that cannot prove).
 *
 * @module
 */
import type { SampleReferee } from "./types.ts";
import { blockedWorkerReads } from "../sandbox/worker_threads_watch.ts";

/** How often the referee looks at the sample's threads (a task lasts `ms` plus up to this). */
const LOOK_MS = 2;
/** A task no Worker thread blocked on is let go this long after "go", so that the test ends. */
const UNWAITED_AFTER_MS = 2000;
const ONE_BYTE = new Uint8Array([1]);

/** What the referee adds to a test's input: the file each task reads, in the tasks' order. */
export interface BlockingFiles {
  files: string[];
}

/**
 * A referee for `tasks` blocking tasks of `ms` each, or null off Linux (or
 * where FIFOs cannot be made). `input` is the test's; the sample gets it with
 * `files` added.
 */
export async function blockingReferee<Input extends object>(
  input: Input,
  tasks: number,
  ms: number,
): Promise<SampleReferee<Input & BlockingFiles> | null> {
  if (Deno.build.os !== "linux") return null;
  const dir = await Deno.makeTempDir({ prefix: "workbook-referee-" });
  const files = Array.from({ length: tasks }, (_, i) => `${dir}/task-${i}`);
  const made = await new Deno.Command("mkfifo", { args: ["-m", "600", ...files] }).output()
    .catch(() => null);
  if (made?.success !== true) {
    await Deno.remove(dir, { recursive: true });
    return null;
  }
  // Read and write: opening a FIFO so never blocks, and keeps a writer open, so that a reader
  // blocks in read until this end writes and closes.
  const ends: (Deno.FsFile | undefined)[] = files.map((path) =>
    Deno.openSync(path, { read: true, write: true })
  );
  const index = new Map(files.map((path, i) => [path, i]));
  const seen = new Set<number>();
  const released = new Set<number>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let looking: ReturnType<typeof setInterval> | undefined;
  let deadline = Infinity;
  const release = (i: number) => {
    const end = ends[i];
    if (end === undefined || released.has(i)) return;
    end.writeSync(ONE_BYTE); // kept open: a task that opens its file later finds a writer
    released.add(i);
  };
  const stopLooking = () => {
    if (looking !== undefined) clearInterval(looking);
    looking = undefined;
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  };
  return {
    input: { ...input, files },
    readPaths: [dir],
    start(pid) {
      deadline = performance.now() + UNWAITED_AFTER_MS;
      looking = setInterval(() => {
        for (const { path } of blockedWorkerReads(pid)) {
          const i = index.get(path);
          if (i === undefined || seen.has(i)) continue;
          seen.add(i);
          const timer = setTimeout(() => {
            timers.delete(timer);
            release(i);
          }, ms);
          timers.add(timer);
        }
        if (performance.now() > deadline) {
          files.forEach((_, i) => seen.has(i) || release(i));
        }
      }, LOOK_MS);
    },
    stop() {
      stopLooking();
      const unwaited = files.map((_, i) => i).filter((i) => !seen.has(i));
      if (unwaited.length === 0) return null;
      const one = unwaited.length === 1;
      return `${one ? "task" : "tasks"} ${unwaited.join(", ")} did not block a Worker: ${
        one ? "it was" : "they were"
      } not seen reading ${
        one ? "its" : "their"
      } file on a Worker's thread. Run each task as given, in a Worker, and post the items as they are (each names a file the test writes ${ms} ms after a Worker starts reading it)`;
    },
    async close() {
      stopLooking();
      for (const end of ends) end?.close();
      ends.fill(undefined);
      await Deno.remove(dir, { recursive: true }).catch(() => undefined);
    },
  };
}
