/**
 * A flame graph of a V8 CPU profile, as one self-contained HTML page (inline
 * SVG, no script, nothing fetched): the call tree drawn root at the top, each
 * function a box as wide as the share of samples it was on the stack for, its
 * callees below it. The learner's own file is drawn warm, everything else cool,
 * V8's own work (garbage collection, the program, idle) grey.
 *
 * V8 keeps one node per call path and per code object, so a function has
 * sibling nodes for its interpreted and its optimized code: siblings of the
 * same function (name, file, line) are merged here, as speedscope does.
 *
 * @module
 */
import { escapeHtml } from "../../report/escape.ts";
import type { CallFrame, CpuProfile, CpuProfileNode } from "./types.ts";

const WIDTH = 1200;
const ROW = 18;
/** Boxes narrower than this are not drawn (their time is still in their parent's width). */
const MIN_WIDTH = 0.5;
/** Labels need about this many pixels a character. */
const CHAR_WIDTH = 6.6;

/** One merged frame of the flame graph. */
export interface FlameFrame {
  /** The function's name, `(anonymous)` for one without. */
  name: string;
  /** `file:line` (1-based), or "" for V8's own entries. */
  where: string;
  /** Whose frame: the learner's file, other code, or V8's own work (GC, program, idle). */
  kind: "yours" | "code" | "v8";
  /** Samples with this frame on the stack. */
  total: number;
  /** Samples with this frame on top. */
  self: number;
  /** What it called, merged by function, costliest first. */
  children: FlameFrame[];
}

function frameKind(frame: CallFrame, focus: string): FlameFrame["kind"] {
  if (frame.url === focus) return "yours";
  if (frame.url === "" || frame.functionName.startsWith("(")) return "v8";
  return "code";
}

function frameKey(frame: CallFrame): string {
  return `${frame.functionName}\u0000${frame.url}\u0000${frame.lineNumber}`;
}

function whereOf(frame: CallFrame): string {
  if (frame.url === "") return "";
  const file = frame.url.slice(frame.url.lastIndexOf("/") + 1);
  return `${file}:${frame.lineNumber + 1}`;
}

/**
 * The merged call tree of `profile`, with sample counts.
 *
 * @param focus The URL of the learner's file (drawn warm).
 */
export function flameTree(profile: CpuProfile, focus: string): FlameFrame {
  const byId = new Map<number, CpuProfileNode>(profile.nodes.map((n) => [n.id, n]));
  // Samples on top of each node: from `samples` when present (exact), else hitCount.
  const hits = new Map<number, number>();
  if (profile.samples !== undefined && profile.samples.length > 0) {
    for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  } else {
    for (const node of profile.nodes) hits.set(node.id, node.hitCount ?? 0);
  }
  const childIds = new Set(profile.nodes.flatMap((n) => n.children ?? []));
  const root = profile.nodes.find((n) => !childIds.has(n.id));
  const build = (node: CpuProfileNode): FlameFrame => {
    const merged = new Map<string, FlameFrame>();
    for (const id of node.children ?? []) {
      const child = byId.get(id);
      if (child === undefined) continue;
      const frame = build(child);
      const key = frameKey(child.callFrame);
      const same = merged.get(key);
      if (same === undefined) merged.set(key, frame);
      else mergeInto(same, frame);
    }
    const children = [...merged.values()].sort((a, b) => b.total - a.total);
    const self = hits.get(node.id) ?? 0;
    return {
      name: node.callFrame.functionName === "" ? "(anonymous)" : node.callFrame.functionName,
      where: whereOf(node.callFrame),
      kind: frameKind(node.callFrame, focus),
      self,
      total: self + children.reduce((sum, c) => sum + c.total, 0),
      children,
    };
  };
  if (root === undefined) {
    return { name: "(root)", where: "", kind: "v8", total: 0, self: 0, children: [] };
  }
  return build(root);
}

function mergeInto(into: FlameFrame, from: FlameFrame): void {
  into.self += from.self;
  into.total += from.total;
  for (const child of from.children) {
    const same = into.children.find((c) => c.name === child.name && c.where === child.where);
    if (same === undefined) into.children.push(child);
    else mergeInto(same, child);
  }
  into.children.sort((a, b) => b.total - a.total);
}

/** The SVG of `tree`: a box per frame, as wide as its share of the root's samples. */
export function flameSvg(tree: FlameFrame): string {
  const boxes: string[] = [];
  let depth = 0;
  const scale = tree.total === 0 ? 0 : WIDTH / tree.total;
  const draw = (frame: FlameFrame, x: number, level: number) => {
    const width = frame.total * scale;
    if (width < MIN_WIDTH) return;
    depth = Math.max(depth, level + 1);
    const share = tree.total === 0 ? 0 : (frame.total / tree.total) * 100;
    const label = frame.where === "" ? frame.name : `${frame.name} ${frame.where}`;
    const title = `${label}: ${share.toFixed(1)}% on the stack, ${
      tree.total === 0 ? "0.0" : ((frame.self / tree.total) * 100).toFixed(1)
    }% on top (${frame.total} samples)`;
    const y = level * ROW;
    const fits = Math.floor((width - 6) / CHAR_WIDTH);
    const text = fits < 3
      ? ""
      : `<text x="${(x + 3).toFixed(1)}" y="${y + 13}">${
        escapeHtml(label.length <= fits ? label : `${label.slice(0, fits - 1)}…`)
      }</text>`;
    boxes.push(
      `<g class="frame ${frame.kind}"><title>${escapeHtml(title)}</title><rect x="${
        x.toFixed(1)
      }" y="${y}" width="${width.toFixed(1)}" height="${ROW - 1}" rx="2"/>${text}</g>`,
    );
    let childX = x;
    for (const child of frame.children) {
      draw(child, childX, level + 1);
      childX += child.total * scale;
    }
  };
  draw(tree, 0, 0);
  return `<svg id="flame" viewBox="0 0 ${WIDTH} ${depth * ROW}" role="img" ` +
    `aria-label="Flame graph">${boxes.join("")}</svg>`;
}

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; color: #1f2328; margin: 1.2rem; }
h1 { font-size: 1.3rem; margin: 0 0 .2rem; } p { color: #656d76; margin: .2rem 0 .8rem; }
svg { width: 100%; height: auto; display: block; }
svg text { font: 11px ui-monospace, monospace; fill: #1f2328; pointer-events: none; }
.frame rect { stroke: #fff; stroke-width: .5; }
.frame.yours rect { fill: #f0a04b; } .frame.code rect { fill: #8fb3e0; } .frame.v8 rect { fill: #c9ced4; }
.frame:hover rect { stroke: #1f2328; stroke-width: 1; }
.legend span { margin-right: 1rem; } .swatch { display: inline-block; width: .8rem; height: .8rem;
  vertical-align: -1px; margin-right: .25rem; border-radius: 2px; }
`;

/**
 * The flame graph page.
 *
 * @param title What was profiled, for the heading.
 * @param note A line under it (the input, the seed, how to open the .cpuprofile).
 */
export function renderFlamePage(
  profile: CpuProfile,
  focus: string,
  title: string,
  note: string,
): string {
  const tree = flameTree(profile, focus);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(note)}</p>
<p class="legend"><span><i class="swatch" style="background:#f0a04b"></i>your file</span>` +
    `<span><i class="swatch" style="background:#8fb3e0"></i>other code</span>` +
    `<span><i class="swatch" style="background:#c9ced4"></i>V8 (garbage collector, program, idle)</span>` +
    ` · the root is at the top; a box's width is its share of the ${tree.total} samples; ` +
    `hover for the numbers</p>
${flameSvg(tree)}
</body></html>
`;
}
