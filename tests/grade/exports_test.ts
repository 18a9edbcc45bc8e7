/**
 * The gradebooks instructors import: JUnit XML that Jenkins' schema accepts
 * (checked by a real XSD validator), the Canvas and Moodle import shapes, and
 * student names that keep their Unicode in every export.
 *
 * @module
 */
import { junitXml } from "../../lib/grade/formats/junit.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { exerciseGrade, studentGrade } from "../_helpers/grade_fixtures.ts";
import { validateXml, XMLLINT_MISSING } from "../_helpers/xmllint.ts";
import { assert } from "../_helpers/helpers.ts";

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
