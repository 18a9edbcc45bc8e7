/**
 * The learner's tools as a learner runs them: `status`, `reset`, `compare`,
 * `bench`, `watch` and `report`, and the progress state `check` records.
 *
 * Commands that write (state, backups, the exercise file) run in a temporary
 * copy of the repository, never on the real `exercises/`: the copy's own `lib/`
 * computes its REPO_ROOT from its own location.
 *
 * @module
 */
import { CATALOGUE } from "../../lib/exercise/catalogue.ts";
import { unifiedDiff } from "../../lib/learner/diff.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { firstNotPassed } from "../../lib/learner/standing.ts";
import {
  emptyProgress,
  loadProgress,
  type ProgressState,
  recordResult,
  withResult,
} from "../../lib/learner/progress.ts";
import { statusLines } from "../../lib/cli/status.ts";
import type { CheckResult } from "../../lib/check/types.ts";
import {
  assert,
  assertEquals,
  assertIncludes,
  envWithoutGit,
  TEST_SEED,
} from "../_helpers/helpers.ts";

const decoder = new TextDecoder();
const AVAILABLE = CATALOGUE.filter((e) => e.available);
const FIRST = AVAILABLE[0]!;
const SECOND = AVAILABLE[1] ?? FIRST;
const UNAVAILABLE = CATALOGUE.find((e) => !e.available);
const LEARNER_FILE = `exercises/${FIRST.dir}/${FIRST.files[0]}`;

async function hasGit(): Promise<boolean> {
  try {
    return (await new Deno.Command("git", { args: ["--version"], stdout: "null", stderr: "null" })
      .output()).success;
  } catch {
    return false;
  }
}

const GIT = await hasGit();

async function git(cwd: string, ...args: string[]): Promise<string> {
  const output = await new Deno.Command("git", {
    clearEnv: true,
    env: envWithoutGit(),
    args: ["-c", "user.name=workbook-test", "-c", "user.email=test@example.invalid", ...args],
    cwd,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!output.success) throw new Error(`git ${args.join(" ")}: ${decoder.decode(output.stderr)}`);
  return decoder.decode(output.stdout);
}

/** Files of the working tree (committed or not, but not ignored ones such as `.workbook/`). */
async function treeFiles(): Promise<string[]> {
  if (GIT) {
    const listed = await git(
      REPO_ROOT,
      "ls-files",
      "-z",
      "--cached",
      "--others",
      "--exclude-standard",
    );
    return listed.split("\0").filter((f) => f !== "");
  }
  const files: string[] = [];
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(`${REPO_ROOT}/${dir}`)) {
      const path = dir === "" ? entry.name : `${dir}/${entry.name}`;
      if ([".git", ".workbook", "node_modules"].includes(entry.name)) continue;
      if (entry.isDirectory) await walk(path);
      else if (entry.isFile) files.push(path);
    }
  };
  await walk("");
  return files;
}

/**
 * A temporary copy of the repository's working tree. With `commit` (and git),
 * the copy is a git repository whose HEAD holds the files as copied.
 */
async function copyRepo(options: { commit: boolean }): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "workbook-copy-" });
  for (const file of await treeFiles()) {
    try {
      const slash = file.lastIndexOf("/");
      if (slash > 0) await Deno.mkdir(`${dir}/${file.slice(0, slash)}`, { recursive: true });
      await Deno.copyFile(`${REPO_ROOT}/${file}`, `${dir}/${file}`);
    } catch (thrown) {
      if (!(thrown instanceof Deno.errors.NotFound)) throw thrown; // deleted since listed
    }
  }
  if (options.commit && GIT) {
    await git(dir, "init", "-q");
    await git(dir, "add", "-A");
    await git(dir, "commit", "-q", "-m", "copy");
  }
  return dir;
}

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `lib/<script>` of the repository at `root`, from `root`, as `deno task` would. */
async function cli(root: string, script: string, ...args: string[]): Promise<Ran> {
  const flags = script === "cli/bench.ts" ? ["--v8-flags=--expose-gc"] : [];
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", ...flags, `${root}/lib/${script}`, ...args],
    cwd: root,
    env: { NO_COLOR: "1", INIT_CWD: root },
    stdin: "null",
  }).output();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

/** Asserts a usage error: exit 2 and one line on stderr that contains `part`. */
function assertUsage(ran: Ran, part: string, what: string): void {
  assertEquals(ran.code, 2, `exit code of ${what}`);
  const lines = ran.stderr.trim().split("\n");
  assertEquals(lines.length, 1, `lines on stderr of ${what}: ${ran.stderr}`);
  assertIncludes(lines[0] ?? "", part, `stderr of ${what}`);
}

/** A check result as `runCheck` would return it. */
function fakeResult(
  slug: string,
  status: CheckResult["status"],
  options: { quick?: boolean; median?: number } = {},
): CheckResult {
  const exercise = CATALOGUE.find((e) => e.slug === slug)!;
  const median = options.median;
  return {
    schema: "workbook-check/1",
    exercise: { number: exercise.number, slug, title: exercise.title },
    status,
    summary: status,
    source: `${REPO_ROOT}/exercises/${exercise.dir}/${exercise.files[0]}`,
    seed: 1,
    quick: options.quick ?? false,
    tests: [{ name: "t", status: status === "pass" ? "pass" : "fail", message: "" }],
    credit: null,
    performance: median === undefined ? null : {
      status: status === "pass" ? "pass" : "fail",
      reason: "",
      baselineMs: 450,
      candidateMs: 450 / median,
      speedup: { median, min: median * 0.9, max: median * 1.1 },
      required: 1.5,
      tier: median >= 2.1 ? "gold" : median >= 1.5 ? "pass" : null,
      tiers: { pass: 1.5, silver: 1.8, gold: 2.1 },
      pairs: 11,
      size: "default",
    },
    parallel: null,
    machine: { cores: 2, cpu: "test", deno: "2", v8: "1", os: "linux" },
    durationMs: 1,
  };
}

/** A progress state: the first exercise passed at gold, the second failing. */
function fixtureState(): ProgressState {
  let state = emptyProgress();
  state = withResult(state, fakeResult(FIRST.slug, "fail", { quick: true }));
  state = withResult(state, fakeResult(FIRST.slug, "pass", { median: 3.05 }));
  state = withResult(state, fakeResult(FIRST.slug, "pass", { median: 2.5 }));
  if (SECOND !== FIRST) state = withResult(state, fakeResult(SECOND.slug, "error"));
  return state;
}

async function writeState(root: string, state: ProgressState | string): Promise<void> {
  await Deno.mkdir(`${root}/.workbook`, { recursive: true });
  await Deno.writeTextFile(
    `${root}/.workbook/progress.json`,
    typeof state === "string" ? state : JSON.stringify(state),
  );
}

// ---- progress state

Deno.test("withResult() counts a pass only from a full check and keeps the best speed-up", () => {
  let state = withResult(emptyProgress(), fakeResult(FIRST.slug, "pass", { quick: true }));
  let entry = state.exercises[FIRST.slug]!;
  assertEquals(entry.passed, false, "a --quick pass is not a pass");
  assertEquals(entry.checks, 1, "checks");
  state = fixtureState();
  entry = state.exercises[FIRST.slug]!;
  assertEquals(entry.passed, true, "passed");
  assertEquals(entry.best?.speedup.median, 3.05, "best median kept over a later, slower one");
  assertEquals(entry.best?.tier, "gold", "tier of the best check");
  assertEquals(entry.last.speedup?.median, 2.5, "last check");
  assertEquals(entry.checks, 3, "checks");
  if (SECOND !== FIRST) assertEquals(firstNotPassed(state)?.slug, SECOND.slug, "first not passed");
});

Deno.test("withResult() ranks by overall tier first: a faster thread with a failing parallel part is not better", () => {
  const gold = fakeResult(FIRST.slug, "pass", { median: 2.5 });
  // Faster on one thread, but its parallel part fell short: the check fails, no overall tier.
  const fastButFailing = fakeResult(FIRST.slug, "fail", { median: 3.5 });
  fastButFailing.parallel = {
    ...(fastButFailing.performance as NonNullable<CheckResult["performance"]>),
    status: "fail",
    tier: null,
    speedup: { median: 1.02, min: 0.98, max: 1.1 },
  };
  let state = withResult(emptyProgress(), gold);
  state = withResult(state, fastButFailing);
  const entry = state.exercises[FIRST.slug]!;
  assertEquals(entry.best?.speedup.median, 2.5, "the gold check stays the best");
  assertEquals(entry.best?.overallTier, "gold", "its overall tier");
  assertEquals(
    entry.history?.map((h) => [h.overallTier, h.speedup, h.parallel]),
    [["gold", 2.5, null], [null, 3.5, 1.02]],
    "both measured checks are in the history, oldest first",
  );
  const faster = withResult(state, fakeResult(FIRST.slug, "pass", { median: 2.9 }));
  assertEquals(
    faster.exercises[FIRST.slug]!.best?.speedup.median,
    2.9,
    "same tier, faster: better",
  );
});

Deno.test("recordResult() records the learner's code only, and keeps an unreadable file aside", async () => {
  const dir = await Deno.makeTempDir({ prefix: "workbook-progress-" });
  try {
    const file = `${dir}/progress.json`;
    await recordResult(fakeResult(FIRST.slug, "pass"), { kind: "solutions" }, { file });
    await recordResult(fakeResult(FIRST.slug, "pass"), { kind: "dir", path: "/x" }, { file });
    assertEquals((await loadProgress(file)).state.exercises, {}, "nothing recorded");
    await recordResult(fakeResult(FIRST.slug, "pass"), { kind: "exercises" }, { file });
    assertEquals((await loadProgress(file)).state.exercises[FIRST.slug]?.passed, true, "recorded");

    await Deno.writeTextFile(file, "{ not json");
    const loaded = await loadProgress(file);
    assertEquals(loaded.problem, "it is not valid JSON", "problem");
    await recordResult(fakeResult(FIRST.slug, "fail"), { kind: "exercises" }, { file });
    const names = [];
    for await (const entry of Deno.readDir(dir)) names.push(entry.name);
    assert(names.some((n) => n.startsWith("progress.json.unreadable-")), `kept aside: ${names}`);
    assertEquals((await loadProgress(file)).state.exercises[FIRST.slug]?.checks, 1, "afresh");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("loadProgress() reads a state written before checks had a parallel part", async () => {
  const state = fixtureState();
  const entry = state.exercises[FIRST.slug]!;
  const old = { ...entry, best: { ...entry.best } as Record<string, unknown> };
  delete old.best.overallTier;
  delete old.best.parallel;
  const file = await Deno.makeTempFile({ prefix: "workbook-progress-", suffix: ".json" });
  try {
    await Deno.writeTextFile(file, JSON.stringify({ ...state, exercises: { [FIRST.slug]: old } }));
    const loaded = await loadProgress(file);
    assertEquals(loaded.problem, null, "readable");
    assertEquals(loaded.state.exercises[FIRST.slug]?.best?.overallTier, "gold", "tier filled in");
    assertEquals(loaded.state.exercises[FIRST.slug]?.best?.parallel, null, "no parallel part");
  } finally {
    await Deno.remove(file);
  }
});

Deno.test("check records its result for exercises/ only, not for --solution", async () => {
  const root = await copyRepo({ commit: false });
  try {
    const stub = await cli(root, "cli/check.ts", String(FIRST.number), "--quick", "--seed", "3");
    assertEquals(stub.code, 1, "the stub fails");
    const solution = await cli(root, "cli/check.ts", String(FIRST.number), "--solution", "--quick");
    assertEquals(solution.code, 0, "the reference passes");
    const { state } = await loadProgress(`${root}/.workbook/progress.json`);
    const entry = state.exercises[FIRST.slug];
    assertEquals(entry?.checks, 1, "one check recorded");
    assertEquals(entry?.last.status, "error", "the stub's result");
    assertEquals(entry?.passed, false, "not passed");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

// ---- status

Deno.test("statusLines() shows the bar and one row per exercise from a fixture state", () => {
  const lines = statusLines(fixtureState(), { [FIRST.slug]: 2 }, new Date());
  const text = lines.join("\n");
  assertIncludes(lines[0] ?? "", `1 of ${AVAILABLE.length} available exercises passed`, "bar");
  assertIncludes(lines[0] ?? "", "█", "bar is drawn");
  const row = (slug: string) => lines.find((l) => l.includes(` ${slug} `)) ?? "";
  assertIncludes(row(FIRST.slug), "✓ passed", "first exercise");
  assertIncludes(row(FIRST.slug), "gold", "its tier");
  assertIncludes(row(FIRST.slug), "3.05×", "its best speed-up");
  assertIncludes(row(FIRST.slug), `2/${FIRST.hints.length}`, "hints seen");
  if (SECOND !== FIRST) {
    assertIncludes(row(SECOND.slug), "✗ not passing yet", "second exercise");
    assertIncludes(text, `Next: exercise ${SECOND.number}`, "next step");
  }
  if (UNAVAILABLE) assertIncludes(row(UNAVAILABLE.slug), "not yet available", "unavailable");
  for (const e of CATALOGUE) assert(row(e.slug) !== "", `a row for ${e.slug}`);
});

Deno.test("status: reads the state file; a corrupt one warns in one line and counts as empty", async () => {
  const root = await copyRepo({ commit: false });
  try {
    await writeState(root, fixtureState());
    const shown = await cli(root, "cli/status.ts");
    assertEquals(shown.code, 0, "exit code");
    assertIncludes(shown.stdout, `1 of ${AVAILABLE.length} available exercises passed`, "bar");
    assertIncludes(shown.stdout, "✓ passed", "row");

    await writeState(root, '{"schema": "workbook-progress/1", "exercises": [');
    const corrupt = await cli(root, "cli/status.ts");
    assertEquals(corrupt.code, 0, "exit code with a corrupt file");
    assertEquals(corrupt.stderr.trim().split("\n").length, 1, "one warning line");
    assertIncludes(corrupt.stderr, "ignoring .workbook/progress.json", "warning");
    assertIncludes(corrupt.stdout, `0 of ${AVAILABLE.length} available`, "treated as empty");

    assertUsage(await cli(root, "cli/status.ts", "1"), "status takes no exercise", "status 1");
    assertUsage(await cli(root, "cli/status.ts", "--bogus"), "--bogus", "status --bogus");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

// ---- hint

Deno.test("hint: without N it gives the hint of the first exercise not passed, and says so", async () => {
  const root = await copyRepo({ commit: false });
  try {
    await writeState(root, fixtureState());
    const current = firstNotPassed(fixtureState());
    assert(current !== undefined, "an exercise is left");
    const first = await cli(root, "cli/hint.ts");
    assertEquals(first.code, 0, `exit code: ${first.stderr}`);
    assertIncludes(
      first.stdout,
      `hints for exercise ${current.number} (${current.slug}), the first you have not passed yet`,
      "which exercise it chose",
    );
    assertIncludes(first.stdout, `hint 1 of ${current.hints.length}`, "its first hint");
    assertIncludes(first.stdout, current.hints[0] ?? "", "the hint's text");
    const second = await cli(root, "cli/hint.ts");
    assertIncludes(second.stdout, `hint 2 of ${current.hints.length}`, "then the next one");
    const all = await cli(root, "cli/hint.ts", "--all");
    assertIncludes(all.stdout, `all ${current.hints.length} hints`, "--all for the same one");

    let done = emptyProgress();
    for (const e of AVAILABLE) done = withResult(done, fakeResult(e.slug, "pass"));
    await writeState(root, done);
    const none = await cli(root, "cli/hint.ts");
    assertEquals(none.code, 0, "nothing left is no error");
    assertIncludes(none.stdout, "name one for its hints", "asks for a number");
    assertUsage(await cli(root, "cli/hint.ts", "1", "2"), "one exercise", "hint 1 2");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

// ---- reset

Deno.test({
  name:
    "reset: restores the stub after the learner committed their work, and --restore brings it back",
  ignore: !GIT,
  fn: async () => {
    const root = await copyRepo({ commit: true });
    try {
      const stub = await git(root, "show", `HEAD:${LEARNER_FILE}`);
      const mine = `${stub}\n// the learner's work, which must never be lost\n`;
      await Deno.writeTextFile(`${root}/${LEARNER_FILE}`, mine);
      // Committed: git's HEAD now holds the learner's code, not the stub.
      await git(root, "commit", "-q", "-am", "my work");

      const reset = await cli(root, "cli/reset.ts", String(FIRST.number));
      assertEquals(reset.code, 0, `exit code: ${reset.stderr}`);
      assertEquals(await Deno.readTextFile(`${root}/${LEARNER_FILE}`), stub, "the stub is back");
      const backup = reset.stdout.match(/→ (\.workbook\/backups\/\S+)/)?.[1];
      assert(backup !== undefined, `backup path printed: ${reset.stdout}`);
      assertEquals(await Deno.readTextFile(`${root}/${backup}`), mine, "backup holds the work");
      assertIncludes(reset.stdout, `deno task reset --restore ${backup}`, "how to restore");

      const again = await cli(root, "cli/reset.ts", String(FIRST.number));
      assertIncludes(again.stdout, "already the stub", "a second reset changes nothing");

      const listed = await cli(root, "cli/reset.ts", "--list");
      assertIncludes(listed.stdout, backup, "--list shows the backup");

      const restored = await cli(root, "cli/reset.ts", "--restore", backup);
      assertEquals(restored.code, 0, `exit code of --restore: ${restored.stderr}`);
      assertEquals(await Deno.readTextFile(`${root}/${LEARNER_FILE}`), mine, "work restored");
      const second = restored.stdout.match(/→ (\.workbook\/backups\/\S+)/)?.[1];
      assert(second !== undefined && second !== backup, "the stub was backed up first");
      assertEquals(await Deno.readTextFile(`${root}/${second}`), stub, "second backup");

      // By bare file name too, from the list.
      const name = backup.slice(backup.lastIndexOf("/") + 1);
      const byName = await cli(root, "cli/reset.ts", "--restore", name);
      assertIncludes(byName.stdout, "already holds", "a bare name finds the backup");

      assertUsage(await cli(root, "cli/reset.ts"), "Name the exercise", "reset");
      assertUsage(await cli(root, "cli/reset.ts", "99"), 'Cannot find exercise "99"', "reset 99");
      assertUsage(await cli(root, "cli/reset.ts", "1", "2"), "one exercise", "reset 1 2");
      assertUsage(
        await cli(root, "cli/reset.ts", "--restore", "nope.ts"),
        "Cannot find the backup nope.ts",
        "reset --restore nope.ts",
      );
      assertUsage(
        await cli(root, "cli/reset.ts", "--restore", LEARNER_FILE),
        "is not a backup",
        "reset --restore of a file that is not a backup",
      );
      assertUsage(
        await cli(root, "cli/reset.ts", "--list", "--restore", "x"),
        "Cannot use --list with --restore",
        "reset --list --restore",
      );
      if (UNAVAILABLE) {
        const later = await cli(root, "cli/reset.ts", String(UNAVAILABLE.number));
        assertEquals(later.code, 1, "an exercise not available yet");
        assertIncludes(later.stderr, "is not available yet", "message");
      }
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
});

Deno.test("reset: works without git, and bare --restore brings back the newest backup", async () => {
  const root = await copyRepo({ commit: false });
  try {
    const stub = await Deno.readTextFile(`${root}/${LEARNER_FILE}`);
    const first = "export function first() {}\n";
    const second = "export function second() {}\n";
    await Deno.writeTextFile(`${root}/${LEARNER_FILE}`, first);
    assertEquals((await cli(root, "cli/reset.ts", String(FIRST.number))).code, 0, "reset 1");
    await Deno.writeTextFile(`${root}/${LEARNER_FILE}`, second);
    assertEquals((await cli(root, "cli/reset.ts", String(FIRST.number))).code, 0, "reset 2");
    assertEquals(await Deno.readTextFile(`${root}/${LEARNER_FILE}`), stub, "the stub is back");
    const ran = await cli(root, "cli/reset.ts", String(FIRST.number), "--restore");
    assertEquals(ran.code, 0, `exit code: ${ran.stderr}`);
    assertEquals(await Deno.readTextFile(`${root}/${LEARNER_FILE}`), second, "the newest");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

/** An exercise whose reset saves more than one file (exercise 3: the main file and its Worker's). */
const MANY_FILES = AVAILABLE.find((e) => e.files.length > 1);

Deno.test({
  name:
    "reset: bare --restore brings back every file the last reset saved, and twice changes nothing",
  ignore: MANY_FILES === undefined,
  fn: async () => {
    const exercise = MANY_FILES!;
    const root = await copyRepo({ commit: false });
    try {
      const paths = exercise.files.map((f) => `${root}/exercises/${exercise.dir}/${f}`);
      const stubs = await Promise.all(paths.map((p) => Deno.readTextFile(p)));
      const mine = exercise.files.map((f) => `// my ${f}\n`);
      for (const [i, path] of paths.entries()) await Deno.writeTextFile(path, mine[i]!);
      const n = String(exercise.number);
      assertEquals((await cli(root, "cli/reset.ts", n)).code, 0, "reset");
      for (const [i, path] of paths.entries()) {
        assertEquals(await Deno.readTextFile(path), stubs[i], `${path}: the stub`);
      }
      const restored = await cli(root, "cli/reset.ts", n, "--restore");
      assertEquals(restored.code, 0, `--restore: ${restored.stderr}`);
      for (const [i, path] of paths.entries()) {
        assertEquals(await Deno.readTextFile(path), mine[i], `${path}: restored`);
      }
      // The restore saved the stubs it replaced; they are not "the newest backup" of anyone's work.
      const again = await cli(root, "cli/reset.ts", n, "--restore");
      assertEquals(again.code, 0, `--restore again: ${again.stderr}`);
      for (const [i, path] of paths.entries()) {
        assertEquals(await Deno.readTextFile(path), mine[i], `${path}: still the work`);
      }
      assertIncludes(again.stdout, "already holds", "nothing to do");
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
});

Deno.test("reset: a missing copy of the stub is one line, and nothing is touched", async () => {
  const root = await copyRepo({ commit: false });
  try {
    const mine = "export function mine() {}\n";
    await Deno.writeTextFile(`${root}/${LEARNER_FILE}`, mine);
    await Deno.remove(`${root}/checks/${FIRST.dir}/stub`, { recursive: true });
    const ran = await cli(root, "cli/reset.ts", String(FIRST.number));
    assertEquals(ran.code, 1, "exit code");
    assertEquals(ran.stderr.trim().split("\n").length, 1, `one line: ${ran.stderr}`);
    assertIncludes(ran.stderr, "Cannot restore", "message");
    assertEquals(await Deno.readTextFile(`${root}/${LEARNER_FILE}`), mine, "file untouched");
    const none = await cli(root, "cli/reset.ts", String(FIRST.number), "--restore");
    assertEquals(none.code, 1, "no backup yet");
    assertIncludes(none.stderr, "no backups", "says so");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("bench in a copy without solutions/: no reference row, no error about it, no scaling of it", async () => {
  const root = await copyRepo({ commit: false });
  try {
    await Deno.remove(`${root}/solutions`, { recursive: true });
    const exercise = CATALOGUE.find((e) => e.slug === "shared-memory") ?? FIRST;
    const ran = await cli(root, "cli/bench.ts", String(exercise.number), "--samples", "1");
    assertEquals(ran.code, 0, `exit code: ${ran.stderr}`);
    const said = ran.stdout + ran.stderr;
    assert(!/solutions\//.test(said), `nothing said of the missing solutions/:\n${said}`);
    assert(!/^\s*reference\b/m.test(ran.stdout), `no reference row:\n${ran.stdout}`);
    assert(/^baseline \(.*\)\s+[\d.]+ \w?s\/iter/m.test(ran.stdout), "the baseline is timed");
    if (exercise.slug === "shared-memory") {
      assertIncludes(ran.stdout, "not measured: your code does not run yet", "scaling waits");
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

// ---- compare

Deno.test("compare: the stub beside the reference, then the diff (--reveal) or how to see it", async () => {
  const root = await copyRepo({ commit: false });
  try {
    const n = String(FIRST.number);
    const seed = String(TEST_SEED);
    const revealed = await cli(root, "cli/compare.ts", n, "--quick", "--reveal", "--seed", seed);
    assertEquals(revealed.code, 0, `exit code: ${revealed.stderr}`);
    const out = revealed.stdout;
    assertIncludes(out, "yours", "yours column");
    assertIncludes(out, "reference", "reference column");
    assertIncludes(out, `seed ${seed}`, "the seed");
    assertIncludes(out, "✗ error", "the stub's verdict");
    assertIncludes(out, "✓ pass", "the reference's verdict");
    assertIncludes(out, `--- ${LEARNER_FILE} (yours)`, "diff header");
    assertIncludes(out, `+++ solutions/${FIRST.dir}/${FIRST.files[0]} (reference)`, "diff header");
    assertIncludes(out, "\n@@ -", "a hunk");
    assertIncludes(out, "-  throw new Error(", "the stub's throw is removed");
    // A comparison is not a check: it leaves the learner's progress alone.
    const recorded = await Deno.stat(`${root}/.workbook/progress.json`).then(
      () => true,
      () => false,
    );
    assert(!recorded, "compare records no progress");

    const hidden = await cli(root, "cli/compare.ts", n, "--quick", "--seed", seed);
    assertEquals(hidden.code, 0, "exit code without --reveal");
    assertIncludes(hidden.stdout, "stays hidden until you pass", "hidden");
    assertIncludes(hidden.stdout, `deno task compare ${n} --reveal`, "how to see it");
    assert(!hidden.stdout.includes("+++ "), "no diff before a pass");

    assertUsage(await cli(root, "cli/compare.ts"), "Name the exercise", "compare");
    assertUsage(await cli(root, "cli/compare.ts", "nope"), 'Cannot find exercise "nope"', "nope");
    assertUsage(await cli(root, "cli/compare.ts", n, "--size", "huge"), "--size huge", "size");
    assertUsage(await cli(root, "cli/compare.ts", n, "--seed", "x"), "--seed x", "seed");
    if (UNAVAILABLE) {
      const later = await cli(root, "cli/compare.ts", String(UNAVAILABLE.number));
      assertEquals(later.code, 1, "an exercise not available yet");
    }
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

// ---- bench

Deno.test("bench: mitata's table for the baseline and the reference; the stub in one line", async () => {
  const root = await copyRepo({ commit: false });
  try {
    const n = String(FIRST.number);
    const ran = await cli(root, "cli/bench.ts", n, "--samples", "1", "--seed", "11");
    assertEquals(ran.code, 0, `exit code: ${ran.stderr}`);
    const out = ran.stdout;
    const stubLines = out.split("\n").filter((l) => l.includes("✗ not benched"));
    assertEquals(stubLines.length, 1, "one line for the stub");
    assertIncludes(stubLines[0] ?? "", "yours", "it is yours");
    assertIncludes(stubLines[0] ?? "", "Not implemented", "and why");
    assertIncludes(out, "avg (min … max)", "mitata's header");
    assertIncludes(out, "/iter", "mitata's rows");
    assert(/^reference\s+[\d.]+ \w?s\/iter/m.test(out), `a row for the reference:\n${out}`);
    assert(/^baseline \(.*\)\s+[\d.]+ \w?s\/iter/m.test(out), "a row for the baseline");
    assertIncludes(out, "summary", "mitata's summary");
    assertIncludes(out, "✓ agrees", "the reference agrees with the baseline");

    assertUsage(await cli(root, "cli/bench.ts"), "Name the exercise", "bench");
    assertUsage(await cli(root, "cli/bench.ts", n, "--samples", "0"), "--samples 0", "samples");
    assertUsage(await cli(root, "cli/bench.ts", n, "--size", "huge"), "--size huge", "size");
    assertUsage(await cli(root, "cli/bench.ts", "99"), 'Cannot find exercise "99"', "bench 99");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

// ---- watch

/** A running `watch`, its output so far, and a way to wait for a line. */
function startWatch(root: string, ...args: string[]) {
  return startWatchWith(root, "null", ...args);
}

/** `startWatch`, with standard input piped when `stdin` is "piped" (keys for the test to send). */
function startWatchWith(root: string, stdin: "null" | "piped", ...args: string[]) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${root}/lib/cli/watch.ts`, ...args],
    cwd: root,
    env: { NO_COLOR: "1", INIT_CWD: root },
    stdin,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let output = "";
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) output += chunk;
  };
  const pumped = Promise.all([pump(child.stdout), pump(child.stderr)]);
  const count = (part: string) => output.split(part).length - 1;
  return {
    child,
    output: () => output,
    /** Waits until `part` has appeared `times` times. */
    async waitFor(part: string, times = 1, limitMs = 60_000) {
      const deadline = Date.now() + limitMs;
      while (count(part) < times) {
        if (Date.now() > deadline) {
          child.kill("SIGKILL");
          throw new Error(`watch: no ${times}× "${part}" within ${limitMs} ms:\n${output}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    /** Sends keys as a learner would type them. */
    async keys(text: string) {
      const writer = child.stdin.getWriter();
      await writer.write(new TextEncoder().encode(text));
      writer.releaseLock();
    },
    async stop(): Promise<number> {
      child.kill("SIGINT");
      const status = await child.status;
      await pumped;
      return status.code;
    },
  };
}

for (const mode of ["file events", "--poll"] as const) {
  Deno.test(`watch (${mode}): checks at once, again after a save, and stops on Ctrl-C`, async () => {
    const root = await copyRepo({ commit: false });
    try {
      const args = [String(FIRST.number), "--quick", ...(mode === "--poll" ? ["--poll"] : [])];
      const watch = startWatch(root, ...args);
      const header = `Exercise ${FIRST.number} · ${FIRST.slug}`;
      await watch.waitFor("Watching exercises/");
      assertIncludes(watch.output(), header, "a first check");
      // Give the poller its first snapshot before the save.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const path = `${root}/${LEARNER_FILE}`;
      await Deno.writeTextFile(path, (await Deno.readTextFile(path)) + "\n// saved\n");
      await watch.waitFor(header, 2);
      await watch.waitFor("Watching exercises/", 2);
      const code = await watch.stop();
      assertEquals(code, 0, `exit code after Ctrl-C:\n${watch.output()}`);
      assertIncludes(watch.output(), "Stopped watching", "a clean stop");
      const { state } = await loadProgress(`${root}/.workbook/progress.json`);
      assertEquals(state.exercises[FIRST.slug]?.checks, 2, "both checks recorded");
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  });
}

Deno.test("watch: correctness by default, one seed for the session, and keys: n moves on, q quits", async () => {
  const root = await copyRepo({ commit: false });
  try {
    const watch = startWatchWith(root, "piped", String(FIRST.number), "--seed", "4242");
    await watch.waitFor("Watching exercises/");
    assertIncludes(watch.output(), "checking exercise 1 · seed 4242", "correctness only, the seed");
    assertIncludes(watch.output(), "save it: watch checks it again", "a save, not a command");
    assert(!watch.output().includes("then run deno task check"), "no command to type in watch");
    assert(!watch.output().includes("Speed:"), "no timing on a plain save");
    const path = `${root}/${LEARNER_FILE}`;
    await new Promise((resolve) => setTimeout(resolve, 500));
    await Deno.writeTextFile(path, (await Deno.readTextFile(path)) + "\n// saved\n");
    await watch.waitFor("Watching exercises/", 2);
    assertEquals(watch.output().split("seed 4242 ──").length - 1, 2, "the same seed again");
    await watch.keys("h");
    await watch.waitFor("hint 1 of");
    await watch.waitFor("Press h again for the next hint");
    assert(!watch.output().includes("Run it again"), "in watch a hint is a key, not a command");
    const next = CATALOGUE.find((e) => e.available && e.number > FIRST.number);
    if (next !== undefined) {
      await watch.keys("n");
      await watch.waitFor(`checking exercise ${next.number} · seed 4242`);
    }
    await watch.keys("q");
    const status = await watch.child.status;
    assertEquals(status.code, 0, `q quits cleanly:\n${watch.output()}`);
    assertIncludes(watch.output(), "Stopped watching", "a clean stop");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("watch: without N it picks the first exercise not passed yet; bad input exits 2", async () => {
  const root = await copyRepo({ commit: false });
  try {
    await writeState(root, fixtureState());
    const watch = startWatch(root, "--quick");
    const expected = firstNotPassed(fixtureState());
    assert(expected !== undefined, "an exercise is left");
    await watch.waitFor("Watching exercises/");
    assertIncludes(watch.output(), `have not passed yet: ${expected.number}`, "the pick");
    assertEquals(await watch.stop(), 0, "exit code");

    assertUsage(await cli(root, "cli/watch.ts", "99"), 'Cannot find exercise "99"', "watch 99");
    assertUsage(await cli(root, "cli/watch.ts", "1", "2"), "one exercise", "watch 1 2");
    assertUsage(await cli(root, "cli/watch.ts", "--bogus"), "--bogus", "watch --bogus");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

// ---- report

Deno.test("report: writes one self-contained page from the state; bad input exits 2", async () => {
  const root = await copyRepo({ commit: false });
  try {
    await writeState(root, fixtureState());
    const ran = await cli(root, "cli/report.ts");
    assertEquals(ran.code, 0, `exit code: ${ran.stderr}`);
    assertIncludes(ran.stdout, "Wrote .workbook/report.html", "default path");
    const html = await Deno.readTextFile(`${root}/.workbook/report.html`);
    assertIncludes(html, '<svg id="speedup-chart"', "speed-up chart");
    assertIncludes(html, "3.05×", "the best speed-up");

    const custom = await cli(root, "cli/report.ts", "--out", "out/mine.html");
    assertEquals(custom.code, 0, "exit code with --out");
    assertIncludes(await Deno.readTextFile(`${root}/out/mine.html`), "<!doctype html>", "page");

    assertUsage(await cli(root, "cli/report.ts", "--out"), "--out", "report --out");
    assertUsage(await cli(root, "cli/report.ts", "1"), "report takes no exercise", "report 1");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

// ---- diff

Deno.test("unifiedDiff() prints hunks as diff -u does, and nothing for equal texts", () => {
  const before = Array.from({ length: 12 }, (_, i) => `line ${i}`).join("\n") + "\n";
  const after = before.replace("line 1\n", "line one\n").replace("line 10\n", "");
  assertEquals(
    unifiedDiff(before, after, { from: "a", to: "b" }),
    [
      "--- a",
      "+++ b",
      "@@ -1,5 +1,5 @@",
      " line 0",
      "-line 1",
      "+line one",
      " line 2",
      " line 3",
      " line 4",
      "@@ -8,5 +8,4 @@",
      " line 7",
      " line 8",
      " line 9",
      "-line 10",
      " line 11",
    ],
    "hunks",
  );
  assertEquals(unifiedDiff(before, before, { from: "a", to: "b" }), [], "equal texts");
});
