/**
 * The gradebooks instructors import: JUnit XML that Jenkins' schema accepts
 * (checked by a real XSD validator), the Canvas and Moodle import shapes, and
 * student names that keep their Unicode in every export.
 *
 * @module
 */
import { Ajv } from "ajv";
import gradescopeSchema from "../../platforms/gradescope/results.schema.json" with { type: "json" };
import { junitXml } from "../../lib/grade/formats/junit.ts";
import { canvasCsv } from "../../lib/grade/formats/canvas.ts";
import { moodleCsv } from "../../lib/grade/formats/moodle.ts";
import { csvCell, gradebookCsv } from "../../lib/grade/formats/csv.ts";
import { exportColumns } from "../../lib/grade/formats/export_rows.ts";
import { writeExports } from "../../lib/grade/formats/exports.ts";
import { gradescopeResults } from "../../lib/grade/formats/gradescope.ts";
import { matchRoster, parseCsv, parseRoster } from "../../lib/grade/roster.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { exerciseGrade, gradebookOf, studentGrade } from "../_helpers/grade_fixtures.ts";
import { validateXml, XMLLINT_MISSING } from "../_helpers/xmllint.ts";
import { cleanup, entryPath, gradeSamples } from "../_helpers/grade_helpers.ts";
import { assert, assertEquals } from "../_helpers/helpers.ts";

const JUNIT_XSD = `${REPO_ROOT}/tests/_helpers/junit_jenkins.xsd`;

Deno.test("junit.xml validates against Jenkins' junit-10 constraints (xmllint --schema)", async (t) => {
  const grade = studentGrade("Zoë Smith", "/class/Zoë Smith", [
    exerciseGrade(1, "gold"),
    exerciseGrade(2, "fail"),
    exerciseGrade(3, "skipped-speed"), // skipped speed parts: the case that broke <testsuites>
    exerciseGrade(4, "missing"),
  ]);
  const xml = junitXml(grade);
  const checked = await validateXml(xml, JUNIT_XSD);
  if (checked === null) {
    console.warn(XMLLINT_MISSING);
    await t.step({ name: "xmllint --schema", ignore: true, fn: () => {} });
    return;
  }
  assert(checked.valid, `junit.xml is refused by the schema:\n${checked.messages}\n${xml}`);
  assert(xml.includes("Zoë Smith"), "the student's name keeps its Unicode");
});

Deno.test("the restated schema refuses what Jenkins refuses (skipped on <testsuites>)", async (t) => {
  const bad = '<?xml version="1.0"?>\n<testsuites name="x" skipped="1"></testsuites>\n';
  const checked = await validateXml(bad, JUNIT_XSD);
  if (checked === null) {
    console.warn(XMLLINT_MISSING);
    await t.step({ name: "xmllint --schema", ignore: true, fn: () => {} });
    return;
  }
  assert(!checked.valid, "skipped on <testsuites> is refused");
});

/** The class of the export tests: Canvas download names, one stranger, one plain folder. */
function sampleClass() {
  return [
    studentGrade("smithjane_12345_67890_file", "/dl/smithjane_12345_67890_file.zip", [
      exerciseGrade(1, "gold"),
      exerciseGrade(10, "missing"),
    ]),
    studentGrade("smithzoe_LATE_12346_67891_work", "/dl/smithzoe_LATE_12346_67891_work.zip", [
      exerciseGrade(1, "fail"),
      exerciseGrade(10, "gold"),
    ]),
    studentGrade("Zo__Smith", "/dl/Zoe\u0308 Smith", [
      exerciseGrade(1, "gold"),
      exerciseGrade(10, "gold"),
    ]),
  ];
}

const CANVAS_ROSTER = [
  "Student,ID,SIS User ID,SIS Login ID,Section",
  "Points Possible,,,,",
  '"Smith, Jane",12345,S001,jsmith,Section A',
  '"Smith, Zoë",12346,S002,zsmith,Section Ä',
  '"Nobody, Ann",12347,S003,anobody,Section B',
].join("\n");

const PLAIN_ROSTER = "id,name,email\ns1,Zoë Smith,\ns2,Jane Smith,jane@uni.example\n";

Deno.test("canvas.csv: Canvas's columns, a Points Possible row, ids from the roster", () => {
  const grades = sampleClass();
  const roster = parseRoster(CANVAS_ROSTER, "grades.csv");
  const made = canvasCsv(
    grades,
    exportColumns(grades),
    matchRoster(roster, grades.map((g) => g.submission)),
  );
  const rows = parseCsv(made.csv, "canvas.csv").map((r) => r.cells);
  assertEquals(rows[0], [
    "Student",
    "ID",
    "SIS User ID",
    "SIS Login ID",
    "Section",
    "Workbook 01 slow-series",
    "Workbook 10 kempner",
  ], "header: identity columns, then one per exercise, nothing read-only");
  assertEquals(rows[1], ["Points Possible", "", "", "", "", "10", "10"], "points possible");
  assertEquals(rows[2], ["Smith, Jane", "12345", "S001", "jsmith", "Section A", "10", "0"], "jane");
  assertEquals(rows[3], ["Smith, Zoë", "12346", "S002", "zsmith", "Section Ä", "0", "10"], "zoë");
  assertEquals(rows.length, 4, "the plain folder has no Canvas id: left out");
  assertEquals(made.left.map((l) => l.submission), ["/dl/Zoe\u0308 Smith"], "and named");
});

Deno.test("canvas.csv without a roster: the user id from Canvas's download name", () => {
  const grades = sampleClass().slice(0, 2);
  const made = canvasCsv(grades, exportColumns(grades), null);
  const rows = parseCsv(made.csv, "canvas.csv").map((r) => r.cells);
  assertEquals(rows.slice(2).map((r) => r.slice(0, 2)), [["smithjane", "12345"], [
    "smithzoe",
    "12346",
  ]], "login and user id");
});

Deno.test("moodle.csv: an identifier column and the exercises, keyed by email or id number", () => {
  const grades = sampleClass();
  const plain = parseRoster(PLAIN_ROSTER, "class.csv");
  const match = matchRoster(plain, grades.map((g) => g.submission));
  const made = moodleCsv(grades, exportColumns(grades), match);
  const rows = parseCsv(made.csv, "moodle.csv").map((r) => r.cells);
  // Zoë has no email in this roster: the file is keyed by ID number.
  assertEquals(rows[0], ["ID number", "Workbook 01 slow-series", "Workbook 10 kempner"], "header");
  assertEquals(rows.slice(1), [["s1", "10", "10"]], "only the matched student");
  assertEquals(made.left.length, 2, "the Canvas names are not on this roster");

  const withEmail = parseRoster("id,name,email\ns1,Zoë Smith,zoë@uni.example\n", "class.csv");
  const byEmail = moodleCsv(
    grades,
    exportColumns(grades),
    matchRoster(withEmail, grades.map((g) => g.submission)),
  );
  const emailRows = parseCsv(byEmail.csv, "moodle.csv").map((r) => r.cells);
  assertEquals(emailRows[0]?.[0], "Email address", "keyed by email when every row has one");
  assertEquals(emailRows[1]?.[0], "zoë@uni.example", "Unicode kept");
});

Deno.test("every export keeps a student's name in Unicode NFC", () => {
  const decomposed = "Zoe\u0308 Smith";
  const cell = csvCell(decomposed);
  assertEquals(cell, "Zoë Smith", "NFC");
  assert(cell === cell.normalize("NFC") && cell.length === 9, "composed");
  const grade = studentGrade(decomposed.normalize("NFC"), `/dl/${decomposed}`, [
    exerciseGrade(1, "gold"),
  ]);
  assert(gradebookCsv(gradebookOf([grade])).includes("Zoë Smith"), "gradebook.csv");
  assert(junitXml(grade).includes("Zoë Smith"), "junit.xml");
  assert(JSON.stringify(gradescopeResults(grade)).length > 0, "results.json");
});

Deno.test("writeExports: roster report, Canvas and Moodle files, leaderboard on request", async () => {
  const out = await Deno.makeTempDir();
  try {
    const grades = sampleClass();
    for (const g of grades) {
      await Deno.mkdir(`${out}/students/${g.student}`, { recursive: true });
      await Deno.writeTextFile(
        `${out}/students/${g.student}/results.json`,
        JSON.stringify(gradescopeResults(g)),
      );
    }
    const roster = parseRoster(CANVAS_ROSTER, "grades.csv");
    const said = await writeExports(out, grades, { roster, leaderboard: true });
    const report = await Deno.readTextFile(`${out}/roster.txt`);
    assert(report.includes("2 submissions matched"), report);
    assert(report.includes("1 submission without a roster entry"), report);
    assert(report.includes("Zoë Smith"), `NFC in the report: ${report}`);
    assert(report.includes("12347 Nobody, Ann"), report);
    assert(said.some((l) => l.startsWith("canvas.csv: 2 students")), said.join("\n"));
    const json = JSON.parse(await Deno.readTextFile(`${out}/roster.json`));
    assertEquals(json.missing.map((m: { id: string }) => m.id), ["12347"], "roster.json");
    const results = JSON.parse(
      await Deno.readTextFile(`${out}/students/${grades[0]?.student}/results.json`),
    );
    assert(Array.isArray(results.leaderboard), "leaderboard written");
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("a graded class's own outputs validate: junit.xml (xmllint), results.json (schema)", async (t) => {
  const honest = await Deno.readTextFile(`${REPO_ROOT}/solutions/10_kempner/kempner.ts`);
  const slow = await Deno.readTextFile(`${REPO_ROOT}/solutions/01_slow_series/slow_series.ts`);
  // quick: correctness only, nothing timed.
  const sample = await gradeSamples([
    { id: "Zoë Smith", files: { [entryPath(1)]: slow, [entryPath(10)]: honest } },
    {
      id: "stub",
      files: { [entryPath(10)]: "export function kempnerSum(): number { return 0; }" },
    },
    { id: "broken", files: { [entryPath(1)]: "this is not code {" } },
    { id: "empty", files: {} },
  ], { exercises: [1, 10], quick: true });
  try {
    const validate = new Ajv({ allErrors: true, strict: true }).compile(gradescopeSchema);
    for (const grade of sample.grades.values()) {
      const dir = `${sample.outDir}/students/${grade.student}`;
      const results: unknown = JSON.parse(await Deno.readTextFile(`${dir}/results.json`));
      assert(validate(results), `${grade.student}: ${JSON.stringify(validate.errors)}`);
      const checked = await validateXml(await Deno.readTextFile(`${dir}/junit.xml`), JUNIT_XSD);
      if (checked === null) {
        console.warn(XMLLINT_MISSING);
        await t.step({ name: "xmllint --schema", ignore: true, fn: () => {} });
        continue;
      }
      assert(checked.valid, `${grade.student}'s junit.xml: ${checked.messages}`);
    }
    const roster = parseRoster("id,name,email\nz1,Zoë Smith,zoë@uni.example\n", "class.csv");
    await writeExports(sample.outDir, [...sample.grades.values()], { roster, leaderboard: true });
    const moodle = parseCsv(await Deno.readTextFile(`${sample.outDir}/moodle.csv`), "moodle.csv");
    assertEquals(moodle[1]?.cells.slice(0, 1), ["zoë@uni.example"], "Zoë's row, in NFC");
  } finally {
    await cleanup(sample);
  }
});
