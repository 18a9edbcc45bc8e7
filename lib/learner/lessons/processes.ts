/**
 * Exercise 5's lessons on threads and processes:
 *
 * - `threadsLesson`: Workers are OS threads of this one process. Start busy
 *   Workers and list the process's threads from `/proc` (what `ps -T -p PID`
 *   and `top -H -p PID` show, and htop with Shift+H, as the course does).
 * - `spawnLesson`: what a process costs against a Worker: starting each and
 *   getting a first answer, and one message round trip to a running Worker.
 *   The course's `multiprocess.Pool` starts processes; a Worker is a thread.
 *
 * @module
 */
import type { LessonOptions, LessonSection } from "./section.ts";
import { formatRatio, formatTime, loadAverage, median, textTable } from "./timing.ts";

/** How long the Workers spin by default: long enough to type `top -H -p PID` in another terminal. */
export const HOLD_MS = 10_000;

const WORKER_URL = new URL("./spawn_probe_worker.ts", import.meta.url).href;

/** Starts a Worker and waits for its answer to one message. */
function startWorker(spinMs = 0): Promise<Worker> {
  const worker = new Worker(WORKER_URL, { type: "module" });
  return ask(worker, spinMs).then(() => worker);
}

/** One message to `worker` and its reply. */
function ask(worker: Worker, spinMs = 0): Promise<void> {
  return new Promise((resolve, reject) => {
    worker.onmessage = () => resolve();
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new Error(event.message));
    };
    worker.postMessage({ spinMs });
  });
}

/** This process's threads and their names, from /proc (Linux); null elsewhere. */
export function listThreads(pid = Deno.pid): { tid: string; name: string }[] | null {
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(`/proc/${pid}/task`)];
  } catch {
    return null;
  }
  const threads: { tid: string; name: string }[] = [];
  for (const entry of entries) {
    try {
      const name = Deno.readTextFileSync(`/proc/${pid}/task/${entry.name}/comm`).trim();
      threads.push({ tid: entry.name, name });
    } catch {
      // It ended since the folder was listed (a Worker just terminated): no longer a thread.
    }
  }
  return threads.sort((a, b) => Number(a.tid) - Number(b.tid));
}

/**
 * Workers seen as OS threads: the thread list before and while `workers`
 * Workers spin, with the commands that show the same from another terminal.
 *
 * @param workers How many Workers to start.
 * @param holdMs How long they spin (long enough to look with top -H).
 * @returns The section to print.
 */
export async function threadsLesson(
  workers = 4,
  holdMs = HOLD_MS,
  progress?: (what: string) => void,
): Promise<LessonSection> {
  const before = listThreads();
  progress?.(
    `${workers} Workers spin for ${holdMs / 1000} s: now, in another terminal, ` +
      `top -H -p ${Deno.pid}  (or ps -T -p ${Deno.pid})`,
  );
  const started: Worker[] = [];
  for (let w = 0; w < workers; w++) started.push(await startWorker());
  const spinning = started.map((worker) => ask(worker, holdMs));
  await new Promise((resolve) => setTimeout(resolve, Math.min(500, holdMs / 2)));
  const during = listThreads();
  await Promise.all(spinning);
  for (const worker of started) worker.terminate();
  const lines = [
    `  this process: PID ${Deno.pid}; from another terminal while it runs:`,
    `    ps -T -p ${Deno.pid}        (one line per thread: SPID is the thread's id)`,
    `    top -H -p ${Deno.pid}       (threads, each with its own %CPU)`,
    "    htop, then Shift+H          (show or hide threads, as in the course)",
  ];
  if (before === null || during === null) {
    lines.push("  /proc is not available here: use the commands above.");
  } else {
    const names = (list: { name: string }[]) => {
      const counts = new Map<string, number>();
      for (const t of list) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
      return [...counts].map(([name, count]) => `${name}×${count}`).join(", ");
    };
    const known = new Set(before.map((t) => t.tid));
    const added = during.filter((t) => !known.has(t.tid));
    lines.push(
      `  threads before: ${before.length} (${names(before)})`,
      `  threads with ${workers} Workers spinning: ${during.length} (${names(during)})`,
      `  new threads: ${added.length} (${names(added)}): one per Worker, plus any helper threads.`,
      "  A Worker is an OS thread of this process with its own V8 isolate, and the kernel",
      "  schedules it on a core like any thread. Every thread shares the PID; each has its own id.",
    );
  }
  return { title: `Workers are OS threads: ${workers} Workers, ${holdMs} ms of spinning`, lines };
}

/**
 * A process against a Worker: the median time to start one and get a first
 * answer, and a message round trip to a running Worker.
 *
 * @param options Samples, progress.
 * @returns The section to print.
 */
export async function spawnLesson(options: LessonOptions): Promise<LessonSection> {
  const samples = Math.max(3, options.samples);
  options.progress?.("Workers");
  const workerStarts: number[] = [];
  for (let s = 0; s < samples; s++) {
    const start = performance.now();
    const worker = await startWorker();
    workerStarts.push(performance.now() - start);
    worker.terminate();
  }
  options.progress?.("processes");
  const processStarts: number[] = [];
  for (let s = 0; s < samples; s++) {
    const start = performance.now();
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["eval", "console.log('pong')"],
      stdout: "piped",
      stderr: "null",
    }).output();
    if (!output.success) throw new Error("deno eval did not run");
    processStarts.push(performance.now() - start);
  }
  options.progress?.("round trips");
  const worker = await startWorker();
  const trips: number[] = [];
  const TRIPS = 1000;
  const start = performance.now();
  for (let t = 0; t < TRIPS; t++) await ask(worker);
  trips.push((performance.now() - start) / TRIPS);
  worker.terminate();
  const workerMs = median(workerStarts), processMs = median(processStarts);
  return {
    title: `A process against a Worker (median of ${samples})`,
    record: {
      key: "spawn",
      summary: `start a Worker ${formatTime(workerMs)}, a process ${formatTime(processMs)} ` +
        `(${formatRatio(processMs / workerMs)}), a message to a Worker and back ` +
        `${(trips[0] ?? 0).toFixed(3)} ms; load ${loadAverage()}`,
    },
    lines: [
      ...textTable(["what", "here", "× a Worker"], [
        ["start a Worker, one message and its reply", formatTime(workerMs), "1×"],
        [
          "start a process (deno eval) and read its output",
          formatTime(processMs),
          formatRatio(processMs / workerMs),
        ],
        ["one more message to a running Worker and back", `${(trips[0] ?? 0).toFixed(3)} ms`, ""],
      ]),
      `  load average ${loadAverage()}`,
      "  A process (Deno.Command) brings a whole new runtime: memory of its own, nothing shared,",
      "  and data that crosses as bytes on a pipe. A Worker is a thread: cheaper to start, and",
      "  it can share memory (SharedArrayBuffer). Processes pay off when isolation matters (a",
      "  crash, a memory limit, code you do not trust) or when the work spans machines — the",
      "  course's multiprocess and, in Part 2, Ray.",
    ],
  };
}
