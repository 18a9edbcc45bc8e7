/**
 * The judge's side of the runner: starts `runner.ts` in a subprocess, sends it jobs,
 * enforces the wall-clock limit, and turns a killed or crashed runner into a
 * one-line reason. The runner gets no permissions: a candidate can compute, print
 * and start Workers, nothing else.
 *
 * @module
 */
import type { RunnerJob, RunnerNotice, RunnerReply } from "./runner.ts";
import { signalTree } from "./process_tree.ts";
import { type ProcessLimits, watchProcess } from "./process_limits.ts";
import { type FailureCode, failureMessage, type SampleFailure } from "./failure.ts";
import { crashFailure, readLines, type Spawned, spawnSandboxed, timeoutFailure } from "./spawn.ts";

/** What came of one job: a reply, or why the runner gave none (a code and its sentence). */
export type JobOutcome =
  | { kind: "reply"; reply: RunnerReply }
  | { kind: "timeout"; code: FailureCode; message: string }
  | { kind: "crashed"; code: FailureCode; message: string };

function outcome(kind: "timeout" | "crashed", failure: SampleFailure): JobOutcome {
  return { kind, code: failure.code, message: failureMessage(failure) };
}

/** Distributes the jobs' own `id`: callers pass the rest. */
export type JobRequest = RunnerJob extends infer J ? J extends RunnerJob ? Omit<J, "id"> : never
  : never;

const RUNNER_PATH = new URL("./runner.ts", import.meta.url).pathname;
/** How many lines of the candidate's own output to keep for the report. */
const KEPT_OUTPUT_LINES = 20;

export interface RunnerOptions extends ProcessLimits {
  /** Paths the candidate may read: the harness's own files and the candidate's folder. */
  readPaths: readonly string[];
  /** JavaScript heap limit per isolate, in MB (default 4096). */
  heapLimitMb?: number;
  /** Called with each line the candidate printed (not the runner's replies). */
  onOutput?: (line: string) => void;
  /**
   * Awaited before each job starts (its time limit starts after it), with the
   * kind of job and the process that runs it; the function it resolves to is
   * called when the job ends. Grading uses it to time pairs alone.
   */
  gate?: JobGate;
  /** The deno.json the runner starts with (default: the workbook's). */
  configPath?: string;
  /** DENO_DIR of the runner process (default: Deno's own). */
  denoDir?: string;
}

/** What a gated pair (`gated: true`) waits for, and what it says before its reply. */
export interface PairHooks {
  /** The runner is told `go` (it may start timing) once this resolves. */
  go: Promise<unknown>;
  /** Called once both samples are timed, before the runner judges them. */
  onTimed?: () => void;
}

/** See `RunnerOptions.gate`. */
/**
 * Grading's gate around a job (lib/grade/schedule.ts): "test" work may overlap, a
 * timed "pair" or "sample" runs alone, and "judge" is the judge's own short work
 * on a test it already ran (the oracle), which never waits behind a timed job
 * that is only waiting.
 */
export type JobGate = (kind: RunnerJob["kind"] | "judge", pid: number) => Promise<() => void>;

/** What grading sets for a check's runners (`CheckOptions.sandbox`): see lib/grade/sandbox.ts. */
export type RunnerSandbox = Omit<RunnerOptions, "onOutput">;

/** One runner subprocess; after a timeout or a crash it is dead and a new one is needed. */
export class RunnerSession {
  readonly #spawned: Promise<Spawned>;
  readonly #secret = crypto.randomUUID();
  readonly #options: RunnerOptions;
  #child: Deno.ChildProcess | undefined;
  #stdin: WritableStreamDefaultWriter<Uint8Array> | undefined;
  #stderr: string[] = [];
  #nextId = 1;
  #waiting = new Map<number, (reply: RunnerReply) => void>();
  #onTimed = new Map<number, () => void>();
  #alive = true;
  /** Why this session killed its runner (a limit), for the jobs' message. */
  #killReason: string | undefined;

  constructor(options: RunnerOptions) {
    this.#options = options;
    this.#spawned = spawnSandboxed({
      script: RUNNER_PATH,
      readPaths: options.readPaths,
      ...(options.heapLimitMb === undefined ? {} : { heapLimitMb: options.heapLimitMb }),
      ...(options.configPath === undefined ? {} : { configPath: options.configPath }),
      ...(options.denoDir === undefined ? {} : { denoDir: options.denoDir }),
    });
    this.#spawned.then((spawned) => {
      this.#child = spawned.child;
      this.#stderr = spawned.stderr;
      this.#stdin = spawned.child.stdin.getWriter();
      spawned.child.status.finally(() => (this.#alive = false));
      this.#readStdout(spawned.child);
      this.#send(this.#secret);
      this.#enforceLimits(spawned.child);
    });
  }

  /** Starts the memory poll and the abort listener, if asked for; both end with the process. */
  #enforceLimits(child: Deno.ChildProcess): void {
    const { rssLimitMb, signal } = this.#options;
    if (rssLimitMb === undefined && signal === undefined) return;
    watchProcess(child.pid, child.status, this.#options, (reason) => {
      this.#killReason ??= reason;
      this.kill();
    });
  }

  get alive(): boolean {
    return this.#alive;
  }

  /** Lines the candidate printed, the last few only. */
  readonly printed: string[] = [];

  /**
   * Runs one job, giving up after `timeoutMs` (the runner is then killed). A
   * gated pair (`gated: true`) takes `hooks`.
   */
  async run(request: JobRequest, timeoutMs: number, hooks?: PairHooks): Promise<JobOutcome> {
    const { child } = await this.#spawned;
    const release = await this.#options.gate?.(request.kind, child.pid);
    try {
      return await this.#run(request, timeoutMs, hooks);
    } finally {
      release?.();
    }
  }

  async #run(request: JobRequest, timeoutMs: number, hooks?: PairHooks): Promise<JobOutcome> {
    const exited = (await this.#spawned).child.status;
    if (this.#killReason !== undefined && this.#options.signal?.aborted) {
      // The caller's own limit ended this runner: counted like a timeout, so a check stops soon.
      return outcome("timeout", { code: "stopped", detail: this.#killReason });
    }
    if (!this.#alive) {
      return outcome("crashed", { code: "crashed", detail: "the runner is no longer running" });
    }
    const id = this.#nextId++;
    const replied = new Promise<RunnerReply>((resolve) => this.#waiting.set(id, resolve));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
    });
    this.#send(JSON.stringify({ ...request, id }));
    if (request.kind === "pair" && request.gated === true) {
      if (hooks?.onTimed !== undefined) this.#onTimed.set(id, hooks.onTimed);
      (hooks?.go ?? Promise.resolve()).then(() => this.#alive && this.#send("go"));
    }
    const first = await Promise.race([
      replied,
      timedOut,
      exited.then(() => "exited" as const),
    ]);
    clearTimeout(timer);
    this.#waiting.delete(id);
    this.#onTimed.delete(id);
    if (first === "timeout") {
      this.kill();
      return outcome("timeout", timeoutFailure(timeoutMs));
    }
    if (first === "exited") {
      // Replies and the exit race: a reply may still be in the pipe.
      const late = await Promise.race([replied, delay(50).then(() => undefined)]);
      if (late !== undefined) return { kind: "reply", reply: late };
      const failure = this.#crashReason(await exited);
      if (this.#killReason !== undefined && this.#options.signal?.aborted) {
        return outcome("timeout", failure);
      }
      return outcome("crashed", failure);
    }
    return { kind: "reply", reply: first };
  }

  /** Ends the runner and everything it started. */
  kill(): void {
    const wasAlive = this.#alive;
    this.#alive = false;
    if (this.#child === undefined) {
      this.#spawned.then(({ child }) => killTree(child));
      return;
    }
    if (wasAlive) killTree(this.#child);
  }

  async close(): Promise<void> {
    const { child } = await this.#spawned;
    this.kill();
    await child.status.catch(() => undefined);
  }

  #crashReason(status: Deno.CommandStatus): SampleFailure {
    if (this.#killReason !== undefined) return { code: "stopped", detail: this.#killReason };
    return crashFailure(status, this.#stderr);
  }

  #send(line: string): void {
    this.#stdin?.write(new TextEncoder().encode(line + "\n")).catch(() => undefined);
  }

  async #readStdout(child: Deno.ChildProcess): Promise<void> {
    await readLines(child.stdout, (line) => this.#onLine(line));
  }

  #onLine(line: string): void {
    const at = line.indexOf(this.#secret);
    if (at < 0) {
      if (line === "") return;
      this.printed.push(line);
      if (this.printed.length > KEPT_OUTPUT_LINES) this.printed.shift();
      this.#options.onOutput?.(line);
      return;
    }
    if (at > 0) this.#onLine(line.slice(0, at));
    let reply: RunnerReply | RunnerNotice;
    try {
      reply = JSON.parse(line.slice(at + this.#secret.length)) as RunnerReply | RunnerNotice;
    } catch {
      return; // A reply garbled by output printed at the same moment: the job will time out.
    }
    if (reply.kind === "timed") {
      const onTimed = this.#onTimed.get(reply.id);
      this.#onTimed.delete(reply.id);
      onTimed?.();
      return;
    }
    this.#waiting.get(reply.id)?.(reply);
  }
}

/** Kills `child` and everything it started. */
function killTree(child: Deno.ChildProcess): void {
  signalTree(child.pid, "SIGKILL");
  try {
    child.kill("SIGKILL");
  } catch {
    // Already gone.
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
