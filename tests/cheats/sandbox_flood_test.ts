/**
 * What a candidate prints reaches the judge through a pipe it shares with the
 * harness. A submission that prints one endless line (no newline, ever) made
 * the judge keep the whole line and search it from its start for every chunk
 * that arrived: 53 MB held after 8 s, the judge so busy that an 8 s limit
 * ended after 11 s, and grading then copied the line into an array of its
 * characters to keep 300 of them. The judge keeps a bounded head of each line
 * and drops the rest.
 *
 * @module
 */
import { assert } from "../_helpers/helpers.ts";
import { findExercise } from "../../lib/exercise/catalogue.ts";
import { candidateReadPaths, repoUrl } from "../../lib/exercise/paths.ts";
import { createRng } from "../../lib/exercise/rng.ts";
import { runSampleProcess } from "../../lib/sandbox/sample_process.ts";
import { RunnerSession } from "../../lib/sandbox/runner_client.ts";
import { MAX_LINE_CHARS } from "../../lib/sandbox/spawn.ts";
import type { ExerciseCheck } from "../../lib/check/types.ts";

/** The flood: 1 MB at a time, no newline, until the judge's limit. */
const FLOOD = `const bytes = new TextEncoder().encode("x".repeat(1 << 20));
  for (;;) Deno.stdout.writeSync(bytes);`;
const LIMIT_MS = 6000;
/** Longer than any line the judge keeps of a candidate's output. */
const LONG_LINE = MAX_LINE_CHARS + 100;

/** Writes `source` as exercise `number`'s file under a new folder. */
async function candidate(number: number, source: string) {
  const exercise = findExercise(String(number));
  assert(exercise?.check !== undefined, `exercise ${number} has a check`);
  const dir = await Deno.makeTempDir({ prefix: "workbook-flood-" });
  await Deno.mkdir(`${dir}/${exercise.dir}`);
  const file = `${dir}/${exercise.dir}/${exercise.files[0]}`;
  await Deno.writeTextFile(file, source);
  return {
    exercise,
    dir,
    checkUrl: repoUrl(exercise.check),
    target: { url: new URL(`file://${file}`).href, exportName: exercise.entry },
    readPaths: candidateReadPaths(exercise, { kind: "dir", path: dir }),
  };
}

Deno.test("an endless line printed in a sample process is cut, and the time limit holds", async () => {
  const c = await candidate(
    6,
    `export function slowSeriesParallel(_n: number, _workers: number): number {
  ${FLOOD}
}
export function intervals(): [number, number][] { return []; }
`,
  );
  try {
    let longest = 0;
    const start = performance.now();
    const sample = await runSampleProcess({
      checkUrl: c.checkUrl,
      target: c.target,
      input: { kind: "sum", n: 1000, workers: 1 },
      readPaths: c.readPaths,
      timeoutMs: LIMIT_MS,
      onOutput: (line) => (longest = Math.max(longest, line.length)),
    });
    const took = performance.now() - start;
    assert(!sample.ok && sample.code === "timeout", `a time-out: ${JSON.stringify(sample)}`);
    assert(longest <= LONG_LINE, `the judge kept a line of ${longest} characters`);
    assert(took < LIMIT_MS + 3000, `a ${LIMIT_MS} ms limit ended after ${took.toFixed(0)} ms`);
  } finally {
    await Deno.remove(c.dir, { recursive: true });
  }
});

Deno.test("an endless line printed in a runner's Worker is cut, and the time limit holds", async () => {
  const c = await candidate(
    2,
    `export function toCartesian(..._args: unknown[]): unknown {
  ${FLOOD}
}
`,
  );
  const runner = new RunnerSession({ readPaths: c.readPaths });
  try {
    const check = (await import(c.checkUrl)).check as ExerciseCheck<unknown, unknown>;
    const input = check.cases(createRng(1))[0]?.input;
    const start = performance.now();
    const outcome = await runner.run(
      { kind: "test", checkUrl: c.checkUrl, candidate: c.target, input },
      LIMIT_MS,
    );
    const took = performance.now() - start;
    await runner.close(); // what was left of the line is read now
    const longest = Math.max(0, ...runner.printed.map((line) => line.length));
    assert(outcome.kind === "timeout", `a time-out: ${JSON.stringify(outcome)}`);
    assert(longest <= LONG_LINE, `the judge kept a line of ${longest} characters`);
    assert(took < LIMIT_MS + 3000, `a ${LIMIT_MS} ms limit ended after ${took.toFixed(0)} ms`);
  } finally {
    await runner.close();
    await Deno.remove(c.dir, { recursive: true });
  }
});
