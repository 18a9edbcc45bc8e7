/**
 * Hostile submissions in a class (issue 12): each costs its own exercise or
 * its own row, never the run. A kernel that crashes the compiler, a message
 * that is not valid UTF-8, a submission that hangs past its deadline; and
 * `--resume` that matches by content and merges a partial re-grade.
 *
 * Correctness only (`quick`): nothing here is timed.
 *
 * @module
 */
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { gradeClass } from "../../lib/grade/grade.ts";
import type { Gradebook, StudentGrade } from "../../lib/grade/result.ts";
import { assert, assertEquals, assertIncludes, TEST_SEED } from "../_helpers/helpers.ts";
import {
  cleanup,
  entryPath,
  exercisesNumbered,
  explain,
  gradeSamples,
  writeSubmissions,
} from "../_helpers/grade_helpers.ts";

const KEMPNER = Deno.readTextFileSync(`${REPO_ROOT}/solutions/10_kempner/kempner.ts`);
const KERNEL_DIR = "exercises/08_wasm_kernel";

/** The reference of exercise 8 with `kernel` in place of its AssemblyScript kernel. */
function wasmKernelWith(kernel: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const file of ["wasm_kernel.ts", "wasm_kernel_worker.ts"]) {
    files[`${KERNEL_DIR}/${file}`] = Deno.readTextFileSync(
      `${REPO_ROOT}/solutions/08_wasm_kernel/${file}`,
    );
  }
  files[`${KERNEL_DIR}/kernel.as.ts`] = kernel;
  return files;
}

/** Makes the AssemblyScript compiler recurse until it calls `process.exit(1)`. */
const RECURSING_KERNEL = `// ${crypto.randomUUID()}
class Box<T> { value: T; constructor(v: T) { this.value = v; } }
function deep<T>(v: T): i32 {
  return deep<Box<T>>(new Box<T>(v));
}
export function partialSum(lo: i32, hi: i32): f64 {
  return <f64>deep<i32>(lo);
}
`;

async function readJsonWithJq(path: string): Promise<{ ok: boolean; stderr: string }> {
  const output = await new Deno.Command("jq", {
    args: [".", path],
    stdout: "null",
    stderr: "piped",
  })
    .output();
  return { ok: output.success, stderr: new TextDecoder().decode(output.stderr) };
}

Deno.test("hostile: a kernel that crashes the compiler costs its exercise, not the class", async () => {
  const graded = await gradeSamples(
    [
      { id: "crasher", files: { ...wasmKernelWith(RECURSING_KERNEL), [entryPath(10)]: KEMPNER } },
      { id: "honest", files: { [entryPath(10)]: KEMPNER } },
    ],
    { exercises: [8, 10], quick: true, jobs: 1 },
  );
  try {
    const crasher = graded.grades.get("crasher");
    const kernel = crasher?.exercises.find((e) => e.number === 8);
    assertEquals(kernel?.status, "error", explain(crasher));
    assertIncludes(kernel?.summary ?? "", "kernel.as.ts: the compiler crashed", "one line");
    assertEquals(crasher?.exercises.find((e) => e.number === 10)?.points, 10, "the rest graded");
    assertEquals(graded.grades.get("honest")?.total, 10, explain(graded.grades.get("honest")));
    const book = JSON.parse(
      await Deno.readTextFile(`${graded.outDir}/gradebook.json`),
    ) as Gradebook;
    assertEquals(book.students.length, 2, "a complete gradebook");
  } finally {
    await cleanup(graded);
  }
});

Deno.test("hostile: lone surrogates and escape sequences in a thrown message leave valid files", async () => {
  const graded = await gradeSamples(
    [{
      id: "surrogates",
      files: {
        [entryPath(10)]: `export function kempnerSum(digit: number): number {
  throw new Error("bad \\ud800 value \\x1b]0;owned\\x07\\x1b[31m" + "\\ud83d".repeat(3) + digit);
}
`,
      },
    }],
    { exercises: [10], quick: true },
  );
  try {
    const dir = `${graded.outDir}/students/surrogates`;
    for (const file of ["result.json", "results.json"]) {
      const jq = await readJsonWithJq(`${dir}/${file}`);
      assert(jq.ok, `jq reads ${file}: ${jq.stderr}`);
    }
    const text = await Deno.readTextFile(`${dir}/result.json`);
    assert(!text.includes("\\u001b"), "no escape sequence kept");
    const jq = await readJsonWithJq(`${graded.outDir}/gradebook.json`);
    assert(jq.ok, `jq reads gradebook.json: ${jq.stderr}`);
  } finally {
    await cleanup(graded);
  }
});

Deno.test("hostile: a submission that hangs is stopped at its deadline, the rest marked not reached", async () => {
  const graded = await gradeSamples(
    [{
      id: "hangs",
      files: {
        [entryPath(10)]: "export function kempnerSum(digit: number): number {\n  for (;;) {}\n}\n",
        [entryPath(1)]: Deno.readTextFileSync(
          `${REPO_ROOT}/solutions/01_slow_series/slow_series.ts`,
        ),
      },
    }],
    { exercises: [10, 1], quick: true, deadlineS: 12, timeoutMs: 120_000 },
  );
  try {
    const grade = graded.grades.get("hangs");
    assertEquals(grade?.status, "incomplete", explain(grade));
    assertEquals(grade?.exercises.map((e) => e.status), ["not-reached", "not-reached"], "marked");
    assertIncludes(grade?.exercises[1]?.summary ?? "", "deadline of 12 s", "why");
    assert(
      (grade?.durationMs ?? Infinity) < 12_000,
      `written before the deadline: ${grade?.durationMs} ms`,
    );
    const saved = JSON.parse(
      await Deno.readTextFile(`${graded.outDir}/students/hangs/result.json`),
    ) as StudentGrade;
    assertEquals(saved.status, "incomplete", "written");
  } finally {
    await cleanup(graded);
  }
});

Deno.test("--resume: another submission under the same name is graded, a partial re-grade merges", async () => {
  const classDir = await Deno.makeTempDir({ prefix: "workbook-class-" });
  const outDir = await Deno.makeTempDir({ prefix: "workbook-grades-" });
  try {
    const [alice, bob] = await writeSubmissions(classDir, [
      { id: "alice", files: { [entryPath(10)]: KEMPNER } },
      { id: "bob", files: { [entryPath(10)]: KEMPNER } },
    ]);
    const options = {
      outDir,
      submissions: [alice!, bob!],
      exercises: exercisesNumbered([10]),
      seed: TEST_SEED,
      jobs: 1,
      resume: false,
      allowImports: [],
      memoryLimitMb: 1024,
      exerciseTimeLimitS: 120,
      quick: true,
    };
    const first = await gradeClass(options);
    assertEquals(first.map((g) => g.total), [10, 10], "both graded");

    // Another submission, the same name: it must not inherit alice's 10 points.
    await Deno.writeTextFile(
      `${alice}/${entryPath(10)}`,
      "export function kempnerSum(digit: number): number {\n  return 0;\n}\n",
    );
    const again = await gradeClass({ ...options, resume: true });
    assertEquals(
      again.map((g) => [g.student, g.total]),
      [["alice", 0], ["bob", 10]],
      "matched by content",
    );
    assertEquals(again[1]?.gradedAt, first[1]?.gradedAt, "bob was not graded again");

    // A partial re-grade of alice on exercise 1: merged, bob's row kept.
    const partial = await gradeClass({
      ...options,
      submissions: [alice!],
      exercises: exercisesNumbered([1]),
      resume: true,
    });
    assertEquals(partial[0]?.exercises.map((e) => e.number), [1, 10], "alice: 1 merged with 10");
    const book = JSON.parse(await Deno.readTextFile(`${outDir}/gradebook.json`)) as Gradebook;
    assertEquals(book.students.map((s) => s.student).sort(), ["alice", "bob"], "bob's row kept");
    assertEquals(book.exercises.map((e) => e.number), [1, 10], "both columns");
    // --regrade: exercise 10 graded again for alice, exercise 1 kept.
    const regraded = await gradeClass({
      ...options,
      submissions: [alice!],
      resume: true,
      regrade: true,
    });
    assertEquals(regraded[0]?.exercises.map((e) => e.number), [1, 10], "still both");
    assertIncludes(regraded[0]?.notes.join("\n") ?? "", "exercises 1 kept", "only 10 re-graded");
    const csv = await Deno.readTextFile(`${outDir}/gradebook.csv`);
    assert(csv.split("\r\n").some((row) => row.startsWith("bob,")), `bob in the CSV:\n${csv}`);
  } finally {
    await Deno.remove(classDir, { recursive: true }).catch(() => {});
    await Deno.remove(outDir, { recursive: true }).catch(() => {});
  }
});
