/**
 * The judge's side of the runner: starts `runner.ts` in a subprocess, sends it jobs,
 * enforces the wall-clock limit, and turns a killed or crashed runner into a
 * one-line reason. The runner gets no permissions: a candidate can compute, print
 * and start Workers, nothing else.
 *
 * @module
 */
import type { RunnerJob, RunnerReply } from "./runner.ts";
import { signalTree } from "./process_tree.ts";
import { type ProcessLimits, watchProcess } from "./process_limits.ts";

/** What came of one job. */
export type JobOutcome =
  | { kind: "reply"; reply: RunnerReply }
  | { kind: "timeout"; message: string }
  | { kind: "crashed"; message: string };

/** Distributes the jobs' own `id`: callers pass the rest. */
export type JobRequest = RunnerJob extends infer J ? J extends RunnerJob ? Omit<J, "id"> : never
  : never;

const RUNNER_PATH = new URL("./runner.ts", import.meta.url).pathname;
const CONFIG_PATH = new URL("../../deno.json", import.meta.url).pathname;
/** Per-isolate heap limit: a runaway candidate fails here rather than swapping the machine. */
const DEFAULT_HEAP_LIMIT_MB = 4096;
/** How many lines of the candidate's own output to keep for the report. */
const KEPT_OUTPUT_LINES = 20;
/** How many lines of stderr to keep to explain a crash. */
const KEPT_STDERR_LINES = 40;

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

/** See `RunnerOptions.gate`. */
export type JobGate = (kind: RunnerJob["kind"], pid: number) => Promise<() => void>;

/** What grading sets for a check's runners (`CheckOptions.sandbox`): see lib/grade/sandbox.ts. */
export type RunnerSandbox = Omit<RunnerOptions, "onOutput">;

/** One runner subprocess; after a timeout or a crash it is dead and a new one is needed. */
export class RunnerSession {
  readonly #child: Deno.ChildProcess;
  readonly #secret = crypto.randomUUID();
  readonly #stdin: WritableStreamDefaultWriter<Uint8Array>;
  readonly #stderr: string[] = [];
  readonly #exited: Promise<Deno.CommandStatus>;
  readonly #options: RunnerOptions;
  #nextId = 1;
  #waiting = new Map<number, (reply: RunnerReply) => void>();
  #alive = true;
  /** Why this session killed its runner (a limit), for the jobs' message. */
  #killReason: string | undefined;

  constructor(options: RunnerOptions) {
    this.#options = options;
    this.#child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--no-prompt",
        // Dynamic imports with computed URLs need read access; nothing else is granted.
        `--allow-read=${options.readPaths.join(",")}`,
        `--config=${options.configPath ?? CONFIG_PATH}`,
        `--v8-flags=--max-old-space-size=${options.heapLimitMb ?? DEFAULT_HEAP_LIMIT_MB}`,
        RUNNER_PATH,
      ],
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
      env: {
        NO_COLOR: "1",
        ...(options.denoDir === undefined ? {} : { DENO_DIR: options.denoDir }),
      },
    }).spawn();
    this.#stdin = this.#child.stdin.getWriter();
    this.#exited = this.#child.status;
    this.#exited.finally(() => (this.#alive = false));
    this.#readStdout();
    this.#readStderr();
    this.#send(this.#secret);
    this.#enforceLimits();
  }

  /** Starts the memory poll and the abort listener, if asked for; both end with the process. */
  #enforceLimits(): void {
    const { rssLimitMb, signal } = this.#options;
    if (rssLimitMb === undefined && signal === undefined) return;
    watchProcess(this.#child.pid, this.#exited, this.#options, (reason) => {
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
   * Runs one job, giving up after `timeoutMs` (the runner is then killed).
   */
  async run(request: JobRequest, timeoutMs: number): Promise<JobOutcome> {
    const release = await this.#options.gate?.(request.kind, this.#child.pid);
    try {
      return await this.#run(request, timeoutMs);
    } finally {
      release?.();
    }
  }

  async #run(request: JobRequest, timeoutMs: number): Promise<JobOutcome> {
    if (this.#killReason !== undefined && this.#options.signal?.aborted) {
      // The caller's own limit ended this runner: counted like a timeout, so a check stops soon.
      return { kind: "timeout", message: this.#killReason };
    }
    if (!this.#alive) return { kind: "crashed", message: "the runner is no longer running" };
    const id = this.#nextId++;
    const replied = new Promise<RunnerReply>((resolve) => this.#waiting.set(id, resolve));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
    });
    this.#send(JSON.stringify({ ...request, id }));
    const first = await Promise.race([
      replied,
      timedOut,
      this.#exited.then(() => "exited" as const),
    ]);
    clearTimeout(timer);
    this.#waiting.delete(id);
    if (first === "timeout") {
      this.kill();
      return {
        kind: "timeout",
        message: `timed out after ${formatSeconds(timeoutMs)} (an endless loop?)`,
      };
    }
    if (first === "exited") {
      // Replies and the exit race: a reply may still be in the pipe.
      const late = await Promise.race([replied, delay(50).then(() => undefined)]);
      if (late !== undefined) return { kind: "reply", reply: late };
      const message = this.#crashReason(await this.#exited);
      if (this.#killReason !== undefined && this.#options.signal?.aborted) {
        return { kind: "timeout", message };
      }
      return { kind: "crashed", message };
    }
    return { kind: "reply", reply: first };
  }

  /** Ends the runner and everything it started. */
  kill(): void {
    if (!this.#alive) return;
    signalTree(this.#child.pid, "SIGKILL");
    try {
      this.#child.kill("SIGKILL");
    } catch {
      // Already gone.
    }
    this.#alive = false;
  }

  async close(): Promise<void> {
    this.kill();
    await this.#exited.catch(() => undefined);
  }

  #crashReason(status: Deno.CommandStatus): string {
    if (this.#killReason !== undefined) return this.#killReason;
    const text = this.#stderr.join("\n");
    if (/out of memory|heap limit|Allocation failed/i.test(text)) {
      return "ran out of memory (the JavaScript heap hit its limit)";
    }
    const last = this.#stderr.filter((line) => line.trim() !== "").at(-1) ?? "";
    const how = status.signal
      ? `was killed by ${status.signal}`
      : `exited with code ${status.code}`;
    return `the process running your code ${how}${last ? `: ${last.trim().slice(0, 160)}` : ""}`;
  }

  #send(line: string): void {
    this.#stdin.write(new TextEncoder().encode(line + "\n")).catch(() => undefined);
  }

  async #readStdout(): Promise<void> {
    let buffer = "";
    try {
      for await (const chunk of this.#child.stdout.pipeThrough(new TextDecoderStream())) {
        buffer += chunk;
        let newline: number;
        while ((newline = buffer.indexOf("\n")) >= 0) {
          this.#onLine(buffer.slice(0, newline));
          buffer = buffer.slice(newline + 1);
        }
      }
    } catch {
      // The process was killed mid-read.
    }
    if (buffer !== "") this.#onLine(buffer);
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
    let reply: RunnerReply;
    try {
      reply = JSON.parse(line.slice(at + this.#secret.length)) as RunnerReply;
    } catch {
      return; // A reply garbled by output printed at the same moment: the job will time out.
    }
    this.#waiting.get(reply.id)?.(reply);
  }

  async #readStderr(): Promise<void> {
    try {
      for await (const chunk of this.#child.stderr.pipeThrough(new TextDecoderStream())) {
        for (const line of chunk.split("\n")) {
          this.#stderr.push(line);
          if (this.#stderr.length > KEPT_STDERR_LINES) this.#stderr.shift();
        }
      }
    } catch {
      // The process was killed mid-read.
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `1500` → `"1.5 s"`. */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
