/**
 * Summaries of a V8 CPU profile for one file: time per line and per function,
 * and the time spent elsewhere (the garbage collector, the runtime, other code).
 *
 * Time is added up in whole microseconds, the unit of V8's `timeDeltas`, and
 * turned into milliseconds only at the end: sums of integers do not depend on
 * their order, so a function's total time can never come out below its self
 * time (see `summarizeProfile`).
 *
 * @module
 */
import type {
  CallFrame,
  CpuProfile,
  CpuProfileNode,
  FunctionCost,
  LineCost,
  LineMap,
  ProfileSummary,
} from "./types.ts";

/** V8's names for time that belongs to no JavaScript function. */
const SPECIAL_NODES: Readonly<Record<string, string>> = {
  "(garbage collector)": "V8 freeing memory: the price of what the code allocates",
  "(program)": "native code V8 cannot attribute to a function (compiling, runtime)",
  "(idle)": "waiting (for a Worker, a timer, I/O)",
  "(root)": "the bottom of the call tree",
};
const OTHER_CODE = "other JavaScript";
const US_PER_MS = 1000;

/**
 * The time each sample stands for, in whole microseconds: from it to the next
 * sample (or the end of the profile). Never negative (V8 may record samples a
 * little out of order).
 */
function sampleWeightsUs(profile: CpuProfile): number[] {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const times: number[] = [];
  let time = Math.round(profile.startTime);
  for (let i = 0; i < samples.length; i++) {
    time += Math.round(deltas[i] ?? 0);
    times.push(time);
  }
  const end = Math.round(profile.endTime);
  return times.map((at, i) =>
    Math.max(0, (i + 1 < times.length ? times[i + 1] as number : end) - at)
  );
}

/** A function of the focus file: its name and first line; one key however many nodes it has. */
export interface FunctionKey {
  /** `name@line`: the same for every node of the function. */
  key: string;
  /** The function's name; `(anonymous)` for arrows and function expressions. */
  name: string;
  /** 1-based line of the focus file where it starts. */
  line: number;
}

/**
 * The function a call frame of the focus file belongs to (1-based line, after mapping).
 *
 * @param callFrame A node's call frame, positions as V8 reported them.
 * @param lineMap Relates the profile's lines to the file's.
 */
export function functionOf(callFrame: CallFrame, lineMap: LineMap): FunctionKey {
  const { functionName, lineNumber, columnNumber } = callFrame;
  const line = (lineMap.original(lineNumber, columnNumber) ?? lineNumber) + 1;
  const name = functionName === "" ? "(anonymous)" : functionName;
  return { key: `${name}@${line}`, name, line };
}

interface FunctionTally {
  name: string;
  line: number;
  selfUs: number;
  totalUs: number;
}

/**
 * Summarises a CPU profile for the lines and functions of one file.
 *
 * Self time of a line is the time the sampled program counter was on that line
 * (builtins it calls, such as `String()` or `Array.from`, count for the line that
 * calls them; functions of the file it calls count for their own lines). A
 * function's total time counts every sample with the function anywhere on the
 * stack, once however often it recurses. Shares are of all the time sampled,
 * garbage collection included.
 *
 * V8 gives one function several nodes (one per call path and per code object:
 * interpreted and optimized code are siblings), so a function's times gather
 * over all its nodes. Self and total are counted from the same samples in one
 * pass, in integer microseconds, so total ≥ self and every share ≤ 1 hold
 * exactly. (Summing self node by node in milliseconds once let rounding put a
 * total 1e-13 below its self time.)
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
  const weights = sampleWeightsUs(profile);
  const samples = profile.samples ?? [];
  const totalUs = weights.reduce((sum, w) => sum + w, 0);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
  }

  const functions = new Map<string, FunctionTally>();
  const tally = (fn: FunctionKey): FunctionTally => {
    let found = functions.get(fn.key);
    if (found === undefined) {
      found = { name: fn.name, line: fn.line, selfUs: 0, totalUs: 0 };
      functions.set(fn.key, found);
    }
    return found;
  };
  // The distinct functions of the focus file on the stack of each node, memoized.
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
      tally(fn);
      if (!below.includes(fn.key)) keys = [...below, fn.key];
    }
    stackKeys.set(id, keys);
    return keys;
  };

  const selfByNode = new Map<number, number>();
  const other = new Map<string, number>();
  samples.forEach((id, i) => {
    const weight = weights[i] ?? 0;
    const node = byId.get(id);
    if (node === undefined) return;
    selfByNode.set(id, (selfByNode.get(id) ?? 0) + weight);
    if (node.callFrame.url === focus) {
      tally(functionOf(node.callFrame, lineMap)).selfUs += weight;
    } else {
      const label = node.callFrame.functionName in SPECIAL_NODES && node.callFrame.url === ""
        ? node.callFrame.functionName
        : OTHER_CODE;
      other.set(label, (other.get(label) ?? 0) + weight);
    }
    for (const key of keysOnStack(id)) (functions.get(key) as FunctionTally).totalUs += weight;
  });

  const lineUs = new Map<number, number>();
  for (const [id, us] of selfByNode) {
    const node = byId.get(id) as CpuProfileNode;
    if (node.callFrame.url !== focus) continue;
    // positionTicks split the node's samples over its lines; its time splits alike.
    const ticks = node.positionTicks ?? [];
    const hits = ticks.reduce((sum, t) => sum + t.ticks, 0);
    if (hits === 0) {
      const line = functionOf(node.callFrame, lineMap).line;
      lineUs.set(line, (lineUs.get(line) ?? 0) + us);
      continue;
    }
    for (const { line, ticks: count } of ticks) {
      const mapped = (lineMap.original(line - 1) ?? line - 1) + 1;
      lineUs.set(mapped, (lineUs.get(mapped) ?? 0) + us * count / hits);
    }
  }

  const share = (us: number) => (totalUs > 0 ? us / totalUs : 0);
  const lines: LineCost[] = [...lineUs].map(([line, us]) => ({
    line,
    text: (lineMap.lines[line - 1] ?? "").trim(),
    selfMs: us / US_PER_MS,
    share: share(us),
  })).sort((a, b) => b.selfMs - a.selfMs || a.line - b.line);
  const functionList: FunctionCost[] = [...functions.entries()].map(([key, t]) => ({
    name: t.name,
    line: t.line,
    selfMs: t.selfUs / US_PER_MS,
    selfShare: share(t.selfUs),
    totalMs: t.totalUs / US_PER_MS,
    totalShare: share(t.totalUs),
    allocated: allocations === null ? null : allocations.byFunction.get(key) ?? 0,
  })).sort((a, b) => b.totalMs - a.totalMs || a.line - b.line);
  const elsewhere = [...other].map(([label, us]) => ({
    label,
    what: SPECIAL_NODES[label] ?? "the runtime, the harness, other modules",
    ms: us / US_PER_MS,
    share: share(us),
  })).sort((a, b) => b.ms - a.ms);
  return {
    focus,
    mapping: lineMap.kind,
    totalMs: totalUs / US_PER_MS,
    samples: samples.length,
    lines,
    functions: functionList,
    elsewhere,
  };
}

/** A node of V8's sampling heap profile. */
export interface HeapNode {
  /** Where the allocating code was. */
  callFrame: CallFrame;
  /** Bytes allocated there (sampled). */
  selfSize: number;
  /** Nodes called from there. */
  children: HeapNode[];
}

/**
 * Bytes allocated, by the nearest function of `focus` on the stack: a builtin
 * such as `String()` allocates on behalf of the function that called it.
 */
export function allocationsByFunction(
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
