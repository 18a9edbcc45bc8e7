/**
 * Exercise 11: partial credit per question, an explanation with every answer,
 * and the reflection counted only when it is long enough and names a tool.
 *
 * @module
 */
import { assert, assertEquals, assertIncludes, checkSource } from "../_helpers/helpers.ts";

const LONG_REFLECTION = `# Question 6\n\n${
  "I would use Workers over a SharedArrayBuffer for the grid. ".repeat(12)
}`;

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
  const answers = quiz(`{ threads: ["Worker", "worker pool"], processes: ["subprocess"],
    compilers: ["V8 JIT", "WebAssembly"], ioBound: ["async I/O"], beyondOneMachine: ["network messages"] }`);
  const short = await checkSource(11, answers, {
    files: { "reflection.md": "# Q6\n\nWorkers, of course." },
  });
  assertIncludes(short.tests[5]?.message ?? "", "has 3 words; at least 80 needed", "short");
  const vague = await checkSource(11, answers, {
    files: {
      "reflection.md": `# Q6\n\n${"I would think hard about it and then decide. ".repeat(12)}`,
    },
  });
  assertIncludes(vague.tests[5]?.message ?? "", "names none of the workbook's tools", "vague");
  assertEquals(vague.status, "fail", "status");
});
