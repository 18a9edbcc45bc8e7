/**
 * The profiler behind `deno task profile`: runs a function under V8's CPU
 * profiler (through `node:inspector`), samples memory while it runs, and maps
 * the samples back to the lines of the learner's TypeScript file.
 *
 * This is a learner's tool, not a verdict: the code it profiles runs in this
 * process, on purpose, because the profiler can only see the isolate it is
 * connected to. Nothing here decides a grade (that is `verdict.ts`, fed by the
 * sandboxed runner); a candidate that misbehaves here only spoils its own profile.
 *
 * How lines are found. Deno transpiles TypeScript before V8 runs it, and the
 * JavaScript it runs has other line numbers (types vanish, object literals are
 * spread over several lines). The profile therefore speaks of lines of that
 * JavaScript. Deno keeps the transpiled code, with a source map, in its emit
 * cache (`deno info --json` names the folder). The map is used only when the
 * cached code is exactly the code V8 ran (`Debugger.getScriptSource`); failing
 * that, lines are reported as JavaScript lines, and the summary says so.
 *
 * @module
 */
import { Session } from "node:inspector/promises";

/** Where a profile node's function starts (0-based line and column). */
export interface CallFrame {
  functionName: string;
  scriptId: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

/** One node of the call tree of a V8 CPU profile. */
export interface CpuProfileNode {
  id: number;
  callFrame: CallFrame;
  /** Samples taken while this node was on top of the stack. */
  hitCount?: number;
  children?: number[];
  /** How `hitCount` splits over source lines (1-based). */
  positionTicks?: { line: number; ticks: number }[];
}

/** A V8 CPU profile: the format of a `.cpuprofile` file, which Chrome DevTools opens. */
export interface CpuProfile {
  nodes: CpuProfileNode[];
  /** Microseconds, on V8's clock. */
  startTime: number;
  endTime: number;
  /** The node on top of the stack at each sample. */
  samples?: number[];
  /** Microseconds from the previous sample (or the start) to each sample. */
  timeDeltas?: number[];
}

/** Memory during a profiled run, in bytes. */
export interface MemoryReport {
  /** Resident set of the whole process just before the run. */
  rssBefore: number;
  /** The largest resident set seen while the run went on (sampled; see `intervalMs`). */
  peakRss: number;
  /** How often the resident set was sampled, in milliseconds. */
  intervalMs: number;
  /** JavaScript heap in use just before and just after the run. */
  heapUsedBefore: number;
  heapUsedAfter: number;
  /** JavaScript heap V8 had reserved just after the run (it rarely gives it back at once). */
  heapTotalAfter: number;
  /**
   * Bytes allocated on the JavaScript heap during the run, including what the
   * garbage collector freed meanwhile (V8's sampling heap profiler: an estimate).
   * Null when allocations were not sampled.
   */
  allocated: number | null;
}

/** The cost of one line of the focus file. */
export interface LineCost {
  /** 1-based line of the focus file (or of the JavaScript, see `LineMap.kind`). */
  line: number;
  text: string;
  /** Time spent executing this line itself, builtins it calls included (ms). */
  selfMs: number;
  /** `selfMs` as a share of all the time sampled, 0 to 1. */
  share: number;
}

/** The cost of one function of the focus file. */
export interface FunctionCost {
  /** The function's name; `(anonymous)` for arrows and function expressions. */
  name: string;
  /** 1-based line where the function starts. */
  line: number;
  selfMs: number;
  selfShare: number;
  /** Time with this function anywhere on the stack: itself and what it calls (ms). */
  totalMs: number;
  totalShare: number;
  /** Bytes it (and builtins it called) allocated, sampled; null when not sampled. */
  allocated: number | null;
}

/** Time spent outside the focus file's own lines, by kind. */
export interface OtherCost {
  label: string;
  what: string;
  ms: number;
  share: number;
}

/** How the profile's line numbers were related to the focus file's. */
export type LineMapKind =
  /** Through the source map Deno wrote when it transpiled the file. */
  | "source map"
  /** V8 ran the file's text unchanged (a `.js` file). */
  | "identity"
  /** No trustworthy map: the lines are those of the JavaScript Deno ran. */
  | "javascript";

/** Maps lines of the JavaScript V8 ran to lines of the focus file. */
export interface LineMap {
  kind: LineMapKind;
  /** The text the reported line numbers refer to, one entry per line. */
  lines: readonly string[];
  /** The 0-based focus-file line for a 0-based JavaScript position, or null. */
  original(line: number, column?: number): number | null;
}

export interface ProfileSummary {
  /** URL of the file whose lines are reported. */
  focus: string;
  mapping: LineMapKind;
  /** All the time sampled, in ms, and the number of samples. */
  totalMs: number;
  samples: number;
  /** Every line of the focus file that was sampled, costliest first. */
  lines: LineCost[];
  /** Every function of the focus file that was sampled, by total time, costliest first. */
  functions: FunctionCost[];
  /** Time not spent in the focus file's own lines, costliest first. */
  elsewhere: OtherCost[];
}

export interface ProfileOptions {
  /** The module whose lines are reported (a `file:` URL). */
  focus: string;
  /**
   * Microseconds between CPU samples. Default 200: about 5,000 samples in a
   * second, enough for line-level shares, at a cost of a few percent.
   */
  samplingIntervalUs?: number;
  /** Milliseconds between memory samples. Default 20. */
  memoryIntervalMs?: number;
  /** Print `profiling… N s` on stderr every second while the run lasts. Default false. */
  progress?: boolean;
  /** Sample allocations too (V8's sampling heap profiler). Default true. */
  allocations?: boolean;
}

/** What `profileRun` returns when the run finished. */
export interface ProfiledRun<T> {
  value: T;
  /** Wall-clock time of the run, in ms. */
  wallMs: number;
  /** The raw profile, with the focus file's positions rewritten to its own lines. */
  profile: CpuProfile;
  summary: ProfileSummary;
  memory: MemoryReport;
}

/** Thrown by `profileRun` when the run threw; the profile up to the throw is kept. */
export class ProfiledRunError extends Error {
  constructor(readonly thrown: unknown, readonly wallMs: number) {
    super("The profiled run threw", { cause: thrown });
    this.name = "ProfiledRunError";
  }
}

const DEFAULT_SAMPLING_INTERVAL_US = 200;
const DEFAULT_MEMORY_INTERVAL_MS = 20;
/** Bytes between two allocation samples: V8's default, cheap enough to leave on. */
const ALLOCATION_SAMPLING_BYTES = 32 * 1024;

/** V8's names for time that belongs to no JavaScript function. */
const SPECIAL_NODES: Readonly<Record<string, string>> = {
  "(garbage collector)": "V8 freeing memory: the price of what the code allocates",
  "(program)": "native code V8 cannot attribute to a function (compiling, runtime)",
  "(idle)": "waiting (for a Worker, a timer, I/O)",
  "(root)": "the bottom of the call tree",
};
const OTHER_CODE = "other JavaScript";

/**
 * Runs `run` under the CPU profiler, with memory sampled from a helper Worker
 * meanwhile, and summarises the profile for the lines of `options.focus`.
 *
 * The run executes in this isolate, on this thread: while it computes, nothing
 * else here runs. The helper Worker is a separate thread, so it can sample the
 * process's memory and print progress all the same.
 *
 * @param run The code to profile; a returned promise is awaited.
 * @param options What to report and how finely to sample.
 * @returns The value returned, the profile and its summary, and the memory used.
 * @throws {ProfiledRunError} If `run` throws (the original error is its `thrown`).
 */
export async function profileRun<T>(
  run: () => T | Promise<T>,
  options: ProfileOptions,
): Promise<ProfiledRun<T>> {
  const intervalUs = options.samplingIntervalUs ?? DEFAULT_SAMPLING_INTERVAL_US;
  const memoryIntervalMs = options.memoryIntervalMs ?? DEFAULT_MEMORY_INTERVAL_MS;
  const sampleAllocations = options.allocations ?? true;
  const sampler = await startMemorySampler(memoryIntervalMs, options.progress ?? false);
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: intervalUs });
    if (sampleAllocations) {
      await session.post("HeapProfiler.enable");
      await session.post("HeapProfiler.startSampling", {
        samplingInterval: ALLOCATION_SAMPLING_BYTES,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
    }
    const before = Deno.memoryUsage();
    await session.post("Profiler.start");
    const started = performance.now();
    let outcome: { ok: true; value: T } | { ok: false; thrown: unknown };
    try {
      outcome = { ok: true, value: await run() };
    } catch (thrown) {
      outcome = { ok: false, thrown };
    }
    const wallMs = performance.now() - started;
    const { profile } = await session.post("Profiler.stop");
    const heapProfile = sampleAllocations
      ? (await session.post("HeapProfiler.stopSampling")).profile
      : null;
    const after = Deno.memoryUsage();
    const peakRss = await sampler.stop();
    if (!outcome.ok) throw new ProfiledRunError(outcome.thrown, wallMs);

    const cpuProfile = profile as CpuProfile;
    const lineMap = await loadLineMap(session, cpuProfile, options.focus);
    const allocations = heapProfile === null
      ? null
      : allocationsByFunction(heapProfile.head as HeapNode, options.focus, lineMap);
    const summary = summarizeProfile(cpuProfile, options.focus, lineMap, allocations);
    return {
      value: outcome.value,
      wallMs,
      profile: remapProfile(cpuProfile, options.focus, lineMap),
      summary,
      memory: {
        rssBefore: before.rss,
        peakRss: Math.max(peakRss, before.rss, after.rss),
        intervalMs: memoryIntervalMs,
        heapUsedBefore: before.heapUsed,
        heapUsedAfter: after.heapUsed,
        heapTotalAfter: after.heapTotal,
        allocated: allocations === null ? null : allocations.total,
      },
    };
  } finally {
    sampler.cancel();
    session.disconnect();
  }
}

// ---------------------------------------------------------------------------
// Memory sampling and progress, from a helper Worker

/**
 * The helper Worker's code. It is inlined (as a `data:` URL) so that the
 * profiler is one module. It must be a separate thread: the run blocks this one.
 * `Deno.memoryUsage().rss` is the whole process's resident set, run included.
 */
const SAMPLER_SOURCE = `
let peak = 0;
let timer;
self.onmessage = (event) => {
  if (event.data.kind === "start") {
    const { intervalMs, progress } = event.data;
    const started = performance.now();
    let nextReport = 1000;
    const sample = () => {
      const rss = Deno.memoryUsage().rss;
      if (rss > peak) peak = rss;
      const elapsed = performance.now() - started;
      if (progress && elapsed >= nextReport) {
        console.error("profiling… " + Math.round(elapsed / 1000) + " s");
        nextReport += 1000;
      }
    };
    sample();
    timer = setInterval(sample, intervalMs);
    self.postMessage({ kind: "started" });
  } else if (event.data.kind === "stop") {
    clearInterval(timer);
    peak = Math.max(peak, Deno.memoryUsage().rss);
    self.postMessage({ kind: "peak", peak });
  }
};
`;

interface MemorySampler {
  /** Stops sampling; resolves to the largest resident set seen, in bytes. */
  stop(): Promise<number>;
  /** Ends the Worker (safe to call more than once). */
  cancel(): void;
}

async function startMemorySampler(intervalMs: number, progress: boolean): Promise<MemorySampler> {
  const url = `data:application/javascript,${encodeURIComponent(SAMPLER_SOURCE)}`;
  const worker = new Worker(url, { type: "module" });
  const nextMessage = () =>
    new Promise<{ kind: string; peak?: number }>((resolve, reject) => {
      worker.onmessage = (event) => resolve(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        reject(new Error(`Cannot sample memory: ${event.message}`));
      };
    });
  const started = nextMessage();
  worker.postMessage({ kind: "start", intervalMs, progress });
  await started;
  let cancelled = false;
  return {
    async stop() {
      const reply = nextMessage();
      worker.postMessage({ kind: "stop" });
      return (await reply).peak ?? 0;
    },
    cancel() {
      if (cancelled) return;
      cancelled = true;
      worker.terminate();
    },
  };
}

// ---------------------------------------------------------------------------
// Line maps

/** One decoded source-map segment: [generated column, source, line, column] (0-based). */
type Segment = [number, number, number, number];

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * Decodes the `mappings` field of a source map (version 3) into segments, one
 * array per generated line. Segments without a source position are dropped.
 *
 * @param mappings The Base64 VLQ string of a source map.
 * @returns For each generated line, its segments in order of generated column.
 * @throws {SyntaxError} If the string holds a character that is not Base64.
 *
 * @example
 * ```ts
 * import { decodeMappings } from "./profile.ts";
 *
 * // Line 0: column 0 maps to source 0, line 0, column 0. Line 1: column 2 to line 2, column 0.
 * const lines = decodeMappings("AAAA;EAEA");
 * if (JSON.stringify(lines) !== "[[[0,0,0,0]],[[2,0,2,0]]]") throw new Error("wrong decoding");
 * ```
 */
export function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let source = 0;
  let sourceLine = 0;
  let sourceColumn = 0;
  for (const lineText of mappings.split(";")) {
    const segments: Segment[] = [];
    let column = 0;
    for (const segmentText of lineText.split(",")) {
      if (segmentText === "") continue;
      const fields = decodeVlq(segmentText);
      column += fields[0] ?? 0;
      if (fields.length < 4) continue;
      source += fields[1] ?? 0;
      sourceLine += fields[2] ?? 0;
      sourceColumn += fields[3] ?? 0;
      segments.push([column, source, sourceLine, sourceColumn]);
    }
    lines.push(segments);
  }
  return lines;
}

/** The signed integers of one Base64 VLQ segment. */
function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = BASE64.indexOf(char);
    if (digit < 0) throw new SyntaxError(`Cannot decode a source map: "${char}" is not Base64`);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value % 2 === 1 ? -(value - 1) / 2 : value / 2);
    value = 0;
    shift = 0;
  }
  return values;
}

/**
 * A line map from the decoded segments of a source map, for one of its sources.
 * A JavaScript line maps to the focus line of its first segment (where its
 * statement starts); a line without segments (a continuation) to that of the
 * nearest line above that has one.
 */
export function sourceMapLineMap(
  segments: Segment[][],
  sourceIndex: number,
  lines: readonly string[],
): LineMap {
  const ownLine = (segmentsOfLine: Segment[] | undefined): number | null => {
    const first = segmentsOfLine?.find((s) => s[1] === sourceIndex);
    return first === undefined ? null : first[2];
  };
  return {
    kind: "source map",
    lines,
    original(line, column) {
      const here = segments[line];
      if (column !== undefined && here !== undefined) {
        let best: Segment | undefined;
        for (const segment of here) {
          if (segment[1] === sourceIndex && segment[0] <= column) best = segment;
        }
        if (best !== undefined) return best[2];
      }
      for (let l = line; l >= 0; l--) {
        const found = l === line ? ownLine(segments[l]) : lastLine(segments[l], sourceIndex);
        if (found !== null) return found;
      }
      return null;
    },
  };
}

function lastLine(segments: Segment[] | undefined, sourceIndex: number): number | null {
  if (segments === undefined) return null;
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i] as Segment;
    if (segment[1] === sourceIndex) return segment[2];
  }
  return null;
}

/** The map for code V8 ran unchanged, or when no map can be trusted. */
function plainLineMap(kind: "identity" | "javascript", lines: readonly string[]): LineMap {
  return { kind, lines, original: (line) => line };
}

/** Finds the best line map for `focus`, the script V8 ran for it being in `profile`. */
async function loadLineMap(session: Session, profile: CpuProfile, focus: string): Promise<LineMap> {
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
      return sourceMapLineMap(
        decodeMappings(emitted.map.mappings),
        sourceIndex,
        splitLines(original),
      );
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

interface SourceMapJson {
  sources: string[];
  mappings: string;
}

const INLINE_MAP = "\n//# sourceMappingURL=data:application/json;base64,";

/**
 * The code Deno emitted for `url` and its source map, from Deno's emit cache
 * (`<typescriptCache>/file/<path>.js`), or null when they cannot be found.
 */
async function readEmitted(url: string): Promise<{ code: string; map: SourceMapJson } | null> {
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
    const map = JSON.parse(new TextDecoder().decode(bytes)) as SourceMapJson;
    if (!Array.isArray(map.sources) || typeof map.mappings !== "string") return null;
    return { code: cached.slice(0, at + 1), map };
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

// ---------------------------------------------------------------------------
// Summaries

/** The time each sample stands for, in ms: from it to the next sample (or the end). */
function sampleWeights(profile: CpuProfile): number[] {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const weights: number[] = [];
  let time = profile.startTime;
  const times = samples.map((_, i) => (time += deltas[i] ?? 0));
  for (let i = 0; i < samples.length; i++) {
    const next = i + 1 < samples.length ? times[i + 1] as number : profile.endTime;
    weights.push(Math.max(0, next - (times[i] as number)) / 1000);
  }
  return weights;
}

interface FunctionKey {
  key: string;
  name: string;
  line: number;
}

function functionOf(callFrame: CallFrame, lineMap: LineMap): FunctionKey {
  const { functionName, lineNumber, columnNumber } = callFrame;
  const line = (lineMap.original(lineNumber, columnNumber) ?? lineNumber) + 1;
  const name = functionName === "" ? "(anonymous)" : functionName;
  return { key: `${name}@${line}`, name, line };
}

/**
 * Summarises a CPU profile for the lines and functions of one file.
 *
 * Self time of a line is the time the sampled program counter was on that line
 * (builtins it calls, such as `String()` or `Array.from`, count for the line that
 * calls them; functions of the file it calls count for their own lines). A
 * function's total time counts every sample with the function anywhere on the
 * stack. Shares are of all the time sampled, garbage collection included.
 *
 * @param profile A V8 CPU profile, positions as V8 reported them.
 * @param focus The URL of the file to report on.
 * @param lineMap Relates the profile's lines to the file's.
 * @param allocations Bytes allocated per function key, when sampled.
 * @returns Lines and functions, costliest first, and the time spent elsewhere.
 */
export function summarizeProfile(
  profile: CpuProfile,
  focus: string,
  lineMap: LineMap,
  allocations: { byFunction: Map<string, number> } | null = null,
): ProfileSummary {
  const weights = sampleWeights(profile);
  const samples = profile.samples ?? [];
  const totalMs = weights.reduce((sum, w) => sum + w, 0);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
  }

  const selfMs = new Map<number, number>();
  samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (weights[i] ?? 0)));

  const lineMs = new Map<number, number>();
  const functions = new Map<string, FunctionCost>();
  const other = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const node = byId.get(id);
    if (node === undefined) continue;
    if (node.callFrame.url !== focus) {
      const label = node.callFrame.functionName in SPECIAL_NODES && node.callFrame.url === ""
        ? node.callFrame.functionName
        : OTHER_CODE;
      other.set(label, (other.get(label) ?? 0) + ms);
      continue;
    }
    const fn = functionOf(node.callFrame, lineMap);
    const cost = functions.get(fn.key) ?? emptyFunctionCost(fn);
    cost.selfMs += ms;
    functions.set(fn.key, cost);
    // positionTicks split the node's samples over its lines; its time splits alike.
    const ticks = node.positionTicks ?? [];
    const hits = ticks.reduce((sum, t) => sum + t.ticks, 0);
    if (hits === 0) {
      lineMs.set(fn.line, (lineMs.get(fn.line) ?? 0) + ms);
      continue;
    }
    for (const { line, ticks: count } of ticks) {
      const mapped = (lineMap.original(line - 1) ?? line - 1) + 1;
      lineMs.set(mapped, (lineMs.get(mapped) ?? 0) + ms * count / hits);
    }
  }

  // Total time: each sample counts once for every distinct function on its stack.
  const stackKeys = new Map<number, string[]>();
  const keysOnStack = (id: number): string[] => {
    const known = stackKeys.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const up = parent.get(id);
    const below = up === undefined ? [] : keysOnStack(up);
    let keys = below;
    if (node !== undefined && node.callFrame.url === focus) {
      const fn = functionOf(node.callFrame, lineMap);
      if (!functions.has(fn.key)) functions.set(fn.key, emptyFunctionCost(fn));
      if (!below.includes(fn.key)) keys = [...below, fn.key];
    }
    stackKeys.set(id, keys);
    return keys;
  };
  samples.forEach((id, i) => {
    for (const key of keysOnStack(id)) {
      const cost = functions.get(key);
      if (cost !== undefined) cost.totalMs += weights[i] ?? 0;
    }
  });

  const share = (ms: number) => (totalMs > 0 ? ms / totalMs : 0);
  const lines: LineCost[] = [...lineMs].map(([line, ms]) => ({
    line,
    text: (lineMap.lines[line - 1] ?? "").trim(),
    selfMs: ms,
    share: share(ms),
  })).sort((a, b) => b.selfMs - a.selfMs || a.line - b.line);
  const functionList = [...functions.entries()].map(([key, cost]) => ({
    ...cost,
    selfShare: share(cost.selfMs),
    totalShare: share(cost.totalMs),
    allocated: allocations === null ? null : allocations.byFunction.get(key) ?? 0,
  })).sort((a, b) => b.totalMs - a.totalMs || a.line - b.line);
  const elsewhere = [...other].map(([label, ms]) => ({
    label,
    what: SPECIAL_NODES[label] ?? "the runtime, the harness, other modules",
    ms,
    share: share(ms),
  })).sort((a, b) => b.ms - a.ms);
  return {
    focus,
    mapping: lineMap.kind,
    totalMs,
    samples: samples.length,
    lines,
    functions: functionList,
    elsewhere,
  };
}

function emptyFunctionCost(fn: FunctionKey): FunctionCost {
  return {
    name: fn.name,
    line: fn.line,
    selfMs: 0,
    selfShare: 0,
    totalMs: 0,
    totalShare: 0,
    allocated: null,
  };
}

/** A node of V8's sampling heap profile. */
interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

/**
 * Bytes allocated, by the nearest function of `focus` on the stack: a builtin
 * such as `String()` allocates on behalf of the function that called it.
 */
function allocationsByFunction(
  head: HeapNode,
  focus: string,
  lineMap: LineMap,
): { total: number; byFunction: Map<string, number> } {
  const byFunction = new Map<string, number>();
  let total = 0;
  const visit = (node: HeapNode, owner: string | null) => {
    let current = owner;
    if (node.callFrame.url === focus) current = functionOf(node.callFrame, lineMap).key;
    total += node.selfSize;
    if (current !== null) byFunction.set(current, (byFunction.get(current) ?? 0) + node.selfSize);
    for (const child of node.children) visit(child, current);
  };
  visit(head, null);
  return { total, byFunction };
}

/**
 * A copy of `profile` whose positions in `focus` are lines of the file itself,
 * so that a viewer showing the file (Chrome DevTools) puts the time on the right
 * lines. Other scripts are left as they are.
 */
export function remapProfile(profile: CpuProfile, focus: string, lineMap: LineMap): CpuProfile {
  if (lineMap.kind !== "source map") return profile;
  const nodes = profile.nodes.map((node) => {
    if (node.callFrame.url !== focus) return node;
    const { lineNumber, columnNumber } = node.callFrame;
    const mapped: CpuProfileNode = {
      ...node,
      callFrame: {
        ...node.callFrame,
        lineNumber: lineMap.original(lineNumber, columnNumber) ?? lineNumber,
      },
    };
    if (node.positionTicks !== undefined) {
      const merged = new Map<number, number>();
      for (const { line, ticks } of node.positionTicks) {
        const to = (lineMap.original(line - 1) ?? line - 1) + 1;
        merged.set(to, (merged.get(to) ?? 0) + ticks);
      }
      mapped.positionTicks = [...merged].map(([line, ticks]) => ({ line, ticks }));
    }
    return mapped;
  });
  return { ...profile, nodes };
}
