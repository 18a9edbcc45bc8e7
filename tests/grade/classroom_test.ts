/**
 * GitHub Classroom cannot be forged from the student's repository: the workflow
 * grades with the instructor's pinned grader, writes outside the student's
 * checkout, refuses a non-empty output folder, and awards points from exactly
 * the result it wrote (a result file committed by the student is never read).
 *
 * The workflow is parsed as YAML, and its shell steps are run here with the
 * Actions expressions filled in and `npx` replaced by a stub grader.
 *
 * @module
 */
import { parse } from "yaml";
import { CATALOGUE } from "../../lib/exercise/catalogue.ts";
import {
  classroomWorkflow,
  GRADER_PATH,
  SUBMISSION_PATH,
  UNPINNED,
} from "../../lib/grade/formats/classroom.ts";
import { exerciseGrade, studentGrade, withStretch } from "../_helpers/grade_fixtures.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { assert, assertEquals, envWithoutGit } from "../_helpers/helpers.ts";

const AVAILABLE = CATALOGUE.filter((e) => e.available);

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string | number | boolean>;
  "working-directory"?: string;
}

function stepsOf(yaml: string): Step[] {
  const doc = parse(yaml) as { jobs: { grade: { steps: Step[] } } };
  return doc.jobs.grade.steps;
}

/** Fills in the Actions expressions the scripts use, as the runner would. */
function expand(text: string, temp: string, workspace: string): string {
  return text
    .replaceAll("${{ runner.temp }}", temp)
    .replaceAll("${{ github.workspace }}", workspace);
}

async function bash(script: string, cwd: string, env: Record<string, string>) {
  const out = await new Deno.Command("bash", {
    args: ["-c", script],
    cwd,
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}

async function git(args: string[], cwd: string): Promise<string> {
  const out = await new Deno.Command("git", {
    clearEnv: true,
    env: envWithoutGit(),
    args: ["-c", "user.name=t", "-c", "user.email=t@t", ...args],
    cwd,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert(out.success, `git ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  return new TextDecoder().decode(out.stdout).trim();
}

/** A result with every exercise at full points, as a student would plant it. */
function fullMarks(student: string): string {
  return JSON.stringify(
    studentGrade(student, `/x/${student}`, AVAILABLE.map((e) => exerciseGrade(e.number, "gold"))),
  );
}

/** A result with no points at all. */
function noMarks(student: string): string {
  return JSON.stringify(
    studentGrade(
      student,
      `/x/${student}`,
      AVAILABLE.map((e) => exerciseGrade(e.number, "missing")),
    ),
  );
}

const PINNED = { repository: "course-staff/workbook-grader", commit: "a".repeat(40) };

Deno.test("classroom: the grader is the instructor's, checked out at a pinned commit", () => {
  const steps = stepsOf(classroomWorkflow(AVAILABLE, PINNED));
  const checkouts = steps.filter((s) => s.uses?.startsWith("actions/checkout@"));
  assertEquals(checkouts.length, 2, "two checkouts: the submission and the grader");
  const [submission, grader] = checkouts;
  assertEquals(submission?.with?.path, SUBMISSION_PATH, "the student's repository in its folder");
  assert(submission?.with?.repository === undefined, "the submission is this repository");
  assertEquals(grader?.with?.repository, PINNED.repository, "the grader's repository");
  assertEquals(grader?.with?.ref, PINNED.commit, "pinned to a full commit SHA");
  assertEquals(grader?.with?.path, GRADER_PATH, "in its own folder");

  const grade = steps.find((s) => s.run?.includes("task grade"));
  assert(grade?.run !== undefined, "a grade step");
  assert(grade["working-directory"] === undefined, "no working directory in the submission");
  const beforeGrading = grade.run.slice(0, grade.run.indexOf("task grade"));
  assert(beforeGrading.includes(`cd ${GRADER_PATH}\n`), "deno task runs the grader's tasks");
  assert(grade.run.includes(`"$GITHUB_WORKSPACE/${SUBMISSION_PATH}"`), "grading the submission");
  for (const name of ["DENO_DIR", "OUT", "RESULT"]) {
    assert(
      grade.env?.[name]?.startsWith("${{ runner.temp }}/") === true,
      `${name} lies outside the workspace (${grade.env?.[name]})`,
    );
  }
  for (const step of steps) {
    for (const text of [step.run ?? "", ...Object.values(step.with ?? {}).map(String)]) {
      assert(!/(^|\s)grades\//.test(text), `nothing reads a grades/ folder in the workspace`);
      assert(!text.includes("students/*"), "no glob over students");
    }
  }
});

Deno.test("classroom: the committed copy refuses to run until the grader is pinned", async () => {
  const steps = stepsOf(classroomWorkflow(AVAILABLE));
  const guard = steps[0];
  assert(guard?.run !== undefined, "a first step checks the pin");
  const temp = await Deno.makeTempDir();
  try {
    const refused = await bash(guard.run, temp, { PATH: Deno.env.get("PATH") ?? "" });
    assert(refused.code !== 0, "unpinned: refused");
    assert(refused.stdout.includes("not pinned"), `says why: ${refused.stdout}`);
    const pinned = stepsOf(classroomWorkflow(AVAILABLE, PINNED))[0];
    assertEquals(
      (await bash(pinned?.run ?? "", temp, { PATH: Deno.env.get("PATH") ?? "" })).code,
      0,
      "pinned: runs",
    );
  } finally {
    await Deno.remove(temp, { recursive: true });
  }
  assert(classroomWorkflow(AVAILABLE).includes(UNPINNED.commit), "the committed copy is unpinned");
});

/** True when `jq` (which the award steps run, and GitHub's runners have) is installed here. */
async function hasJq(): Promise<boolean> {
  try {
    return (await new Deno.Command("jq", { args: ["--version"], stdout: "null" }).output()).success;
  } catch {
    return false;
  }
}

Deno.test("classroom: a result file planted in the student's repository is never read", async (t) => {
  if (!(await hasJq())) {
    console.warn("jq is not installed (apt-get install jq): the award steps cannot run here");
    await t.step({ name: "the award steps, run with jq", ignore: true, fn: () => {} });
    return;
  }
  const steps = stepsOf(classroomWorkflow(AVAILABLE, PINNED));
  const awards = steps.filter((s) => s.uses?.startsWith("classroom-resources/autograding-command"));
  assert(awards.length > 0, "award steps");
  const workspace = await Deno.makeTempDir();
  const temp = await Deno.makeTempDir();
  try {
    // Every place an earlier workflow read from, planted with full marks.
    for (const dir of ["grades/students/submission", "grades/students/x", "submission/grades/x"]) {
      await Deno.mkdir(`${workspace}/${dir}`, { recursive: true });
      await Deno.writeTextFile(`${workspace}/${dir}/result.json`, fullMarks("submission"));
    }
    const env = { PATH: Deno.env.get("PATH") ?? "" };
    const runAll = async () => {
      let awarded = 0;
      for (const step of awards) {
        const command = expand(String(step.with?.command), temp, workspace);
        if ((await bash(command, workspace, env)).code === 0) {
          awarded += Number(step.with?.["max-score"]);
        }
      }
      return awarded;
    };
    assertEquals(await runAll(), 0, "no result of this run: nothing awarded");
    await Deno.writeTextFile(`${temp}/workbook-result.json`, noMarks("submission"));
    assertEquals(await runAll(), 0, "this run's result says 0: nothing awarded");
    await Deno.writeTextFile(`${temp}/workbook-result.json`, fullMarks("submission"));
    const offered = AVAILABLE.reduce(
      (s, e) => s + e.points.pass + e.points.silver + e.points.gold,
      0,
    );
    assertEquals(await runAll(), offered, "this run's full marks: every point awarded");
    await Deno.writeTextFile(`${temp}/workbook-result.json`, fullMarks("someone-else"));
    assertEquals(await runAll(), 0, "a result for another student id: nothing awarded");
  } finally {
    await Deno.remove(workspace, { recursive: true });
    await Deno.remove(temp, { recursive: true });
  }
});

Deno.test("classroom: a stretch's extra credit never awards a speed tier, nor a step of its own", async (t) => {
  if (!(await hasJq())) {
    console.warn("jq is not installed (apt-get install jq): the award steps cannot run here");
    await t.step({ name: "the award steps, run with jq", ignore: true, fn: () => {} });
    return;
  }
  const nine = CATALOGUE.find((e) => e.stretch !== undefined);
  assert(nine !== undefined, "an exercise with a stretch");
  const steps = stepsOf(classroomWorkflow([nine], PINNED));
  const awards = steps.filter((s) => s.uses?.startsWith("classroom-resources/autograding-command"));
  assertEquals(
    awards.reduce((sum, s) => sum + Number(s.with?.["max-score"]), 0),
    nine.points.pass + nine.points.silver + nine.points.gold,
    "Classroom's maximum: the exercise's points, no extra-credit step",
  );
  const temp = await Deno.makeTempDir();
  try {
    // The pass tier (6 of 10) with the stretch at gold (3 extra credit): once graded as 9 points.
    const grade = withStretch(
      { ...exerciseGrade(nine.number, "gold"), tier: "pass", points: nine.points.pass },
      "gold",
    );
    await Deno.writeTextFile(
      `${temp}/workbook-result.json`,
      JSON.stringify(studentGrade(SUBMISSION_PATH, "/x/submission", [grade])),
    );
    let awarded = 0;
    for (const step of awards) {
      const command = expand(String(step.with?.command), temp, temp);
      if ((await bash(command, temp, { PATH: Deno.env.get("PATH") ?? "" })).code === 0) {
        awarded += Number(step.with?.["max-score"]);
      }
    }
    assertEquals(awarded, nine.points.pass, "the pass step only: no silver from the bonus");
  } finally {
    await Deno.remove(temp, { recursive: true });
  }
});

/**
 * Runs the grade step in a fake runner: `grader/` a git checkout at some commit,
 * and `npx` a stub that writes the outputs the real grader writes.
 */
async function runGradeStep(
  setup: (paths: { temp: string; workspace: string }) => Promise<void>,
  pinnedTo?: (head: string) => string,
  realGrader = false,
) {
  const workspace = await Deno.makeTempDir();
  const temp = await Deno.makeTempDir();
  const bin = await Deno.makeTempDir();
  await Deno.mkdir(`${workspace}/${SUBMISSION_PATH}`);
  if (realGrader) {
    // The workbook itself, as committed, stands for the instructor's grader repository.
    await git(["clone", "-q", "--shared", REPO_ROOT, GRADER_PATH], workspace);
  } else {
    await Deno.mkdir(`${workspace}/${GRADER_PATH}`);
    await git(["init", "-q"], `${workspace}/${GRADER_PATH}`);
    await Deno.writeTextFile(`${workspace}/${GRADER_PATH}/deno.json`, "{}");
    await git(["add", "."], `${workspace}/${GRADER_PATH}`);
    await git(["commit", "-qm", "grader"], `${workspace}/${GRADER_PATH}`);
  }
  const head = await git(["rev-parse", "HEAD"], `${workspace}/${GRADER_PATH}`);
  // The stub: `npx --yes deno@V task grade --out OUT SUBMISSION` writes what grade writes;
  // with the real grader, it runs this Deno instead of fetching one.
  await Deno.writeTextFile(
    `${bin}/npx`,
    realGrader ? ["#!/usr/bin/env bash", "shift 2", `exec "${Deno.execPath()}" "$@"`].join("\n") : [
      "#!/usr/bin/env bash",
      'out="$6"; id="$(basename "$7")"',
      'echo "$PWD" > "$STUB_LOG"',
      'mkdir -p "$out/students/$id"',
      `printf '%s' '${noMarks("submission")}' > "$out/students/$id/result.json"`,
      `printf '{"students":[{"student":"%s"}]}' "$id" > "$out/gradebook.json"`,
    ].join("\n"),
  );
  await Deno.chmod(`${bin}/npx`, 0o755);
  await setup({ temp, workspace });
  const grader = { ...PINNED, commit: pinnedTo?.(head) ?? head };
  const step = stepsOf(classroomWorkflow(AVAILABLE, grader)).find((s) =>
    s.run?.includes("task grade")
  );
  const env: Record<string, string> = {
    PATH: `${bin}:${Deno.env.get("PATH")}`,
    GITHUB_WORKSPACE: workspace,
    STUB_LOG: `${temp}/stub-cwd`,
  };
  for (const [k, v] of Object.entries(step?.env ?? {})) env[k] = expand(v, temp, workspace);
  // The real grader uses this machine's Deno cache (the step's own one would be empty).
  if (realGrader) delete env.DENO_DIR;
  if (realGrader) env.HOME = Deno.env.get("HOME") ?? "";
  const result = await bash(expand(step?.run ?? "", temp, workspace), workspace, env);
  return {
    ...result,
    temp,
    workspace,
    cleanup: async () => {
      for (const dir of [workspace, temp, bin]) await Deno.remove(dir, { recursive: true });
    },
  };
}

Deno.test("classroom: the grade step copies exactly this run's result, from the grader's folder", async (t) => {
  if (!(await hasJq())) {
    console.warn("jq is not installed (apt-get install jq): the grade step cannot run here");
    await t.step({ name: "the grade step, run with jq", ignore: true, fn: () => {} });
    return;
  }
  const run = await runGradeStep(async ({ workspace }) => {
    await Deno.mkdir(`${workspace}/${SUBMISSION_PATH}/grades/students/submission`, {
      recursive: true,
    });
    await Deno.writeTextFile(
      `${workspace}/${SUBMISSION_PATH}/grades/students/submission/result.json`,
      fullMarks("submission"),
    );
  });
  try {
    assertEquals(run.code, 0, `grade step: ${run.stderr}`);
    assertEquals(
      (await Deno.readTextFile(`${run.temp}/stub-cwd`)).trim(),
      await Deno.realPath(`${run.workspace}/${GRADER_PATH}`),
      "deno task ran in the grader's checkout",
    );
    assertEquals(
      await Deno.readTextFile(`${run.temp}/workbook-result.json`),
      noMarks("submission"),
      "the result is the grader's, not the planted one",
    );
  } finally {
    await run.cleanup();
  }
});

Deno.test("classroom: the grade step refuses a non-empty output folder", async () => {
  const run = await runGradeStep(async ({ temp }) => {
    await Deno.mkdir(`${temp}/workbook-grades/students/submission`, { recursive: true });
    await Deno.writeTextFile(
      `${temp}/workbook-grades/students/submission/result.json`,
      fullMarks("submission"),
    );
  });
  try {
    assert(run.code !== 0, "refused");
    assert(run.stdout.includes("is not empty"), `says why: ${run.stdout}`);
    let copied = true;
    await Deno.stat(`${run.temp}/workbook-result.json`).catch(() => (copied = false));
    assert(!copied, "no result for the award steps");
  } finally {
    await run.cleanup();
  }
});

Deno.test("classroom: the grade step refuses a grader that is not the pinned commit", async () => {
  const run = await runGradeStep(async () => {}, () => "b".repeat(40));
  try {
    assert(run.code !== 0, "refused");
    assert(run.stdout.includes("not the pinned commit"), `says why: ${run.stdout}`);
  } finally {
    await run.cleanup();
  }
});

Deno.test("classroom: an unpinned or malformed grader source is refused by the generator", () => {
  for (const bad of [{ ...PINNED, commit: "main" }, { ...PINNED, repository: "x" }]) {
    let thrown = "";
    try {
      classroomWorkflow(AVAILABLE, bad);
    } catch (e) {
      thrown = (e as Error).message;
    }
    assert(thrown.startsWith("Cannot pin the grader"), `refused: ${JSON.stringify(bad)}`);
  }
});

Deno.test("classroom: the grade step with the real grader, then the award steps", async (t) => {
  if (!(await hasJq())) {
    console.warn("jq is not installed (apt-get install jq): the steps cannot run here");
    await t.step({ name: "the steps, run with jq", ignore: true, fn: () => {} });
    return;
  }
  // Exercise 10 only (it has no timed part); the other exercises are missing.
  const run = await runGradeStep(
    async ({ workspace }) => {
      const dir = `${workspace}/${SUBMISSION_PATH}/exercises/10_kempner`;
      await Deno.mkdir(dir, { recursive: true });
      await Deno.copyFile(`${REPO_ROOT}/solutions/10_kempner/kempner.ts`, `${dir}/kempner.ts`);
      // A result planted in the student's repository, with every point.
      await Deno.mkdir(`${workspace}/${SUBMISSION_PATH}/grades/students/submission`, {
        recursive: true,
      });
      await Deno.writeTextFile(
        `${workspace}/${SUBMISSION_PATH}/grades/students/submission/result.json`,
        fullMarks("submission"),
      );
    },
    undefined,
    true,
  );
  try {
    assertEquals(run.code, 0, `grade step: ${run.stderr.slice(-2000)}`);
    const steps = stepsOf(classroomWorkflow(AVAILABLE, PINNED));
    let awarded = 0;
    for (
      const step of steps.filter((s) =>
        s.uses?.startsWith("classroom-resources/autograding-command")
      )
    ) {
      const command = expand(String(step.with?.command), run.temp, run.workspace);
      const ran = await bash(command, run.workspace, { PATH: Deno.env.get("PATH") ?? "" });
      if (ran.code === 0) awarded += Number(step.with?.["max-score"]);
    }
    assertEquals(awarded, 10, "exercise 10's points, and only those");
  } finally {
    await run.cleanup();
  }
});
