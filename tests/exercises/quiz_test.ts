/**
 * Exercise 11: partial credit per question, an explanation with every answer,
 * and the reflection counted only when it is prose about the course (a tool, a
 * reason, a measurement, in English, in the learner's own words): lorem ipsum
 * that names a tool, filler that repeats itself and a pasted README fail.
 *
 * @module
 */
import { assert, assertEquals, assertIncludes, checkSource } from "../_helpers/helpers.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { reflectionProblem } from "../../checks/11_which_tool/reflection.ts";
import { courseRuns } from "../../checks/11_which_tool/course_text.ts";
import { harnessClosure } from "../../lib/grade/sandbox.ts";

/** An honest reflection, written for these tests (not the reference's). */
const LONG_REFLECTION = `# Question 6

I analyse hourly sensor logs from a few hundred weather stations, and the slow part is a smoothing
pass over every series. I would start with typed arrays, since a Float64Array per station keeps the
values in one block of memory, and in exercise 2 that kind of layout took my loop from about 2 s to
90 ms. Before changing anything else I would run the V8 profiler, because my guesses about hot
lines were wrong twice in exercise 4. The stations are independent of each other, so a worker pool
can give each Worker a share of them; my own check of exercise 5 showed the pool reusing its
Workers instead of paying about 15 ms to start one per task. Reading the logs is I/O-bound, so
async I/O can overlap it with the smoothing.
`;

/** Lorem ipsum with tool names, a reason word and a number sprinkled in: passed before. */
const LOREM_WITH_TOOLS = `# Question 6

Lorem ipsum dolor sit amet, Worker consectetur adipiscing elit, sed do eiusmod tempor incididunt ut
labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris
nisi ut aliquip ex ea commodo consequat, because WebAssembly 3× faster. Duis aute irure dolor in
reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint
occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum.
Sed ut perspiciatis unde omnis iste natus error sit voluptatem accusantium doloremque laudantium,
totam rem aperiam, eaque ipsa quae ab illo inventore veritatis et quasi architecto beatae vitae
dicta sunt explicabo. Nemo enim ipsam voluptatem quia voluptas sit aspernatur aut odit aut fugit.
`;

const RIGHT_ANSWERS = `{ threads: ["Worker", "worker pool"], processes: ["subprocess"],
  compilers: ["V8 JIT", "WebAssembly"], ioBound: ["async I/O"], beyondOneMachine: ["network messages"] }`;

function quiz(answers: string): string {
  return `export function answers() { return ${answers}; }`;
}

Deno.test("quiz: half of a question earns half its credit, and every answer is explained", async () => {
  const result = await checkSource(
    11,
    quiz(`{ threads: ["Worker"], processes: ["subprocess"], compilers: ["V8 JIT", "WebAssembly"],
      ioBound: ["async I/O"], beyondOneMachine: ["network messages"] }`),
    { files: { "reflection.md": LONG_REFLECTION } },
  );
  assertEquals(result.status, "fail", "status");
  const threads = result.tests[0];
  assertEquals(threads?.status, "fail", "threads");
  assertEquals(threads?.credit, 0.5, "threads credit");
  assertIncludes(threads?.message ?? "", "missing 1", "message");
  assert(result.tests.slice(0, 5).every((t) => (t.note ?? "").length > 20), "explained");
  assertEquals(result.credit, (0.5 + 5) / 6, "mean credit");
});

Deno.test("quiz: picking every tool earns nothing", async () => {
  const all =
    `["typed arrays","Worker","worker pool","SharedArrayBuffer","Atomics","subprocess","V8 JIT","WebAssembly","V8 profiler","async I/O","network messages"]`;
  const result = await checkSource(
    11,
    quiz(
      `{ threads: ${all}, processes: ${all}, compilers: ${all}, ioBound: ${all}, beyondOneMachine: ${all} }`,
    ),
    { files: { "reflection.md": LONG_REFLECTION } },
  );
  assert(
    result.tests.slice(0, 5).every((t) => t.status === "fail" && (t.credit ?? 0) === 0),
    "no credit",
  );
});

Deno.test("quiz: a tool the workbook did not teach is refused by name", async () => {
  const result = await checkSource(
    11,
    quiz(
      `{ threads: ["pthreads"], processes: [], compilers: [], ioBound: [], beyondOneMachine: [] }`,
    ),
    { files: { "reflection.md": LONG_REFLECTION } },
  );
  assertIncludes(result.tests[0]?.message ?? "", '["pthreads"], not tools of tools.ts', "message");
});

Deno.test("quiz: a short reflection, or one that names no tool, is not complete", async () => {
  const answers = quiz(RIGHT_ANSWERS);
  const short = await checkSource(11, answers, {
    files: { "reflection.md": "# Q6\n\nWorkers, of course." },
  });
  assertIncludes(short.tests[5]?.message ?? "", "has 3 words; at least 80 needed", "short");
  const vague = await checkSource(11, answers, {
    files: {
      "reflection.md": LONG_REFLECTION.replace(
        /typed arrays|V8 profiler|worker pool|Workers?|async I\/O/g,
        "it",
      ),
    },
  });
  assertIncludes(vague.tests[5]?.message ?? "", "names none of the workbook's tools", "vague");
  assertEquals(vague.status, "fail", "status");
});

Deno.test("quiz: lorem ipsum that names a tool, a reason and a number fails the reflection", async () => {
  const result = await checkSource(11, quiz(RIGHT_ANSWERS), {
    files: { "reflection.md": LOREM_WITH_TOOLS },
  });
  assertEquals(result.status, "fail", "status");
  assertEquals(result.tests[5]?.status, "fail", "the reflection");
  assertIncludes(result.tests[5]?.message ?? "", "does not read as English prose", "why");
  assertEquals(result.credit, 5 / 6, "the quiz keeps its credit, the reflection earns none");
});

Deno.test("quiz: an honest reflection passes, and the instructor is told to read it", async () => {
  const result = await checkSource(11, quiz(RIGHT_ANSWERS), {
    files: { "reflection.md": LONG_REFLECTION },
  });
  assertEquals(result.status, "pass", result.tests.map((t) => t.message).join(" | "));
  assertIncludes(result.tests[5]?.note ?? "", "instructor", "who reads it");
});

Deno.test("quiz: the reference reflection passes the gate", async () => {
  const text = await Deno.readTextFile(`${REPO_ROOT}/solutions/11_which_tool/reflection.md`);
  assertEquals(reflectionProblem(text, courseRuns()), null, "reference reflection");
});

Deno.test("quiz: filler is refused with its own reason", async () => {
  const readme = await Deno.readTextFile(`${REPO_ROOT}/exercises/02_velocity/README.md`);
  const cases: [string, string][] = [
    [
      `# Q6\n\n${"I would use Workers over a SharedArrayBuffer for the grid. ".repeat(12)}`,
      "repeats itself",
    ],
    [LONG_REFLECTION.replace(/\b(since|because|so|instead)\b/g, "and"), "gives no reason"],
    [
      LONG_REFLECTION.replace(/about 2 s to\s+90 ms/, "much less").replace(/about 15 ms/, "time"),
      "quotes no measurement",
    ],
    [`# Q6\n\n${readme.slice(0, 4000)}`, "copies the course's own text"],
    [LOREM_WITH_TOOLS, "does not read as English prose"],
  ];
  for (const [text, why] of cases) {
    assertIncludes(reflectionProblem(text, courseRuns()) ?? "passed", why, why);
  }
  assertEquals(reflectionProblem(LONG_REFLECTION, courseRuns()), null, "the honest one");
});

Deno.test("quiz: the reflection is judged in the judge, not by the learner's module", async () => {
  // The module rewrites the string methods a counter in its process would use, and lies
  // about its own file: the judge reads the text that came back and judges it itself.
  const patched = `String.prototype.split = function () { return new Array(500).fill("word"); };
String.prototype.includes = () => true;
String.prototype.toLowerCase = function () { return "worker because 2× faster ".repeat(40); };
export function answers() { return ${RIGHT_ANSWERS}; }`;
  const result = await checkSource(11, patched, { files: { "reflection.md": LOREM_WITH_TOOLS } });
  // Either the patches are refused (intrinsics are frozen before the module loads: it
  // cannot load) or they change nothing the judge uses: the reflection never passes.
  assert(result.tests[5]?.status !== "pass", `the reflection: ${result.tests[5]?.status}`);
  assert(result.status !== "pass", `the check: ${result.status}`);
});

Deno.test("quiz: the check's import graph names no folder and reaches neither key nor course text", async () => {
  // The grading sandbox lets the learner's process read every file of this graph.
  const { files } = await harnessClosure([`${REPO_ROOT}/checks/11_which_tool/check.ts`]);
  for (const file of files) {
    assert(!file.endsWith("/"), `a folder in the graph: ${file}`);
    assert(!/key\.ts$|course_text\.ts$|solutions\//.test(file), `judge data in the graph: ${file}`);
  }
});
