/**
 * The one way the judge starts a Deno process that runs candidate code (a
 * runner for Worker mode, a sample process for process mode), and the one
 * explanation of how such a process died.
 *
 * What the process gets, and why:
 * - `--no-remote --no-npm`, no `--allow-net`: it loads no code that is not in
 *   the submission or the harness (Deno 2 would otherwise fetch `https:`
 *   imports, `jsr:` and `npm:` packages) and reaches no network. An import of
 *   either fails at once with Deno's own one-line reason.
 * - `--allow-read` of the listed paths only (dynamic imports with computed
 *   URLs need it), `--allow-write` of the listed files only.
 * - A DENO_DIR of its own whose `location_data` is a file where Deno wants a
 *   folder: `localStorage` and the Cache API (`caches`), which Deno otherwise
 *   keeps on disk without asking any permission, fail, so no sample leaves a
 *   result for a later one. (`sessionStorage` lives in memory and dies with
 *   the process; Deno KV and IndexedDB are not exposed.) Grading passes its
 *   own DENO_DIR built the same way (lib/grade/sandbox.ts).
 * - On Linux, where util-linux's `setpriv` and `prlimit` are found: a parent
 *   death signal (SIGKILL as soon as the judge that started it dies, even by
 *   SIGKILL: a killed grading run once left a runner spinning for 15 minutes)
 *   and a CPU-time limit for the whole process (RLIMIT_CPU, all its threads:
 *   SIGXCPU at the limit, SIGKILL a second later), a bound on anything that
 *   escapes the judge's own limits. Both pass through `exec`, so the pid is
 *   Deno's. Without the tools the process starts as before.
 *
 * @module
 */
import { formatSeconds, type SampleFailure } from "./failure.ts";

const CONFIG_PATH = new URL("../../deno.json", import.meta.url).pathname;
/** Per-isolate heap limit: a runaway candidate fails here rather than swapping the machine. */
export const DEFAULT_HEAP_LIMIT_MB = 4096;
/**
 * CPU seconds (all threads) a sandboxed process may use in its life, a bound
 * on one whose judge is gone. Far above any honest one: a sample is held to a
 * wall-clock limit of 10–20 s (120 s for exercise 2's full size), and the
 * longest runner session, a check's tests one after another, would take about
 * 350 s if each of exercise 1's 35 tests ran just under its 10 s limit.
 */
export const DEFAULT_CPU_LIMIT_S = 900;
/**
 * The longest line of a sandboxed process's stdout the judge keeps (the
 * harness's own lines are far shorter): the head of a longer one is passed on,
 * the rest of it dropped up to the next newline.
 */
export const MAX_LINE_CHARS = 1 << 20;
/** How many lines of stderr to keep to explain a crash. */
const KEPT_STDERR_LINES = 40;
const OUT_OF_MEMORY = /out of memory|heap limit|Allocation failed/i;

export interface SpawnOptions {
  /** The harness script to run (an absolute path). */
  script: string;
  /** Paths the process may read: the harness's files and the candidate's folder. */
  readPaths: readonly string[];
  /** Files the process may write (a sample process's output file). */
  writePaths?: readonly string[];
  heapLimitMb?: number;
  /** The deno.json to start with (default: the workbook's). */
  configPath?: string;
  /** DENO_DIR (default: an isolated one of this judge process, see above). */
  denoDir?: string;
  /** RLIMIT_CPU in seconds (default `DEFAULT_CPU_LIMIT_S`), where `prlimit` is found. */
  cpuLimitSeconds?: number;
}

/** The first of `paths` that is a file, or undefined. */
function found(...paths: string[]): string | undefined {
  return paths.find((path) => {
    try {
      return Deno.statSync(path).isFile;
    } catch {
      return false;
    }
  });
}

/** util-linux's tools, on Linux: found once. */
let tools: { setpriv: string | undefined; prlimit: string | undefined } | undefined;

/**
 * The program and leading arguments that start `deno` with a parent death
 * signal and a CPU-time limit, as far as this system allows (see above).
 */
export function limitedLaunch(cpuLimitSeconds: number): string[] {
  if (Deno.build.os !== "linux") return [Deno.execPath()];
  tools ??= {
    setpriv: found("/usr/bin/setpriv", "/bin/setpriv"),
    prlimit: found("/usr/bin/prlimit", "/bin/prlimit"),
  };
  const seconds = Math.max(1, Math.ceil(cpuLimitSeconds));
  return [
    ...(tools.setpriv === undefined ? [] : [tools.setpriv, "--pdeathsig", "KILL", "--"]),
    ...(tools.prlimit === undefined
      ? []
      : [tools.prlimit, `--cpu=${seconds}:${seconds + 1}`, "--"]),
    Deno.execPath(),
  ];
}

/** A started process and the tail of its stderr. */
export interface Spawned {
  child: Deno.ChildProcess;
  /** The last lines it wrote to stderr (for the crash explanation). */
  stderr: string[];
}

/** Starts `deno run` on `options.script` with the narrowed rights described above. */
export async function spawnSandboxed(options: SpawnOptions): Promise<Spawned> {
  const denoDir = options.denoDir ?? await isolatedDenoDir();
  const writes = options.writePaths ?? [];
  const [program, ...launch] = limitedLaunch(options.cpuLimitSeconds ?? DEFAULT_CPU_LIMIT_S);
  const child = new Deno.Command(program as string, {
    args: [
      ...launch,
      "run",
      "--no-prompt",
      "--no-remote",
      "--no-npm",
      `--config=${options.configPath ?? CONFIG_PATH}`,
      `--allow-read=${[...options.readPaths, ...writes].join(",")}`,
      ...(writes.length === 0 ? [] : [`--allow-write=${writes.join(",")}`]),
      `--v8-flags=--max-old-space-size=${options.heapLimitMb ?? DEFAULT_HEAP_LIMIT_MB}`,
      options.script,
    ],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", DENO_DIR: denoDir },
  }).spawn();
  const stderr: string[] = [];
  (async () => {
    try {
      for await (const chunk of child.stderr.pipeThrough(new TextDecoderStream())) {
        for (const line of chunk.split("\n")) {
          stderr.push(line);
          if (stderr.length > KEPT_STDERR_LINES) stderr.shift();
        }
      }
    } catch {
      // Killed mid-read.
    }
  })();
  return { child, stderr };
}

/**
 * Calls `onLine` with each line of `stream` (its newline removed) as it
 * arrives, and with the unfinished last one when the stream ends. A line
 * longer than `MAX_LINE_CHARS` is cut (see there): a candidate that prints one
 * endless line once made the judge hold tens of MB and search them again for
 * every chunk, past the sample's time limit. Only new text is searched.
 */
export async function readLines(
  stream: ReadableStream<Uint8Array>,
  onLine: (line: string) => void,
): Promise<void> {
  let line = "";
  let dropping = false;
  const add = (text: string) => {
    if (dropping) return;
    line += text;
    if (line.length > MAX_LINE_CHARS) {
      onLine(`${line.slice(0, MAX_LINE_CHARS)} … (cut)`);
      line = "";
      dropping = true;
    }
  };
  const end = () => {
    if (!dropping) onLine(line);
    line = "";
    dropping = false;
  };
  try {
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
      const parts = chunk.split("\n");
      for (let i = 0; i < parts.length - 1; i++) {
        add(parts[i] as string);
        end();
      }
      add(parts[parts.length - 1] as string);
    }
  } catch {
    // Killed mid-read.
  }
  if (line !== "") end();
}

/** How a process running candidate code died, in one line, from its status and stderr. */
export function crashFailure(status: Deno.CommandStatus, stderr: readonly string[]): SampleFailure {
  if (OUT_OF_MEMORY.test(stderr.join("\n"))) return { code: "out-of-memory", detail: "" };
  const last = stderr.filter((line) => line.trim() !== "").at(-1)?.trim().slice(0, 160) ?? "";
  if (status.signal === "SIGXCPU") {
    return { code: "crashed", detail: "the process running your code used up its CPU time limit" };
  }
  const how = status.signal ? `was killed by ${status.signal}` : `exited with code ${status.code}`;
  return {
    code: "crashed",
    detail: `the process running your code ${how}${last ? `: ${last}` : ""}`,
  };
}

/** The failure of a sample that passed its wall-clock limit. */
export function timeoutFailure(limitMs: number): SampleFailure {
  return { code: "timeout", detail: formatSeconds(limitMs) };
}

let isolated: Promise<string> | undefined;

/**
 * A DENO_DIR for this judge process's sandboxes, made once: empty but for a
 * `location_data` file (so origin storage cannot be created). Its compile
 * cache is shared by the samples of this process, which costs them nothing and
 * carries no data.
 */
export function isolatedDenoDir(): Promise<string> {
  isolated ??= (async () => {
    const dir = await Deno.makeTempDir({ prefix: "workbook-deno-dir-" });
    await Deno.writeTextFile(`${dir}/location_data`, "");
    globalThis.addEventListener("unload", () => {
      try {
        Deno.removeSync(dir, { recursive: true });
      } catch {
        // Already gone.
      }
    });
    return dir;
  })();
  return isolated;
}
