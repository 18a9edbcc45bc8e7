/**
 * Worker-mode pairs (exercise 1's samples run in Workers inside a runner) take
 * turns to go first, like process-mode pairs: the order each pair reports is the
 * one the runner used. Runs timed pairs: run it under the timing lock. No time
 * is asserted.
 *
 * @module
 */
import { findExercise } from "../../lib/exercise/catalogue.ts";
import { runCheck } from "../../lib/check/check.ts";
import type { MeasuredPair } from "../../lib/check/speed/measure.ts";
import { candidateReadPaths, entryFile, repoUrl } from "../../lib/exercise/paths.ts";
import { createRng } from "../../lib/exercise/rng.ts";
import { RunnerSession } from "../../lib/sandbox/runner_client.ts";
import type { ExerciseCheck } from "../../lib/check/types.ts";
import { assert, assertEquals, checkSource, TEST_SEED } from "../_helpers/helpers.ts";
import { TERM_SIGN } from "../_helpers/term_sign_source.ts";

Deno.test("worker mode: pairs alternate baseline-first and candidate-first (ABBA)", async () => {
  const exercise = findExercise("1");
  assert(exercise !== undefined, "exercise 1 exists");
  const pairs: MeasuredPair[] = [];
  let alternating: boolean | undefined;
  const result = await runCheck({
    exercise,
    source: { kind: "solutions" },
    seed: TEST_SEED,
    quick: false,
    size: "default",
    onEvent: (event) => {
      if (event.kind === "pair") pairs.push(event.sample);
      if (event.kind === "performance-start") alternating = event.alternating;
    },
  });
  assert(result.performance !== null, "the speed was measured");
  assert(pairs.length >= 2, `at least the warm-up and one pair (${pairs.length})`);
  assertEquals(alternating, true, "the report says the pairs take turns");
  assertEquals(
    pairs.map((p) => p.order),
    pairs.map((p) => p.index % 2 === 0 ? "baseline-first" : "candidate-first"),
    "the runner's own order, pair by pair",
  );
});

// In a pair where the candidate goes first, the runner times the baseline only once its
// process has fallen quiet: a Worker left spinning (terminate() does not stop a busy loop in
// Deno 2.9) would otherwise slow the baseline and inflate the speed-up.
Deno.test("worker mode: a candidate that leaves a Worker spinning is not timed against", async () => {
  const source = `${TERM_SIGN}
export function slowSeries(n: number, omit: string, seed: number): number {
  if (n >= 1_000_000) {
    new Worker("data:application/javascript,while (true) {}", { type: "module" });
    const until = Date.now() + 1500; // the nested Worker starts meanwhile
    while (Date.now() < until) { /* wait */ }
  }
  let t = 0;
  for (let k = 1; k <= n; k++) if (!String(k).includes(omit)) t += termSign(seed, k) / k;
  return t;
}
`;
  const result = await checkSource(1, source, { quick: false });
  const performance = result.performance;
  assert(performance !== null, "the speed was measured");
  assertEquals(performance.status, "error", performance.reason);
  assert(
    performance.reason.includes("kept running after it answered"),
    `the reason: ${performance.reason}`,
  );
});

// A pair's runner builds its inputs, then waits for the judge's go (sent once the previous
// pair's runner has exited) before it times anything, and says "timed" before it judges,
// when the next pair's runner may start (lib/check/speed/worker_pairs.ts).
Deno.test("worker mode: a gated pair times nothing before go, and says timed before judging", async () => {
  const exercise = findExercise("1");
  assert(exercise?.check !== undefined && exercise.baseline?.kind === "module", "exercise 1");
  const check = (await import(repoUrl(exercise.check))).check as ExerciseCheck<unknown, unknown>;
  const input = check.benchmark.input(createRng(TEST_SEED), "default");
  const source = { kind: "solutions" } as const;
  const session = new RunnerSession({ readPaths: candidateReadPaths(exercise, source) });
  const WAIT_MS = 1000;
  const sent = performance.now();
  let wentAt = 0;
  let timedAt = 0;
  try {
    const outcome = await session.run(
      {
        kind: "pair",
        checkUrl: repoUrl(exercise.check),
        baseline: {
          url: repoUrl(exercise.baseline.module),
          exportName: exercise.baseline.exportName,
        },
        candidate: {
          url: new URL(`file://${entryFile(exercise, source)}`).href,
          exportName: exercise.entry,
        },
        input,
        together: true,
        gated: true,
      },
      60_000,
      {
        go: new Promise((resolve) => setTimeout(resolve, WAIT_MS)).then(() => {
          wentAt = performance.now();
        }),
        onTimed: () => (timedAt = performance.now()),
      },
    );
    const repliedAt = performance.now();
    assert(
      outcome.kind === "reply" && outcome.reply.kind === "pair",
      `a pair reply: ${outcome.kind}`,
    );
    const reply = outcome.reply;
    assertEquals(reply.problem, null, "the reference agrees with the baseline");
    assert(wentAt - sent >= WAIT_MS - 1, "go was held back");
    assert(timedAt > wentAt && repliedAt >= timedAt, "timed after go, before the reply");
    // Both samples ran after go: their times fit between go and "timed".
    const timed = reply.baselineMs + reply.candidateMs;
    assert(timed <= timedAt - wentAt, `samples of ${timed} ms within ${timedAt - wentAt} ms`);
  } finally {
    await session.close();
  }
});

// Exercise 2's pairs whose baseline goes first build the grid once: the baseline's Worker builds
// it, and hands it to the candidate once it has run (sharedInputs). Those whose candidate goes
// first lay the baseline's outputs in the grid the candidate hands back (reuse). Either way the
// candidate's output is still judged against the baseline's, element by element.
Deno.test("worker mode: exercise 2's pairs share what they build, and the candidate is still judged", async () => {
  const exercise = findExercise("2");
  assert(exercise?.check !== undefined && exercise.baseline?.kind === "module", "exercise 2");
  const check = (await import(repoUrl(exercise.check))).check as ExerciseCheck<unknown, unknown>;
  assert(check.sharedInputs !== undefined, "exercise 2 builds its inputs apart");
  const dir = await Deno.makeTempDir({ prefix: "workbook-share-" });
  const source = { kind: "dir", path: dir } as const;
  const file = entryFile(exercise, source);
  await Deno.mkdir(`${dir}/${exercise.dir}`, { recursive: true });
  const reference = await Deno.readTextFile(entryFile(exercise, { kind: "solutions" }));
  const input = { nlat: 40, nlon: 60, nr: 30, noise: 0.05, seed: 7 };
  const pair = async (code: string, order: "baseline-first" | "candidate-first") => {
    await Deno.writeTextFile(file, code);
    const session = new RunnerSession({ readPaths: candidateReadPaths(exercise, source) });
    try {
      const outcome = await session.run({
        kind: "pair",
        checkUrl: repoUrl(exercise.check as string),
        baseline: {
          url: repoUrl((exercise.baseline as { module: string }).module),
          exportName: (exercise.baseline as { exportName: string }).exportName,
        },
        candidate: { url: new URL(`file://${file}`).href, exportName: exercise.entry },
        input,
        order,
        together: true,
      }, 60_000);
      assert(outcome.kind === "reply" && outcome.reply.kind === "pair", `a reply: ${outcome.kind}`);
      return outcome.reply;
    } finally {
      await session.close();
    }
  };
  // Writes nothing and returns its own grid's fields as its output: were those buffers given to
  // the baseline after it (candidate first), the baseline's answer would land in its output.
  const aliased = `import type { Grid, Velocity } from "./grid.ts";
export function toCartesian(grid: Grid, _out: Velocity): Velocity {
  return { vx: grid.vlat, vy: grid.vlon, vz: grid.vrad };
}
`;
  // Right but for one element of vz.
  const offByOne = reference.replace("export function toCartesian(", "function toCartesianRight(") +
    `
export function toCartesian(grid: Grid, out: Velocity): Velocity {
  const result = toCartesianRight(grid, out);
  result.vz[17] = (result.vz[17] as number) + 1;
  return result;
}
`;
  try {
    for (const order of ["baseline-first", "candidate-first"] as const) {
      const right = await pair(reference, order);
      assertEquals(right.problem, null, `${order}: the reference passes`);
      const wrong = await pair(offByOne, order);
      assert(
        wrong.problem?.includes("vz[17]") === true,
        `${order}: the wrong element is named: ${wrong.problem}`,
      );
      const copied = await pair(aliased, order);
      assert(
        copied.problem?.includes("vx[") === true,
        `${order}: its own grid is not the answer: ${copied.problem}`,
      );
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

// What a candidate that went first hands back is only reused as the baseline's outputs when it
// is three distinct, unshared Float64Arrays of the grid's size; anything else is built afresh.
Deno.test("exercise 2 reuses a handed-back grid only when it is exactly three fields of its size", async () => {
  const { check } = await import("../../checks/02_velocity/check.ts");
  const reuse = check.sharedInputs?.reuse;
  assert(reuse !== undefined, "exercise 2 reuses");
  const input = { nlat: 2, nlon: 3, nr: 4, noise: 0, seed: 0 };
  const field = () => new Float64Array(24);
  const grid = { vlat: field(), vlon: field(), vrad: field() };
  const outputs = reuse(grid, input) as Record<string, Float64Array>;
  assert(outputs.vx === grid.vlat && outputs.vy === grid.vlon && outputs.vz === grid.vrad, "laid");
  const one = field();
  const refused: [string, unknown][] = [
    ["not an object", 7],
    ["a field missing", { vlat: field(), vlon: field() }],
    ["a field too short", { ...grid, vrad: new Float64Array(23) }],
    ["a field of another type", { ...grid, vrad: new Float32Array(24) }],
    ["one buffer twice", { vlat: one, vlon: one, vrad: field() }],
    ["a view into a larger buffer", {
      ...grid,
      vrad: new Float64Array(new ArrayBuffer(400), 8, 24),
    }],
    ["a shared buffer", { ...grid, vrad: new Float64Array(new SharedArrayBuffer(192)) }],
    ["a resizable buffer", {
      ...grid,
      vrad: new Float64Array(new ArrayBuffer(192, { maxByteLength: 384 })),
    }],
  ];
  for (const [why, handed] of refused) {
    assertEquals(reuse(handed, input), undefined, why);
  }
});
