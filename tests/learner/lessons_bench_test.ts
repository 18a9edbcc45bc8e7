/**
 * The course's lessons behind `deno task bench N --FLAG` and `--n`: the flags,
 * the parsing of n, the usage errors, and each lesson run small enough to be
 * quick. Nothing here asserts a time: only that the variants agree and the
 * tables have their rows.
 */
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { CATALOGUE } from "../../lib/exercise/catalogue.ts";
import { LESSONS } from "../../lib/learner/lessons/registry.ts";
import { inputAtN, parseN } from "../../lib/learner/lessons/n_input.ts";
import {
  ladderLesson,
  mapLesson,
  matrixLesson,
  numpyLesson,
} from "../../lib/learner/lessons/velocity_lessons.ts";
import { flatTableLesson } from "../../lib/learner/lessons/flat_table.ts";
import { listThreads, spawnLesson, threadsLesson } from "../../lib/learner/lessons/processes.ts";
import { trig, trigRecurrence } from "../../lib/learner/lessons/jit_probe.ts";

const QUICK = { samples: 1, seed: 7 };
const SMALL = { nlat: 6, nlon: 10, nr: 5 };

Deno.test("lessons: flags are unique and name existing exercises", () => {
  const flags = LESSONS.map((l) => l.flag);
  assertEquals(new Set(flags).size, flags.length, "unique flags");
  for (const lesson of LESSONS) {
    assert(CATALOGUE.some((e) => e.number === lesson.exercise), `--${lesson.flag}: exercise`);
    assert(
      !["n", "samples", "seed", "size", "write", "help"].includes(lesson.flag),
      `--${lesson.flag}: clash`,
    );
  }
});

Deno.test("lessons: parseN reads 1e10, 10^8 and digit groups, and refuses the rest", () => {
  assertEquals(parseN("1e10"), 1e10, "1e10");
  assertEquals(parseN("10^8"), 1e8, "10^8");
  assertEquals(parseN("50_000_000"), 5e7, "groups");
  for (const bad of ["abc", "-5", "0", "1.5", "1e400"]) {
    const parsed = parseN(bad);
    assert(typeof parsed !== "number", `${bad} refused`);
  }
  const syntax = parseN("ten");
  assertEquals(typeof syntax === "object" ? syntax.code : "", "syntax", "code");
});

Deno.test("lessons: inputAtN uses withN, and says which exercises have it when missing", () => {
  const plan = { withN: (input: { n: number }, n: number) => ({ ...input, n }) };
  const atN = inputAtN(plan, { n: 5 }, 9, 6);
  assertEquals(atN.ok ? atN.input.n : 0, 9, "n replaced");
  const missing = inputAtN({}, { n: 5 }, 9, 2);
  assertEquals(missing.ok ? "" : missing.problem.code, "unsupported", "code");
  const refusing = inputAtN(
    {
      withN: () => {
        throw new RangeError("n must be even");
      },
    },
    1,
    9,
    3,
  );
  assertIncludes(refusing.ok ? "" : refusing.problem.message, "n must be even", "reason");
});

async function bench(...args: string[]) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "lib/cli/bench.ts", ...args],
    cwd: REPO_ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

Deno.test("bench: a lesson flag on another exercise is a usage error naming the right one", async () => {
  const run = await bench("1", "--ladder");
  assertEquals(run.code, 2, "exit code");
  assertIncludes(run.stderr, "deno task bench 2 --ladder", "the right command");
});

Deno.test("bench: --n on an exercise whose check has no withN is a one-line usage error", async () => {
  const run = await bench("2", "--n", "1e8");
  assertEquals(run.code, 2, "exit code");
  assertIncludes(run.stderr, "Cannot use --n on exercise 2", "what and where");
});

Deno.test("bench --help lists every lesson", async () => {
  const run = await bench("--help");
  assertEquals(run.code, 0, "exit code");
  for (const lesson of LESSONS) assertIncludes(run.stdout, `--${lesson.flag}`, lesson.flag);
});

Deno.test("lessons: every rung of the ladder computes the same velocities", async () => {
  const section = await ladderLesson(QUICK, SMALL);
  const rows = section.lines.filter((line) =>
    /^\s+(naive|hoisted|tables|memory order):/.test(line)
  );
  assertEquals(rows.length, 4, "four rungs");
  for (const row of rows) assertIncludes(row, "same", row);
});

Deno.test("lessons: Question 1's matrix variants compute the scalar loop's velocities", async () => {
  const section = await matrixLesson(QUICK, SMALL);
  assertEquals(section.measured?.rows.length, 4, "the scalar loop and three matrices");
  const rows = section.lines.filter((line) => /^\s+(scalar loop:|nested|Float64Array)/.test(line));
  assertEquals(rows.length, 4, "four rows");
  for (const row of rows) assert(row.trimEnd().endsWith("same"), row);
});

Deno.test("lessons: NumPy's style over 1, 2, 3 axes agrees with the scalar loop", async () => {
  const sections = await numpyLesson(QUICK, SMALL);
  const table = sections.at(-1)?.lines ?? [];
  const rows = table.filter((line) => /axis|axes|scalar loop/.test(line) && /GB\/s/.test(line));
  assertEquals(rows.length, 4, "four variants");
  for (const row of rows) assert(/\bok\b/.test(row), row);
  assertIncludes(sections[0]?.lines.join("\n") ?? "", "[1, 1, nlon]", "the shape table");
});

Deno.test("lessons: map and the loop give the same slow-series sum", async () => {
  const section = await mapLesson(QUICK, 20_000);
  assertIncludes(section.lines.join("\n"), "sums agree", "sums");
});

Deno.test("lessons: the flat table runs the pipeline on 1, 2, 4 Workers with one sum", async () => {
  const section = await flatTableLesson(QUICK, 50_000);
  assertIncludes(section.lines.join("\n"), "sums agree", "sums");
  assertEquals(section.lines.filter((l) => /^\s+[124]\s/.test(l)).length, 3, "three rows");
  assertEquals(section.record?.key, "flat", "kept for the answers");
  assertIncludes(section.record?.summary ?? "", "4 W", "its figures");
});

Deno.test("lessons: Workers show up as threads of this process", async () => {
  if (listThreads() === null) return; // no /proc here
  const section = await threadsLesson(2, 200);
  const text = section.lines.join("\n");
  assertIncludes(text, `ps -T -p ${Deno.pid}`, "the command");
  const added = Number(/new threads: (\d+)/.exec(text)?.[1]);
  assert(added >= 2, `at least one new thread per Worker: ${added}`);
});

Deno.test("lessons: a process and a Worker both answer", async () => {
  const section = await spawnLesson({ samples: 1, seed: 1 });
  assertEquals(section.lines.filter((l) => / ms/.test(l)).length, 3, "three measurements");
});

Deno.test("lessons: the jit probe's series is the course's", () => {
  // Σ cos(i)/i → −ln(2 sin ½); 10^5 terms are within 1e-4 of it.
  assert(Math.abs(trig(100_000) + Math.log(2 * Math.sin(0.5))) < 1e-4, "close to the limit");
  assert(Math.abs(trigRecurrence(100_000) - trig(100_000)) < 1e-11, "the recurrence agrees");
});

Deno.test("docs/COVERAGE.md names only tasks, bench flags and files that exist", async () => {
  const text = await Deno.readTextFile(`${REPO_ROOT}/docs/COVERAGE.md`);
  const config = JSON.parse(await Deno.readTextFile(`${REPO_ROOT}/deno.json`));
  // yardstick is another helper's task, merged separately.
  const tasks = new Set([...Object.keys(config.tasks), "yardstick"]);
  for (const match of text.matchAll(/deno task ([a-z-]+)/g)) {
    assert(tasks.has(match[1] as string), `deno task ${match[1]}`);
  }
  for (const match of text.matchAll(/deno task bench (\d+) --([a-z]+)/g)) {
    const [, number, flag] = match;
    if (flag === "n") continue;
    assert(
      LESSONS.some((l) => l.flag === flag && l.exercise === Number(number)),
      `bench ${number} --${flag}`,
    );
  }
  for (const match of text.matchAll(/`((?:lib|exercises|docs|solutions)\/[^`\s]+)`/g)) {
    const path = (match[1] as string).replace(/ \(.*$/, "");
    if (/NN|\*/.test(path)) continue;
    await Deno.stat(`${REPO_ROOT}/${path}`).catch(() => {
      throw new Error(`docs/COVERAGE.md names ${path}, which does not exist`);
    });
  }
});
