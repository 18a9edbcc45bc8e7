/**
 * The student version holds nothing only the judge may see: no quiz key, no
 * exercise 10 oracle. Its `check 11` says in one line that the quiz is graded
 * by the instructor, and in a second whether the answers were handed in (exit
 * 1, as every check that cannot be judged in this copy; the hand-in itself is
 * `tests/maintain/dist_test.ts`'s); its `check 10` judges the fixed strings and says the random ones are
 * judged at grading. The Gradescope bundle (students never see it) keeps the
 * judge data; the GitHub Classroom copy (the students' repository) does not.
 *
 * Runs exercise 10's hidden tests, whose 1 s limit per call is part of them:
 * run it under the timing lock.
 *
 * @module
 */
import { CATALOGUE } from "../../lib/exercise/catalogue.ts";
import { JUDGE_DATA } from "../../lib/maintain/dist.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch {
    return false;
  }
}

async function run(args: string[], cwd = REPO_ROOT) {
  const output = await new Deno.Command(args[0] as string, {
    args: args.slice(1),
    cwd,
    env: { NO_COLOR: "1" },
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

async function dist(out: string, ...flags: string[]): Promise<void> {
  const made = await run([Deno.execPath(), "run", "-A", "lib/cli/dist.ts", "--out", out, ...flags]);
  assertEquals(made.code, 0, `dist ${flags.join(" ")}: ${made.stderr}`);
}

/** Every file under `root`, relative. */
async function listFiles(root: string, prefix = ""): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(`${root}/${prefix}`)) {
    const relative = `${prefix}${entry.name}`;
    if (entry.isDirectory) files.push(...await listFiles(root, `${relative}/`));
    else files.push(relative);
  }
  return files;
}

Deno.test("judge data: the quiz key and exercise 10's oracle are listed as judge data", () => {
  assert(JUDGE_DATA.has("checks/11_which_tool/key.ts"), "the quiz key");
  assert(JUDGE_DATA.has("checks/10_kempner/oracle.ts"), "the oracle");
  for (const path of JUDGE_DATA) {
    const owner = CATALOGUE.find((e) => e.judgeData?.includes(path));
    assert(owner?.check !== undefined, `${path} belongs to a check`);
  }
});

Deno.test("dist: the student version holds no judge data, and its check 11 says who grades the quiz", async () => {
  const root = await Deno.makeTempDir();
  const out = `${root}/student`;
  try {
    await dist(out);
    for (const path of JUDGE_DATA) assert(!(await exists(`${out}/${path}`)), `${path} left out`);
    // Nor a copy of the key's answers or the oracle's code under another name.
    const key = await Deno.readTextFile(`${REPO_ROOT}/checks/11_which_tool/key.ts`);
    const answerLine = key.split("\n").find((l) => l.includes("right: [")) as string;
    for (const file of await listFiles(out)) {
      if (!/\.(ts|js|json|md)$/.test(file)) continue;
      const text = await Deno.readTextFile(`${out}/${file}`);
      assert(!text.includes(answerLine.trim()), `${file} holds the key's answers`);
      assert(!text.includes("function kempnerOracleFixed"), `${file} holds the oracle`);
    }

    const quiz = await run([Deno.execPath(), "task", "check", "11"], out);
    assertEquals(quiz.code, 1, "check 11 cannot be judged in the student version");
    const lines = quiz.stderr.split("\n").filter((l) => l.trim() !== "" && !l.startsWith("Task "));
    assertEquals(lines.length, 2, `two lines: ${quiz.stderr}`);
    assertIncludes(lines[0] ?? "", "graded by your instructor", "says who grades it");
    assertIncludes(lines[1] ?? "", "Not handed in yet", "the stubs are not handed in");
    const json = await run([Deno.execPath(), "task", "check", "11", "--json"], out);
    assertEquals(json.code, 1, "--json exits 1 too");
    assertEquals(JSON.parse(json.stdout).status, "error", "status");

    // Exercise 10 still checks the fixed strings here, with the reference standing in.
    await Deno.copyFile(
      `${REPO_ROOT}/solutions/10_kempner/kempner.ts`,
      `${out}/exercises/10_kempner/kempner.ts`,
    );
    const kempner = await run([Deno.execPath(), "task", "check", "10", "--json"], out);
    const result = JSON.parse(kempner.stdout);
    assertEquals([kempner.code, result.status], [0, "pass"], kempner.stdout.slice(0, 2000));
    assertEquals(result.tests.length, 15, "the ten digits and five fixed strings");
    assert(
      result.tests.some((t: { note?: string }) =>
        (t.note ?? "").includes("when your instructor grades")
      ),
      "says the random strings are judged at grading",
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("dist: the Gradescope bundle keeps the judge data, the Classroom copy does not", async () => {
  const root = await Deno.makeTempDir();
  try {
    await dist(`${root}/gradescope`, "--with-grader");
    for (const path of JUDGE_DATA) assert(await exists(`${root}/gradescope/${path}`), path);
    await dist(`${root}/classroom`, "--classroom");
    for (const path of JUDGE_DATA) assert(!(await exists(`${root}/classroom/${path}`)), path);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
