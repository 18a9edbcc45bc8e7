/**
 * The student copy imports only what it runs: `dist` keeps in deno.json's
 * "imports" and in deno.lock only the packages a kept file imports, the
 * AssemblyScript compiler has a configuration and lock of its own that only a
 * build loads, and the copy still runs with its locks frozen.
 *
 * @module
 */
import {
  type DenoLock,
  pruneImports,
  pruneLock,
  studentReadme,
  writeDist,
} from "../../lib/maintain/dist.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { assert, assertEquals, envWithoutGit } from "../_helpers/helpers.ts";

/** Packages only the maintainer's tests use. */
const TEST_ONLY = ["ajv", "playwright-core"];
/** The AssemblyScript compiler and what it pulls in: only a build of exercise 8 or 9 needs them. */
const COMPILER_ONLY = ["assemblyscript", "binaryen", "long"];
/** The parser vetting reads imports with: the grader's, which the student copy leaves out. */
const GRADER_ONLY = ["@babel/parser", "@babel/types"];
/**
 * What a first `check N --quick` of an exercise without WebAssembly may leave in
 * a fresh DENO_DIR's npm cache: the copy's own packages (mitata and the source-map
 * reader, under 1 MB). Binaryen alone was 94 MB.
 */
const FIRST_CHECK_NPM_BYTES = 4 * 1024 * 1024;

/** Bytes of the files under `dir`, 0 when it does not exist. */
async function bytesUnder(dir: string): Promise<number> {
  let total = 0;
  try {
    for await (const entry of Deno.readDir(dir)) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory) total += await bytesUnder(path);
      else if (entry.isFile) total += (await Deno.stat(path)).size;
    }
  } catch (thrown) {
    if (!(thrown instanceof Deno.errors.NotFound)) throw thrown;
  }
  return total;
}

Deno.test("pruneImports() keeps a key used as itself, by a subpath, or as a prefix", () => {
  const imports = { a: "npm:a@1", b: "npm:b@2", "c/": "npm:/c@3/", d: "npm:d@4" };
  assertEquals(
    pruneImports(imports, new Set(["a", "b/sub", "c/x.js"])),
    { a: "npm:a@1", b: "npm:b@2", "c/": "npm:/c@3/" },
    "kept",
  );
  assertEquals(pruneImports(imports, new Set(["ab"])), {}, "a longer name is another package");
});

Deno.test("studentReadme() leaves out the instructors' blocks and rows about left-out paths", () => {
  const text = [
    "# Title",
    "",
    "For learners.",
    "",
    "<!-- instructors: left out of the student copy -->",
    "",
    "## Grading",
    "",
    "How to grade.",
    "",
    "<!-- /instructors -->",
    "",
    "| file | role |",
    "| `lib/grade/` | the grader, not `.workbook/` |",
    "| `lib/check/` | the check, not `lib/grade/` |",
    "",
  ].join("\n");
  assertEquals(
    studentReadme(text, [], true, [/^lib\/grade\//]),
    "# Title\n\nFor learners.\n\n| file | role |\n| `lib/check/` | the check, not `lib/grade/` |\n",
    "the block and the blank line after it go; a row about a left-out path goes",
  );
  for (const broken of ["<!-- instructors -->\nx", "x\n<!-- /instructors -->"]) {
    let message = "";
    try {
      studentReadme(broken, []);
    } catch (thrown) {
      message = (thrown as Error).message;
    }
    assert(message.includes("line "), `an unbalanced block is refused: ${JSON.stringify(broken)}`);
  }
});

Deno.test("pruneLock() keeps the packages of the kept imports and their dependencies", () => {
  const lock: DenoLock = {
    version: "5",
    specifiers: { "npm:a@1.0.0": "1.0.0", "npm:t@2.0.0": "2.0.0" },
    npm: {
      "a@1.0.0": { integrity: "ia", dependencies: ["b"] },
      "b@3.1.0": { integrity: "ib", dependencies: ["c@4.0.0"] },
      "c@4.0.0": { integrity: "ic" },
      "t@2.0.0": { integrity: "it", dependencies: ["u"] },
      "u@1.0.0": { integrity: "iu" },
    },
    workspace: { dependencies: ["npm:a@1.0.0", "npm:t@2.0.0"] },
  };
  const pruned = pruneLock(lock, ["npm:a@1.0.0"]);
  assertEquals(pruned.specifiers, { "npm:a@1.0.0": "1.0.0" }, "specifiers");
  assertEquals(Object.keys(pruned.npm ?? {}), ["a@1.0.0", "b@3.1.0", "c@4.0.0"], "packages");
  assertEquals(pruned.workspace?.dependencies, ["npm:a@1.0.0"], "workspace");
  let message = "";
  try {
    pruneLock({ version: "4" }, []);
  } catch (thrown) {
    message = (thrown as Error).message;
  }
  assert(message.includes("version 4"), `refuses another version: ${message}`);
});

Deno.test("dist: the copy's first check fetches no compiler; its build of exercise 8 still compiles", async () => {
  const parent = await Deno.makeTempDir({ prefix: "workbook-dist-test-" });
  const out = `${parent}/student`;
  const denoDir = `${parent}/deno_dir`;
  try {
    const made = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "lib/cli/dist.ts", "--out", out],
      cwd: REPO_ROOT,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assertEquals(made.code, 0, `dist: ${new TextDecoder().decode(made.stderr)}`);
    const config = JSON.parse(await Deno.readTextFile(`${out}/deno.json`));
    const lock = JSON.parse(await Deno.readTextFile(`${out}/deno.lock`)) as DenoLock;
    assertEquals(config.lock?.frozen, true, "the copy's lock is frozen too");
    for (const name of [...TEST_ONLY, ...COMPILER_ONLY, ...GRADER_ONLY]) {
      assert(!(name in config.imports), `deno.json imports ${name}`);
      assert(
        !Object.keys(lock.npm ?? {}).some((key) => key.startsWith(`${name}@`)),
        `deno.lock holds ${name}`,
      );
    }
    for (const name of ["mitata", "@jridgewell/trace-mapping"]) {
      assert(name in config.imports, `deno.json keeps ${name}, which the copy runs`);
    }
    const compiler = JSON.parse(await Deno.readTextFile(`${out}/lib/exercise/compiler.json`));
    assertEquals(compiler.lock?.frozen, true, "the compiler's lock is frozen");
    assert("assemblyscript" in compiler.imports, "the compiler's configuration names it");
    // A frozen lock that disagrees with deno.json stops every command: this one must start,
    // and in a DENO_DIR of its own it shows what a learner's first check downloads.
    const checked = await new Deno.Command(Deno.execPath(), {
      args: ["task", "check", "2", "--quick"],
      cwd: out,
      env: { NO_COLOR: "1", DENO_DIR: denoDir },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const said = new TextDecoder().decode(checked.stdout) +
      new TextDecoder().decode(checked.stderr);
    assert(!/lockfile is out of date/i.test(said), `the copy's lock agrees: ${said}`);
    assertEquals(checked.code, 1, `check 2 on the stub fails as a stub does: ${said}`);
    const npmBytes = await bytesUnder(`${denoDir}/npm`);
    assert(
      npmBytes < FIRST_CHECK_NPM_BYTES,
      `a first check 2 --quick downloaded ${(npmBytes / 1e6).toFixed(1)} MB of npm packages`,
    );
    // The learner's AssemblyScript still builds, through the compiler's own frozen lock.
    const built = await new Deno.Command(Deno.execPath(), {
      args: ["task", "build", "8"],
      cwd: out,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const buildSaid = new TextDecoder().decode(built.stdout) +
      new TextDecoder().decode(built.stderr);
    assertEquals(built.code, 0, `build 8 in the copy: ${buildSaid}`);
    await Deno.stat(`${out}/exercises/08_wasm_kernel/kernel.wasm`);
  } finally {
    await Deno.remove(parent, { recursive: true });
  }
});

Deno.test("dist: the copy keeps every pristine stub, and reset works there after a commit", async () => {
  const parent = await Deno.makeTempDir({ prefix: "workbook-dist-test-" });
  const out = `${parent}/student`;
  try {
    const result = await writeDist(out);
    const stubs: string[] = [];
    for await (const exercise of Deno.readDir(`${REPO_ROOT}/checks`)) {
      try {
        for await (const file of Deno.readDir(`${REPO_ROOT}/checks/${exercise.name}/stub`)) {
          stubs.push(`checks/${exercise.name}/stub/${file.name}`);
        }
      } catch (thrown) {
        if (!(thrown instanceof Deno.errors.NotFound)) throw thrown;
      }
    }
    assert(stubs.length > 10, `the workbook's stubs were found: ${stubs.length}`);
    const missing = stubs.filter((stub) => !result.files.includes(stub));
    assertEquals(missing, [], "stubs the copy went without");
    // As a learner would: their own repository, their code committed, then reset.
    const git = async (...args: string[]) => {
      const ran = await new Deno.Command("git", {
        clearEnv: true,
        env: envWithoutGit(),
        args: ["-c", "user.name=l", "-c", "user.email=l@example.org", ...args],
        cwd: out,
        stdout: "null",
        stderr: "piped",
      }).output();
      assertEquals(ran.code, 0, `git ${args.join(" ")}: ${new TextDecoder().decode(ran.stderr)}`);
    };
    const file = `${out}/exercises/02_velocity/velocity.ts`;
    const stub = await Deno.readTextFile(file);
    await git("init", "-q");
    await git("add", "-A");
    await git("commit", "-qm", "the workbook");
    await Deno.writeTextFile(file, `${stub}// my work\n`);
    await git("commit", "-qam", "my work");
    const reset = await new Deno.Command(Deno.execPath(), {
      args: ["task", "reset", "2"],
      cwd: out,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const said = new TextDecoder().decode(reset.stdout) + new TextDecoder().decode(reset.stderr);
    assertEquals(reset.code, 0, `reset 2 in the copy: ${said}`);
    assertEquals(await Deno.readTextFile(file), stub, "the stub is back");
  } finally {
    await Deno.remove(parent, { recursive: true });
  }
});

Deno.test("dist: the copy's READMEs name no task it lacks nor a solution; no maintainers' task", async () => {
  const parent = await Deno.makeTempDir({ prefix: "workbook-dist-test-" });
  const out = `${parent}/student`;
  try {
    const result = await writeDist(out);
    const tasks = new Set(result.tasks);
    const readmes = result.files.filter((f) =>
      f === "README.md" || /^(exercises\/.*|data\/)README\.md$/.test(f)
    );
    assert(readmes.length > 5, `READMEs: ${readmes.join(", ")}`);
    const wrong: string[] = [];
    for (const file of readmes) {
      const lines = (await Deno.readTextFile(`${out}/${file}`)).split("\n");
      for (const [i, line] of lines.entries()) {
        for (const match of line.matchAll(/deno(?:@[\d.]+)? task (?:-q )?([a-z][a-z:-]*)/g)) {
          if (!tasks.has(match[1] as string)) wrong.push(`${file}:${i + 1}: deno task ${match[1]}`);
        }
        if (/^\| `… ([a-z-]+)/.test(line) && !tasks.has(line.match(/… ([a-z-]+)/)?.[1] ?? "")) {
          wrong.push(`${file}:${i + 1}: ${line.slice(0, 40)}`);
        }
        if (/solutions\/|--solution\b/.test(line)) wrong.push(`${file}:${i + 1}: ${line.trim()}`);
      }
    }
    assertEquals(wrong, [], "what the student copy's READMEs name that it does not have");
    const config = JSON.parse(await Deno.readTextFile(`${out}/deno.json`));
    const maintainers = Object.entries(config.tasks as Record<string, { description?: string }>)
      .filter(([, task]) => /\(maintainers\)$/.test(task.description ?? "")).map(([name]) => name);
    assertEquals(maintainers, [], "the maintainers' tasks in the learner's deno task list");
  } finally {
    await Deno.remove(parent, { recursive: true });
  }
});

Deno.test("dist: the student README keeps what a learner needs and no grader or instructors' section", async () => {
  const parent = await Deno.makeTempDir({ prefix: "workbook-dist-test-" });
  const out = `${parent}/student`;
  try {
    await writeDist(out);
    const readme = await Deno.readTextFile(`${out}/README.md`);
    const original = await Deno.readTextFile(`${REPO_ROOT}/README.md`);
    for (const kept of ["## Quick start", "## The exercises", "## Tasks", "## Reading a verdict"]) {
      assert(readme.includes(kept), `the learner's section ${kept} is kept`);
    }
    const instructors = [
      "Instructors and maintainers",
      "Grading writes",
      "## How an exercise is built",
      "## Measured on the development machine",
      "Exercise 5's rounds test off Linux",
      "Instructor grading",
      "lib/grade/",
      "<!--",
    ];
    for (const gone of instructors) {
      assert(original.includes(gone), `the instructors' README has ${gone}`);
      assert(!readme.includes(gone), `the student README has ${gone}`);
    }
    assert(!/\n\n\n/.test(readme), "no run of blank lines where a section was");
  } finally {
    await Deno.remove(parent, { recursive: true });
  }
});

Deno.test("dist: in the copy, --solution says in one line that solutions are not included", async () => {
  const parent = await Deno.makeTempDir({ prefix: "workbook-dist-test-" });
  const out = `${parent}/student`;
  try {
    await writeDist(out);
    for (const task of ["check", "profile"]) {
      const ran = await new Deno.Command(Deno.execPath(), {
        args: ["task", "-q", task, "2", "--solution", "--quick"].filter((a) =>
          task === "check" || a !== "--quick"
        ),
        cwd: out,
        env: { NO_COLOR: "1" },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const said = new TextDecoder().decode(ran.stderr).trim();
      assertEquals(ran.code, 1, `${task} --solution: ${said}`);
      assert(said.endsWith("solutions are not included in this copy"), `${task}: ${said}`);
      assertEquals(said.split("\n").length, 1, `${task}: one line: ${said}`);
    }
  } finally {
    await Deno.remove(parent, { recursive: true });
  }
});

/** Runs `deno task -q …` in the copy; its exit code and what it printed. */
async function taskIn(out: string, ...args: string[]) {
  const ran = await new Deno.Command(Deno.execPath(), {
    args: ["task", "-q", ...args],
    cwd: out,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: ran.code, stdout: decode(ran.stdout), stderr: decode(ran.stderr) };
}

Deno.test("dist: every task of the copy's deno.json works there (--help exits 0); no data rewriting", async () => {
  const parent = await Deno.makeTempDir({ prefix: "workbook-dist-test-" });
  const out = `${parent}/student`;
  try {
    const result = await writeDist(out);
    const config = JSON.parse(await Deno.readTextFile(`${out}/deno.json`));
    const tasks = Object.keys(config.tasks as Record<string, unknown>);
    assertEquals(tasks, result.tasks, "the tasks dist reports are the copy's");
    // Recomputing the data the checks rely on is the maintainers' (and would rewrite it).
    for (const name of ["known-sums", "kempner-sums"]) {
      assert(!tasks.includes(name), `${name} left out of the copy`);
    }
    const failed: string[] = [];
    for (const name of tasks) {
      const ran = await taskIn(out, name, "--help");
      if (ran.code !== 0 || !ran.stdout.startsWith("Usage: ")) {
        failed.push(`${name}: exit ${ran.code}: ${(ran.stderr || ran.stdout).slice(0, 300)}`);
      }
    }
    assertEquals(failed, [], "tasks of the copy that do not answer --help");
  } finally {
    await Deno.remove(parent, { recursive: true });
  }
});

Deno.test("dist: check 11 in the copy hands in written answers; status and report count them apart", async () => {
  const parent = await Deno.makeTempDir({ prefix: "workbook-dist-test-" });
  const out = `${parent}/student`;
  const quiz = `${out}/exercises/11_which_tool`;
  try {
    await writeDist(out);
    const stub = await taskIn(out, "check", "11");
    assertEquals(stub.code, 1, "never a pass");
    assert(
      stub.stderr.includes("Not handed in yet"),
      `the stubs are not handed in: ${stub.stderr}`,
    );
    assert(!(await taskIn(out, "status")).stdout.includes("handed in"), "nothing recorded");

    await Deno.writeTextFile(`${quiz}/reflection.md`, "# Question 6\n\nMy own answer.\n");
    const source = await Deno.readTextFile(`${quiz}/which_tool.ts`);
    await Deno.writeTextFile(
      `${quiz}/which_tool.ts`,
      source.replace(
        /throw new Error\("Not implemented: answers\(\)"\);/,
        'return { threads: ["Worker"], processes: [], compilers: [], ioBound: [], beyondOneMachine: [] };',
      ),
    );
    const handed = await taskIn(out, "check", "11");
    assertEquals(handed.code, 1, "handed in is still not a pass");
    const said = handed.stderr.trim().split("\n");
    assertEquals(said.length, 2, `who grades it, then the hand-in: ${handed.stderr}`);
    assert(said[0]?.includes("graded by your instructor"), said[0] ?? "");
    assert(said[1]?.startsWith("Handed in: which_tool.ts and reflection.md"), said[1] ?? "");

    const status = await taskIn(out, "status");
    assertEquals(status.code, 0, status.stderr);
    assert(
      status.stdout.includes("0 of 11 available exercises passed, 1 handed in (awaiting your"),
      status.stdout,
    );
    const row = status.stdout.split("\n").find((l) => l.includes(" which-tool ")) ?? "";
    assert(row.includes("✉ handed in: graded by your instructor"), row);
    assert(!row.includes("✓"), `not a pass: ${row}`);

    const report = await taskIn(out, "report");
    assertEquals(report.code, 0, report.stderr);
    const html = await Deno.readTextFile(`${out}/.workbook/report.html`);
    assert(html.includes("1 handed in (awaiting your instructor)"), "the report's bar");
    assert(html.includes("✉ handed in: graded by your instructor"), "the report's row");
  } finally {
    await Deno.remove(parent, { recursive: true });
  }
});
