/**
 * The written answers: templates that match the declared questions, the
 * reader (comments are not answers, empty is unanswered), the learner's own
 * measurements pulled in, the report's section (escaped), and the grader's rows.
 */
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";
import { CATALOGUE } from "../../lib/exercise/catalogue.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import {
  answersForGrade,
  answersTemplate,
  parseAnswers,
  QUESTIONS,
  readAnswers,
} from "../../lib/learner/answers.ts";
import { emptyProgress, type ProgressState } from "../../lib/learner/progress.ts";
import { answersSection } from "../../lib/report/answers_section.ts";
import { readLessons, recordLesson } from "../../lib/learner/lessons/record.ts";
import { renderReport } from "../../lib/report/html.ts";

/** Where each exercise ships its template: in its own folder, beside the stub. */
function templatePath(dir: string): string {
  return `${REPO_ROOT}/exercises/${dir}/answers.md`;
}

Deno.test("answers: every shipped template has exactly the declared questions, unanswered", () => {
  for (const exercise of CATALOGUE) {
    const questions = QUESTIONS[exercise.slug];
    if (questions === undefined) continue;
    const text = Deno.readTextFileSync(templatePath(exercise.dir));
    const parsed = parseAnswers(text);
    assertEquals([...parsed.keys()].join(), questions.map((q) => q.id).join(), exercise.slug);
    for (const [id, text] of parsed) assertEquals(text, "", `${exercise.slug} ${id} is empty`);
    assertEquals(text, answersTemplate(exercise), `${exercise.slug}: the template is generated`);
  }
});

Deno.test("answers: comments are guidance, not answers; text under a heading is", () => {
  const text = answersTemplate({ number: 2, slug: "velocity", title: "Velocity" })
    .replace("## q2 ·", "Slower: each temporary is a pass to main memory.\n\n## q2 ·");
  const parsed = parseAnswers(text);
  assertEquals(parsed.get("q1"), "Slower: each temporary is a pass to main memory.", "q1");
  assertEquals(parsed.get("q2"), "", "q2 unanswered");
});

function progressWithVelocity(): ProgressState {
  const state = emptyProgress();
  const stats = { median: 23.4, min: 20.1, max: 25, pairs: 5 };
  state.exercises["velocity"] = {
    number: 2,
    checks: 1,
    passed: true,
    firstPassedAt: "2026-11-30T10:00:00Z",
    last: { at: "2026-11-30T10:00:00Z", status: "pass", quick: false, seed: 1 },
    best: {
      at: "2026-11-30T10:00:00Z",
      seed: 1,
      speedup: stats,
      tier: "gold",
      tiers: { pass: 8, silver: 12, gold: 16 },
      baselineMs: 2675,
      candidateMs: 114,
      pairs: 5,
      size: "default",
      overallTier: "gold",
      parallel: null,
    },
  } as unknown as ProgressState["exercises"][string];
  return state;
}

Deno.test("answers: a question that asks for a measurement gets the learner's own", async () => {
  const root = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${root}/exercises/02_velocity`, { recursive: true });
    await Deno.writeTextFile(
      `${root}/exercises/02_velocity/answers.md`,
      "# x\n\n## q1 · matrix\n\nNo: <b>allocations</b>.\n",
    );
    const sheets = await readAnswers(progressWithVelocity(), root);
    const velocity = sheets.find((s) => s.slug === "velocity");
    assert(velocity?.found === true, "found");
    const q1 = velocity?.questions.find((q) => q.id === "q1");
    assertEquals(q1?.answer, "No: <b>allocations</b>.", "answer");
    assertIncludes(q1?.measured ?? "", "23.40×", "measured speed-up");
    assertIncludes(q1?.measured ?? "", "baseline 2675 ms", "times");
    assertEquals(velocity?.questions.find((q) => q.id === "q2")?.answer, null, "q2");
    assertEquals(sheets.find((s) => s.slug === "slow-series")?.found, false, "missing file");

    const html = renderReport({ title: "t", subtitle: "", exercises: [], answers: sheets });
    assertIncludes(html, "Your answers", "section");
    assertIncludes(html, "No: &lt;b&gt;allocations&lt;/b&gt;.", "escaped");
    assert(!html.includes("<b>allocations"), "never raw");

    const rows = await answersForGrade(root, progressWithVelocity());
    const total = Object.values(QUESTIONS).reduce((sum, qs) => sum + qs.length, 0);
    assertEquals(rows.length, total, "one row per question");
    assertEquals(
      rows.find((r) => r.slug === "velocity" && r.question === "q1")?.answer,
      "No: <b>allocations</b>.",
      "row",
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("answers: the section is empty without sheets", () => {
  assertEquals(answersSection([]), "", "nothing");
});

Deno.test("answers: a question tied to a lesson shows the learner's latest lesson figures", async () => {
  const root = await Deno.makeTempDir();
  try {
    const file = `${root}/.workbook/lessons.json`;
    assert(await recordLesson("flat", "flat table, n = 10,000,000: 1 W 668 ms", file), "written");
    assertEquals(
      (await readLessons(file)).lessons.flat?.summary.startsWith("flat table"),
      true,
      "read",
    );
    const sheets = await readAnswers(emptyProgress(), root);
    const q2 = sheets.find((s) => s.slug === "bottleneck")?.questions.find((q) => q.id === "q2");
    assertIncludes(q2?.measured ?? "", "1 W 668 ms", "the lesson's figures");
    await Deno.writeTextFile(file, "{ not json");
    assertEquals(
      Object.keys((await readLessons(file)).lessons).length,
      0,
      "a bad file reads as empty",
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
