/**
 * `deno task grade` as an instructor runs it: usage errors in one line with
 * exit status 2, and a small class graded with a summary table.
 *
 * @module
 */
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";

async function grade(...args: string[]) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${REPO_ROOT}/lib/cli/grade.ts`, ...args],
    cwd: REPO_ROOT,
    env: { NO_COLOR: "1" },
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

Deno.test("grade: usage errors exit 2 with the reason first", async () => {
  const cases: [string[], string][] = [
    [["x"], "Name the output folder with --out DIR"],
    [["--out", "/tmp/g"], "Name at least one submission"],
    [["--out", "/tmp/g", "--exercises", "99", "x"], 'Cannot find exercise "99"'],
    [["--out", "/tmp/g", "--jobs", "0", "x"], "Cannot use --jobs 0"],
    [["--out", "/tmp/g", "--seed", "-1", "x"], "'--seed'"],
    [["--out", "/tmp/g", "--bogus", "x"], "--bogus"],
  ];
  for (const [args, expected] of cases) {
    const { code, stderr } = await grade(...args);
    assertEquals(code, 2, `exit code of grade ${args.join(" ")}`);
    assertIncludes(stderr.split("\n")[0] ?? "", expected, `grade ${args.join(" ")}`);
  }
});

Deno.test("grade: a small class, a summary table, the gradebook written", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/ann/10_kempner`, { recursive: true });
    await Deno.copyFile(
      `${REPO_ROOT}/solutions/10_kempner/kempner.ts`,
      `${dir}/ann/10_kempner/kempner.ts`,
    );
    await Deno.mkdir(`${dir}/ben`);
    const { code, stdout, stderr } = await grade(
      "--out",
      `${dir}/out`,
      "--exercises",
      "kempner",
      `${dir}/ann`,
      `${dir}/ben`,
    );
    assertEquals(code, 0, `exit code: ${stderr}`);
    assertIncludes(stderr, "ann: 10 of 10 points", "progress line");
    assertIncludes(stderr, `ben: 0 of 10 points — ${dir}/ben is empty`, "a bad submission");
    assert(/^student\s+10\s+total\s+status$/m.test(stdout), `table header:\n${stdout}`);
    assert(/^ann\s+✓10\s+10\/10\s+graded$/m.test(stdout), `ann's row:\n${stdout}`);
    assert(/^ben\s+✗0\s+0\/10\s+not graded$/m.test(stdout), `ben's row:\n${stdout}`);
    const csv = await Deno.readTextFile(`${dir}/out/gradebook.csv`);
    assertIncludes(csv, "ann,10,10,10,graded,", "gradebook.csv");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
