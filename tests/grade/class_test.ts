/**
 * Grading a sample class end to end: reference copies, stubs, half-done and
 * wrong work, and every kind of bad input, as folders, a .zip and a .tar.gz.
 * Each gets the points it should; each bad input one clear line, and the rest
 * of the class is still graded; the three formats validate against their
 * specifications (JUnit XML, Gradescope's results.json, CSV); --resume skips
 * what is done.
 *
 * @module
 */
import { Ajv } from "ajv";
import gradescopeSchema from "../../platforms/gradescope/results.schema.json" with { type: "json" };
import {
  DEFAULT_EXERCISE_TIME_LIMIT_S,
  gradeClass,
  type GradeOptions,
} from "../../lib/grade/grade.ts";
import { pointsFor } from "../../lib/grade/points.ts";
import type { GradescopeResults } from "../../lib/grade/formats/gradescope.ts";
import { exerciseColumn, type Gradebook, type StudentGrade } from "../../lib/grade/result.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { assert, assertEquals, assertIncludes, TEST_SEED } from "../_helpers/helpers.ts";
import {
  copyWorkbookFolder,
  entryPath,
  exercisesNumbered,
  explain,
  writeSubmissions,
} from "../_helpers/grade_helpers.ts";
import { parseXml, type XmlElement } from "../_helpers/xml.ts";
import { zipBytes } from "../_helpers/zip.ts";
import { TERM_SIGN } from "../_helpers/term_sign_source.ts";

const EXERCISES = exercisesNumbered([1, 10, 11]);
const SIGNATURE = "export function slowSeries(n: number, omit: string, seed: number): number";
const KEMPNER = Deno.readTextFileSync(`${REPO_ROOT}/solutions/10_kempner/kempner.ts`);
const REFLECTION = Deno.readTextFileSync(`${REPO_ROOT}/solutions/11_which_tool/reflection.md`);

interface SampleClass {
  classDir: string;
  outDir: string;
  paths: string[];
  options: GradeOptions;
}

/** Writes the sample class: folders, archives and files that are not submissions at all. */
async function writeClass(): Promise<SampleClass> {
  const classDir = await Deno.makeTempDir({ prefix: "workbook-class-" });
  const outDir = await Deno.makeTempDir({ prefix: "workbook-grades-" });
  await copyWorkbookFolder("solutions", `${classDir}/reference/exercises`);
  await copyWorkbookFolder("exercises", `${classDir}/stub/exercises`);
  const folders = await writeSubmissions(classDir, [
    {
      id: "half-done",
      files: {
        // Correct but no faster than the baseline: fails on speed.
        [entryPath(1)]: `${TERM_SIGN}
${SIGNATURE} {
  let t = 0;
  for (let k = 1; k <= n; k++) if (!String(k).includes(omit)) t += termSign(seed, k) / k;
  return t;
}
`,
        [entryPath(10)]: KEMPNER,
        // Three of five questions right.
        [entryPath(11)]: `import type { Answers } from "./tools.ts";
export function answers(): Answers {
  return {
    threads: ["Worker", "worker pool"],
    processes: ["Worker"],
    compilers: ["V8 JIT", "WebAssembly"],
    ioBound: ["async I/O"],
    beyondOneMachine: ["Atomics"],
  };
}
`,
        [entryPath(11, "reflection.md")]: REFLECTION,
      },
    },
    { id: "wrong", files: { [entryPath(1)]: `${SIGNATURE} { return n + 0.5 + omit.length; }\n` } },
    { id: "empty", files: {} },
    { id: "malformed", files: { "notes.txt": "my answers are in my head\n" } },
    {
      id: "missing",
      files: {
        [entryPath(1)]: await Deno.readTextFile(
          `${REPO_ROOT}/solutions/01_slow_series/slow_series.ts`,
        ),
      },
    },
    { id: "unparsable", files: { [entryPath(1)]: `${SIGNATURE} {\n  return "13.27;\n}\n` } },
    { id: "syntax-error", files: { [entryPath(1)]: `${SIGNATURE} { return 1 +; }\n` } },
  ]);
  await Deno.writeFile(
    `${classDir}/zipped.zip`,
    zipBytes([{ name: "10_kempner/kempner.ts", data: KEMPNER }]),
  );
  await Deno.mkdir(`${classDir}/tar-src/exercises/10_kempner`, { recursive: true });
  await Deno.writeTextFile(`${classDir}/tar-src/exercises/10_kempner/kempner.ts`, KEMPNER);
  const tar = await new Deno.Command("tar", {
    args: ["-czf", `${classDir}/tarred.tar.gz`, "-C", `${classDir}/tar-src`, "."],
  }).output();
  assert(tar.success, "tar");
  await Deno.writeTextFile(`${classDir}/broken.zip`, "not a zip at all");
  await Deno.writeTextFile(`${classDir}/notes.pdf`, "%PDF-1.4");
  const paths = [
    `${classDir}/reference`,
    `${classDir}/stub`,
    ...folders,
    `${classDir}/zipped.zip`,
    `${classDir}/tarred.tar.gz`,
    `${classDir}/broken.zip`,
    `${classDir}/notes.pdf`,
    `${classDir}/no-such-student`,
  ];
  return {
    classDir,
    outDir,
    paths,
    options: {
      outDir,
      submissions: paths,
      exercises: EXERCISES,
      seed: TEST_SEED,
      jobs: 2,
      resume: false,
      allowImports: [],
      memoryLimitMb: 1024,
      exerciseTimeLimitS: DEFAULT_EXERCISE_TIME_LIMIT_S,
    },
  };
}

let graded: Promise<{ sample: SampleClass; grades: Map<string, StudentGrade> }> | undefined;

/** The class, graded once for all the tests below. */
function gradedClass() {
  graded ??= (async () => {
    const sample = await writeClass();
    const grades = await gradeClass(sample.options);
    return { sample, grades: new Map(grades.map((g) => [g.student, g])) };
  })();
  return graded;
}

function exercise(grade: StudentGrade | undefined, number: number) {
  const found = grade?.exercises.find((e) => e.number === number);
  assert(found !== undefined, `exercise ${number} of ${grade?.student}`);
  return found;
}

Deno.test("class: the reference earns every point it can, the stubs none", async () => {
  const { grades } = await gradedClass();
  const reference = grades.get("reference");
  for (const e of reference?.exercises ?? []) {
    assertEquals(e.status, "pass", `reference ${e.slug}: ${e.summary}`);
    const catalogued = EXERCISES.find((x) => x.number === e.number);
    assert(catalogued !== undefined, "catalogued");
    assert(e.status !== "not-reached", `reference ${e.slug} was reached`);
    assertEquals(
      e.points,
      pointsFor(catalogued, { ...e, status: e.status }),
      `reference ${e.slug} points`,
    );
  }
  assert((reference?.exercises[0]?.points ?? 0) >= 6, `slow-series passes: ${explain(reference)}`);
  assertEquals(exercise(reference, 10).points, 10, "kempner");
  assertEquals(exercise(reference, 11).points, 10, "which-tool");
  const stub = grades.get("stub");
  assertEquals(stub?.total, 0, `stub total: ${explain(stub)}`);
  assert(stub?.exercises.every((e) => e.status !== "pass") ?? false, "no stub passes");
  assertIncludes(exercise(stub, 1).summary, "not implemented", "the stub's reason");
});

Deno.test("class: half-done work earns what it did, wrong work nothing", async () => {
  const { grades } = await gradedClass();
  const half = grades.get("half-done");
  const slow = exercise(half, 1);
  assertEquals([slow.status, slow.points], ["fail", 0], `correct but slow: ${slow.summary}`);
  assertIncludes(slow.summary, "below the 1.5× required", "why");
  assertEquals(exercise(half, 10).points, 10, "kempner from the reference");
  const quiz = exercise(half, 11);
  assert(quiz.points > 0 && quiz.points < 10, `partial credit: ${quiz.points} (${quiz.summary})`);
  assertEquals(quiz.points, Math.round(10 * (quiz.credit ?? 0) * 100) / 100, "credit × 10");
  const wrong = grades.get("wrong");
  assertEquals([exercise(wrong, 1).status, wrong?.total], ["fail", 0], explain(wrong));
});

Deno.test("class: each bad input gets one line naming the submission, the rest is graded", async () => {
  const { grades, sample } = await gradedClass();
  const expectations: [string, string][] = [
    ["empty", "is empty"],
    ["malformed", "does not look like the workbook"],
    ["broken", "does not unpack"],
    ["notes.pdf", "is not a folder, a .zip or a .tar.gz"],
    ["no-such-student", "does not exist"],
  ];
  for (const [student, reason] of expectations) {
    const grade = grades.get(student);
    assertEquals(grade?.status, "error", `${student} status`);
    const problem = grade?.problem ?? "";
    assertIncludes(problem, reason, `${student} problem`);
    assertIncludes(problem, sample.classDir, `${student}: the submission is named`);
    assert(!problem.includes("\n"), `${student}: one line`);
    assertEquals(grade?.total, 0, `${student} total`);
  }
  assertIncludes(
    exercise(grades.get("missing"), 10).summary,
    "not in the submission (no 10_kempner/kempner.ts)",
    "a missing exercise",
  );
  assert(exercise(grades.get("missing"), 1).points >= 6, "the exercise that is there is graded");
  assertIncludes(
    exercise(grades.get("unparsable"), 1).summary,
    "rejected before running: 01_slow_series/slow_series.ts:2: does not parse: Unterminated string constant (column 10)",
    "a file that does not parse",
  );
  assertIncludes(
    exercise(grades.get("syntax-error"), 1).summary,
    "slow_series.ts:1: does not parse: Unexpected token",
    "a syntax error, found by the parser before anything runs",
  );
  assertEquals(exercise(grades.get("zipped"), 10).points, 10, "a zip of exercises");
  assertEquals(exercise(grades.get("tarred"), 10).points, 10, "a tar.gz of a workbook");
});

/** RFC 4180 CSV: rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else if (c === "\n" || c === "\r" || c === '"') {
      throw new SyntaxError(
        `a bare ${JSON.stringify(c)} in an unquoted cell, row ${rows.length + 1}`,
      );
    } else cell += c;
  }
  if (quoted) throw new SyntaxError("an unterminated quoted cell");
  if (cell !== "" || row.length > 0) throw new SyntaxError("the last row has no CRLF");
  return rows;
}

Deno.test("gradebook.csv: a row per submission, the exercise columns, points that add up", async () => {
  const { sample, grades } = await gradedClass();
  const rows = parseCsv(await Deno.readTextFile(`${sample.outDir}/gradebook.csv`));
  const header = [
    "student",
    ...EXERCISES.map(exerciseColumn),
    "total",
    "max",
    "bonus",
    "manual",
    "final",
    "status",
    "note",
  ];
  assertEquals(rows[0], header, "header");
  assertEquals(rows.length - 1, sample.paths.length, "one row per submission");
  for (const row of rows.slice(1)) {
    assertEquals(row.length, header.length, `columns of ${row[0]}`);
    const grade = grades.get(row[0] as string);
    assert(grade !== undefined, `${row[0]} is a student`);
    const points = row.slice(1, 1 + EXERCISES.length).map(Number);
    assertEquals(points, grade.exercises.map((e) => e.points), `${row[0]} points`);
    const sum = Math.round(points.reduce((a, b) => a + b, 0) * 100) / 100;
    assertEquals(Number(row[header.indexOf("total")]), sum, `${row[0]} total`);
    assertEquals(row[header.indexOf("manual")], "", `${row[0]}: no manual points given yet`);
    assertEquals(Number(row[header.indexOf("final")]), sum, `${row[0]} final`);
    assertEquals(row[header.indexOf("status")], grade.status, `${row[0]} status`);
    assertEquals(row[header.indexOf("note")] !== "", grade.status === "error", `${row[0]} note`);
  }
  const book = JSON.parse(await Deno.readTextFile(`${sample.outDir}/gradebook.json`)) as Gradebook;
  assertEquals(book.students.length, sample.paths.length, "gradebook.json students");
  assertEquals(book.seed, TEST_SEED, "the seed is recorded");
  assert(book.machine.cores > 0 && book.machine.cpu !== "" && book.machine.deno !== "", "machine");
});

const validateGradescope = new Ajv({ allErrors: true, strict: true }).compile(gradescopeSchema);
/** What a hidden test's output may say: passed, or a kind of problem, never an input. */
const HIDDEN_OUTPUT =
  /^(passed|wrong result|error|not run|not implemented yet|the module does not load|timed out|threw an exception|called Deno\.exit\(\)|used more memory than allowed|ran out of memory|returned a value that cannot be sent back|broke the exercise's rules on Workers|right, but slower than this test's time limit|the process running the code crashed|stopped at the exercise's time limit|the grader failed \(not the submission's fault\))$/;

Deno.test("results.json: Gradescope's fields and types, hidden tests without their inputs", async () => {
  const { sample, grades } = await gradedClass();
  for (const grade of grades.values()) {
    const path = `${sample.outDir}/students/${grade.student}/results.json`;
    const document: unknown = JSON.parse(await Deno.readTextFile(path));
    assert(validateGradescope(document), `${path}: ${JSON.stringify(validateGradescope.errors)}`);
    const results = document as GradescopeResults;
    assertEquals(results.score, grade.total, `${grade.student} score`);
    const scored = results.tests.filter((t) => t.max_score !== undefined);
    assertEquals(scored.length, EXERCISES.length, "one scored entry per exercise");
    const sum = scored.reduce((s, t) => s + (t.score ?? 0), 0);
    assertEquals(Math.round(sum * 100) / 100, grade.total, "entries add up to the score");
    const names = grade.exercises.flatMap((e) => e.tests.map((t) => t.name));
    for (
      const test of results.tests.filter((t) => t.max_score === undefined)
    ) {
      assertEquals(test.visibility, "after_published", "a hidden test is not visible before");
      assert(/^Exercise \d+ · hidden test \d+ of \d+$/.test(test.name), `name: ${test.name}`);
      assert(HIDDEN_OUTPUT.test(test.output), `output without input: ${test.output}`);
    }
    for (const test of results.tests) {
      assert(!names.some((n) => n.length > 8 && test.output.includes(n)), "no test name leaks");
      assert(!test.output.includes("slowSeries("), `no input leaks: ${test.output}`);
    }
  }
});

function children(node: XmlElement, name: string): XmlElement[] {
  return node.children.filter((c) => c.name === name);
}

Deno.test("junit.xml: well-formed, a suite per exercise, a case per hidden test", async () => {
  const { sample, grades } = await gradedClass();
  for (const grade of grades.values()) {
    const root = parseXml(
      await Deno.readTextFile(`${sample.outDir}/students/${grade.student}/junit.xml`),
    );
    assertEquals(root.name, "testsuites", "root");
    const suites = children(root, "testsuite");
    assertEquals(suites.map((s) => s.attributes.name), EXERCISES.map(exerciseColumn), "suites");
    let total = 0;
    for (const [i, suite] of suites.entries()) {
      const graded = grade.exercises[i];
      assert(graded !== undefined, "graded exercise");
      const cases = children(suite, "testcase");
      const speedCases = [graded.performance, graded.parallel].filter((p) => p !== null).length;
      assertEquals(cases.length, Math.max(1, graded.tests.length + speedCases), "cases");
      const count = (tag: string) => cases.filter((c) => children(c, tag).length > 0).length;
      assertEquals(Number(suite.attributes.tests), cases.length, "tests attribute");
      assertEquals(Number(suite.attributes.failures), count("failure"), "failures attribute");
      assertEquals(Number(suite.attributes.errors), count("error"), "errors attribute");
      assertEquals(Number(suite.attributes.skipped), count("skipped"), "skipped attribute");
      for (const c of cases) {
        for (const problem of [...children(c, "failure"), ...children(c, "error")]) {
          assert((problem.attributes.message ?? "") !== "", "a failure has a message");
        }
      }
      total += cases.length;
    }
    assertEquals(Number(root.attributes.tests), total, "testsuites counts every case");
  }
});

Deno.test("reports: a Markdown and an HTML report per student, the submission's text escaped", async () => {
  const { sample, grades } = await gradedClass();
  for (const grade of grades.values()) {
    const dir = `${sample.outDir}/students/${grade.student}`;
    const markdown = await Deno.readTextFile(`${dir}/report.md`);
    assertIncludes(markdown, `**${grade.total} of ${grade.maxTotal} points**`, "markdown total");
    const html = await Deno.readTextFile(`${dir}/report.html`);
    assertIncludes(html, `Grade: ${grade.total} of ${grade.maxTotal} points`, "html total");
    assert(!/<script/i.test(html), "no script");
  }
});

Deno.test("--resume: graded students are skipped, a missing result is graded again", async () => {
  const { sample, grades } = await gradedClass();
  await Deno.remove(`${sample.outDir}/students/wrong/result.json`);
  const started = performance.now();
  const again = await gradeClass({ ...sample.options, resume: true });
  const elapsed = performance.now() - started;
  for (const grade of again) {
    const before = grades.get(grade.student);
    if (grade.student === "wrong") {
      assert(grade.gradedAt !== before?.gradedAt, "wrong was graded again");
      assertEquals(grade.total, before?.total, "to the same points");
    } else {
      assertEquals(grade.gradedAt, before?.gradedAt, `${grade.student} was skipped`);
    }
  }
  assert(elapsed < 30_000, `resuming took ${Math.round(elapsed)} ms`);
  await Deno.remove(sample.classDir, { recursive: true });
  await Deno.remove(sample.outDir, { recursive: true });
});
