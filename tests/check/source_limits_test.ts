/**
 * The source-size cap: a file or a folder the size of a table is refused with
 * one line naming it, its size and the limit, in the learner's check and in
 * grading (0 points); the workbook's own files are far inside it.
 *
 * @module
 */
import { CATALOGUE, findExercise } from "../../lib/exercise/catalogue.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { pointsFor } from "../../lib/grade/points.ts";
import {
  MAX_ENTRIES,
  MAX_FILE_BYTES,
  MAX_FOLDER_BYTES,
  sourceLimitProblem,
} from "../../lib/check/source_limits.ts";
import { assert, assertEquals, checkSource } from "../_helpers/helpers.ts";
import { TERM_SIGN } from "../_helpers/term_sign_source.ts";

const SIGNATURE =
  `${TERM_SIGN}\nexport function slowSeries(n: number, omit: string, seed: number): number`;

/** A 300 kB table of doubles followed by exercise 1's baseline loop. */
function tableSource(bytes: number): string {
  const row = "13.277605949858123, ";
  const entries = Math.ceil(bytes / row.length);
  return `const TABLE = [${row.repeat(entries)}];\n${SIGNATURE} {\n` +
    "  let t = TABLE.length * 0;\n" +
    "  for (let k = 1; k <= n; k++) if (!String(k).includes(omit)) t += termSign(seed, k) / k;\n" +
    "  return t;\n}\n";
}

/** A temporary folder holding `files`, removed after `body`. */
async function withFolder(
  files: Record<string, string | Uint8Array>,
  body: (dir: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "workbook-limits-" });
  try {
    for (const [name, content] of Object.entries(files)) {
      const path = `${dir}/${name}`;
      await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
      if (typeof content === "string") await Deno.writeTextFile(path, content);
      else await Deno.writeFile(path, content);
    }
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function exercise(number: number) {
  const found = findExercise(String(number));
  assert(found !== undefined, `exercise ${number}`);
  return found;
}

Deno.test("a 300 kB table in the entry file: the check says so in one line, 0 points", async () => {
  const result = await checkSource(1, tableSource(300_000));
  assertEquals(result.status, "error", result.summary);
  assertEquals(result.tests.length, 0, "no test ran");
  assert(!result.summary.includes("\n"), "one line");
  assert(
    /slow_series\.ts is 300\.\d kB; a file of an exercise folder may hold at most 64\.0 kB/.test(
      result.summary,
    ),
    result.summary,
  );
  const points = pointsFor(exercise(1), { status: result.status, tier: null, credit: null });
  assertEquals(points, 0, "points");
});

Deno.test("a table in a data file the candidate could read is refused too", async () => {
  await withFolder({
    "slow_series.ts": `${SIGNATURE} { return 0; }\n`,
    "data/table.json": "[" + "1.5,".repeat(20_000) + "1]",
  }, async (dir) => {
    const problem = await sourceLimitProblem(exercise(1), dir, "01_slow_series");
    assertEquals(problem?.code, "file-too-large", problem?.message ?? "none");
    assertEquals(problem?.path, "01_slow_series/data/table.json", "the file is named");
    assertEquals(problem?.limit, MAX_FILE_BYTES, "the limit");
  });
});

Deno.test("a table split over files under the per-file cap is refused by the folder's", async () => {
  const part = "// " + "x".repeat(50_000) + "\n";
  await withFolder({
    "slow_series.ts": `${SIGNATURE} { return 0; }\n`,
    "a.ts": part,
    "b.ts": part,
    "c.js": part,
  }, async (dir) => {
    const problem = await sourceLimitProblem(exercise(1), dir, "01_slow_series");
    assertEquals(problem?.code, "folder-too-large", problem?.message ?? "none");
    assertEquals(problem?.limit, MAX_FOLDER_BYTES, "the limit");
    assert(
      /^01_slow_series holds 150\.\d kB in all \(largest: 01_slow_series\/[abc]\.(ts|js), 50\.0 kB\); .* at most 128\.0 kB/
        .test(problem?.message ?? ""),
      problem?.message ?? "",
    );
  });
});

Deno.test("the .wasm built from the learner's .as.ts is not theirs to cap; a hand-placed one is", async () => {
  const big = new Uint8Array(MAX_FILE_BYTES + 1);
  await withFolder({
    "kernel.as.ts": "export function f(): i32 { return 1; }\n",
    "kernel.wasm": big,
  }, async (dir) => {
    assertEquals(
      await sourceLimitProblem(exercise(8), dir, "08_wasm_kernel"),
      null,
      "built output",
    );
  });
  await withFolder({ "table.wasm": big }, async (dir) => {
    const problem = await sourceLimitProblem(exercise(8), dir, "08_wasm_kernel");
    assertEquals(problem?.path, "08_wasm_kernel/table.wasm", problem?.message ?? "none");
  });
  // Exercise 1 builds nothing: a kernel.wasm there is the learner's own file.
  await withFolder({ "kernel.wasm": big }, async (dir) => {
    const problem = await sourceLimitProblem(exercise(1), dir, "01_slow_series");
    assertEquals(problem?.code, "file-too-large", problem?.message ?? "none");
  });
});

Deno.test("a folder of very many small files is refused before it is walked to the end", async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i <= MAX_ENTRIES; i++) files[`f${i}.txt`] = "";
  await withFolder(files, async (dir) => {
    const problem = await sourceLimitProblem(exercise(1), dir, "01_slow_series");
    assertEquals(problem?.code, "too-many-entries", problem?.message ?? "none");
  });
});

Deno.test("every stub and reference of the workbook is within the limits, with room", async () => {
  for (const e of CATALOGUE) {
    for (const root of ["exercises", "solutions"]) {
      const dir = `${REPO_ROOT}/${root}/${e.dir}`;
      const problem = await sourceLimitProblem(e, dir, `${root}/${e.dir}`);
      assertEquals(problem, null, `${root}/${e.dir}`);
      let total = 0;
      for await (const entry of Deno.readDir(dir)) {
        if (entry.isFile) total += (await Deno.stat(`${dir}/${entry.name}`)).size;
      }
      assert(total * 5 < MAX_FOLDER_BYTES, `${root}/${e.dir} (${total} bytes) is far inside`);
    }
  }
});
