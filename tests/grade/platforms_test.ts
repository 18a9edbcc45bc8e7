/**
 * The student version and the platforms: `dist` leaves the solutions and the
 * instructor's material out and its check still works; the GitHub Classroom
 * workflow is the one the catalogue generates; the Gradescope bundle grades a
 * submission the way Gradescope runs it and writes a valid results.json.
 *
 * @module
 */
import { Ajv } from "ajv";
import gradescopeSchema from "../../platforms/gradescope/results.schema.json" with { type: "json" };
import { CATALOGUE } from "../../lib/exercise/catalogue.ts";
import { classroomWorkflow, COMMITTED_WORKFLOW } from "../../lib/grade/formats/classroom.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";

const AVAILABLE = CATALOGUE.filter((e) => e.available);

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch {
    return false;
  }
}

async function run(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const output = await new Deno.Command(args[0] as string, {
    args: args.slice(1),
    cwd: options.cwd ?? REPO_ROOT,
    env: { NO_COLOR: "1", ...options.env },
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

Deno.test("the committed GitHub Classroom workflow is the one the catalogue generates", async () => {
  const committed = await Deno.readTextFile(`${REPO_ROOT}/${COMMITTED_WORKFLOW}`);
  assert(
    committed === classroomWorkflow(AVAILABLE),
    `${COMMITTED_WORKFLOW} is stale: run deno run -A lib/grade/formats/classroom.ts`,
  );
  assertIncludes(committed, "npx --yes deno@2.9.6 task grade", "Deno from npm");
  const awarded = [...committed.matchAll(/max-score: (\d+)/g)].map((m) => Number(m[1]));
  const offered = AVAILABLE.reduce(
    (s, e) => s + e.points.pass + e.points.silver + e.points.gold,
    0,
  );
  assertEquals(awarded.reduce((a, b) => a + b, 0), offered, "every point is awarded somewhere");
});

Deno.test("dist: no solutions, no grader, the check works and every stub fails", async () => {
  const out = `${await Deno.makeTempDir()}/student`;
  try {
    const made = await run([Deno.execPath(), "run", "-A", "lib/cli/dist.ts", "--out", out]);
    assertEquals(made.code, 0, `dist: ${made.stderr}`);
    for (
      const absent of ["solutions", "platforms", "lib/cli/grade.ts", "lib/grade/grade.ts", ".ci"]
    ) {
      assert(!(await exists(`${out}/${absent}`)), `${absent} is left out`);
    }
    for (const present of ["exercises", "checks", "data", "lib/check/check.ts", "deno.lock"]) {
      assert(await exists(`${out}/${present}`), `${present} is there`);
    }
    const config = JSON.parse(await Deno.readTextFile(`${out}/deno.json`));
    assert(!("grade" in config.tasks) && !("dist" in config.tasks), "no instructor tasks");
    const readme = await Deno.readTextFile(`${out}/README.md`);
    assert(!/solutions\/|deno task (grade|dist|test)\b/.test(readme), "the README names none");

    const solution = await run([Deno.execPath(), "task", "check", "1", "--solution"], { cwd: out });
    assertEquals(solution.code, 1, "check --solution exits 1");
    assertIncludes(solution.stderr, "solutions are not included", "and says why");
    for (const exercise of AVAILABLE) {
      if (exercise.slowStub) {
        // A slow stub fails on speed (tests/exercises/references_test.ts); here it is the same file.
        const file = `exercises/${exercise.dir}/${exercise.files[0]}`;
        assertEquals(
          await Deno.readTextFile(`${out}/${file}`),
          await Deno.readTextFile(`${REPO_ROOT}/${file}`),
          file,
        );
        continue;
      }
      const checked = await run(
        [Deno.execPath(), "task", "check", String(exercise.number), "--quick", "--json"],
        { cwd: out },
      );
      assertEquals(checked.code, 1, `the stub of exercise ${exercise.number} fails`);
      assert(JSON.parse(checked.stdout).status !== "pass", `exercise ${exercise.number} status`);
    }
  } finally {
    await Deno.remove(out.replace(/\/student$/, ""), { recursive: true });
  }
});

Deno.test("dist --classroom: the grader and the workflow, still no solutions", async () => {
  const out = `${await Deno.makeTempDir()}/classroom`;
  try {
    const made = await run([
      Deno.execPath(),
      "run",
      "-A",
      "lib/cli/dist.ts",
      "--out",
      out,
      "--classroom",
    ]);
    assertEquals(made.code, 0, `dist: ${made.stderr}`);
    assert(!(await exists(`${out}/solutions`)), "no solutions");
    assert(await exists(`${out}/lib/cli/grade.ts`), "the grader");
    const workflow = await Deno.readTextFile(`${out}/.github/workflows/classroom.yml`);
    assert(workflow === classroomWorkflow(AVAILABLE), "the workflow is the generated one");
  } finally {
    await Deno.remove(out.replace(/\/classroom$/, ""), { recursive: true });
  }
});

const validateGradescope = new Ajv({ allErrors: true, strict: true }).compile(gradescopeSchema);

Deno.test("the Gradescope bundle grades a submission as Gradescope runs it", async () => {
  const root = await Deno.makeTempDir({ prefix: "autograder-" });
  try {
    const made = await run(["bash", "platforms/gradescope/make_bundle.sh", `${root}/bundle.zip`]);
    assertEquals(made.code, 0, `make_bundle: ${made.stderr}`);
    const unzipped = await run(["unzip", "-q", `${root}/bundle.zip`, "-d", `${root}/source`]);
    assertEquals(unzipped.code, 0, "unzip");
    for (const file of ["setup.sh", "run_autograder", "lib/cli/grade.ts"]) {
      assert(await exists(`${root}/source/${file}`), `${file} in the bundle`);
    }
    assert(!(await exists(`${root}/source/solutions`)), "no solutions in the bundle");
    // A student who did exercise 10 only, uploaded as their exercises/ folder.
    await Deno.mkdir(`${root}/submission/10_kempner`, { recursive: true });
    await Deno.copyFile(
      `${REPO_ROOT}/solutions/10_kempner/kempner.ts`,
      `${root}/submission/10_kempner/kempner.ts`,
    );
    const graded = await run(["bash", `${root}/source/run_autograder`], {
      env: { AUTOGRADER_ROOT: root },
    });
    assertEquals(graded.code, 0, `run_autograder: ${graded.stderr}`);
    const results: unknown = JSON.parse(await Deno.readTextFile(`${root}/results/results.json`));
    assert(validateGradescope(results), JSON.stringify(validateGradescope.errors));
    assertEquals((results as { score: number }).score, 10, "exercise 10's points");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
