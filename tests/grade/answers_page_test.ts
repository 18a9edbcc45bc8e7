/**
 * The written answers to read (`lib/grade/class/answers_html.ts`): per question
 * across the class, each answer beside the grader's own figures for that
 * student, hostile text shown as text; and the same page for 300 students in
 * headless Chromium (no script runs, no request leaves, every answer there).
 *
 * @module
 */
import { measuredLine, renderAnswersPage } from "../../lib/grade/class/answers_html.ts";
import {
  type ExerciseGrade,
  GRADE_SCHEMA,
  type StudentGrade,
  type WrittenAnswer,
} from "../../lib/grade/result.ts";
import type { PerformanceResult } from "../../lib/check/types.ts";
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";
import { chromiumPresent, launchChromium } from "../_helpers/browser.ts";

const EXERCISES = [
  { number: 2, slug: "velocity", title: "Vectorize the velocity loop" },
  { number: 11, slug: "which-tool", title: "Which tool, when" },
];
const REFLECTION_STUB = "# Question 6\n\nTODO: replace this line with your answer.\n";
const HOSTILE = `</div></details><script>document.title="pwned"</script>` +
  `<img src=x onerror="document.title='img'"><a href="javascript:alert(1)">x</a>` +
  `<style>body{display:none}</style><!--`;

function speed(median: number): PerformanceResult {
  return {
    status: median >= 8 ? "pass" : "fail",
    reason: "",
    baselineMs: 1040,
    candidateMs: 1040 / median,
    speedup: { median, min: median * 0.95, max: median * 1.05, pairs: 3 },
    required: 8,
    tier: median >= 16 ? "gold" : median >= 12 ? "silver" : median >= 8 ? "pass" : null,
    tiers: { pass: 8, silver: 12, gold: 16 },
    pairs: 3,
    size: "default",
  } as PerformanceResult;
}

function velocity(median: number, answers: WrittenAnswer[]): ExerciseGrade {
  const perf = speed(median);
  return {
    number: 2,
    slug: "velocity",
    title: "Vectorize the velocity loop",
    status: perf.status === "pass" ? "pass" : "fail",
    summary: "",
    tier: perf.tier,
    points: perf.tier === null ? 0 : 10,
    maxPoints: 20,
    credit: null,
    tests: [{ name: "grid", status: "pass", message: "" }],
    performance: perf,
    parallel: null,
    printed: [],
    answers,
    durationMs: 1000,
  };
}

function whichTool(text: string): ExerciseGrade {
  return {
    number: 11,
    slug: "which-tool",
    title: "Which tool, when",
    status: "pass",
    summary: "",
    tier: "pass",
    points: 10,
    maxPoints: 10,
    credit: 0.83,
    tests: [{ name: "quiz", status: "pass", message: "" }],
    performance: null,
    parallel: null,
    printed: [],
    written: [{ file: "reflection.md", text }],
    durationMs: 10,
  };
}

function student(id: string, exercises: ExerciseGrade[]): StudentGrade {
  return {
    schema: GRADE_SCHEMA,
    student: id,
    submission: `/class/${id}`,
    fingerprint: "sha256:x",
    status: "graded",
    problem: null,
    notes: [],
    exercises,
    total: 0,
    maxTotal: 30,
    seed: 1,
    machine: {
      cores: 2,
      cpu: "c",
      deno: "2.9.6",
      v8: "v",
      os: "linux",
      memoryMb: 1,
      loadAverage: [],
    },
    gradedAt: "2026-11-30T00:00:00Z",
    durationMs: 1,
  };
}

function q(id: string, answer: string | null): WrittenAnswer {
  return { id, prompt: id === "q1" ? "Does a 3×3 matrix help?" : "Why three axes?", answer };
}

/** A class of `n`: every fifth leaves q1 empty, student 3 writes hostile HTML everywhere. */
function classOf(n: number): StudentGrade[] {
  return Array.from({ length: n }, (_, i) => {
    const id = i === 3 ? `o'brien & <b>co</b>` : `s${String(i).padStart(3, "0")}`;
    const text = i === 3 ? HOSTILE : `Answer of ${id}: the tables won, ${10 + i % 9}× here.`;
    return student(id, [
      velocity(4 + (i % 15), [q("q1", i % 5 === 4 ? null : text), q("q2", text)]),
      whichTool(i % 7 === 6 ? REFLECTION_STUB : `${text}\nA second line.`),
    ]);
  });
}

function page(grades: StudentGrade[]): string {
  return renderAnswersPage({
    title: "Class: written answers",
    grades,
    exercises: EXERCISES,
    stubs: new Map([["11/reflection.md", REFLECTION_STUB]]),
    generatedAt: "2026-11-30T12:00:00Z",
  });
}

Deno.test("the answers page gathers each question across the class, figures beside", () => {
  const html = page(classOf(10));
  assertIncludes(html, "Exercise 2 · q1 · Does a 3×3 matrix help?", "the question");
  assertIncludes(html, "(8 of 10 answered)", "q1 answered by 8");
  assertIncludes(html, "Not answered (2): s004, s009", "who left it empty");
  assertIncludes(html, "Exercise 11 · reflection.md", "the reflection is a question of its own");
  assertIncludes(html, "(9 of 10 answered)", "a reflection left as the stub is no answer");
  assertIncludes(html, "Answer of s000: the tables won, 10× here.", "an answer as written");
  assertIncludes(html, "speed-up 4× (3.8×–4.2×), baseline 1.04 s, theirs 260.0 ms", "figures");
  assertIncludes(html, "their speed-ups: 2: 5×", "exercise 11 shows the speed-ups elsewhere");
  assertIncludes(html, 'href="students/s000/report.html"', "a link to the report");
  assertEquals(
    measuredLine(classOf(1)[0]!.exercises[1]!),
    "tests 1/1 · credit 83%",
    "no speed part: tests and credit",
  );
});

Deno.test("hostile answers and names are text: no tag, no attribute, no comment of theirs", () => {
  const html = page(classOf(5));
  const body = html.slice(html.indexOf("<body>"));
  for (
    const raw of [
      "<script",
      "<img",
      "<style>body",
      'href="javascript',
      'onerror="',
      "<!--",
      "<b>co",
    ]
  ) {
    assert(!body.includes(raw), `raw ${raw} in the page`);
  }
  assertIncludes(html, "&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;", "shown");
  assertIncludes(html, "o&#39;brien &amp; &lt;b&gt;co&lt;/b&gt;", "the name, escaped");
  assertIncludes(
    html,
    'href="students/o&#39;brien%20%26%20%3Cb%3Eco%3C%2Fb%3E/report.html"',
    "the link, encoded",
  );
  assertIncludes(html, "default-src 'none'", "a policy that forbids requests and scripts");
});

Deno.test("a class whose results hold no answer still gets a page that says so", () => {
  const html = page([student("a", [])]);
  assertIncludes(html, 'id="no-answers"', "the note");
});

const browserPresent = chromiumPresent("answers_page_test");

Deno.test({
  name: "the answers page of 300 students renders in Chromium: no script runs, nothing leaves",
  ignore: !browserPresent,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "workbook-answers-" });
    const file = `${dir}/answers.html`;
    await Deno.writeTextFile(file, page(classOf(300)));
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const problems: string[] = [];
      const requests: string[] = [];
      tab.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") problems.push(m.text());
      });
      tab.on("pageerror", (e) => problems.push(e.message));
      tab.on("request", (r) => requests.push(r.url()));
      await tab.goto(`file://${file}`);
      assertEquals(await tab.title(), "Class: written answers", "no script of theirs ran");
      assertEquals(await tab.locator("script, img, style:not(head style)").count(), 0, "no tags");
      assertEquals(await tab.locator("details.question").count(), 3, "q1, q2, reflection");
      assertEquals(await tab.locator("article.answer").count(), 240 + 300 + 258, "answers");
      const hostile = tab.locator("article.answer .text", { hasText: "<script>" }).first();
      assert(await hostile.isVisible(), "the hostile answer is shown as text");
      const box = await tab.locator("article.answer .text").first().boundingBox();
      assert(
        box !== null && box.width > 300 && box.width < 900,
        `a readable measure: ${box?.width}`,
      );
      await tab.screenshot({ path: `${dir}/answers.png` });
      assert((await Deno.stat(`${dir}/answers.png`)).size > 10_000, "a screenshot");
      assertEquals(problems, [], "console errors and warnings");
      assertEquals(requests.filter((u) => !u.startsWith("file://")), [], "requests leaving");
    } finally {
      await browser.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
