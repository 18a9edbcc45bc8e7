/**
 * The Gradescope bundle with the uploads students really make: a flat
 * `slow_series.ts`, a `.zip` inside `submission/`, an archive inside an
 * archive; and the leaderboard, opt-in.
 *
 * The end-to-end test builds the bundle, unzips it into a temporary
 * "/autograder" (AUTOGRADER_ROOT) and runs run_autograder on a flat upload. It
 * times exercise 1: run it under `flock /tmp/workbook-timing.lock`.
 *
 * @module
 */
import { Ajv } from "ajv";
import gradescopeSchema from "../../platforms/gradescope/results.schema.json" with { type: "json" };
import { arrangeUpload, placeOf } from "../../lib/grade/formats/upload.ts";
import {
  type GradescopeResults,
  gradescopeResults,
  leaderboardOf,
} from "../../lib/grade/formats/gradescope.ts";
import { SubmissionError } from "../../lib/grade/unpack.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { exerciseGrade, studentGrade } from "../_helpers/grade_fixtures.ts";
import { zipBytes } from "../_helpers/zip.ts";
import { assert, assertEquals } from "../_helpers/helpers.ts";

const validate = new Ajv({ allErrors: true, strict: true }).compile(gradescopeSchema);

async function files(dir: string, prefix = ""): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const rel = `${prefix}${entry.name}`;
    if (entry.isDirectory) found.push(...await files(`${dir}/${entry.name}`, `${rel}/`));
    else found.push(rel);
  }
  return found.sort();
}

/** Writes `entries` (path → text) under a fresh upload folder; returns it and a place to arrange into. */
async function upload(entries: Record<string, string | Uint8Array>) {
  const root = await Deno.makeTempDir({ prefix: "upload-" });
  for (const [path, data] of Object.entries(entries)) {
    const full = `${root}/submission/${path}`;
    await Deno.mkdir(full.slice(0, full.lastIndexOf("/")), { recursive: true });
    if (typeof data === "string") await Deno.writeTextFile(full, data);
    else await Deno.writeFile(full, data);
  }
  await Deno.mkdir(`${root}/submission`, { recursive: true });
  return { from: `${root}/submission`, into: `${root}/arranged`, root };
}

Deno.test("placeOf: exercise folders keep their place; unique names find theirs", () => {
  assertEquals(placeOf("slow_series.ts"), "01_slow_series/slow_series.ts", "flat");
  assertEquals(placeOf("src/kernel.as.ts"), "08_wasm_kernel/kernel.as.ts", "in any folder");
  assertEquals(
    placeOf("me/exercises/03_shared_memory/helpers/x.ts"),
    "03_shared_memory/helpers/x.ts",
    "below an exercise folder",
  );
  assertEquals(placeOf("slow_series-2.ts"), "01_slow_series/slow_series.ts", "a copy number");
  assertEquals(placeOf("kernel.as-1.ts"), "08_wasm_kernel/kernel.as.ts", "a copy number, two dots");
  assertEquals(placeOf("README.md"), null, "a name every exercise has");
  assertEquals(placeOf("notes.txt"), null, "a name no exercise has");
});

Deno.test("a flat upload and a zip inside submission/ are laid out like the workbook", async () => {
  // An archive inside an archive: more.zip (kempner/kempner.ts) inside work.zip.
  const scratch = await Deno.makeTempDir();
  await Deno.writeFile(
    `${scratch}/more.zip`,
    zipBytes([{ name: "kempner/kempner.ts", data: "// 10" }]),
  );
  await Deno.mkdir(`${scratch}/week2`);
  await Deno.writeTextFile(`${scratch}/week2/velocity.ts`, "// 2");
  const zipped = await new Deno.Command("zip", {
    args: ["-qr", `${scratch}/work.zip`, "more.zip", "week2"],
    cwd: scratch,
  }).output();
  assert(zipped.success, "zip");
  const u = await upload({
    "slow_series.ts": "// 1",
    "README.md": "ignored",
    "work.zip": await Deno.readFile(`${scratch}/work.zip`),
  });
  await Deno.remove(scratch, { recursive: true });
  try {
    const notes = await arrangeUpload(u.from, u.into);
    assertEquals(await files(u.into), [
      "exercises/01_slow_series/slow_series.ts",
      "exercises/02_velocity/velocity.ts",
      "exercises/10_kempner/kempner.ts",
    ], `laid out (notes: ${notes.join(" | ")})`);
    assertEquals(
      await Deno.readTextFile(`${u.into}/exercises/10_kempner/kempner.ts`),
      "// 10",
      "the archive inside the archive was opened",
    );
    assert(
      notes.includes("slow_series.ts was graded as exercises/01_slow_series/slow_series.ts"),
      notes.join("\n"),
    );
  } finally {
    await Deno.remove(u.root, { recursive: true });
  }
});

Deno.test("the workbook's own layout is kept; a second copy of a file is named, not used", async () => {
  const u = await upload({
    "workbook/exercises/01_slow_series/slow_series.ts": "// theirs",
    "workbook/exercises/01_slow_series/notes.md": "kept",
    "old/slow_series.ts": "// an older copy",
  });
  try {
    const notes = await arrangeUpload(u.from, u.into);
    assertEquals(
      await Deno.readTextFile(`${u.into}/exercises/01_slow_series/slow_series.ts`),
      "// theirs",
      "the copy in the exercise folder wins over a loose one",
    );
    assertEquals(
      await Deno.readTextFile(`${u.into}/exercises/01_slow_series/notes.md`),
      "kept",
      "files of an exercise folder keep their place",
    );
    assert(
      notes.some((n) => n.includes("is another exercises/01_slow_series/slow_series.ts")),
      notes.join("\n"),
    );
  } finally {
    await Deno.remove(u.root, { recursive: true });
  }
});

Deno.test("links are skipped, an upload with nothing to grade says what to upload", async () => {
  const u = await upload({ "notes.txt": "nothing here" });
  try {
    await Deno.symlink("/etc/passwd", `${u.from}/slow_series.ts`);
    let message = "";
    try {
      await arrangeUpload(u.from, u.into);
    } catch (thrown) {
      assert(thrown instanceof SubmissionError, `a SubmissionError: ${thrown}`);
      message = thrown.message;
    }
    assert(message.includes("holds no file of the workbook's exercises"), message);
  } finally {
    await Deno.remove(u.root, { recursive: true });
  }
});

Deno.test("leaderboard: opt-in, the points and each speed part, valid for Gradescope", () => {
  const grade = studentGrade("s", "/s", [
    exerciseGrade(1, "gold"),
    exerciseGrade(3, "skipped-speed"),
    exerciseGrade(10, "missing"),
  ]);
  const plain = gradescopeResults(grade);
  assert(!("leaderboard" in plain), "no leaderboard unless asked");
  const board = gradescopeResults(grade, { leaderboard: true });
  assert(validate(board), JSON.stringify(validate.errors));
  assertEquals(leaderboardOf(grade), [
    { name: "Points", value: grade.total, order: "desc" },
    { name: "Exercise 1 speed-up", value: 2.5, order: "desc" },
    { name: "Exercise 3 speed-up", value: 0, order: "desc" },
    { name: "Exercise 3 speed-up on Workers", value: 0, order: "desc" },
  ], "columns: a part not measured is 0");
});

async function run(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const output = await new Deno.Command(args[0] as string, {
    args: args.slice(1),
    cwd: options.cwd ?? REPO_ROOT,
    env: { NO_COLOR: "1", ...options.env },
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

Deno.test("run_autograder grades a flat upload: slow_series.ts alone and kempner.ts in a zip", async () => {
  const root = await Deno.makeTempDir({ prefix: "autograder-" });
  try {
    const made = await run([
      "bash",
      "platforms/gradescope/make_bundle.sh",
      "--leaderboard",
      `${root}/bundle.zip`,
    ]);
    assertEquals(made.code, 0, `make_bundle: ${made.stderr}`);
    assertEquals(
      (await run(["unzip", "-q", `${root}/bundle.zip`, "-d", `${root}/source`])).code,
      0,
      "unzip",
    );
    await Deno.mkdir(`${root}/submission`, { recursive: true });
    await Deno.copyFile(
      `${REPO_ROOT}/solutions/01_slow_series/slow_series.ts`,
      `${root}/submission/slow_series.ts`,
    );
    await Deno.writeFile(
      `${root}/submission/more.zip`,
      zipBytes([{
        name: "kempner.ts",
        data: await Deno.readTextFile(`${REPO_ROOT}/solutions/10_kempner/kempner.ts`),
      }]),
    );
    const graded = await run(["bash", `${root}/source/run_autograder`], {
      env: { AUTOGRADER_ROOT: root, WORKBOOK_EXERCISES: "1,10", PATH: Deno.env.get("PATH") ?? "" },
    });
    assertEquals(graded.code, 0, `run_autograder: ${graded.stderr}`);
    const results: GradescopeResults = JSON.parse(
      await Deno.readTextFile(`${root}/results/results.json`),
    );
    assert(validate(results), JSON.stringify(validate.errors));
    const entry = (n: string) => results.tests.find((t) => t.number === n);
    assertEquals(entry("10")?.score, 10, `exercise 10 from inside the zip: ${entry("10")?.output}`);
    const hidden1 = results.tests.filter((t) => t.number.startsWith("1."));
    assert(hidden1.length > 0, "exercise 1's hidden tests ran on the flat slow_series.ts");
    assert(
      hidden1.every((t) => t.status === "passed"),
      `and passed: ${JSON.stringify(hidden1)}`,
    );
    assert((entry("1")?.score ?? 0) > 0, `exercise 1 earned points: ${entry("1")?.output}`);
    assert(Array.isArray(results.leaderboard), "the leaderboard, asked for by the bundle");
    assert(
      graded.stdout.includes("graded as exercises/01_slow_series/slow_series.ts"),
      graded.stdout,
    );
    assert(
      results.output.startsWith("Your upload:\n") &&
        results.output.includes(
          "more.zip!kempner.ts was graded as exercises/10_kempner/kempner.ts",
        ),
      `the student sees where their files went: ${results.output}`,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("run_autograder on an upload with nothing to grade: 0 points and what to upload", async () => {
  const root = await Deno.makeTempDir({ prefix: "autograder-" });
  try {
    // The bundle's scripts run from a copy of the repository here: no dist needed.
    await Deno.symlink(REPO_ROOT, `${root}/source`);
    await Deno.mkdir(`${root}/submission`);
    await Deno.writeTextFile(`${root}/submission/answers.txt`, "hello");
    const graded = await run(["bash", `${REPO_ROOT}/platforms/gradescope/run_autograder`], {
      env: { AUTOGRADER_ROOT: root, PATH: Deno.env.get("PATH") ?? "" },
    });
    assertEquals(graded.code, 0, `run_autograder: ${graded.stderr}`);
    const results: GradescopeResults = JSON.parse(
      await Deno.readTextFile(`${root}/results/results.json`),
    );
    assert(validate(results), JSON.stringify(validate.errors));
    assertEquals(results.score, 0, "0 points");
    assert(results.output.includes("slow_series.ts"), `says what to upload: ${results.output}`);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
