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
// it, and hands it to the candidate once it has run (sharedInputs). The candidate's output is
// still judged against the baseline's, element by element.
Deno.test("worker mode: exercise 2's baseline hands its grid over, and the candidate is still judged", async () => {
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
  const pair = async (code: string) => {
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
        order: "baseline-first",
        together: true,
      }, 60_000);
      assert(outcome.kind === "reply" && outcome.reply.kind === "pair", `a reply: ${outcome.kind}`);
      return outcome.reply;
    } finally {
      await session.close();
    }
  };
  try {
    const right = await pair(reference);
    assertEquals(right.problem, null, "the reference on the handed-over grid");
    // Right but for one element of vz: the grid it read is the baseline's, the output its own.
    const wrong = await pair(
      reference.replace("export function toCartesian(", "function toCartesianRight(") + `
export function toCartesian(grid: Grid, out: Velocity): Velocity {
  const result = toCartesianRight(grid, out);
  result.vz[17] = (result.vz[17] as number) + 1;
  return result;
}
`,
    );
    assert(
      wrong.problem?.includes("vz[17]") === true,
      `the wrong element is named: ${wrong.problem}`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
