/**
 * The judge's side of a sample process (`sample_host.ts`): start it, let it
 * build its input, time it from "go" until the judge holds its complete output,
 * count its Workers from outside, and kill it with everything it started.
 * This file times a sample for exercises whose code starts Workers;
 * `runner.ts` times the others (in Workers).
 *
 * The Workers it started are counted from outside, while it runs and once
 * more when it is frozen (worker_threads_watch.ts).
 *
 * When the clock stops: on the host's `done` line, which the host says once
 * it holds the complete output in a private copy (see sample_host.ts for why
 * no candidate code can change it from then on). The judge first freezes the
 * whole process (SIGSTOP, then waits until every thread is stopped), stops
 * the clock, takes its last look at the threads, and only then lets the
 * process go on to write the copy to the file (not timed). Whatever the
 * candidate did before `done` (in Workers, in getters the encoder met, in
 * patched builtins) is inside the time; nothing it does after can reach the
 * copy. Freezing costs microseconds, the same for baseline and candidate. Off
 * Linux (no /proc to see the threads stop) the process is not frozen.
 *
 * @module
 */
import type { Target } from "./runner.ts";
import type { Sample } from "../check/judge_output.ts";
import { failedSample } from "../check/judge_output.ts";
import type { HostOrder, HostRecord } from "./sample_host.ts";
import type { SampleMeta, SampleReferee } from "../check/types.ts";
import { decodeDigested, decodeOutput, type DigestIndex } from "./output_codec.ts";
import type { RunnerSandbox } from "./runner_client.ts";
import { watchProcess } from "./process_limits.ts";
import { signalTree } from "./process_tree.ts";
import { isCandidateSideFailure } from "./failure.ts";
import { crashFailure, readLines, spawnSandboxed, timeoutFailure } from "./spawn.ts";
import { watchWorkerThreads, type WorkerThreadsWatch } from "./worker_threads_watch.ts";

const HOST_PATH = new URL("./sample_host.ts", import.meta.url).pathname;
/** Starting the process and building its input: not timed, but bounded. */
const STARTUP_LIMIT_MS = 60_000;
/** Linux's /proc, where the judge sees a process's threads stop and counts its Workers. */
const HAS_PROC = (() => {
  try {
    return Deno.statSync("/proc/self/task").isDirectory;
  } catch {
    return false;
  }
})();
/** How long a SIGSTOP may take to stop every thread before the process is killed instead. */
const FREEZE_LIMIT_MS = 1000;

export interface SampleProcessOptions {
  checkUrl: string;
  target: Target;
  input: unknown;
  /** What the process may read (the harness, the check, the candidate's folder). */
  readPaths: readonly string[];
  /** Wall-clock limit of the timed part, ms. */
  timeoutMs: number;
  heapLimitMb?: number;
  /** Lines the candidate printed. */
  onOutput?: (line: string) => void;
  /** Grading: the sandbox's config, DENO_DIR, limits and gate (lib/grade/sandbox.ts). */
  sandbox?: RunnerSandbox;
  /** A timed sample (half of a pair): the sandbox's gate runs it alone. */
  timed?: boolean;
  /**
   * Four random 32-bit words: the sample sends its arrays' keyed digests, not
   * their bytes (output_codec.ts); its output then holds placeholders (`Sample.digests`).
   */
  digestKey?: readonly number[];
  /** A test's referee (`ExerciseCheck.referee`): watches from "go" until the process is frozen. */
  referee?: SampleReferee<unknown>;
}

/** Runs one sample in a fresh process and returns its output and time, or why there is none. */
export async function runSampleProcess(options: SampleProcessOptions): Promise<Sample> {
  return await (await startSampleProcess(options)).run();
}

/** A sample process that has built its input and waits for `go`. */
export interface StartedSample {
  /** Times it (once) and returns its outcome; the process is gone when this returns. */
  run(): Promise<Sample>;
  /**
   * Times it (once) and leaves it frozen, its output unread: `collect` reads it
   * later (and ends the process), so that reading (hashing 160 MB for a
   * digest) waits until the pair's other sample is timed too, and both are read
   * at once. Off Linux, where the judge cannot freeze it, it is read at once.
   */
  time(): Promise<TimedSample>;
  /** Kills it, run or not, and removes its files (again: nothing). */
  close(): Promise<void>;
}

/** A timed sample: whether it already failed, and its outcome once read. */
export interface TimedSample {
  /** True when it failed before its output could be read (no point timing the other side). */
  failed: boolean;
  collect(): Promise<Sample>;
}

/**
 * Starts one sample's process and lets it build its input (not timed), so that
 * the two sides of a pair can build theirs at the same time: the one that waits
 * is blocked reading its stdin, its candidate not even loaded (the host imports
 * it after `go`), and uses no CPU while the other is timed. A timed sample takes
 * the sandbox's gate (grading: it runs alone) in `run`, an untimed one here.
 */
export async function startSampleProcess(options: SampleProcessOptions): Promise<StartedSample> {
  const { sandbox } = options;
  if (sandbox?.signal?.aborted) {
    const stopped = failedSample({ code: "stopped", detail: String(sandbox.signal.reason) }, 0);
    const close = async () => await options.referee?.close();
    const run = () => close().then(() => stopped);
    return { run, time: () => run().then(settled), close };
  }
  const token = crypto.randomUUID();
  // The default temporary folder: Deno asks for --allow-all for any path under /dev, so a
  // memory file system there (/dev/shm, faster for a 160 MB output) cannot be granted.
  const outFile = await Deno.makeTempFile({ prefix: "workbook-sample-" });
  const { child, stderr } = await spawnSandboxed({
    script: HOST_PATH,
    readPaths: options.readPaths,
    writePaths: [outFile],
    ...(options.heapLimitMb === undefined ? {} : { heapLimitMb: options.heapLimitMb }),
    ...(sandbox?.configPath === undefined ? {} : { configPath: sandbox.configPath }),
    ...(sandbox?.denoDir === undefined ? {} : { denoDir: sandbox.denoDir }),
  });
  let running = true;
  child.status.finally(() => (running = false));
  const watch = watchProcess(child.pid, child.status, sandbox ?? {});
  let release: (() => void) | undefined;
  let threads: WorkerThreadsWatch | undefined;
  let closed: Promise<void> | undefined;
  const close = () =>
    closed ??= (async () => {
      threads?.stop();
      release?.();
      if (running) signalTree(child.pid, "SIGKILL"); // not once its pid may belong to another
      try {
        child.kill("SIGKILL");
      } catch {
        // Already gone.
      }
      await child.status.catch(() => undefined);
      await Deno.remove(outFile).catch(() => undefined);
      await options.referee?.close();
    })();
  const stdin = child.stdin.getWriter();
  const send = (line: string) => stdin.write(new TextEncoder().encode(line + "\n")).catch(() => {});
  const events = hostEvents(child, token, options.onOutput);
  const fail = (event: HostEvent, ms: number, timeoutMs?: number): Sample => {
    const reason = watch.reason();
    if (reason !== undefined) return failedSample({ code: "stopped", detail: reason }, ms);
    if (event.kind === "timeout") {
      return timeoutMs === undefined
        ? failedSample({ code: "crashed", detail: "the sample process did not start in time" }, ms)
        : failedSample(timeoutFailure(timeoutMs), ms);
    }
    if (event.kind === "exited") {
      return failedSample(crashFailure({ ...event, success: false }, stderr), ms);
    }
    return failedSample({ code: "garbled", detail: "it answered out of turn" }, ms);
  };
  let ready: HostEvent;
  try {
    if (!options.timed) release = await sandbox?.gate?.("test", child.pid);
    const order: HostOrder = {
      token,
      checkUrl: options.checkUrl,
      moduleUrl: options.target.url,
      exportName: options.target.exportName,
      input: options.input,
      outFile,
      ...(options.digestKey === undefined ? {} : { digestKey: [...options.digestKey] }),
    };
    await send(JSON.stringify(order));
    ready = await events.next(STARTUP_LIMIT_MS);
  } catch (thrown) {
    await close();
    throw thrown;
  }
  let ran = false;
  const time = async (): Promise<TimedSample> => {
    if (ran) throw new Error("a sample process runs once");
    ran = true;
    let held = false;
    try {
      if (ready.kind !== "ready") return settled(fail(ready, 0));
      if (options.timed) release = await sandbox?.gate?.("pair", child.pid);
      threads = watchWorkerThreads(child.pid);
      options.referee?.start(child.pid);
      const start = performance.now();
      await send("go");
      const done = await events.next(options.timeoutMs);
      if (done.kind !== "done") {
        return settled(fail(done, performance.now() - start, options.timeoutMs));
      }
      const frozen = await freeze(child);
      const ms = performance.now() - start; // frozen: the output is a complete, private copy
      const highest = threads.stop(); // the last look: every thread is still there, stopped
      const objection = options.referee?.stop() ?? null;
      if (frozen === "gone") {
        // The host waits to be killed: a process that ended on its own after `written` hid its
        // threads from the count.
        const detail = "the process running your code ended before the judge could read its output";
        return settled(failedSample({ code: "crashed", detail }, ms));
      }
      const read = async (): Promise<Sample> => {
        try {
          if (frozen === "stopped") signalTree(child.pid, "SIGCONT");
          await send("write");
          const written = await events.next(STARTUP_LIMIT_MS);
          if (written.kind !== "written") return fail(written, ms);
          const bytes = await Deno.readFile(outFile);
          const started = frozen === "stopped" ? highest : null;
          const sample = readRecord(bytes, ms, started, options.digestKey !== undefined);
          if (sample.ok && objection !== null) sample.meta.referee = objection;
          return sample;
        } finally {
          await close();
        }
      };
      // Not frozen (no /proc): its threads may still run, so it is read and ended now.
      if (frozen !== "stopped") return settled(await read());
      // Frozen, it stays so until read; the timed part is over, so a grading gate is let go
      // (the next timed sample's gate stops it again, with everything else the grader runs).
      held = true;
      release?.();
      let reading: Promise<Sample> | undefined;
      return { failed: false, collect: () => reading ??= read() };
    } finally {
      if (!held) await close();
    }
  };
  const run = async () => await (await time()).collect();
  return { run, time, close };
}

/** A sample whose outcome is known already. */
function settled(sample: Sample): TimedSample {
  return { failed: !sample.ok, collect: () => Promise.resolve(sample) };
}

/**
 * The sample's outcome from the bytes the host wrote: a record decoded here,
 * with the Workers counted from outside (`started`, null off Linux) in place of
 * the host's own count whenever they saw more.
 */
function readRecord(
  bytes: Uint8Array,
  ms: number,
  started: number | null,
  digested = false,
): Sample {
  let record: HostRecord;
  let arrays: DigestIndex | undefined;
  try {
    if (digested) {
      const decoded = decodeDigested(bytes);
      record = decoded.value as HostRecord;
      arrays = decoded.arrays;
    } else {
      record = decodeOutput(bytes) as HostRecord;
    }
  } catch (thrown) {
    const detail = `its output could not be read: ${(thrown as Error).message}`;
    return failedSample({ code: "garbled", detail }, ms);
  }
  if (record === null || typeof record !== "object" || typeof record.ok !== "boolean") {
    return failedSample({ code: "garbled", detail: "its output is not a sample record" }, ms);
  }
  if (!record.ok) {
    const failure = record.failure;
    if (!isCandidateSideFailure(failure)) {
      return failedSample({ code: "garbled", detail: "its failure is not a failure record" }, ms);
    }
    return failedSample(failure, ms);
  }
  const inside = record.meta ?? {};
  const count = (value: unknown) => Number.isSafeInteger(value) ? value as number : 0;
  const insideStarted = count(inside.workersStarted);
  const workersStarted = Math.max(insideStarted, started ?? 0);
  // Ending Workers is good manners (the process dies anyway): the host's own count serves.
  const meta: SampleMeta = {
    workersStarted,
    workersTerminated: Math.min(count(inside.workersTerminated), workersStarted),
  };
  return {
    ok: true,
    output: record.output,
    meta,
    ms,
    ...(arrays === undefined ? {} : { digests: { record: bytes, arrays } }),
  };
}

/**
 * `sample` (one that sent digests) with each of its arrays replaced by the
 * array of `known` (another sample's `digests.arrays`) that has the same type,
 * length and digest: the output as it was, bit for bit, made of the other's
 * arrays. Null when some array has no such match (its bytes differ).
 */
export function withKnownArrays(sample: Sample, known: DigestIndex): Sample | null {
  if (!sample.ok || sample.digests === undefined) return sample;
  // The record was read once already: it decodes.
  const matched = decodeDigested(sample.digests.record, known);
  if (matched.unmatched > 0) return null;
  return { ...sample, output: (matched.value as HostRecord & { ok: true }).output };
}

/**
 * Stops every thread of `child` (SIGSTOP to it and its children, then waits
 * until /proc shows each thread stopped): "stopped". A process that is gone
 * already, or does not stop in time: killed and reaped, "gone". Without /proc
 * (not Linux) nothing is done: "unseen".
 */
async function freeze(child: Deno.ChildProcess): Promise<"stopped" | "gone" | "unseen"> {
  if (!HAS_PROC) return "unseen";
  signalTree(child.pid, "SIGSTOP");
  const deadline = performance.now() + FREEZE_LIMIT_MS;
  let outcome: "gone" | "unseen" = "gone";
  while (performance.now() < deadline) {
    const state = threadsStopped(child.pid);
    if (state === "stopped") return "stopped";
    if (state === "gone") break;
    if (state === "unknown") {
      outcome = "unseen";
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  if (outcome === "unseen") {
    signalTree(child.pid, "SIGCONT");
    return outcome;
  }
  signalTree(child.pid, "SIGKILL");
  await child.status.catch(() => undefined);
  return outcome;
}

/** Whether every thread of `pid` is stopped, from /proc/<pid>/task/<tid>/stat. */
function threadsStopped(pid: number): "stopped" | "running" | "gone" | "unknown" {
  if (!HAS_PROC) return "unknown";
  let tasks: Deno.DirEntry[];
  try {
    tasks = [...Deno.readDirSync(`/proc/${pid}/task`)];
  } catch (thrown) {
    return thrown instanceof Deno.errors.NotFound ? "gone" : "unknown";
  }
  if (tasks.length === 0) return "gone";
  let stopped = 0;
  for (const task of tasks) {
    let stat: string;
    try {
      stat = Deno.readTextFileSync(`/proc/${pid}/task/${task.name}/stat`);
    } catch {
      continue; // This thread ended.
    }
    // "tid (comm) S ...": the state follows the last ")" (comm may hold one).
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    if (state === "T" || state === "t") stopped++;
    else if (state !== "Z" && state !== "X") return "running";
  }
  // Only dead threads (a zombie): the process ended on its own.
  return stopped > 0 ? "stopped" : "gone";
}

type HostEvent =
  | { kind: "ready" | "done" | "written" }
  | { kind: "exited"; code: number; signal: Deno.Signal | null }
  | { kind: "timeout" };

/** The host's tagged lines, in order; other lines are the candidate's own output. */
function hostEvents(
  child: Deno.ChildProcess,
  token: string,
  onOutput: ((line: string) => void) | undefined,
) {
  const queue: HostEvent[] = [];
  let wake: (() => void) | undefined;
  const push = (event: HostEvent) => {
    queue.push(event);
    wake?.();
  };
  (async () => {
    const onLine = (line: string) => {
      // Only a whole line is the host's: text printed before it on the same line is the
      // candidate's (the host starts each of its lines with a newline).
      if (line === `${token} ready`) return push({ kind: "ready" });
      if (line === `${token} done`) return push({ kind: "done" });
      if (line === `${token} written`) return push({ kind: "written" });
      if (line !== "") onOutput?.(line);
    };
    await readLines(child.stdout, onLine);
    const status = await child.status;
    push({ kind: "exited", code: status.code, signal: status.signal });
  })();
  return {
    async next(limitMs: number): Promise<HostEvent> {
      const deadline = performance.now() + limitMs;
      while (queue.length === 0) {
        const left = deadline - performance.now();
        if (left <= 0) return { kind: "timeout" };
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
      return queue.shift() as HostEvent;
    },
  };
}
