/**
 * The class pages (`lib/grade/class/pages.ts`): written from a grading output
 * folder, with the copied pair flagged on the similarity page and a student
 * whose result is unreadable named, not fatal.
 *
 * @module
 */
import { codeDir, writeClassPages } from "../../lib/grade/class/pages.ts";
import { findExercise } from "../../lib/exercise/catalogue.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { GRADE_SCHEMA, type StudentGrade } from "../../lib/grade/result.ts";
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";

const exercise = findExercise("1");
if (exercise === undefined) throw new Error("Cannot find exercise 1");

function result(student: string): StudentGrade {
  return {
    schema: GRADE_SCHEMA,
    fingerprint: "sha256:test",
    student,
    submission: `/class/${student}`,
    status: "graded",
    problem: null,
    notes: [],
    exercises: [],
    total: 0,
    maxTotal: 10,
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

Deno.test("writeClassPages() writes the dashboard and flags a copied pair", async () => {
  const out = await Deno.makeTempDir({ prefix: "workbook-class-pages-" });
  try {
    const reference = await Deno.readTextFile(
      `${REPO_ROOT}/solutions/${exercise.dir}/slow_series.ts`,
    );
    const copy = reference.replaceAll("total", "acc").replaceAll("rest", "r");
    const own = "export function slowSeries(n: number, omit: string, seed: number): number {\n" +
      "  let s = 0;\n  for (let k = 1; k <= n; k++) if (!`${k}`.includes(omit)) s += termSign(seed, k) / k;\n" +
      "  return s;\n}\n";
    for (const [student, text] of [["ann", reference], ["ben", copy], ["cy", own]]) {
      const dir = `${out}/students/${student}`;
      await Deno.mkdir(codeDir(dir, exercise), { recursive: true });
      await Deno.writeTextFile(`${dir}/result.json`, JSON.stringify(result(student as string)));
      await Deno.writeTextFile(`${codeDir(dir, exercise)}/slow_series.ts`, text as string);
    }
    await Deno.mkdir(`${out}/students/dee`);
    await Deno.writeTextFile(`${out}/students/dee/result.json`, "{ not json");
    const { written, problems } = await writeClassPages(out, [exercise], { title: "Test class" });
    assertEquals(written.map((w) => w.slice(out.length + 1)), [
      "dashboard.html",
      "similarity.html",
      "answers.html",
    ], "three pages");
    assertEquals(problems.length, 1, "the unreadable result is named");
    assertIncludes(problems[0] ?? "", "dee", "by its folder");
    const page = await Deno.readTextFile(`${out}/similarity.html`);
    assertIncludes(page, '<tr class="flagged"><td class="num">100%', "the copy is flagged");
    assert(
      !/class="flagged"><td class="num">\d+%<\/td><td class="num">\d+<\/td><td>cy/.test(page),
      "cy is not",
    );
    const dashboard = await Deno.readTextFile(`${out}/dashboard.html`);
    assertIncludes(dashboard, "3 students", "the readable results");
    assertIncludes(dashboard, '<a href="answers.html">', "the dashboard links the answers");
    assertIncludes(await Deno.readTextFile(`${out}/answers.html`), "3 students", "answers.html");
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
