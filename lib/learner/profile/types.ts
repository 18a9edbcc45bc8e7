/**
 * The shapes the profiler shares: V8's CPU profile format (a `.cpuprofile` file,
 * as Chrome DevTools and speedscope open it), the memory report, and the
 * summary `deno task profile` prints.
 *
 * @module
 */

/** Where a profile node's function starts (0-based line and column). */
export interface CallFrame {
  /** The function's name; empty for anonymous functions. */
  functionName: string;
  /** V8's id of the script. */
  scriptId: string;
  /** The script's URL (empty for V8's own nodes such as `(program)`). */
  url: string;
  /** 0-based line where the function starts. */
  lineNumber: number;
  /** 0-based column where the function starts. */
  columnNumber: number;
}

/**
 * One node of the call tree of a V8 CPU profile. V8 keeps one node per call
 * path *and* per code object, so one function can have several nodes under the
 * same parent (its interpreted and its optimized code, say).
 */
export interface CpuProfileNode {
  /** Unique within the profile. */
  id: number;
  /** The function this node stands for. */
  callFrame: CallFrame;
  /** Samples taken while this node was on top of the stack. */
  hitCount?: number;
  /** Ids of the nodes called from here. */
  children?: number[];
  /** How `hitCount` splits over source lines (1-based). */
  positionTicks?: { line: number; ticks: number }[];
}

/** A V8 CPU profile: the format of a `.cpuprofile` file, which Chrome DevTools opens. */
export interface CpuProfile {
  /** The call tree, root first. */
  nodes: CpuProfileNode[];
  /** When profiling started, in microseconds on V8's clock. */
  startTime: number;
  /** When profiling stopped, in microseconds on V8's clock. */
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
  /** JavaScript heap in use just before the run. */
  heapUsedBefore: number;
  /** JavaScript heap in use just after the run. */
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
  /** The line's source text, trimmed. */
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
  /** Time with this function on top of the stack (ms). */
  selfMs: number;
  /** `selfMs` as a share of all the time sampled. */
  selfShare: number;
  /** Time with this function anywhere on the stack: itself and what it calls (ms). */
  totalMs: number;
  /** `totalMs` as a share of all the time sampled, at most 1. */
  totalShare: number;
  /** Bytes it (and builtins it called) allocated, sampled; null when not sampled. */
  allocated: number | null;
}

/** Time spent outside the focus file's own lines, by kind. */
export interface OtherCost {
  /** V8's name for it (`(garbage collector)`) or `other JavaScript`. */
  label: string;
  /** What that time is, in words. */
  what: string;
  /** Time sampled there (ms). */
  ms: number;
  /** `ms` as a share of all the time sampled. */
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
  /** Which way lines were related. */
  kind: LineMapKind;
  /** The text the reported line numbers refer to, one entry per line. */
  lines: readonly string[];
  /** The 0-based focus-file line for a 0-based JavaScript position, or null. */
  original(line: number, column?: number): number | null;
}

/** What `summarizeProfile` makes of a profile, for one file. */
export interface ProfileSummary {
  /** URL of the file whose lines are reported. */
  focus: string;
  /** How the lines were related to the focus file's. */
  mapping: LineMapKind;
  /** All the time sampled, in ms. */
  totalMs: number;
  /** How many samples V8 took. */
  samples: number;
  /** Every line of the focus file that was sampled, costliest first. */
  lines: LineCost[];
  /** Every function of the focus file that was sampled, by total time, costliest first. */
  functions: FunctionCost[];
  /** Time not spent in the focus file's own lines, costliest first. */
  elsewhere: OtherCost[];
}
