/**
 * The AssemblyScript compiler, run in a process of its own (`build.ts` starts
 * it with no permissions, a heap limit, a memory watch and a time limit).
 * Compiling is untrusted work: a source can make the compiler recurse until it
 * calls `process.exit(1)`, or take gigabytes and minutes; here that ends this
 * process, not the check or the grading run that asked for the build.
 *
 * The compiler comes from its own configuration, `compiler.json` beside this
 * file (with its own frozen lock, `compiler.lock`), never from the workbook's
 * deno.json: Deno fetches every package of a configuration's lock on the first
 * npm import, and the compiler's Binaryen is ~94 MB that only exercises 8 and 9
 * need. So a first `check 2` downloads no compiler; the first build does.
 * The import below names the compiler through a constant, so that the
 * workbook's module graph (and `deno check` with its deno.json) never
 * resolves it; `Asc` types the little of its API this file uses.
 *
 * Protocol: one JSON line on stdin, `{ name, text, shownAs, args }`; on stdout,
 * a line `NONCEready` once the compiler is loaded (the first build downloads
 * it: the caller's time limit starts there), then a line starting with the
 * nonce given as the first argument and the JSON of a `CompileReply`.
 * Anything else the compiler prints is ignored.
 *
 * @module
 */

/** What the compiler produced: the module, or the first error as one line. */
export type CompileReply =
  | { ok: true; binaryBase64: string }
  | { ok: false; message: string };

/** What the compiling process is asked: one AssemblyScript file and the compiler's arguments. */
export interface CompileRequest {
  /** The file's own name (`kernel.as.ts`), as the compiler knows it. */
  name: string;
  /** The source text. */
  text: string;
  /** How the file is named in messages (`exercises/08_wasm_kernel/kernel.as.ts`). */
  shownAs: string;
  /** The compiler's command-line arguments (`--optimize`, `--outFile`…). */
  args: string[];
}

/** The compiler's entry, resolved through `compiler.json` only (see above). */
const COMPILER_MODULE = "assemblyscript/asc";

/** The part of the compiler's API (`assemblyscript/asc`) that this file uses. */
export interface Asc {
  /** Compiles as the `asc` command line does, through the given file functions. */
  main(
    argv: string[],
    options: {
      readFile: (file: string) => string | null;
      writeFile: (file: string, contents: Uint8Array | string) => void;
      listFiles: () => string[];
      stdout: unknown;
      stderr: unknown;
      reportDiagnostic: (diagnostic: Diagnostic) => void;
    },
  ): Promise<{ error: Error | null }>;
  /** A stream that keeps what is written to it (the compiler's own output, unread). */
  createMemoryStream(): unknown;
  /** The standard library's sources, keyed by path without `~lib/` and `.ts`. */
  libraryFiles: Record<string, string>;
}

/** Diagnostic category of an error in the compiler's numbering (pedantic 0 … error 3). */
const ERROR_CATEGORY = 3;

/** The diagnostic fields the compiler reports (its `DiagnosticMessage`). */
export interface Diagnostic {
  /** The compiler's code: below 1000 its own (AS…), else TypeScript's (TS…). */
  code: number;
  /** Pedantic 0 … error 3. */
  category: number;
  /** What the compiler says. */
  message: string;
  /** Where in which source, or null for a diagnostic about no place. */
  range: { start: number; source: { normalizedPath: string } } | null;
}

/** Loads the compiler (the first time, Deno downloads it: ~100 MB with Binaryen). */
async function loadCompiler(): Promise<Asc> {
  return (await import(COMPILER_MODULE)).default as Asc;
}

/** Runs the compiler on the request's text; never throws for a bad source. */
export async function compileRequest(
  request: CompileRequest,
  asc: Asc | undefined = undefined,
): Promise<CompileReply> {
  asc ??= await loadCompiler();
  const { name, text } = request;
  const outName = "out.wasm";
  let binary: Uint8Array | null = null;
  const errors: Diagnostic[] = [];
  const result = await asc.main([name, "--outFile", outName, ...request.args], {
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
    return { ok: true, binaryBase64: toBase64(binary) };
  }
  // Prefer an error in the learner's file to one it caused in the standard library.
  const first = errors.find((e) => e.range?.source.normalizedPath === name) ?? errors[0];
  if (first === undefined) {
    const why = result.error?.message.split("\n")[0] ?? "no output";
    return { ok: false, message: `${request.shownAs}: the compiler failed: ${why}` };
  }
  return { ok: false, message: formatDiagnostic(first, request, asc.libraryFiles) };
}

/** `path:line:col: TS2304: Cannot find name 'x'.`, from a diagnostic and the text it points into. */
function formatDiagnostic(
  diagnostic: Diagnostic,
  request: CompileRequest,
  library: Record<string, string>,
): string {
  // The compiler's own numbering: below 1000 its own codes (AS…), above TypeScript's.
  const code = `${diagnostic.code < 1000 ? "AS" : "TS"}${diagnostic.code}`;
  const message = diagnostic.message.replace(/\s+/g, " ").trim();
  const range = diagnostic.range;
  if (range === null) return `${request.shownAs}: ${code}: ${message}`;
  const path = range.source.normalizedPath;
  const inOwnFile = path === request.name;
  // The standard library's files are keyed without the `~lib/` prefix and `.ts`.
  const where = inOwnFile
    ? request.text
    : library[path.replace(/^~lib\//, "").replace(/\.ts$/, "")];
  const shownPath = inOwnFile ? request.shownAs : path;
  if (where === undefined) return `${shownPath}: ${code}: ${message}`;
  const before = where.slice(0, range.start);
  const line = before.split("\n").length;
  const column = range.start - before.lastIndexOf("\n");
  return `${shownPath}:${line}:${column}: ${code}: ${message}`;
}

function toBase64(bytes: Uint8Array): string {
  let text = "";
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) {
    text += String.fromCharCode(...bytes.subarray(i, i + step));
  }
  return btoa(text);
}

/** The line that says the compiler is loaded; the compile's time limit starts at it. */
export const READY = "ready";

function writeLine(text: string): void {
  const line = new TextEncoder().encode(`\n${text}\n`);
  for (let written = 0; written < line.length;) {
    written += Deno.stdout.writeSync(line.subarray(written));
  }
}

async function main(): Promise<void> {
  const nonce = Deno.args[0] ?? "";
  const input = await new Response(Deno.stdin.readable).text();
  const asc = await loadCompiler();
  writeLine(`${nonce}${READY}`);
  const reply = await compileRequest(JSON.parse(input) as CompileRequest, asc);
  writeLine(`${nonce}${JSON.stringify(reply)}`);
}

if (import.meta.main) await main();
