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
    assertIncludes(csv, "ann,10,10,10,0,,10,graded,", "gradebook.csv");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("grade: a folder named like an option is a submission after --, refused before it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/--time-limit=1/10_kempner`, { recursive: true });
    await Deno.copyFile(
      `${REPO_ROOT}/solutions/10_kempner/kempner.ts`,
      `${dir}/--time-limit=1/10_kempner/kempner.ts`,
    );
    const run = async (...args: string[]) => {
      const output = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", `${REPO_ROOT}/lib/cli/grade.ts`, ...args],
        cwd: dir,
        // As `deno task` would say where it was run from (the suite itself runs under a task).
        env: { NO_COLOR: "1", INIT_CWD: dir },
      }).output();
      return { code: output.code, stderr: new TextDecoder().decode(output.stderr) };
    };
    const refused = await run("--out", "out", "--exercises", "10", "--time-limit=1");
    assertEquals(refused.code, 2, `refused: ${refused.stderr}`);
    assertIncludes(refused.stderr, "put the submissions after --", "how to say it");
    const graded = await run("--out", "out", "--exercises", "10", "--", "--time-limit=1");
    assertEquals(graded.code, 0, graded.stderr);
    assertIncludes(graded.stderr, "time-limit_1: 10 of 10 points", "graded as a submission");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("grade: a missing path is reported before grading, the time left is shown", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/ann/10_kempner`, { recursive: true });
    await Deno.copyFile(
      `${REPO_ROOT}/solutions/10_kempner/kempner.ts`,
      `${dir}/ann/10_kempner/kempner.ts`,
    );
    const { code, stderr } = await grade(
      "--out",
      `${dir}/out`,
      "--exercises",
      "10",
      `${dir}/nobody`,
      `${dir}/ann`,
    );
    assertEquals(code, 0, stderr);
    const lines = stderr.split("\n");
    assertEquals(
      lines[0],
      `${dir}/nobody does not exist: it gets a row at 0, the rest goes on`,
      "first",
    );
    assert(lines.some((l) => /^ann: 10 of 10 points · 2\/2 students · ~0 s left$/.test(l)), stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("grade: Ctrl-C removes the unpacked code, writes what is done, and --resume goes on", async () => {
  const dir = await Deno.makeTempDir();
  const tmp = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/loops/10_kempner`, { recursive: true });
    await Deno.writeTextFile(
      `${dir}/loops/10_kempner/kempner.ts`,
      "export function kempnerSum(digit: number): number {\n  for (;;) {}\n}\n",
    );
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        `${REPO_ROOT}/lib/cli/grade.ts`,
        "--out",
        `${dir}/out`,
        "--exercises",
        "10",
        `${dir}/loops`,
      ],
      cwd: REPO_ROOT,
      env: { NO_COLOR: "1", TMPDIR: tmp },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    // Wait until the candidate's code runs (its unpacked copy exists), then interrupt.
    const deadline = Date.now() + 60_000;
    const copied = async () => {
      for await (const entry of Deno.readDir(tmp)) {
        if (entry.name.startsWith("workbook-grade-")) {
          for await (const inner of Deno.readDir(`${tmp}/${entry.name}`)) {
            if (inner.name.startsWith("submission-")) return true;
          }
        }
      }
      return false;
    };
    while (!(await copied()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1500));
    child.kill("SIGINT");
    const output = await child.output();
    const stderr = new TextDecoder().decode(output.stderr);
    assertEquals(output.code, 130, `exit status after Ctrl-C: ${stderr}`);
    assertIncludes(stderr, "--resume goes on", "what to do next");
    const left: string[] = [];
    for await (const entry of Deno.readDir(tmp)) left.push(entry.name);
    assertEquals(left, [], "nothing of the submission left in the temporary folder");
    const saved = JSON.parse(await Deno.readTextFile(`${dir}/out/students/loops/result.json`));
    assertEquals(saved.exercises[0].status, "not-reached", "the interrupted exercise is marked");
  } finally {
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("grade: the time left is the mean time of the exercises graded, shared among the jobs", async () => {
  const { estimateLeftMs, roughDuration } = await import("../../lib/cli/grade.ts");
  assertEquals(estimateLeftMs(0, 0, 10, 1), null, "nothing to go by yet");
  assertEquals(estimateLeftMs(60_000, 3, 6, 1), 120_000, "20 s each, 6 left");
  assertEquals(estimateLeftMs(60_000, 3, 6, 2), 60_000, "two at a time");
  assertEquals(estimateLeftMs(1000, 0, 0, 1), 0, "done");
  assertEquals(roughDuration(45_000), "45 s", "seconds");
  assertEquals(roughDuration(600_000), "10 min", "minutes");
  assertEquals(roughDuration(2 * 3600_000 + 300_000), "2 h 5 min", "hours");
});
