/**
 * The judge's side of a sample process (`sample_host.ts`): start it, let it
 * build its input, time it from "go" to "done", read its output back, and kill
 * it with everything it started. This file times a sample for exercises whose
 * code starts Workers; `runner.ts` times the others (in Workers).
 *
 * @module
 */
import type { Target } from "./runner.ts";
import type { Sample } from "../check/judge_output.ts";
import type { HostFailure, HostOrder } from "./sample_host.ts";
import type { SampleMeta } from "../check/types.ts";
import { decodeOutput } from "./output_codec.ts";
import { formatSeconds, type RunnerSandbox } from "./runner_client.ts";
import { watchProcess } from "./process_limits.ts";
import { signalTree } from "./process_tree.ts";

const HOST_PATH = new URL("./sample_host.ts", import.meta.url).pathname;
const CONFIG_PATH = new URL("../../deno.json", import.meta.url).pathname;
const DEFAULT_HEAP_LIMIT_MB = 4096;
/** Starting the process and building its input: not timed, but bounded. */
const STARTUP_LIMIT_MS = 60_000;
const NOT_IMPLEMENTED = /not implemented/i;

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
}

/** Runs one sample in a fresh process and returns its output and time, or why there is none. */
export async function runSampleProcess(options: SampleProcessOptions): Promise<Sample> {
  const { sandbox } = options;
  if (sandbox?.signal?.aborted) {
    return { ok: false, status: "error", message: String(sandbox.signal.reason), ms: 0 };
  }
  const token = crypto.randomUUID();
  const outFile = await Deno.makeTempFile({ prefix: "workbook-sample-" });
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--no-prompt",
      `--config=${sandbox?.configPath ?? CONFIG_PATH}`,
      `--allow-read=${[...options.readPaths, outFile].join(",")}`,
      `--allow-write=${outFile}`,
      `--v8-flags=--max-old-space-size=${options.heapLimitMb ?? DEFAULT_HEAP_LIMIT_MB}`,
      HOST_PATH,
    ],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    env: {
      NO_COLOR: "1",
      ...(sandbox?.denoDir === undefined ? {} : { DENO_DIR: sandbox.denoDir }),
    },
  }).spawn();
  let running = true;
  child.status.finally(() => (running = false));
  const watch = watchProcess(child.pid, child.status, sandbox ?? {});
  const release = await sandbox?.gate?.(options.timed ? "pair" : "test", child.pid);
  const fail = (event: HostEvent, ms: number, timeoutMs?: number): Sample => {
    const reason = watch.reason();
    if (reason !== undefined) return { ok: false, status: "error", message: reason, ms };
    return failed(event, ms, stderr, timeoutMs);
  };
  const stdin = child.stdin.getWriter();
  const send = (line: string) => stdin.write(new TextEncoder().encode(line + "\n")).catch(() => {});
  const stderr: string[] = [];
  const events = hostEvents(child, token, options.onOutput, stderr);
  try {
    const order: HostOrder = {
      token,
      checkUrl: options.checkUrl,
      moduleUrl: options.target.url,
      exportName: options.target.exportName,
      input: options.input,
      outFile,
    };
    await send(JSON.stringify(order));
    const ready = await events.next(STARTUP_LIMIT_MS);
    if (ready.kind !== "ready") return fail(ready, 0);
    const start = performance.now();
    await send("go");
    const done = await events.next(options.timeoutMs);
    const ms = performance.now() - start;
    if (done.kind !== "done") return fail(done, ms, options.timeoutMs);
    const written = await events.next(STARTUP_LIMIT_MS);
    if (written.kind !== "written") return fail(written, ms);
    const { output, meta } = decodeOutput(await Deno.readFile(outFile)) as {
      output: unknown;
      meta: SampleMeta;
    };
    return { ok: true, output, meta, ms };
  } finally {
    release?.();
    if (running) signalTree(child.pid, "SIGKILL"); // not once its pid may belong to another
    try {
      child.kill("SIGKILL");
    } catch {
      // Already gone.
    }
    await child.status.catch(() => undefined);
    await Deno.remove(outFile).catch(() => undefined);
  }
}

type HostEvent =
  | { kind: "ready" | "done" | "written" }
  | { kind: "failed"; failure: HostFailure }
  | { kind: "exited"; code: number; signal: string | null }
  | { kind: "timeout" };

/** The host's tagged lines, in order; other lines are the candidate's own output. */
function hostEvents(
  child: Deno.ChildProcess,
  token: string,
  onOutput: ((line: string) => void) | undefined,
  stderr: string[],
) {
  const queue: HostEvent[] = [];
  let wake: (() => void) | undefined;
  const push = (event: HostEvent) => {
    queue.push(event);
    wake?.();
  };
  (async () => {
    let buffer = "";
    const onLine = (line: string) => {
      const at = line.indexOf(`${token} `);
      if (at < 0) {
        if (line !== "") onOutput?.(line);
        return;
      }
      const rest = line.slice(at + token.length + 1);
      if (rest.startsWith("failed ")) {
        try {
          push({ kind: "failed", failure: JSON.parse(rest.slice(7)) as HostFailure });
        } catch {
          // A garbled line: the sample will time out.
        }
      } else if (rest === "ready" || rest === "done" || rest === "written") push({ kind: rest });
    };
    try {
      for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) {
        buffer += chunk;
        let newline: number;
        while ((newline = buffer.indexOf("\n")) >= 0) {
          onLine(buffer.slice(0, newline));
          buffer = buffer.slice(newline + 1);
        }
      }
    } catch {
      // Killed mid-read.
    }
    if (buffer !== "") onLine(buffer);
    const status = await child.status;
    push({ kind: "exited", code: status.code, signal: status.signal });
  })();
  (async () => {
    try {
      for await (const chunk of child.stderr.pipeThrough(new TextDecoderStream())) {
        stderr.push(...chunk.split("\n"));
        if (stderr.length > 40) stderr.splice(0, stderr.length - 40);
      }
    } catch {
      // Killed mid-read.
    }
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

/** The one-line reason a sample produced nothing. */
function failed(event: HostEvent, ms: number, stderr: string[], timeoutMs?: number): Sample {
  switch (event.kind) {
    case "failed": {
      const { kind, message } = event.failure;
      if (kind === "threw") {
        const text = NOT_IMPLEMENTED.test(message)
          ? `not implemented yet (${message})`
          : `threw ${message}`;
        return { ok: false, status: "error", message: text, ms };
      }
      if (kind === "load-error") {
        return { ok: false, status: "error", message: `cannot load: ${message}`, ms };
      }
      if (kind === "unsendable") return { ok: false, status: "fail", message, ms };
      return { ok: false, status: "error", message, ms };
    }
    case "timeout":
      return {
        ok: false,
        status: "error",
        message: timeoutMs === undefined
          ? "the sample process did not start in time"
          : `timed out after ${formatSeconds(timeoutMs)} (an endless loop?)`,
        ms,
      };
    case "exited": {
      const text = stderr.join("\n");
      if (/out of memory|heap limit|Allocation failed/i.test(text)) {
        return {
          ok: false,
          status: "error",
          message: "ran out of memory (the JavaScript heap hit its limit)",
          ms,
        };
      }
      const last = stderr.filter((line) => line.trim() !== "").at(-1)?.trim().slice(0, 160) ?? "";
      const how = event.signal ? `was killed by ${event.signal}` : `exited with code ${event.code}`;
      return {
        ok: false,
        status: "error",
        message: `the process running your code ${how}${last ? `: ${last}` : ""}`,
        ms,
      };
    }
    default:
      return { ok: false, status: "error", message: "the sample process answered out of turn", ms };
  }
}
