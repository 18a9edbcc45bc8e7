/**
 * Builds an exercise's AssemblyScript sources (`*.as.ts`) to WebAssembly before
 * it is checked, benchmarked or compared. Each `name.as.ts` becomes `name.wasm`
 * beside it, which the learner's TypeScript loads.
 *
 * The compiler (npm `assemblyscript`, pinned in deno.json) runs in this process
 * through its programmatic API, on the source text: nothing is read or written
 * behind our back. Builds are cached by content in `.workbook/wasm-cache/`
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
import config from "../../deno.json" with { type: "json" };

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

/** The compiler's version, from the pin in deno.json (read without loading the compiler). */
export const COMPILER_VERSION: string = (config.imports as Record<string, string>)
  .assemblyscript?.replace(/^npm:assemblyscript@/, "") ?? "unknown";

/** Diagnostic category of an error in the compiler's numbering (pedantic 0 … error 3). */
const ERROR_CATEGORY = 3;

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
export async function buildExercise(exercise: Exercise, dir: string): Promise<BuildResult> {
  const outputs: string[] = [];
  for (const file of exercise.files.filter((f) => f.endsWith(SOURCE_SUFFIX))) {
    const built = await buildFile(`${dir}/${file}`);
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
export async function buildFile(source: string): Promise<FileBuild> {
  if (!source.endsWith(SOURCE_SUFFIX)) {
    return { ok: false, message: `Cannot build ${shown(source)}: not a ${SOURCE_SUFFIX} file` };
  }
  let text: string;
  try {
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
    const compiled = await compile(text, source);
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

/** The diagnostic fields the compiler reports (its `DiagnosticMessage`). */
interface Diagnostic {
  code: number;
  category: number;
  message: string;
  range: { start: number; source: { normalizedPath: string } } | null;
}

/**
 * Runs the compiler on `text` (known to it as the file's own name) and returns
 * the module's bytes, or the first error as one line.
 */
async function compile(
  text: string,
  source: string,
): Promise<{ ok: true; binary: Uint8Array } | { ok: false; message: string }> {
  // Loaded only on a cache miss: importing the compiler alone takes about 0.4 s.
  const asc = (await import("assemblyscript/asc")).default;
  const name = source.slice(source.lastIndexOf("/") + 1);
  const outName = "out.wasm";
  let binary: Uint8Array | null = null;
  const errors: Diagnostic[] = [];
  const result = await asc.main([name, "--outFile", outName, ...COMPILER_ARGS], {
    // The compiler sees one file, ours; its standard library is built in.
    readFile: (file: string) => (file === name ? text : null),
    writeFile: (file: string, contents: Uint8Array | string) => {
      if (file === outName && typeof contents !== "string") binary = contents;
    },
    listFiles: () => [],
    stdout: asc.createMemoryStream(),
    stderr: asc.createMemoryStream(),
    reportDiagnostic: (diagnostic: Diagnostic) => {
      if (diagnostic.category === ERROR_CATEGORY) errors.push(diagnostic);
    },
  });
  if (binary !== null && result.error === null && errors.length === 0) {
    return { ok: true, binary };
  }
  // Prefer an error in the learner's file to one it caused in the standard library.
  const first = errors.find((e) => e.range?.source.normalizedPath === name) ?? errors[0];
  if (first === undefined) {
    const why = result.error?.message.split("\n")[0] ?? "no output";
    return { ok: false, message: `${shown(source)}: the compiler failed: ${why}` };
  }
  return { ok: false, message: formatDiagnostic(first, name, text, source, asc.libraryFiles) };
}

/** `path:line:col: TS2304: Cannot find name 'x'.`, from a diagnostic and the text it points into. */
function formatDiagnostic(
  diagnostic: Diagnostic,
  name: string,
  text: string,
  source: string,
  library: Record<string, string>,
): string {
  // The compiler's own numbering: below 1000 its own codes (AS…), above TypeScript's.
  const code = `${diagnostic.code < 1000 ? "AS" : "TS"}${diagnostic.code}`;
  const message = diagnostic.message.replace(/\s+/g, " ").trim();
  const range = diagnostic.range;
  if (range === null) return `${shown(source)}: ${code}: ${message}`;
  const path = range.source.normalizedPath;
  const inOwnFile = path === name;
  // The standard library's files are keyed without the `~lib/` prefix and `.ts`.
  const where = inOwnFile ? text : library[path.replace(/^~lib\//, "").replace(/\.ts$/, "")];
  const shownPath = inOwnFile ? shown(source) : path;
  if (where === undefined) return `${shownPath}: ${code}: ${message}`;
  const before = where.slice(0, range.start);
  const line = before.split("\n").length;
  const column = range.start - before.lastIndexOf("\n");
  return `${shownPath}:${line}:${column}: ${code}: ${message}`;
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
