/**
 * The class dashboard (`lib/grade/class/dashboard.ts`): the page as a string
 * for a class of 40, and the same page in headless Chromium (no console errors,
 * no request leaving the file, the distributions drawn).
 *
 * @module
 */
import { type DashboardInput, renderDashboard } from "../../lib/grade/class/dashboard.ts";
import type { SimilarityReport } from "../../lib/grade/class/similarity.ts";
import { type ExerciseGrade, GRADE_SCHEMA, type StudentGrade } from "../../lib/grade/result.ts";
import type { PerformanceResult, Tier } from "../../lib/check/types.ts";
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";
import { chromiumPresent, launchChromium } from "../_helpers/browser.ts";

const TIERS_1: Record<Tier, number> = { pass: 1.5, silver: 1.8, gold: 2.1 };
const EXERCISES = [
  { number: 1, slug: "slow-series", title: "The slow series", maxPoints: 10 },
  { number: 5, slug: "worker-pool", title: "A pool of Workers", maxPoints: 10 },
];

function performance(speedup: number): PerformanceResult {
  const tier: Tier | null = speedup >= 2.1
    ? "gold"
    : speedup >= 1.8
    ? "silver"
    : speedup >= 1.5
    ? "pass"
    : null;
  return {
    status: tier === null ? "fail" : "pass",
    reason: tier === null ? `median speed-up ${speedup}× is below the pass tier 1.5×` : "",
    baselineMs: 450,
    candidateMs: 450 / speedup,
    speedup: { median: speedup, min: speedup * 0.9, max: speedup * 1.1 },
    required: 1.5,
    tier,
    tiers: TIERS_1,
    pairs: 5,
    size: "default",
  };
}

function exerciseGrade(
  number: number,
  kind: "speed" | "wrong" | "error",
  speedup = 1,
): ExerciseGrade {
  const meta = EXERCISES.find((e) => e.number === number) as (typeof EXERCISES)[number];
  const perf = kind === "speed" && number === 1 ? performance(speedup) : null;
  const passed = kind === "speed" && (perf === null || perf.status === "pass");
  return {
    number,
    slug: meta.slug,
    title: meta.title,
    status: kind === "error" ? "error" : passed ? "pass" : "fail",
    summary: kind === "error" ? "not implemented" : passed ? "passed" : "did not pass",
    tier: perf?.tier ?? (passed ? "pass" : null),
    points: passed ? 6 + (perf?.tier === "gold" ? 4 : perf?.tier === "silver" ? 2 : 0) : 0,
    maxPoints: 10,
    credit: null,
    tests: kind === "wrong"
      ? [
        { name: "n = 0 is an empty sum", status: "pass", message: "" },
        { name: 'n = 1000, omit "05"', status: "fail", message: "expected 7.0, got 6.9" },
      ]
      : [{
        name: "n = 0 is an empty sum",
        status: kind === "error" ? "error" : "pass",
        message: "",
      }],
    performance: perf,
    parallel: null,
    printed: [],
    durationMs: 4000,
  };
}

function student(name: string, exercises: ExerciseGrade[]): StudentGrade {
  const total = exercises.reduce((s, e) => s + e.points, 0);
  return {
    schema: GRADE_SCHEMA,
    fingerprint: "sha256:test",
    student: name,
    submission: `/class/${name}`,
    status: "graded",
    problem: null,
    notes: [],
    exercises,
    total,
    maxTotal: 20,
    seed: 42,
    machine: {
      cores: 2,
      cpu: "Test CPU",
      deno: "2.9.6",
      v8: "x",
      os: "linux",
      memoryMb: 1,
      loadAverage: [0, 0, 0],
    },
    gradedAt: "2026-11-30T00:00:00Z",
    durationMs: 8000,
  };
}

/** 40 students: a spread of speed-ups, some wrong, some stubs; one name that needs escaping. */
function classOf40(): DashboardInput {
  const grades: StudentGrade[] = [];
  for (let i = 0; i < 40; i++) {
    const name = i === 0 ? `<b>Zoë "x" Smith</b>` : `student-${String(i).padStart(2, "0")}`;
    const kind = i % 10 === 9 ? "error" : i % 7 === 3 ? "wrong" : "speed";
    grades.push(student(name, [
      exerciseGrade(1, kind, 0.9 + (i % 13) * 0.2),
      exerciseGrade(5, i % 4 === 0 ? "error" : "speed"),
    ]));
  }
  const similarity: SimilarityReport = {
    pairs: [{ a: "student-01", b: "student-02", score: 0.93, shared: 40, matches: [] }],
    common: 3,
    skipped: [],
  };
  return {
    title: "CS 101 · class dashboard",
    grades,
    exercises: EXERCISES,
    similarity: new Map([[1, similarity]]),
    generatedAt: "2026-11-30T12:00:00Z",
  };
}

Deno.test("renderDashboard() draws every exercise and lists every student, escaped", () => {
  const input = classOf40();
  const html = renderDashboard(input);
  assertIncludes(html, "default-src 'none'", "a policy that forbids fetching");
  assert(!html.includes("<script"), "no script");
  assertIncludes(html, "&lt;b&gt;Zoë &quot;x&quot; Smith&lt;/b&gt;", "a name, escaped");
  assertIncludes(
    html,
    'href="students/%3Cb%3EZo%C3%AB%20%22x%22%20Smith%3C%2Fb%3E/report.html"',
    "a link",
  );
  assertEquals(html.match(/<section class="exercise"/g)?.length, 2, "a section per exercise");
  const measured = input.grades.filter((g) => g.exercises[0]?.performance !== null).length;
  assertEquals(html.match(/<circle class="dot"/g)?.length, measured, "a dot per measured student");
  assertEquals(html.match(/class="tier-line tier-/g)?.length, 3, "three tier lines");
  assertIncludes(html, "n = 1000, omit &quot;05&quot;", "the test that failed most");
  assertIncludes(html, "93%", "the flagged pair");
  assertEquals(html.match(/<tr><td><a href=/g)?.length, 40, "a row per student");
  assertIncludes(html, "No speed-up was measured", "exercise 5 has no strip");
});

Deno.test("renderDashboard() shows manual points and the final total once any are given", () => {
  const input = classOf40();
  assert(
    !renderDashboard(input).includes(">manual</th>"),
    "no manual column without manual points",
  );
  const first = input.grades[0]!;
  const html = renderDashboard({
    ...input,
    manual: new Map([[first.student, { manual: 2.5, final: first.total + 2.5 }]]),
  });
  assertIncludes(html, '>manual</th><th class="num">final</th>', "the columns");
  assertIncludes(
    html,
    `<td class="num">2.5</td><td class="num">${first.total + 2.5}</td>`,
    "the student's manual and final points",
  );
  const second = input.grades[1]!;
  assertIncludes(
    html,
    `<td class="num"></td><td class="num">${second.total}</td>`,
    "a student without manual points: final is the total",
  );
});

Deno.test("renderDashboard() gives the reason most students failed a test for, not the first", () => {
  const failing = (name: string, message: string) => {
    const grade = exerciseGrade(5, "speed");
    return student(name, [{
      ...grade,
      status: "error",
      tests: [{ name: "n = 0 is an empty sum", status: "error", message }],
    }]);
  };
  const html = renderDashboard({
    title: "t",
    grades: [
      failing("a", "expected 0, got 1"),
      failing("b", "Not implemented: workerPool()"),
      failing("c", "Not implemented: workerPool()"),
    ],
    exercises: EXERCISES,
    generatedAt: "now",
  });
  assertIncludes(html, "Not implemented: workerPool()", "the reason most gave");
  assertIncludes(html, "(2 of 3; 1 other reason)", "and that there are others");
  assert(!html.includes("expected 0, got 1"), "not the first student's reason");
});

Deno.test("renderDashboard() of an empty class is still a page", () => {
  const html = renderDashboard({
    title: "t",
    grades: [],
    exercises: EXERCISES,
    generatedAt: "now",
  });
  assertIncludes(html, "0 students", "says so");
});

const browserPresent = chromiumPresent("dashboard_test");

Deno.test({
  name: "the dashboard renders in headless Chromium with its charts and no request leaving it",
  ignore: !browserPresent,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "workbook-dashboard-" });
    const page = `${dir}/dashboard.html`;
    await Deno.writeTextFile(page, renderDashboard(classOf40()));
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage({ viewport: { width: 1150, height: 900 } });
      const problems: string[] = [];
      const requests: string[] = [];
      tab.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") problems.push(m.text());
      });
      tab.on("pageerror", (e) => problems.push(e.message));
      tab.on("request", (r) => requests.push(r.url()));
      await tab.goto(`file://${page}`);
      assertEquals(await tab.locator("section.exercise").count(), 2, "sections");
      assertEquals(await tab.locator("#students tbody tr").count(), 40, "student rows");
      const strip = await tab.locator("svg.strip").first().boundingBox();
      assert(strip !== null && strip.width > 600 && strip.height > 30, "the strip has a size");
      const bars = await tab.locator("svg.outcomes rect").count();
      assert(bars >= 4, `outcome segments: ${bars}`);
      const shot = `${dir}/dashboard.png`;
      await tab.screenshot({ path: shot, fullPage: true });
      assert((await Deno.stat(shot)).size > 10_000, "a screenshot");
      console.log(`dashboard_test: screenshot at ${shot}`);
      assertEquals(problems, [], "console errors and warnings");
      assertEquals(requests.filter((u) => !u.startsWith("file://")), [], "requests leaving");
    } finally {
      await browser.close();
    }
  },
});
