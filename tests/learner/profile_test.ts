/**
 * The profiler (`lib/learner/profile/`) and `deno task profile` (`lib/cli/profile.ts`):
 * samples land on the right line of the right file, every available reference
 * can be profiled, `--out` writes a profile DevTools can open, and bad input
 * gets one line and the right exit code. Also exercise 4's promise that its
 * stub and its baseline are the same code.
 *
 * @module
 */
import { CATALOGUE } from "../../lib/exercise/catalogue.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { profileRun } from "../../lib/learner/profile/run.ts";
import { decodeSourceMap, sourceMapLineMap } from "../../lib/learner/profile/line_map.ts";
import { summarizeProfile } from "../../lib/learner/profile/summary.ts";
import type { CpuProfile, LineMap } from "../../lib/learner/profile/types.ts";
import { pipelineBaseline } from "../../checks/04_bottleneck/baseline.ts";
import { pipeline as pipelineStub } from "../../exercises/04_bottleneck/bottleneck.ts";
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";

const CLI = `${REPO_ROOT}/lib/cli/profile.ts`;
const SEED = "20261123";

/**
 * A module with one hot line among cheap ones. The type declarations and the
 * multi-line object literal above it vanish or change shape in the JavaScript
 * Deno runs, so its line there is not its line here: only a source map finds it.
 */
const PLANTED = `interface Totals {
  cheap: number;
  hot: number;
}

type Step = (i: number) => number;

const start: Totals = {
  cheap: 0,
  hot: 0,
};

export function work(n: number): Totals {
  const totals: Totals = { ...start };
  const step: Step = (i) => i & 1;
  for (let i = 0; i < n; i++) {
    totals.cheap += step(i);
    totals.hot += Math.sqrt(i) * Math.sin(i) * Math.cos(i) * Math.atan(i) * Math.log1p(i); // HOT
    totals.cheap -= 1;
  }
  return totals;
}
`;
const PLANTED_HOT_LINE = 18;

/** The same module in plain JavaScript: V8 runs it as written, lines and all. */
const PLANTED_JS = `const start = { cheap: 0, hot: 0 };

export function work(n) {
  const totals = { ...start };
  const step = (i) => i & 1;
  for (let i = 0; i < n; i++) {
    totals.cheap += step(i);
    totals.hot += Math.sqrt(i) * Math.sin(i) * Math.cos(i) * Math.atan(i) * Math.log1p(i); // HOT
    totals.cheap -= 1;
  }
  return totals;
}
`;
const PLANTED_N = 3_000_000;

async function withTempDir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "workbook-profile-test-" });
  try {
    return await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

// Under load (one core kept busy by `sh -c 'while :; do :; done'`, under the timing lock):
// 50 of 50 passed, twice (load average 1.1 and 2.0); the planted line's share was 0.959–0.984
// over 50 runs (the test needs > 0.5), and 0.950 at least with both cores kept busy.
Deno.test("profileRun() puts the planted hot line of a TypeScript file on top", async () => {
  assert(PLANTED.split("\n")[PLANTED_HOT_LINE - 1]?.includes("// HOT"), "the planted line");
  await withTempDir(async (dir) => {
    const file = `${dir}/planted.ts`;
    await Deno.writeTextFile(file, PLANTED);
    const url = new URL(`file://${file}`).href;
    const { work } = await import(url);
    const run = await profileRun(() => work(PLANTED_N), { focus: url });
    const { summary } = run;
    assertEquals(summary.mapping, "source map", "how lines were mapped");
    const top = summary.lines[0];
    assert(top !== undefined, "some line was sampled");
    assertEquals(top.line, PLANTED_HOT_LINE, `the top line (${JSON.stringify(summary.lines)})`);
    assertIncludes(top.text, "// HOT", "the top line's source text");
    const second = summary.lines[1]?.share ?? 0;
    assert(top.share > 0.5 && top.share > 3 * second, `a clear winner: ${top.share} vs ${second}`);
    const fn = summary.functions.find((f) => f.name === "work");
    assert(fn !== undefined, "the function work() is listed");
    assertEquals(fn.line, 13, "work() starts on line 13");
    assert(fn.totalMs >= fn.selfMs && fn.totalShare <= 1.0001, "total includes self");
    // The saved profile speaks of the TypeScript lines too.
    const node = run.profile.nodes.find((n) => n.callFrame.url === url && n.positionTicks);
    assert(
      run.profile.nodes.some((n) =>
        n.callFrame.url === url &&
        (n.positionTicks ?? []).some((t) => t.line === PLANTED_HOT_LINE)
      ),
      `the written profile has ticks on line ${PLANTED_HOT_LINE}: ${JSON.stringify(node)}`,
    );
    assert(run.memory.peakRss >= run.memory.rssBefore, "peak RSS at least the RSS before");
    assert(run.memory.allocated !== null, "allocations sampled");
  });
});

Deno.test("profileRun() reads a JavaScript file's lines as they are", async () => {
  await withTempDir(async (dir) => {
    const file = `${dir}/planted.js`;
    const js = PLANTED_JS;
    const hotLine = js.split("\n").findIndex((l) => l.includes("// HOT")) + 1;
    await Deno.writeTextFile(file, js);
    const url = new URL(`file://${file}`).href;
    const { work } = await import(url);
    const { summary } = await profileRun(() => work(PLANTED_N), { focus: url });
    assertEquals(summary.mapping, "identity", "how lines were mapped");
    assertEquals(summary.lines[0]?.line, hotLine, "the top line");
  });
});

Deno.test("profileRun() reports a throw as ProfiledRunError with the original error", async () => {
  let caught: unknown;
  try {
    await profileRun(() => {
      throw new RangeError("planted");
    }, { focus: "file:///nowhere.ts", allocations: false });
  } catch (thrown) {
    caught = thrown;
  }
  assert(caught instanceof Error && caught.name === "ProfiledRunError", `caught ${caught}`);
  assert((caught as { thrown?: unknown }).thrown instanceof RangeError, "the original error");
});

Deno.test("decodeSourceMap() and sourceMapLineMap() follow the source map format", () => {
  const map = (mappings: string) => ({
    version: 3 as const,
    sources: ["a.ts"],
    names: [],
    mappings,
  });
  // Line 0: two segments (column 0 → line 0, column 6 → line 0 column 4);
  // line 1: none (a continuation); line 2: column 2 → line 3.
  const segments = decodeSourceMap(map("AAAA,MAAI;;EAGJ"));
  assertEquals(segments, [[[0, 0, 0, 0], [6, 0, 0, 4]], [], [[2, 0, 3, 0]]], "segments");
  const lineMap = sourceMapLineMap(segments, 0, ["a", "b", "c", "d"]);
  assertEquals(lineMap.original(0), 0, "line 0");
  assertEquals(lineMap.original(1), 0, "a continuation line maps like the line above");
  assertEquals(lineMap.original(2), 3, "line 2");
  assertEquals(lineMap.original(2, 10), 3, "with a column");
  // Negative deltas and multi-digit values: line 0 → 16, then back to 0.
  assertEquals(decodeSourceMap(map("AAgBA;AAhBA")), [[[0, 0, 16, 0]], [[0, 0, 0, 0]]], "VLQ");
});

const FOCUS = "file:///planted/work.ts";
const IDENTITY: LineMap = { kind: "identity", lines: ["work"], original: (line) => line };

/** A profile whose function `work` has two sibling nodes, as V8 gives interpreted and optimized code. */
function twoNodeProfile(samples: number[], timeDeltas: number[], endTime: number): CpuProfile {
  const frame = (functionName: string, url: string) => ({
    functionName,
    scriptId: "1",
    url,
    lineNumber: 0,
    columnNumber: 0,
  });
  return {
    nodes: [
      { id: 1, callFrame: frame("(root)", ""), children: [2, 3] },
      { id: 2, callFrame: frame("work", FOCUS) },
      { id: 3, callFrame: frame("work", FOCUS) },
    ],
    startTime: 0,
    endTime,
    samples,
    timeDeltas,
  };
}

Deno.test("summarizeProfile() never puts a function's total below its self time", () => {
  // The flake of CI ("total includes self"): self summed node by node in ms and total summed
  // sample by sample came out 0.755 against 0.7549999999999999 for these samples.
  const known = summarizeProfile(
    twoNodeProfile([3, 3, 3, 2, 2, 2], [104, 129, 52, 174, 91, 172], 859),
    FOCUS,
    IDENTITY,
  ).functions[0];
  assert(known !== undefined, "work() is listed");
  assert(known.totalMs >= known.selfMs, `total ${known.totalMs} ≥ self ${known.selfMs}`);
  // And for many random profiles, with recursion (a node of work under work) as well.
  let state = 20261130;
  const next = (below: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % below;
  };
  for (let trial = 0; trial < 2000; trial++) {
    const count = 1 + next(40);
    const samples = Array.from({ length: count }, () => 2 + next(3));
    const deltas = Array.from({ length: count }, () => next(500));
    const profile = twoNodeProfile(samples, deltas, deltas.reduce((a, b) => a + b, 0) + next(300));
    profile.nodes[1]!.children = [4];
    profile.nodes.push({ id: 4, callFrame: { ...profile.nodes[1]!.callFrame } });
    const summary = summarizeProfile(profile, FOCUS, IDENTITY);
    for (const f of summary.functions) {
      assert(f.totalMs >= f.selfMs, `trial ${trial}: total ${f.totalMs} < self ${f.selfMs}`);
      assert(f.totalShare <= 1 && f.selfShare <= f.totalShare, `trial ${trial}: shares`);
    }
  }
});

/** Runs the profile task (without `deno task`, so stderr holds only what it prints). */
async function profileTask(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, ...args],
    cwd: REPO_ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    out: decoder.decode(output.stdout),
    err: decoder.decode(output.stderr).replace(/^profiling… \d+ s\n/gm, ""),
  };
}

for (const exercise of CATALOGUE.filter((e) => e.available)) {
  Deno.test(`deno task profile ${exercise.number} --solution profiles the reference (${exercise.slug})`, async () => {
    const { code, out, err } = await profileTask([
      String(exercise.number),
      "--solution",
      "--top",
      "3",
      "--seed",
      SEED,
    ]);
    assertEquals(code, 0, `exit code (stderr: ${err})`);
    assertIncludes(out, `profile of solutions/${exercise.dir}/${exercise.files[0]}`, "header");
    assertIncludes(out, "Top ", "the lines table");
    assertIncludes(out, "peak RSS", "memory");
    assert(!out.includes("source map was not found"), "lines mapped to the TypeScript file");
  });
}

Deno.test("deno task profile 4 on the stub names its two costly lines first", async () => {
  const { code, out, err } = await profileTask(["4", "--top", "2", "--seed", SEED]);
  assertEquals(code, 0, `exit code (stderr: ${err})`);
  const stub = (await Deno.readTextFile(`${REPO_ROOT}/exercises/04_bottleneck/bottleneck.ts`))
    .split("\n");
  const lineOf = (part: string) => stub.findIndex((l) => l.includes(part)) + 1;
  const costly = [lineOf("Array.from({ length: n }"), lineOf("k.toString()")];
  const rows = [...out.matchAll(/^ +([\d.]+)% +[\d.]+ m?s +(\d+) {2}/gm)].map((m) => Number(m[2]));
  assertEquals(rows.toSorted((a, b) => a - b), costly, `the top two lines\n${out}`);
});

Deno.test("deno task profile --out writes a .cpuprofile with nodes, samples and timeDeltas", async () => {
  await withTempDir(async (dir) => {
    const out = `${dir}/slow_series.cpuprofile`;
    const result = await profileTask(["1", "--solution", "--top", "1", "--out", out]);
    assertEquals(result.code, 0, `exit code (stderr: ${result.err})`);
    const profile = JSON.parse(await Deno.readTextFile(out));
    assert(Array.isArray(profile.nodes) && profile.nodes.length > 0, "nodes");
    assert(Array.isArray(profile.samples) && profile.samples.length > 0, "samples");
    assert(Array.isArray(profile.timeDeltas), "timeDeltas");
    assertEquals(profile.timeDeltas.length, profile.samples.length, "one delta per sample");
    assert(typeof profile.startTime === "number" && profile.endTime > profile.startTime, "times");
  });
});

/** Asserts that stderr is one line (progress lines aside) holding `part`. */
function assertOneLine(err: string, part: string): void {
  const lines = err.trim().split("\n");
  assertEquals(lines.length, 1, `one line on stderr, got ${JSON.stringify(err)}`);
  assertIncludes(lines[0] as string, part, "the line");
}

Deno.test("deno task profile: usage errors give one line and exit 2", async () => {
  for (
    const [args, part] of [
      [[], "Name the exercise"],
      [["99"], 'Cannot find exercise "99"'],
      [["nope"], 'Cannot find exercise "nope"'],
      [["1", "--top", "0"], "Cannot use --top 0"],
      [["1", "--solution", "--dir", "x"], "Cannot use --solution with --dir"],
      [["1", "--seed", "abc"], "Cannot use --seed abc"],
      [["1", "--size", "huge"], "Cannot use --size huge"],
      [["1", "--frobnicate"], "frobnicate"],
    ] as const
  ) {
    const { code, err } = await profileTask([...args]);
    assertEquals(code, 2, `exit code for ${args.join(" ")}`);
    assertOneLine(err, part);
  }
});

Deno.test("deno task profile: code that cannot be profiled gives one line and exit 1", async () => {
  const exercise = CATALOGUE.find((e) => e.number === 1);
  assert(exercise !== undefined, "exercise 1");
  const candidates: [string, string | null, string][] = [
    ["missing file", null, "Cannot find"],
    ["syntax error", "export function slowSeries(n: number {", "Cannot load"],
    ["no such export", "export function other(): number { return 1; }", "named slowSeries"],
    [
      "a throw",
      'export function slowSeries(): number { throw new TypeError("planted failure"); }',
      "threw TypeError: planted failure",
    ],
    [
      "a stub",
      'export function slowSeries(): number { throw new Error("Not implemented: slowSeries()"); }',
      "not implemented yet",
    ],
  ];
  for (const [what, source, part] of candidates) {
    await withTempDir(async (dir) => {
      await Deno.mkdir(`${dir}/${exercise.dir}`);
      if (source !== null) {
        await Deno.writeTextFile(`${dir}/${exercise.dir}/${exercise.files[0]}`, source);
      }
      const { code, out, err } = await profileTask(["1", "--dir", dir]);
      assertEquals(code, 1, `exit code for ${what}`);
      assertEquals(out, "", `nothing on stdout for ${what}`);
      assertOneLine(err, part);
    });
  }
  const unavailable = CATALOGUE.find((e) => !e.available);
  if (unavailable !== undefined) {
    const { code, err } = await profileTask([String(unavailable.number)]);
    assertEquals(code, 1, "exit code for an exercise not available yet");
    assertOneLine(err, "is not available yet");
  }
});

Deno.test("exercise 4: the stub and the baseline are the same code and agree", async () => {
  // Code lines of the function only: the stub adds TODO comments and
  // documentation, a name, and its own copy of termSign (the baseline imports the check's).
  const code = async (path: string, name: string) => {
    const text = await Deno.readTextFile(`${REPO_ROOT}/${path}`);
    return text.slice(text.indexOf(`export ${name}`))
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "" && !/^(\/\/|\/\*\*|\*)/.test(line))
      .join("\n")
      .replace(name, "NAME");
  };
  assertEquals(
    await code("exercises/04_bottleneck/bottleneck.ts", "function pipeline("),
    await code("checks/04_bottleneck/baseline.ts", "function pipelineBaseline("),
    "code lines of the stub and of the baseline",
  );
  for (
    const [n, omit, seed] of [
      [0, "9", 0],
      [1, "1", 0],
      [1000, "05", 0],
      [12345, "7", 77],
      [99999, "42", 0xffff_ffff],
    ] as const
  ) {
    assertEquals(
      pipelineStub(n, omit, seed),
      pipelineBaseline(n, omit, seed),
      `pipeline(${n}, "${omit}", ${seed})`,
    );
  }
});
