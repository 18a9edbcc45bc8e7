/**
 * Builds an exercise's AssemblyScript sources (`*.as.ts`) to WebAssembly before
 * it is checked, benchmarked or compared. Each `name.as.ts` becomes `name.wasm`
 * beside it, which the learner's TypeScript loads.
 *
 * The compiler (npm `assemblyscript`, pinned in `compiler.json` with a lock of
 * its own, so that only a build downloads it) runs in a process of
 * its own (`compile_process.ts`) through its programmatic API, on the source
 * text: nothing is read or written behind our back, and a source that crashes
 * the compiler, or makes it take gigabytes or minutes, costs that process
 * only (a one-line error here), never the check or the grading run. Builds are cached by content in `.workbook/wasm-cache/`
 * (git ignores it), keyed by the source, the compiler's version and the options,
 * so an unchanged kernel costs a hash, not a compile (about 1 s with the
 * compiler's import). The `.wasm` beside the source is written only when its
 * bytes change, so a watcher is not woken by a build that changed nothing.
 *
 * @module
 */
import type { Exercise } from "./catalogue.ts";
import { shown } from "./paths.ts";
import { writeAtomically } from "./files.ts";
import { WORKBOOK_PATHS } from "./workbook_dir.ts";
import config from "./compiler.json" with { type: "json" };
import { type CompileReply, type CompileRequest, READY } from "./compile_process.ts";
import { watchProcess } from "../sandbox/process_limits.ts";
import { limitedLaunch } from "../sandbox/spawn.ts";

/** What building an exercise's AssemblyScript gave: the outputs, or one line why not. */
export type BuildResult =
  | { ok: true; outputs: string[] }
  /** `message` is one line: `path:line:col: what the compiler said`. */
  | { ok: false; message: string };

/** What became of one source file. */
export type FileBuild =
  | { ok: true; output: string; how: "compiled" | "cached"; changed: boolean }
  | { ok: false; message: string };

/** Where compiled modules are kept, by the hash of what produced them. */
export const CACHE_DIR: string = WORKBOOK_PATHS.wasmCache;

/** The suffix of an AssemblyScript source; `kernel.as.ts` builds `kernel.wasm`. */
const SOURCE_SUFFIX = ".as.ts";

/**
 * The compiler's options, as `asc` command-line arguments:
 * - `-O3`, shrink level 0: optimise for speed, not size (the same as `--optimize`
 *   with its default levels, written out so a new default cannot change it);
 * - `--runtime stub`: no garbage collector; a kernel of numbers allocates nothing;
 * - `--use abort=`: an `abort`, a failed `assert` or a `throw` traps
 *   (`unreachable`) instead of calling an imported `env.abort`, so the module
 *   needs no imports and `import()` of the `.wasm` file works as it is;
 * - `--enable simd`: the 128-bit vector type `v128` (`f64x2`, `i32x4`, …), which
 *   V8 compiles to SSE/AVX instructions; exercise 9's stretch divides two terms
 *   at a time with it. It only adds instructions a source may use;
 * - `--noColors`: plain text in the compiler's own output.
 */
export const COMPILER_ARGS: readonly string[] = [
  "-O3",
  "--shrinkLevel",
  "0",
  "--runtime",
  "stub",
  "--use",
  "abort=",
  "--enable",
  "simd",
  "--noColors",
];

/** The compiler's version, from the pin in compiler.json (read without loading the compiler). */
export const COMPILER_VERSION: string = (config.imports as Record<string, string>)
  .assemblyscript?.replace(/^npm:assemblyscript@/, "") ?? "unknown";

/**
 * The compiler's own process, and the configuration that resolves its import:
 * `compiler.json`, not the workbook's deno.json, whose lock would otherwise make
 * every first run download the compiler (see `compile_process.ts`).
 */
const COMPILE_PROCESS = new URL("./compile_process.ts", import.meta.url).pathname;
const CONFIG_PATH = new URL("./compiler.json", import.meta.url).pathname;
/**
 * A compile may take this long. The workbook's kernels compile in 0.5–1 s (plus
 * ~0.4 s to load the compiler) on an idle machine; a loaded one is slower. A
 * hostile source (an 18 MB array literal: 16 s and 3 GB) is stopped here.
 */
export const COMPILE_TIME_LIMIT_MS = 60_000;
/**
 * Loading the compiler may take this long before the compile's own limit
 * starts: the first build downloads it (~100 MB, Binaryen mostly), which a
 * slow connection makes minutes. A source cannot lengthen this part.
 */
export const COMPILER_LOAD_LIMIT_MS = 15 * 60_000;
/** After this long without the compiler loaded, the learner is told why the build waits. */
const LOAD_NOTICE_MS = 3_000;
/** Resident memory of the compiler's process; the kernels need ~200 MB. */
export const COMPILE_MEMORY_MB = 1536;
/** The compiler's JavaScript heap; Binaryen's own memory is watched by `COMPILE_MEMORY_MB`. */
const COMPILE_HEAP_MB = 1024;
/**
 * An AssemblyScript source larger than this is refused before compiling: the
 * kernels are a few kB, and a source the size of a table is a table.
 */
export const MAX_SOURCE_BYTES = 256 * 1024;
/** The environment variables the compiler may read; it is given no others. */
const COMPILER_ENV = ["CI"];
/** Bytes of the compiler's stdout and stderr kept (the module travels in base64 on stdout). */
const MAX_COMPILER_OUTPUT = 16 * 1024 * 1024;

/** Options of a build. */
export interface BuildOptions {
  /** Stops the compiler when it aborts (a grading deadline, Ctrl-C). */
  signal?: AbortSignal;
  /** Overrides `COMPILE_TIME_LIMIT_MS` (tests use a short one). */
  timeLimitMs?: number;
  /** Tests: a stand-in for `compile_process.ts`, speaking its protocol. */
  compileProcess?: string;
  /** Overrides `COMPILE_MEMORY_MB` (tests use a small one). */
  memoryLimitMb?: number;
}

/** True when the exercise has AssemblyScript sources to build. */
export function needsBuild(exercise: Exercise): boolean {
  return exercise.files.some((file) => file.endsWith(SOURCE_SUFFIX));
}

/**
 * Compiles every `*.as.ts` file of `exercise` found in `dir` (the folder that
 * holds the candidate's files for this exercise).
 *
 * @returns The `.wasm` files built (or found up to date), or the first error as
 *   one line: `path:line:col: message`.
 */
export async function buildExercise(
  exercise: Exercise,
  dir: string,
  options: BuildOptions = {},
): Promise<BuildResult> {
  const outputs: string[] = [];
  for (const file of exercise.files.filter((f) => f.endsWith(SOURCE_SUFFIX))) {
    const built = await buildFile(`${dir}/${file}`, options);
    if (!built.ok) return built;
    outputs.push(built.output);
  }
  return { ok: true, outputs };
}

/** The `.wasm` path a source builds: `kernel.as.ts` → `kernel.wasm`, in the same folder. */
export function wasmPathFor(source: string): string {
  return source.slice(0, -SOURCE_SUFFIX.length) + ".wasm";
}

/**
 * Builds one AssemblyScript file to the `.wasm` beside it, from the cache when
 * the same source was built before with the same compiler and options.
 */
export async function buildFile(source: string, options: BuildOptions = {}): Promise<FileBuild> {
  if (!source.endsWith(SOURCE_SUFFIX)) {
    return { ok: false, message: `Cannot build ${shown(source)}: not a ${SOURCE_SUFFIX} file` };
  }
  let text: string;
  try {
    if ((await Deno.stat(source)).size > MAX_SOURCE_BYTES) {
      return {
        ok: false,
        message: `Cannot build ${shown(source)}: larger than ${
          MAX_SOURCE_BYTES / 1024
        } kB (a kernel is a few kB; a table is not a kernel)`,
      };
    }
    text = await Deno.readTextFile(source);
  } catch {
    return {
      ok: false,
      message: `Cannot build ${shown(source)}: the file is missing or cannot be read`,
    };
  }
  const output = wasmPathFor(source);
  const cached = `${CACHE_DIR}/${await cacheKey(text)}.wasm`;
  let binary = await readOrNull(cached);
  const how = binary === null ? "compiled" : "cached";
  if (binary === null) {
    const compiled = await compile(text, source, options);
    if (!compiled.ok) return compiled;
    binary = compiled.binary;
    await writeAtomically(cached, binary);
  }
  const previous = await readOrNull(output);
  const changed = previous === null || !sameBytes(previous, binary);
  if (changed) await writeAtomically(output, binary);
  return { ok: true, output, how, changed };
}

/** Hex SHA-256 of the source, the compiler's version and the options. */
async function cacheKey(text: string): Promise<string> {
  const key = JSON.stringify({ compiler: COMPILER_VERSION, args: COMPILER_ARGS, source: text });
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Runs the compiler on `text` in a process of its own (`compile_process.ts`):
 * no permissions, a heap limit, a memory watch and a time limit. A crash, a
 * timeout or a memory blow-up is this file's one-line error, never the caller's.
 */
async function compile(
  text: string,
  source: string,
  options: BuildOptions,
): Promise<{ ok: true; binary: Uint8Array } | { ok: false; message: string }> {
  const nonce = `compiled-${crypto.randomUUID()}:`;
  const name = source.slice(source.lastIndexOf("/") + 1);
  const request: CompileRequest = { name, text, shownAs: shown(source), args: [...COMPILER_ARGS] };
  const timeLimitMs = options.timeLimitMs ?? COMPILE_TIME_LIMIT_MS;
  // Killed with the judge (a parent death signal), and at most twice its wall limit in CPU time
  // (binaryen may use a second thread).
  const [program, ...launch] = limitedLaunch((2 * timeLimitMs) / 1000);
  const child = new Deno.Command(program as string, {
    args: [
      ...launch,
      "run",
      "--no-prompt",
      // The compiler reads a few variables (CI, NO_COLOR, …) to choose its output's style.
      `--allow-env=${COMPILER_ENV.join(",")}`,
      `--config=${CONFIG_PATH}`,
      `--v8-flags=--max-old-space-size=${COMPILE_HEAP_MB}`,
      options.compileProcess ?? COMPILE_PROCESS,
      nonce,
    ],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  const { signal } = options;
  const limit = new AbortController();
  // Two clocks: loading the compiler (a download, the first time), then the compile itself.
  let timer = setTimeout(
    () =>
      limit.abort(
        `took longer than ${
          COMPILER_LOAD_LIMIT_MS / 60_000
        } min to load (the first build downloads it)`,
      ),
    COMPILER_LOAD_LIMIT_MS,
  );
  const notice = setTimeout(() => {
    console.error(
      "Loading the AssemblyScript compiler: the first build downloads it (about 100 MB, once)…",
    );
  }, LOAD_NOTICE_MS);
  const readyLine = `\n${nonce}${READY}\n`;
  const onStdout = (soFar: string): boolean => {
    if (!soFar.includes(readyLine)) return false;
    clearTimeout(notice);
    clearTimeout(timer);
    timer = setTimeout(
      () => limit.abort(`took longer than ${timeLimitMs / 1000} s`),
      timeLimitMs,
    );
    return true;
  };
  const onAbort = () => limit.abort(`was stopped (${String(signal?.reason ?? "aborted")})`);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort, { once: true });
  const watch = watchProcess(child.pid, child.status, {
    rssLimitMb: options.memoryLimitMb ?? COMPILE_MEMORY_MB,
    signal: limit.signal,
  });
  try {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(JSON.stringify(request))).catch(() => {});
    await writer.close().catch(() => {});
    const [status, stdout, stderr] = await Promise.all([
      child.status,
      boundedText(child.stdout, MAX_COMPILER_OUTPUT, onStdout),
      boundedText(child.stderr, MAX_COMPILER_OUTPUT),
    ]);
    const killed = watch.reason();
    if (killed !== undefined) {
      return { ok: false, message: `${shown(source)}: the compiler ${killedText(killed)}` };
    }
    const line = stdout.split("\n").find((l) => l.startsWith(nonce) && l !== `${nonce}${READY}`);
    if (line === undefined) {
      const why = firstErrorLine(stderr) ?? `exit status ${status.code}`;
      return { ok: false, message: `${shown(source)}: the compiler crashed: ${why}` };
    }
    let reply: CompileReply;
    try {
      reply = JSON.parse(line.slice(nonce.length)) as CompileReply;
    } catch {
      return { ok: false, message: `${shown(source)}: the compiler's output is too large` };
    }
    if (!reply.ok) return reply;
    return { ok: true, binary: Uint8Array.from(atob(reply.binaryBase64), (c) => c.charCodeAt(0)) };
  } finally {
    clearTimeout(timer);
    clearTimeout(notice);
    signal?.removeEventListener("abort", onAbort);
    if (watch.reason() === undefined) {
      try {
        child.kill("SIGKILL");
      } catch {
        // Already gone.
      }
    }
  }
}

/** The reason a limit gave, said of the compiler: "used more than 1536 MB of memory". */
function killedText(reason: string): string {
  return reason.startsWith("used") || reason.startsWith("took") || reason.startsWith("was")
    ? `${reason}: stopped`
    : `was stopped: ${reason}`;
}

/** The first line of the compiler's stderr that says what went wrong, colour codes removed. */
function firstErrorLine(stderr: string): string | null {
  // deno prints its own errors with ANSI colours even when asked not to, in places.
  // deno-lint-ignore no-control-regex
  const plain = stderr.replace(/\x1b\[[0-9;]*m/g, "").replace(/[\u2580-\u259f]\s?/g, "");
  const lines = plain.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  const telling = lines.find((l) => /error|abort|exception|exceeded|fatal/i.test(l)) ?? lines[0];
  return telling === undefined ? null : telling.slice(0, 200);
}

/**
 * Reads a stream to its end, keeping only its first `limit` bytes. `watch`, if
 * given, sees the text so far after each chunk until it returns true.
 */
async function boundedText(
  stream: ReadableStream<Uint8Array>,
  limit: number,
  watch?: (soFar: string) => boolean,
): Promise<string> {
  const kept: Uint8Array[] = [];
  let size = 0;
  let watching = watch !== undefined;
  for await (const chunk of stream) {
    if (size >= limit) continue;
    kept.push(chunk.subarray(0, limit - size));
    size += Math.min(chunk.length, limit - size);
    if (watching) watching = !watch?.(new TextDecoder().decode(concat(kept, size)));
  }
  return new TextDecoder().decode(concat(kept, size));
}

function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  const all = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}

async function readOrNull(path: string): Promise<Uint8Array | null> {
  try {
    return await Deno.readFile(path);
  } catch {
    return null;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
