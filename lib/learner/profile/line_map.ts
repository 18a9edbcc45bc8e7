/**
 * Line maps: how the lines of the JavaScript V8 ran relate to the lines of the
 * learner's TypeScript file.
 *
 * Deno transpiles TypeScript before V8 runs it, and the JavaScript it runs has
 * other line numbers (types vanish, object literals are spread over several
 * lines). The profile therefore speaks of lines of that JavaScript. Deno keeps
 * the transpiled code, with a source map, in its emit cache (`deno info --json`
 * names the folder). The map is used only when the cached code is exactly the
 * code V8 ran (`Debugger.getScriptSource`); failing that, lines are reported as
 * JavaScript lines, and the summary says so.
 *
 * Source maps are decoded by `@jridgewell/trace-mapping` (the decoder bundlers
 * use), not by hand; what is ours is the rule for a line with no segment of its
 * own, below.
 *
 * @module
 */
import type { Session } from "node:inspector/promises";
import { decodedMappings, TraceMap } from "@jridgewell/trace-mapping";
import type { CpuProfile, LineMap } from "./types.ts";

/** One decoded source-map segment: [generated column] or [generated column, source, line, column, name?]. */
export type Segment = readonly number[];

/** A source map, version 3: the fields the decoder reads. */
export interface SourceMapV3 {
  /** Always 3. */
  version: 3;
  /** The original files, by index. */
  sources: string[];
  /** Identifier names, by index. */
  names: string[];
  /** Base64 VLQ segments: `;` between generated lines, `,` between segments. */
  mappings: string;
  /** Where `sources` are relative to. */
  sourceRoot?: string;
}

/**
 * The segments of a source map (version 3), one array per generated line, in
 * order of generated column (decoded by `@jridgewell/trace-mapping`).
 *
 * @param map The source map, as JSON text or parsed.
 * @throws {Error} If the map is not a version 3 source map.
 * @example
 * ```ts
 * import { decodeSourceMap } from "./line_map.ts";
 *
 * // Line 0: column 0 maps to source 0, line 0, column 0. Line 1: column 2 to line 2, column 0.
 * const lines = decodeSourceMap({ version: 3, sources: ["a.ts"], names: [], mappings: "AAAA;EAEA" });
 * if (JSON.stringify(lines) !== "[[[0,0,0,0]],[[2,0,2,0]]]") throw new Error("wrong decoding");
 * ```
 */
export function decodeSourceMap(map: SourceMapV3): Segment[][] {
  return decodedMappings(new TraceMap(map)).map((line) => line.map((s) => [...s]));
}

/**
 * A line map from the decoded segments of a source map, for one of its sources.
 * A JavaScript line maps to the focus line of its first segment (where its
 * statement starts); a line without segments (a continuation) to that of the
 * nearest line above that has one.
 *
 * @param segments Decoded segments (`decodeSourceMap`).
 * @param sourceIndex The index of the focus file in the map's `sources`.
 * @param lines The focus file's text, one entry per line.
 */
export function sourceMapLineMap(
  segments: readonly (readonly Segment[])[],
  sourceIndex: number,
  lines: readonly string[],
): LineMap {
  const ownLine = (segmentsOfLine: readonly Segment[] | undefined): number | null => {
    const first = segmentsOfLine?.find((s) => s[1] === sourceIndex);
    return first === undefined ? null : first[2] ?? null;
  };
  return {
    kind: "source map",
    lines,
    original(line, column) {
      const here = segments[line];
      if (column !== undefined && here !== undefined) {
        let best: Segment | undefined;
        for (const segment of here) {
          if (segment[1] === sourceIndex && (segment[0] ?? 0) <= column) best = segment;
        }
        if (best !== undefined) return best[2] ?? null;
      }
      for (let l = line; l >= 0; l--) {
        const found = l === line ? ownLine(segments[l]) : lastLine(segments[l], sourceIndex);
        if (found !== null) return found;
      }
      return null;
    },
  };
}

function lastLine(segments: readonly Segment[] | undefined, sourceIndex: number): number | null {
  if (segments === undefined) return null;
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i] as Segment;
    if (segment[1] === sourceIndex) return segment[2] ?? null;
  }
  return null;
}

/** The map for code V8 ran unchanged, or when no map can be trusted. */
export function plainLineMap(kind: "identity" | "javascript", lines: readonly string[]): LineMap {
  return { kind, lines, original: (line) => line };
}

/**
 * Finds the best line map for `focus`, the script V8 ran for it being in `profile`.
 *
 * @param session An inspector session connected to the isolate that ran it.
 */
export async function loadLineMap(
  session: Session,
  profile: CpuProfile,
  focus: string,
): Promise<LineMap> {
  const scriptId = profile.nodes.find((n) => n.callFrame.url === focus)?.callFrame.scriptId;
  const original = await readText(new URL(focus));
  if (scriptId === undefined) return plainLineMap("identity", splitLines(original ?? ""));
  await session.post("Debugger.enable");
  let ran: string;
  try {
    ran = (await session.post("Debugger.getScriptSource", { scriptId })).scriptSource;
  } finally {
    await session.post("Debugger.disable");
  }
  if (original !== null && sameCode(original, ran)) {
    return plainLineMap("identity", splitLines(original));
  }
  const emitted = await readEmitted(focus);
  if (original !== null && emitted !== null && sameCode(emitted.code, ran)) {
    const sourceIndex = emitted.map.sources.indexOf(focus);
    if (sourceIndex >= 0) {
      try {
        return sourceMapLineMap(decodeSourceMap(emitted.map), sourceIndex, splitLines(original));
      } catch {
        // A map the decoder refuses: report JavaScript lines, as below.
      }
    }
  }
  return plainLineMap("javascript", splitLines(ran));
}

function sameCode(a: string, b: string): boolean {
  return a.trimEnd() === b.trimEnd();
}

function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

async function readText(url: URL): Promise<string | null> {
  try {
    return await Deno.readTextFile(url);
  } catch {
    return null;
  }
}

const INLINE_MAP = "\n//# sourceMappingURL=data:application/json;base64,";

/**
 * The code Deno emitted for `url` and its source map, from Deno's emit cache
 * (`<typescriptCache>/file/<path>.js`), or null when they cannot be found.
 */
async function readEmitted(url: string): Promise<{ code: string; map: SourceMapV3 } | null> {
  if (!url.startsWith("file:///")) return null;
  const cacheDir = await emitCacheDir();
  if (cacheDir === null) return null;
  const cached = await readText(new URL(`file://${cacheDir}/file${new URL(url).pathname}.js`));
  if (cached === null) return null;
  const at = cached.lastIndexOf(INLINE_MAP);
  if (at < 0) return null;
  const encoded = cached.slice(at + INLINE_MAP.length).split("\n", 1)[0] ?? "";
  try {
    const bytes = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
    const map = JSON.parse(new TextDecoder().decode(bytes)) as SourceMapV3;
    if (!Array.isArray(map.sources) || typeof map.mappings !== "string") return null;
    return { code: cached.slice(0, at + 1), map: { ...map, version: 3, names: map.names ?? [] } };
  } catch {
    return null;
  }
}

let emitCache: Promise<string | null> | undefined;

/** The folder of Deno's emit cache, as `deno info --json` names it. */
function emitCacheDir(): Promise<string | null> {
  emitCache ??= (async () => {
    try {
      const output = await new Deno.Command(Deno.execPath(), {
        args: ["info", "--json"],
        stdout: "piped",
        stderr: "null",
      }).output();
      if (!output.success) return null;
      const info = JSON.parse(new TextDecoder().decode(output.stdout));
      return typeof info.typescriptCache === "string" ? info.typescriptCache : null;
    } catch {
      return null;
    }
  })();
  return emitCache;
}
