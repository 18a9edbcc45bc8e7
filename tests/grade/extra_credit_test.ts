/**
 * Exercise 9's optional stretch as extra credit, from the points to every
 * export: the bonus is kept beside an exercise's points, never in them, so no
 * exercise and no total goes above its maximum; the gradebook and the dashboard
 * show the stretch's tier and the bonus; and each platform gets the bonus the
 * way it takes extra credit (Gradescope: an entry of its own worth 0 of the
 * maximum; Canvas: a 0-point column; Moodle: a column of its own, since its
 * import refuses a file with one value above a grade item's maximum; GitHub
 * Classroom: not at all, its steps read the points only). Built from the grade
 * fixtures: nothing is timed.
 *
 * @module
 */
import { Ajv } from "ajv";
import gradescopeSchema from "../../platforms/gradescope/results.schema.json" with { type: "json" };
import { findExercise } from "../../lib/exercise/catalogue.ts";
import { bonusFor, maxPoints, pointsFor, totalsOf } from "../../lib/grade/points.ts";
import { bonusNotApart, gradebookRow } from "../../lib/grade/records.ts";
import { gradebookCsv } from "../../lib/grade/formats/csv.ts";
import { writeGradebook } from "../../lib/grade/formats/outputs.ts";
import { MANUAL_FILE } from "../../lib/grade/formats/manual.ts";
import { gradescopeResults } from "../../lib/grade/formats/gradescope.ts";
import { canvasCsv } from "../../lib/grade/formats/canvas.ts";
import { moodleCsv } from "../../lib/grade/formats/moodle.ts";
import { exportColumns } from "../../lib/grade/formats/export_rows.ts";
import { junitXml } from "../../lib/grade/formats/junit.ts";
import { htmlReport, markdownReport } from "../../lib/grade/formats/report.ts";
import { renderDashboard } from "../../lib/grade/class/dashboard.ts";
import { matchRoster, parseCsv, parseRoster } from "../../lib/grade/roster.ts";
import type { Gradebook, StudentGrade } from "../../lib/grade/result.ts";
import {
  exerciseGrade,
  gradebookOf,
  studentGrade,
  withStretch,
} from "../_helpers/grade_fixtures.ts";
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";

const NINE = findExercise("beyond-brute-force")!;

/** Exercise 9 passed at the pass tier (6 of 10) with its stretch at gold (+3). */
function passWithGoldStretch() {
  return withStretch({ ...exerciseGrade(9, "gold"), tier: "pass", points: 6 }, "gold");
}

/**
 * A class of three, Canvas download names: one at gold on exercise 9 with the
 * stretch at gold (10 + 3 of 10), one at the pass tier with the stretch at gold
 * (6 + 3: the case that was graded as silver-and-more), one without the stretch.
 */
function stretchClass(): StudentGrade[] {
  return [
    studentGrade("smithjane_12345_67890_file", "/dl/smithjane_12345_67890_file.zip", [
      exerciseGrade(1, "gold"),
      withStretch(exerciseGrade(9, "gold"), "gold"),
    ]),
    studentGrade("smithzoe_12346_67891_work", "/dl/smithzoe_12346_67891_work.zip", [
      exerciseGrade(1, "fail"),
      passWithGoldStretch(),
    ]),
    studentGrade("doeann_12347_67892_file", "/dl/doeann_12347_67892_file.zip", [
      exerciseGrade(1, "gold"),
      withStretch(exerciseGrade(9, "gold"), null),
    ]),
  ];
}

Deno.test("points: the stretch's bonus is apart from an exercise's points, which stay at most the maximum", () => {
  for (const tier of ["pass", "silver", "gold"] as const) {
    for (const stretchTier of [null, "pass", "silver", "gold"] as const) {
      const outcome = { status: "pass", tier, credit: null, stretchTier } as const;
      const points = pointsFor(NINE, outcome) ?? 0;
      assert(points <= maxPoints(NINE), `${tier} with a ${stretchTier} stretch: ${points}`);
      assertEquals(
        pointsFor(NINE, outcome),
        pointsFor(NINE, { ...outcome, stretchTier: null }),
        "the stretch changes no points",
      );
    }
  }
  const pass = { status: "pass", tier: "pass", credit: null, stretchTier: "gold" } as const;
  assertEquals([pointsFor(NINE, pass), bonusFor(NINE, pass)], [6, 3], "6 points, 3 extra credit");
  assertEquals(bonusFor(NINE, { ...pass, status: "fail" }), 0, "no bonus without a pass");
  assertEquals(bonusFor(findExercise("1")!, pass), 0, "no stretch, no bonus");
  const totals = totalsOf(stretchClass()[1]!.exercises);
  assertEquals(totals, { total: 6, maxTotal: 20, bonus: 3 }, "the totals of the pass-tier student");
});

Deno.test("gradebook: the stretch's tier and the bonus have columns, the total stays under the maximum", async () => {
  const grades = stretchClass();
  const book = gradebookOf(grades);
  assertEquals(book.exercises.find((e) => e.number === 9)?.maxBonus, 3, "the most extra credit");
  const rows = book.students.map((r) => [r.stretch?.["9"], r.points["9"], r.total, r.bonus]);
  assertEquals(rows, [["gold", 10, 20, 3], ["gold", 6, 6, 3], [null, 10, 20, 0]], "json rows");
  for (const row of book.students) assert(row.total <= row.maxTotal, `${row.student}'s total`);

  const csv = parseCsv(gradebookCsv(book), "gradebook.csv").map((r) => r.cells);
  assertEquals(csv[0], [
    "student",
    "01-slow-series",
    "09-beyond-brute-force",
    "09-beyond-brute-force-stretch",
    "total",
    "max",
    "bonus",
    "manual",
    "final",
    "status",
    "note",
  ], "header: the stretch's tier after the exercise, the bonus after the maximum");
  assertEquals(csv[2]?.slice(1, 9), ["0", "6", "gold", "6", "20", "3", "", "9"], "pass + gold");
  assertEquals(csv[3]?.slice(2, 4), ["10", ""], "a stretch below its pass tier: no tier");

  const out = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(
      `${out}/${MANUAL_FILE}`,
      "student,points,note\r\nsmithzoe_12346_67891_work,1.5,\r\n",
    );
    await writeGradebook(out, book);
    const written = JSON.parse(await Deno.readTextFile(`${out}/gradebook.json`)) as Gradebook;
    assertEquals(
      written.students.map((s) => [s.total, s.bonus, s.manual, s.final]),
      [[20, 3, null, 23], [6, 3, 1.5, 10.5], [20, 0, null, 20]],
      "final = total + bonus + manual",
    );
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("dashboard: the stretch's tiers per exercise, its tier and bonus per student", () => {
  const grades = stretchClass();
  const html = renderDashboard({
    title: "t",
    grades,
    exercises: [1, 9].map((n) => {
      const e = findExercise(String(n))!;
      return { number: n, slug: e.slug, title: e.title, maxPoints: maxPoints(e) };
    }),
    generatedAt: "now",
  });
  assertIncludes(html, '<p class="caption stretch-summary"><strong>Stretch</strong>', "a line");
  assertIncludes(
    html,
    "gold 2 · silver 0 · pass 0 · below the pass tier 1 · not run 0; 2 earned extra credit, 6 points",
    "the stretch's tiers across the class",
  );
  assertEquals(html.match(/stretch-summary/g)?.length, 1, "only exercise 9 has a stretch line");
  assertIncludes(html, '<th class="num">total</th><th class="num" title="extra credit', "bonus");
  assertIncludes(
    html,
    '<td class="num">6</td><td class="num">3</td><td class="num status-fail" title="1 of 2 tests failed">0</td>' +
      '<td class="num tier-pass" title="passed, gold">6 <span class="stretch-mark" ' +
      'title="stretch: gold, 3 extra credit">+3 gold</span></td><td class="num">9</td>',
    "the pass-tier student: 6 points, 3 extra credit, the stretch at gold, final 9",
  );
  assertIncludes(html, "2 students earned extra credit", "the overview");
});

Deno.test("gradescope: no entry above its max_score, the bonus an entry worth 0 of the maximum", () => {
  const validate = new Ajv({ allErrors: true, strict: true }).compile(gradescopeSchema);
  for (const grade of stretchClass()) {
    const results = gradescopeResults(grade);
    assert(validate(results), JSON.stringify(validate.errors));
    for (const test of results.tests.filter((t) => !t.number.includes("."))) {
      assert((test.score ?? 0) <= (test.max_score ?? 0), `${test.name}: ${test.score}`);
    }
    const max = results.tests.reduce((s, t) => s + (t.max_score ?? 0), 0);
    assertEquals(max, grade.maxTotal, "the entries' maxima are the assignment's points");
    const extra = results.tests.find((t) => t.name.endsWith("stretch (extra credit)"));
    assertEquals([extra?.score, extra?.max_score], [grade.bonus, 0], "the bonus, visible");
    assertEquals(results.score, grade.total + (grade.bonus ?? 0), "the score: extra credit on top");
  }
  const zoe = gradescopeResults(stretchClass()[1]!);
  assertIncludes(zoe.output, "6 of 20 points, and 3 extra credit", "said in the output");
  const nine = zoe.tests.find((t) => t.number === "9");
  assertEquals([nine?.score, nine?.max_score], [6, 10], "exercise 9's own entry");
});

/** Canvas's gradebook export as the roster: Moodle's file is keyed by its ids. */
const ROSTER = [
  "Student,ID,SIS User ID,SIS Login ID,Section",
  '"Smith, Jane",12345,S001,jsmith,A',
  '"Smith, Zoë",12346,S002,zsmith,A',
  '"Doe, Ann",12347,S003,adoe,A',
].join("\n");

Deno.test("canvas.csv and moodle.csv: points at most the maximum, the bonus in its own column", () => {
  const grades = stretchClass();
  const columns = exportColumns(grades);
  assertEquals(
    columns.map((c) => [c.title, c.maxPoints]),
    [
      ["Workbook 01 slow-series", 10],
      ["Workbook 09 beyond-brute-force", 10],
      ["Workbook 09 beyond-brute-force stretch (extra credit)", 0],
    ],
    "a 0-point extra-credit column after exercise 9",
  );
  // Canvas: its Points Possible row is each column's maximum; no exercise goes past it.
  const canvas = parseCsv(canvasCsv(grades, columns, null).csv, "canvas.csv").map((r) => r.cells);
  assertEquals(canvas[1]?.slice(5), ["10", "10", "0"], "Points Possible: extra credit worth 0");
  assertEquals(canvas.slice(2).map((r) => r.slice(5)), [
    ["10", "10", "3"],
    ["0", "6", "3"],
    ["10", "10", "0"],
  ], "each student's points and extra credit");
  // Moodle refuses the whole file if one value is above a grade item's maximum.
  const match = matchRoster(parseRoster(ROSTER, "class.csv"), grades.map((g) => g.submission));
  const moodle = parseCsv(moodleCsv(grades, columns, match).csv, "moodle.csv").map((r) => r.cells);
  assertEquals(moodle[0], [
    "ID number",
    "Workbook 01 slow-series",
    "Workbook 09 beyond-brute-force",
    "Workbook 09 beyond-brute-force stretch (extra credit)",
  ], "header");
  assertEquals(moodle.slice(1), [
    ["12345", "10", "10", "3"],
    ["12346", "0", "6", "3"],
    ["12347", "10", "10", "0"],
  ], "the pass-tier student: 6 of 10, and 3 extra credit apart");
  for (const row of moodle.slice(1)) {
    columns.forEach((c, i) => {
      if (c.kind === "points") assert(Number(row[i + 1]) <= c.maxPoints, `${row[0]} ${c.title}`);
    });
  }
});

Deno.test("reports and JUnit show the stretch's tier and the extra credit", () => {
  const zoe = stretchClass()[1]!;
  const md = markdownReport(zoe);
  assertIncludes(md, "**6 of 20 points + 3 extra credit (9 in all)**", "the total");
  assertIncludes(md, "6 / 10 + 3 extra credit", "exercise 9's points");
  assertIncludes(md, "stretch (optional, extra credit: 3 of 3, tier gold)", "the stretch");
  assertIncludes(htmlReport(zoe), "Grade: 6 of 20 points + 3 extra credit", "the HTML report");
  const xml = junitXml(zoe);
  assertIncludes(xml, '<property name="bonus" value="3"/>', "junit: the bonus");
  assertIncludes(xml, '<property name="stretch_tier" value="gold"/>', "junit: the tier");
});

Deno.test("--resume grades again an exercise 9 recorded with its bonus inside its points", () => {
  const { bonus: _bonus, ...old } = passWithGoldStretch();
  assert(bonusNotApart({ ...old, points: 9 }), "an earlier grade without `bonus`");
  assert(!bonusNotApart(passWithGoldStretch()), "a grade with the bonus apart is kept");
  assert(!bonusNotApart(exerciseGrade(1, "gold")), "an exercise without a stretch is kept");
  assertEquals(gradebookRow(stretchClass()[2]!).stretch, { "9": null }, "no tier: null");
});
