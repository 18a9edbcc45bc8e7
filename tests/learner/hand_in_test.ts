/**
 * Hand-ins (`lib/learner/standing.ts`): in the student copy the quiz has no key,
 * so `check 11` records that the answers were handed in. `status` and `report`
 * count a hand-in apart from the passes (awaiting the instructor, never a
 * pass), the next exercise skips it, and the state file keeps it.
 *
 * @module
 */
import { CATALOGUE } from "../../lib/exercise/catalogue.ts";
import {
  emptyProgress,
  loadProgress,
  type ProgressState,
  withResult,
  writeProgress,
} from "../../lib/learner/progress.ts";
import { firstNotPassed, recordHandIn, standing, withHandIn } from "../../lib/learner/standing.ts";
import { unwrittenFiles } from "../../lib/learner/stubs.ts";
import { statusLines } from "../../lib/cli/status.ts";
import { reportData } from "../../lib/cli/report.ts";
import { renderReport } from "../../lib/report/html.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import type { CheckResult } from "../../lib/check/types.ts";
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";

const QUIZ = CATALOGUE.find((e) => e.slug === "which-tool")!;
const AVAILABLE = CATALOGUE.filter((e) => e.available);
const MACHINE = { cores: 2, cpu: "test", deno: "2", v8: "1", os: "linux" };

/** A full check of `slug` that passed (no speed part: what counts here is the pass). */
function passed(slug: string): CheckResult {
  const exercise = CATALOGUE.find((e) => e.slug === slug)!;
  return {
    schema: "workbook-check/1",
    exercise: { number: exercise.number, slug, title: exercise.title },
    status: "pass",
    summary: "pass",
    source: "",
    seed: 1,
    quick: false,
    tests: [{ name: "t", status: "pass", message: "" }],
    credit: null,
    performance: null,
    parallel: null,
    machine: MACHINE,
    durationMs: 1,
  };
}

/** Every available exercise passed but the quiz, which was handed in. */
function allButQuizPassed(): ProgressState {
  let state = emptyProgress();
  for (const e of AVAILABLE) if (e !== QUIZ) state = withResult(state, passed(e.slug));
  return withHandIn(state, QUIZ);
}

Deno.test("a hand-in is its own standing: not a pass, and nothing left to do", () => {
  const state = withHandIn(emptyProgress(), QUIZ);
  assertEquals(standing(QUIZ, state), "handed-in", "handed in");
  assertEquals(state.exercises[QUIZ.slug], undefined, "no check, no pass recorded");
  assertEquals(standing(QUIZ, withResult(state, passed(QUIZ.slug))), "passed", "a pass wins");
  assertEquals(firstNotPassed(allButQuizPassed()), undefined, "no next exercise");
  assertEquals(firstNotPassed(emptyProgress())?.number, 1, "else the first not passed");
});

Deno.test("statusLines(): a hand-in reads as awaiting the instructor, counted apart from passes", () => {
  const lines = statusLines(allButQuizPassed(), {}, new Date());
  const passes = AVAILABLE.length - 1;
  assertIncludes(
    lines[0] ?? "",
    `${passes} of ${AVAILABLE.length} available exercises passed, 1 handed in (awaiting your instructor)`,
    "the bar's count",
  );
  const row = lines.find((l) => l.includes(` ${QUIZ.slug} `)) ?? "";
  assertIncludes(row, "handed in: graded by your instructor", "the quiz's row");
  assert(!row.includes("✓ passed"), `not shown as a pass: ${row}`);
  assertIncludes(row, "handed in · just now", "its last column");
  assertIncludes(lines.at(-1) ?? "", "Nothing left to do", "no next exercise to check");
  assert(!lines.join("\n").includes("Next: exercise"), "never sent back to check 11");
});

Deno.test("reportData(): the report's bar and table count the hand-in apart", () => {
  const data = reportData(allButQuizPassed(), MACHINE, new Date());
  assertEquals(data.exercises.find((e) => e.slug === QUIZ.slug)?.state, "handed-in", "state");
  const html = renderReport(data);
  assertIncludes(html, "1 handed in (awaiting your instructor)", "the bar");
  assertIncludes(html, "✉ handed in: graded by your instructor", "the row");
  assertIncludes(html, `${AVAILABLE.length - 1} of ${AVAILABLE.length} available`, "passes");
});

Deno.test("recordHandIn() keeps the hand-in in the state file, and a bad one is dropped", async () => {
  const dir = await Deno.makeTempDir({ prefix: "workbook-hand-in-" });
  try {
    const file = `${dir}/progress.json`;
    assert(await recordHandIn(QUIZ, { file }), "recorded");
    const { state, problem } = await loadProgress(file);
    assertEquals(problem, null, "readable");
    assertEquals(state.handedIn?.[QUIZ.slug]?.files, QUIZ.files, "the files handed in");
    const odd = JSON.parse(await Deno.readTextFile(file));
    odd.handedIn["x"] = { at: 5 };
    await Deno.writeTextFile(file, JSON.stringify(odd));
    const reread = await loadProgress(file);
    assertEquals(reread.problem, null, "an odd hand-in does not spoil the file");
    assertEquals(Object.keys(reread.state.handedIn ?? {}), [QUIZ.slug], "the odd one dropped");
    await writeProgress(emptyProgress(), file);
    assertEquals((await loadProgress(file)).state.handedIn, undefined, "none: no field");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("unwrittenFiles(): the stubs as shipped are unwritten; an edited file is written", async () => {
  const dir = await Deno.makeTempDir({ prefix: "workbook-hand-in-" });
  try {
    await Deno.mkdir(`${dir}/${QUIZ.dir}`);
    for (const file of QUIZ.files) {
      await Deno.copyFile(
        `${REPO_ROOT}/checks/${QUIZ.dir}/stub/${file}`,
        `${dir}/${QUIZ.dir}/${file}`,
      );
    }
    assertEquals(await unwrittenFiles(QUIZ, dir), QUIZ.files, "every file still the stub");
    await Deno.writeTextFile(`${dir}/${QUIZ.dir}/reflection.md`, "My own answer.\n");
    assertEquals(await unwrittenFiles(QUIZ, dir), ["which_tool.ts"], "one written");
    await Deno.remove(`${dir}/${QUIZ.dir}/which_tool.ts`);
    assertEquals(await unwrittenFiles(QUIZ, dir), ["which_tool.ts"], "a missing file is unwritten");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
