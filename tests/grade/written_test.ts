/**
 * The instructor reads exercise 11's reflection in the grade report: the
 * grader copies the text of the catalogue's `written` files from the
 * submission (never through the learner's code) into the student's report
 * (Markdown and HTML) and result.json, whatever the check decided.
 *
 * @module
 */
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";
import { cleanup, entryPath, gradeSamples } from "../_helpers/grade_helpers.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";

const REFLECTION = Deno.readTextFileSync(`${REPO_ROOT}/solutions/11_which_tool/reflection.md`);
const ANSWERS = Deno.readTextFileSync(`${REPO_ROOT}/solutions/11_which_tool/which_tool.ts`);
const LOREM = `# Question 6\n\n${
  "Lorem ipsum dolor sit amet, Worker consectetur adipiscing elit, sed do eiusmod tempor. "
    .repeat(10)
}`;

Deno.test("grade: the reflection reaches the report and result.json, passed or not", async () => {
  const graded = await gradeSamples([
    {
      id: "honest",
      files: { [entryPath(11)]: ANSWERS, [entryPath(11, "reflection.md")]: REFLECTION },
    },
    { id: "lorem", files: { [entryPath(11)]: ANSWERS, [entryPath(11, "reflection.md")]: LOREM } },
  ], { exercises: [11], quick: true });
  try {
    for (const [id, text, status] of [["honest", REFLECTION, "pass"], ["lorem", LOREM, "fail"]]) {
      const exercise = graded.grades.get(id as string)?.exercises[0];
      assertEquals(exercise?.status, status, `${id}: ${exercise?.summary}`);
      assertEquals(
        exercise?.written,
        [{ file: "reflection.md", text: text as string }],
        id as string,
      );
      const dir = `${graded.outDir}/students/${id}`;
      const report = await Deno.readTextFile(`${dir}/report.md`);
      assertIncludes(report, "For the instructor to read: reflection.md", `${id} report.md`);
      const firstLine = (text as string).split("\n").find((l) => l.length > 40) as string;
      assertIncludes(report, firstLine, `${id}: the text itself`);
      const html = await Deno.readTextFile(`${dir}/report.html`);
      assertIncludes(html, "For the instructor to read: reflection.md", `${id} report.html`);
      const json = JSON.parse(await Deno.readTextFile(`${dir}/result.json`));
      assert(JSON.stringify(json).includes("reflection.md"), `${id}: result.json`);
    }
  } finally {
    await cleanup(graded);
  }
});

const VELOCITY = Deno.readTextFileSync(`${REPO_ROOT}/solutions/02_velocity/velocity.ts`);
const ANSWERS_TEMPLATE = Deno.readTextFileSync(`${REPO_ROOT}/exercises/02_velocity/answers.md`);

Deno.test("grade: answers.md is the learner's (not replaced by the template) and reaches result.json", async () => {
  const answered = ANSWERS_TEMPLATE.replace(
    /(## q1 ·[^\n]*\n)/,
    "$1\nNo: nine coefficients per point cost more than three formulas. <b>34 ms</b>\n",
  );
  const graded = await gradeSamples([
    {
      id: "wrote",
      files: { [entryPath(2)]: VELOCITY, [entryPath(2, "answers.md")]: answered },
    },
    { id: "silent", files: { [entryPath(2)]: VELOCITY } },
  ], { exercises: [2], quick: true });
  try {
    const wrote = graded.grades.get("wrote");
    assertEquals(wrote?.exercises[0]?.answers?.map((a) => [a.id, a.answer]), [
      ["q1", "No: nine coefficients per point cost more than three formulas. <b>34 ms</b>"],
      ["q2", null],
    ], "q1 answered, q2 left empty");
    assert(
      !(wrote?.notes ?? []).some((n) => n.includes("answers.md")),
      `no note that the workbook's answers.md was used: ${wrote?.notes}`,
    );
    const silent = graded.grades.get("silent")?.exercises[0]?.answers;
    assertEquals(silent?.map((a) => a.answer), [null, null], "no file: the template, unanswered");
    const json = JSON.parse(await Deno.readTextFile(`${graded.outDir}/students/wrote/result.json`));
    assertEquals(json.exercises[0].answers[0].id, "q1", "result.json keeps the answers");
    const page = await Deno.readTextFile(`${graded.outDir}/answers.html`).catch(() => "");
    void page; // written by the CLI's exports, not by gradeClass
  } finally {
    await cleanup(graded);
  }
});
