/**
 * The GitHub Classroom workflow, generated from the catalogue. The student's
 * repository is only ever read as a submission: the grader that runs is the
 * instructor's, checked out from the instructor's repository at one pinned
 * commit, and everything it writes (the grades, Deno's cache, the WebAssembly
 * build cache inside the grader's checkout) lies outside the student's tree.
 * Each autograding step then awards one tier of one exercise from exactly one
 * file, the result the grader wrote in this run. A step reads the exercise's
 * own `points`, which never hold the optional stretch's bonus: extra credit has
 * no step (Classroom's reporter adds each step's `max-score` to the maximum,
 * so a bonus step would raise the maximum for everyone), and a bonus can never
 * award a speed tier that was not reached.
 *
 * What this cannot stop: the workflow file itself lives in the student's
 * repository, so a student who edits it can award themselves anything on
 * Classroom's page (platforms/github-classroom/README.md says so). The grade of
 * record is `deno task grade` over the cloned repositories.
 *
 * The committed copy, platforms/github-classroom/classroom.yml (with
 * placeholders where the grader's repository and commit go), is held equal to
 * this by tests/grade/platforms_test.ts; tests/grade/classroom_test.ts holds the
 * workflow to the properties above.
 *
 * @module
 */
import type { Exercise } from "../../exercise/catalogue.ts";

/** The instructor's grader: a repository (`owner/name`) and a full commit SHA. */
export interface GraderSource {
  repository: string;
  commit: string;
}

/** Placeholders of the committed copy: the workflow refuses to grade until they are replaced. */
export const UNPINNED: GraderSource = {
  repository: "INSTRUCTOR/workbook-grader",
  commit: "0".repeat(40),
};

/** Where the student's repository is checked out, under the workspace. */
export const SUBMISSION_PATH = "submission";
/** Where the grader is checked out, under the workspace. */
export const GRADER_PATH = "grader";
/** The grader's output folder, under the runner's temporary folder (not the workspace). */
export const OUT = "${{ runner.temp }}/workbook-grades";
/** The one result the award steps read: copied there by the grade step. */
export const RESULT = "${{ runner.temp }}/workbook-result.json";
/** Deno's cache, outside the workspace. */
const DENO_DIR = "${{ runner.temp }}/workbook-deno-dir";
/** The student id the grader gives the submission: its folder's name. */
const STUDENT = SUBMISSION_PATH;

const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const COMMIT = /^[0-9a-f]{40}$/;

/** One awarded step: a tier of an exercise, worth `points` when the result reaches `atLeast`. */
interface Step {
  id: string;
  name: string;
  number: number;
  atLeast: number;
  points: number;
}

function stepsOf(exercise: Exercise): Step[] {
  const { pass, silver, gold } = exercise.points;
  const tag = `e${String(exercise.number).padStart(2, "0")}`;
  const label = `Exercise ${exercise.number} ${exercise.slug}`;
  return [
    {
      id: `${tag}-pass`,
      name: `${label} passes`,
      number: exercise.number,
      atLeast: pass,
      points: pass,
    },
    {
      id: `${tag}-silver`,
      name: `${label} silver`,
      number: exercise.number,
      atLeast: pass + silver,
      points: silver,
    },
    {
      id: `${tag}-gold`,
      name: `${label} gold`,
      number: exercise.number,
      atLeast: pass + silver + gold,
      points: gold,
    },
  ].filter((step) => step.points > 0);
}

/** The jq test of one step: the grader's own result, exactly one entry for the exercise. */
function awardCommand(step: Step): string {
  const test = `.schema == "workbook-grade/1" and .student == "${STUDENT}" and ` +
    `([.exercises[] | select(.number == ${step.number})] | length == 1 and ` +
    `.[0].points >= ${step.atLeast})`;
  return `jq -e '${test}' "${RESULT}"`;
}

/**
 * The grade step's script: refuses an unpinned or different grader and a
 * non-empty output folder, grades the student's checkout with the grader's
 * own tasks, and copies exactly the submission's result for the award steps.
 */
function gradeScript(grader: GraderSource): string[] {
  return [
    "set -euo pipefail",
    `if [ "$(git -C ${GRADER_PATH} rev-parse HEAD)" != "${grader.commit}" ]; then`,
    '  echo "::error::the grader checked out is not the pinned commit"; exit 1',
    "fi",
    'if [ -e "$OUT" ] && [ -n "$(ls -A "$OUT")" ]; then',
    '  echo "::error::$OUT is not empty: refusing to grade into it"; exit 1',
    "fi",
    'rm -f "$RESULT"',
    `cd ${GRADER_PATH}`,
    `npx --yes deno@2.9.6 task grade --out "$OUT" "$GITHUB_WORKSPACE/${SUBMISSION_PATH}"`,
    `jq -e '[.students[].student] == ["${STUDENT}"]' "$OUT/gradebook.json" >/dev/null`,
    `cp "$OUT/students/${STUDENT}/result.json" "$RESULT"`,
  ];
}

/** The workflow's YAML for `exercises`, grading with `grader`. */
export function classroomWorkflow(
  exercises: readonly Exercise[],
  grader: GraderSource = UNPINNED,
): string {
  if (!REPOSITORY.test(grader.repository)) {
    throw new Error(`Cannot pin the grader to "${grader.repository}": give owner/name`);
  }
  if (!COMMIT.test(grader.commit)) {
    throw new Error(`Cannot pin the grader to "${grader.commit}": give a full 40-hex commit SHA`);
  }
  const steps = exercises.flatMap(stepsOf);
  const lines = [
    "# GitHub Classroom autograding for the workbook. Generated from lib/exercise/catalogue.ts by",
    "# `deno run -A lib/grade/formats/classroom.ts --grader-repository OWNER/NAME --grader-commit SHA",
    "# --out FILE`: do not edit by hand. The grader is the instructor's repository at one pinned",
    "# commit, never the student's lib/ or deno.json; the student's repository is only the",
    "# submission. Grades, caches and builds are written outside the student's checkout, and each",
    "# award step reads exactly the result this run wrote. A student can still edit this file in",
    "# their repository: the grade of record is `deno task grade` over the cloned repositories",
    "# (see platforms/github-classroom/README.md). Give the runner 2 or more cores, or parallel",
    "# exercises earn no bonus. A quiz graded with partial credit counts here only in full. An",
    "# optional stretch's extra credit (exercise 9) is not awarded here: Classroom adds every",
    "# step's points to the maximum; each step reads an exercise's own points, never its bonus.",
    "name: Autograding",
    "on:",
    "  push:",
    "  workflow_dispatch:",
    "permissions:",
    "  checks: write",
    "  actions: read",
    "  contents: read",
    "jobs:",
    "  grade:",
    "    runs-on: ubuntu-latest",
    "    timeout-minutes: 60",
    "    steps:",
    "      - name: The grader is pinned",
    "        run: |",
    `          if [ "${grader.commit}" = "${UNPINNED.commit}" ]; then`,
    '            echo "::error::the instructor has not pinned the grader (see the README)"; exit 1',
    "          fi",
    "      - name: The submission",
    "        uses: actions/checkout@v4",
    "        with:",
    `          path: ${SUBMISSION_PATH}`,
    "          persist-credentials: false",
    "      - name: The grader",
    "        uses: actions/checkout@v4",
    "        with:",
    `          repository: ${grader.repository}`,
    `          ref: ${grader.commit}`,
    `          path: ${GRADER_PATH}`,
    "          token: ${{ secrets.WORKBOOK_GRADER_TOKEN || github.token }}",
    "          persist-credentials: false",
    "      - uses: actions/setup-node@v4",
    "        with:",
    "          node-version: 22",
    "      - name: Grade",
    "        env:",
    `          DENO_DIR: ${DENO_DIR}`,
    `          OUT: ${OUT}`,
    `          RESULT: ${RESULT}`,
    "        run: |",
    ...gradeScript(grader).map((line) => `          ${line}`),
    "      - name: Report",
    "        if: always()",
    `        run: cat "${OUT}/students/${STUDENT}/report.md" >> "$GITHUB_STEP_SUMMARY" || true`,
  ];
  for (const step of steps) {
    lines.push(
      `      - name: ${step.name}`,
      `        id: ${step.id}`,
      "        uses: classroom-resources/autograding-command-grader@v1",
      "        with:",
      `          test-name: ${step.name}`,
      `          command: ${JSON.stringify(awardCommand(step))}`,
      "          timeout: 1",
      `          max-score: ${step.points}`,
    );
  }
  lines.push(
    "      - name: Autograding reporter",
    "        uses: classroom-resources/autograding-grading-reporter@v1",
    "        env:",
    ...steps.map((s) =>
      `          ${s.id.toUpperCase()}_RESULTS: "\${{ steps.${s.id}.outputs.result }}"`
    ),
    "        with:",
    `          runners: ${steps.map((s) => s.id).join(",")}`,
  );
  return lines.join("\n") + "\n";
}

/** The committed copy of the workflow, repository-relative. */
export const COMMITTED_WORKFLOW = "platforms/github-classroom/classroom.yml";

const USAGE = `Usage: deno run -A lib/grade/formats/classroom.ts [options]

  --grader-repository OWNER/NAME  the instructor's grader repository
  --grader-commit SHA             the full commit SHA to grade with
  --out FILE                      where to write (default: the committed copy, unpinned)`;

// Writes the workflow: the committed copy (unpinned) by default, or a pinned one for a course.
if (import.meta.main) {
  const { parseArgs } = await import("node:util");
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      "grader-repository": { type: "string" },
      "grader-commit": { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    Deno.exit(0);
  }
  const { CATALOGUE } = await import("../../exercise/catalogue.ts");
  const { REPO_ROOT } = await import("../../exercise/paths.ts");
  const grader = {
    repository: values["grader-repository"] ?? UNPINNED.repository,
    commit: values["grader-commit"] ?? UNPINNED.commit,
  };
  try {
    const text = classroomWorkflow(CATALOGUE.filter((e) => e.available), grader);
    const out = values.out ?? `${REPO_ROOT}/${COMMITTED_WORKFLOW}`;
    await Deno.writeTextFile(out, text);
    console.log(`Wrote ${out}`);
  } catch (thrown) {
    console.error((thrown as Error).message);
    Deno.exit(2);
  }
}
