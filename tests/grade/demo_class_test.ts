/**
 * The demonstration class of issue 18 (`tests/_helpers/demo_class.ts`), checked
 * without grading it: 30 or more submissions, the copied pair on top of
 * exercise 2's similarity and flagged, the honest correct solutions below the
 * flag, and the written answers (one hostile) where the grader reads them.
 *
 * @module
 */
import { buildDemoClass } from "../_helpers/demo_class.ts";
import {
  compareSubmissions,
  isFlagged,
  type Submission,
} from "../../lib/grade/class/similarity.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";

Deno.test("the demo class: 30+ submissions, the copied pair tops exercise 2, honest ones stay below", async () => {
  const dir = await Deno.makeTempDir({ prefix: "workbook-demo-class-" });
  try {
    const paths = await buildDemoClass(dir);
    assert(paths.length >= 30, `${paths.length} submissions`);
    const submissions: Submission[] = [];
    for (const path of paths) {
      const file = `${path}/exercises/02_velocity/velocity.ts`;
      const text = await Deno.readTextFile(file).catch(() => null);
      if (text !== null) {
        submissions.push({
          student: path.slice(dir.length + 1),
          files: [{ name: "velocity.ts", text }],
        });
      }
    }
    const stub = await Deno.readTextFile(`${REPO_ROOT}/exercises/02_velocity/velocity.ts`);
    const report = compareSubmissions(submissions, [{ name: "velocity.ts", text: stub }]);
    const top = report.pairs[0];
    assertEquals([top?.a, top?.b], ["s03-carl", "s04-dina"], "the copied pair tops the list");
    assert(top !== undefined && isFlagged(top), `and is flagged (${top?.score})`);
    // Correct solutions written apart: the reference, the products, the matrix, hoisted, strided.
    const honest = ["s01-ada", "s02-bea", "s03-carl", "s06-fay", "s07-gus"];
    for (const pair of report.pairs) {
      if (honest.includes(pair.a) && honest.includes(pair.b)) {
        assert(!isFlagged(pair), `${pair.a} ~ ${pair.b}: ${pair.score.toFixed(2)}`);
      }
    }
    const hostile = await Deno.readTextFile(`${dir}/s11-o'kim/exercises/02_velocity/answers.md`);
    assertIncludes(hostile, "<script>", "a hostile answer to read safely");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
