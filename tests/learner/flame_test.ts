/**
 * The flame graph (`lib/learner/profile/flame.ts`): V8's sibling nodes of one
 * function merge, totals include callees, and the page is self-contained.
 *
 * @module
 */
import { flameTree, renderFlamePage } from "../../lib/learner/profile/flame.ts";
import type { CallFrame, CpuProfile } from "../../lib/learner/profile/types.ts";
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";

const FOCUS = "file:///work/exercises/04_bottleneck/bottleneck.ts";

function frame(functionName: string, url: string, lineNumber: number): CallFrame {
  return { functionName, url, lineNumber, columnNumber: 0, scriptId: "1" };
}

/** root → pipeline (interpreted, id 2) and pipeline (optimized, id 3); each calls <slow>. */
const PROFILE: CpuProfile = {
  startTime: 0,
  endTime: 1000,
  nodes: [
    { id: 1, callFrame: frame("(root)", "", -1), children: [2, 3, 6] },
    { id: 2, callFrame: frame("pipeline", FOCUS, 22), children: [4] },
    { id: 3, callFrame: frame("pipeline", FOCUS, 22), children: [5] },
    { id: 4, callFrame: frame("<slow>", FOCUS, 34) },
    { id: 5, callFrame: frame("<slow>", FOCUS, 34) },
    { id: 6, callFrame: frame("(garbage collector)", "", -1) },
  ],
  samples: [2, 4, 4, 3, 5, 5, 5, 6, 6, 1],
  timeDeltas: [100, 100, 100, 100, 100, 100, 100, 100, 100, 100],
};

Deno.test("flameTree() merges a function's sibling nodes and counts callees in totals", () => {
  const tree = flameTree(PROFILE, FOCUS);
  assertEquals(tree.total, 10, "every sample under the root");
  assertEquals(tree.self, 1, "the root's own sample");
  assertEquals(tree.children.map((c) => [c.name, c.total, c.self, c.kind]), [
    ["pipeline", 7, 2, "yours"],
    ["(garbage collector)", 2, 2, "v8"],
  ], "one pipeline, costliest first");
  const slow = tree.children[0]?.children ?? [];
  assertEquals(
    slow.map((c) => [c.name, c.where, c.total]),
    [["<slow>", "bottleneck.ts:35", 5]],
    "",
  );
});

Deno.test("renderFlamePage() is one page with a box per frame, escaped, nothing fetched", () => {
  const html = renderFlamePage(PROFILE, FOCUS, "Flame <graph>", "a note");
  assertIncludes(html, "default-src 'none'", "a policy that forbids fetching");
  assert(!html.includes("<script"), "no script");
  assertIncludes(html, "Flame &lt;graph&gt;", "the title escaped");
  assertEquals(html.match(/<g class="frame /g)?.length, 4, "root, pipeline, <slow>, GC");
  assertIncludes(html, "&lt;slow&gt; bottleneck.ts:35: 50.0% on the stack", "a frame's numbers");
});
