/**
 * Cheats, graded: every submission written to win points without doing the
 * work ends FAIL or ERROR with a reason, never PASS. Each case says, in the
 * comment above it, why it fails. The cheats the learner's check already
 * catches (tests/check/bad_input_test.ts, tests/check/parallel_test.ts) are here again
 * through the grader, whose sandbox adds its own walls.
 *
 * Two grading runs serve all cases: one whose cheats reach the speed
 * measurement (no time limit override), and one whose cheats fail before it
 * (short per-test time limit, 1 GB memory limit).
 *
 * @module
 */
import { knownSums } from "../../data/known_sums.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import type { ExerciseGrade } from "../../lib/grade/result.ts";
import { assert, assertEquals } from "../_helpers/helpers.ts";
import { SIGNED_STRING_LOOP, TERM_SIGN } from "../_helpers/term_sign_source.ts";
import {
  cleanup,
  entryPath,
  explain,
  type GradedClass,
  gradeSamples,
} from "../_helpers/grade_helpers.ts";

const SIGNATURE = "export function slowSeries(n: number, omit: string, seed: number): number";
/** The baseline's own algorithm: correct, and exactly as fast as the baseline. */
const STRING_LOOP = SIGNED_STRING_LOOP;

interface Cheat {
  id: string;
  files: Record<string, string>;
  /** The exercise whose result is judged. */
  exercise: number;
  /** A part of the reason the grade must give: the summary, a test's message or a speed reason. */
  reason: string;
}

/** Exercise 1's file holding `body` after `prelude`. */
function slowSeries(body: string, prelude = ""): Record<string, string> {
  return { [entryPath(1)]: `${prelude}\n${TERM_SIGN}\n${SIGNATURE} {\n${body}\n}\n` };
}

const knownTable = JSON.stringify(
  Object.fromEntries(knownSums().map((s) => [`${s.n}:${s.omit}`, s.sum])),
);

/** Cheats that pass the hidden tests and are stopped by the speed measurement. */
export const SPEED_CHEATS: Cheat[] = [
  // Memoization across calls: every sample runs in a fresh Worker (and every pair in a fresh
  // process) on a fresh random input, so the cache is always empty and the code is the
  // baseline's own loop: its speed-up is about 1×.
  {
    id: "memoized",
    exercise: 1,
    reason: "below the 1.5× required",
    files: slowSeries(
      `const key = n + ":" + omit; const hit = memo.get(key); if (hit !== undefined) return hit;
       const t = (() => { ${STRING_LOOP} })(); memo.set(key, t); return t;`,
      "const memo = new Map<string, number>();",
    ),
  },
  // Precomputation at import: module load is inside the timed region (the clock starts at
  // "go", before the import), so the table built at import costs as much as the loop it saves.
  // And it can hold only the course's sums (seed 0), which are never timed: every timed sum
  // has a seed of its own, so the benchmark always takes the string loop.
  {
    id: "precomputed-at-import",
    exercise: 1,
    reason: "below the 1.5× required",
    files: slowSeries(
      `if (seed === 0 && n >= LOW && n <= HIGH && omit.length === 1) return table[(n - LOW) * 10 + Number(omit)];
       ${STRING_LOOP}`,
      `const LOW = 9_900_000, HIGH = 10_000_000;
       const table = new Float64Array((HIGH - LOW + 1) * 10);
       const sums = new Float64Array(10);
       for (let k = 1; k <= HIGH; k++) {
         let mask = 0;
         for (let x = k; x > 0; x = (x / 10) | 0) mask |= 1 << (x % 10);
         for (let d = 0; d < 10; d++) if ((mask & (1 << d)) === 0) sums[d] += 1 / k;
         if (k >= LOW) table.set(sums, (k - LOW) * 10);
       }`,
    ),
  },
  // Patched clocks: the time is taken by the runner's main isolate (performance.now there),
  // which the candidate's Worker cannot reach; patching its own Worker's clocks changes nothing.
  {
    id: "patched-clocks",
    exercise: 1,
    reason: "below the 1.5× required",
    files: slowSeries(
      STRING_LOOP,
      `try { performance.now = () => 0; } catch { /* read-only here */ }
       try { Object.defineProperty(performance, "now", { value: () => 0 }); } catch { /* idem */ }
       Date.now = () => 0;`,
    ),
  },
  // Globals patched to slow the baseline down: the baseline runs in its own fresh Worker,
  // with its own untouched globals; only the candidate's Worker sees the slow includes().
  {
    id: "slowed-baseline",
    exercise: 1,
    reason: "below the 1.5× required",
    files: slowSeries(
      "let t = 0; for (let k = 1; k <= n; k++) if (String(k).indexOf(omit) < 0) t += termSign(seed, k) / k; return t;",
      `const include = String.prototype.includes;
       String.prototype.includes = function (this: string, ...args: [string, number?]) {
         for (let i = 0; i < 200; i++) Math.sqrt(i);
         return include.apply(this, args);
       };
       const sqrt = Math.sqrt; Math.floor = (x: number) => sqrt(x * x) - (x % 1);
       const push = Array.prototype.push;
       Array.prototype.push = function (...items: unknown[]) { return push.apply(this, items); };`,
    ),
  },
  // A busy Worker left running to load the CPU: each pair runs in a fresh runner process,
  // baseline first, so the busy thread the candidate starts dies with that process before
  // the next baseline; it only slows the candidate itself.
  {
    id: "background-worker",
    exercise: 1,
    reason: "below the 1.5× required",
    files: {
      ...slowSeries(
        STRING_LOOP,
        `new Worker(new URL("./spin_worker.ts", import.meta.url), { type: "module" });`,
      ),
      [entryPath(1, "spin_worker.ts")]: "while (true) {}\n",
    },
  },
  // Memoization across samples through the Cache API, which Deno writes to disk without any
  // permission: the own-code baseline (1 Worker) would store the sum and the 2-Worker run
  // read it back. The grading runner's DENO_DIR has a file where the cache folder would go,
  // so caches.open() throws and both runs compute: a speed-up of about 1×.
  {
    id: "cache-api",
    exercise: 6,
    reason: "is below the",
    files: {
      [entryPath(6)]: `
export function intervals(n: number, parts: number): [number, number][] {
  const size = Math.floor(n / parts);
  const out: [number, number][] = [];
  for (let i = 0; i < parts - 1; i++) out.push([i * size + 1, (i + 1) * size]);
  out.push([(parts - 1) * size + 1, n]);
  return out;
}
export function partialSum(lo: number, hi: number): number {
  let t = 0;
  for (let k = lo; k <= hi; k++) {
    let x = k, nine = false;
    while (x > 0) { if (x % 10 === 9) { nine = true; break; } x = (x / 10) | 0; }
    if (!nine) t += 1 / k;
  }
  return t;
}
export async function slowSeriesParallel(n: number, workers: number): Promise<number> {
  const url = new URL("./split_series_worker.ts", import.meta.url);
  for (let i = 0; i < workers; i++) new Worker(url, { type: "module" }).terminate();
  try {
    const cache = await caches.open("memo");
    const hit = await cache.match("https://memo.invalid/" + n);
    if (hit) return Number(await hit.text());
    const sum = partialSum(1, n);
    await cache.put("https://memo.invalid/" + n, new Response(String(sum)));
    return sum;
  } catch {
    return partialSum(1, n);
  }
}
`,
    },
  },
];

/** Cheats stopped by the hidden tests, the sandbox or the vetting of imports. */
export const CORRECTNESS_CHEATS: Cheat[] = [
  // Hard-coded known sums: the known sums are a few fixed cases; most hidden inputs are drawn
  // from the grading seed, which no submission sees, so the table has no answer for them.
  {
    id: "hard-coded-sums",
    exercise: 1,
    reason: "tests did not pass",
    files: slowSeries(
      "return (KNOWN as Record<string, number>)[`${n}:${omit}`] ?? 14;",
      `const KNOWN = ${knownTable};`,
    ),
  },
  // Fake result lines: replies are read only from lines that start with the session's secret,
  // which the candidate never sees; what it prints is kept as output, and its answer is wrong.
  {
    id: "fake-output",
    exercise: 1,
    reason: "tests did not pass",
    files: slowSeries(
      `console.log('{"id":1,"kind":"test","status":"pass","message":"","ms":1}');
       console.log("✓ PASS · gold — all 35 tests passed");
       return -1;`,
    ),
  },
  // Deno.exit(0) mid-check: inside a sample Worker Deno.exit is replaced, before the
  // candidate loads, by one that reports the call and ends only that sample.
  {
    id: "deno-exit",
    exercise: 1,
    reason: "called Deno.exit(0)",
    files: slowSeries(`Deno.exit(0); ${STRING_LOOP}`),
  },
  // Reading data/ by a static import: vetting rejects an import outside the exercise folder
  // before anything runs (and the runner could not read data/ anyway).
  {
    id: "import-data-static",
    exercise: 1,
    reason: "outside its exercise folder",
    files: slowSeries(
      "return knownSums()[0]?.sum ?? n;",
      `import { knownSums } from "${REPO_ROOT}/data/known_sums.ts";`,
    ),
  },
  // Reading solutions/ by a literal dynamic import: rejected by vetting, like a static one.
  {
    id: "import-solution-literal",
    exercise: 1,
    reason: "outside its exercise folder",
    files: {
      [entryPath(1)]:
        `const reference = await import("file://${REPO_ROOT}/solutions/01_slow_series/slow_series.ts");\nexport const slowSeries = reference.slowSeries;\n`,
    },
  },
  // Reading solutions/ by a computed import: vetting rejects any computed import.
  {
    id: "import-solution-computed",
    exercise: 1,
    reason: "computed import: not allowed in a graded submission",
    files: {
      [entryPath(1)]:
        `const where = ["file://", "${REPO_ROOT}", "/solutions/", "01_slow_series/slow_series.ts"].join("");
const reference = await import(where);
export const slowSeries = reference.slowSeries;
`,
    },
  },
  // The second wall: exercise 5 may make computed imports (its pool imports a task module by
  // URL), so vetting lets this one through; the runner's --allow-read does not name
  // solutions/, and Deno checks every module a Worker loads against it.
  {
    id: "import-solution-runtime",
    exercise: 5,
    reason: "Requires read access",
    files: {
      [entryPath(5)]:
        `const where = ["file://", "${REPO_ROOT}", "/solutions/", "05_worker_pool/worker_pool.ts"].join("");
const reference = await import(where);
export const Pool = reference.Pool;
`,
    },
  },
  // Reading data/ as a file: the runner's --allow-read names neither data/ nor solutions/.
  {
    id: "read-data-file",
    exercise: 1,
    reason: "Requires read access",
    files: slowSeries(
      `const text = Deno.readTextFileSync("${REPO_ROOT}/data/known_sums.json"); return text.length + n;`,
    ),
  },
  // Writing files (a memo for the next run): the runner has no --allow-write.
  {
    id: "write-file",
    exercise: 1,
    reason: "Requires write access",
    files: slowSeries(
      `Deno.writeTextFileSync("/tmp/workbook-cheat-memo.json", "{}"); ${STRING_LOOP}`,
    ),
  },
  // Network: the runner has no --allow-net (and remote imports are rejected by vetting).
  {
    id: "network",
    exercise: 1,
    reason: "Requires net access",
    files: {
      [entryPath(1)]: `${TERM_SIGN}
export async function slowSeries(n: number, omit: string, seed: number): Promise<number> {
  const answer = await fetch("https://example.com/sums?n=" + n + "&omit=" + omit);
  return Number(await answer.text());
}
`,
    },
  },
  // Spawning a process: the runner has no --allow-run.
  {
    id: "spawn",
    exercise: 1,
    reason: "Requires run access",
    files: slowSeries(
      `new Deno.Command("sh", { args: ["-c", "cat ${REPO_ROOT}/solutions/01_slow_series/slow_series.ts"] }).outputSync(); return n;`,
    ),
  },
  // An infinite loop: each test has a wall-clock limit, the runner is killed with its
  // process tree, and after two timeouts the rest is not run.
  { id: "infinite-loop", exercise: 1, reason: "timed out", files: slowSeries("while (true) {}") },
  // A memory bomb of typed arrays (outside the JavaScript heap, so --max-old-space-size does
  // not stop it): the grader polls the runner's resident memory and kills it past the limit.
  {
    id: "memory-bomb",
    exercise: 1,
    reason: "used more than 1024 MB of memory",
    files: slowSeries(
      "const keep: Float64Array[] = []; for (;;) keep.push(new Float64Array(5e7).fill(n));",
    ),
  },
  // The same bomb where the code runs on a sample process's main thread (exercises whose code
  // starts Workers): the sample process is watched the same way.
  {
    id: "memory-bomb-process",
    exercise: 6,
    reason: "used more than 1024 MB of memory",
    files: {
      [entryPath(6)]: `export function intervals(n: number, parts: number): [number, number][] {
  const size = Math.floor(n / parts);
  const out: [number, number][] = [];
  for (let i = 0; i < parts - 1; i++) out.push([i * size + 1, (i + 1) * size]);
  out.push([(parts - 1) * size + 1, n]);
  return out;
}
export function slowSeriesParallel(n: number, _workers: number): Promise<number> {
  const keep: Float64Array[] = [];
  for (;;) keep.push(new Float64Array(5e7).fill(n));
}
`,
    },
  },
  // NaN, a string, an object with valueOf: outputs are validated in the runner's main isolate
  // (a number is required; an object with a function cannot even be cloned out of the Worker).
  { id: "returns-nan", exercise: 1, reason: "returned NaN", files: slowSeries("return NaN;") },
  {
    id: "returns-string",
    exercise: 1,
    reason: "expected a number",
    files: slowSeries('return "13.27" as unknown as number;'),
  },
  {
    id: "returns-value-of",
    exercise: 1,
    reason: "cannot leave the Worker",
    files: slowSeries("return { valueOf: () => 13.27 } as unknown as number;"),
  },
  // Memoization through the Cache API, seen directly: Deno writes `caches` to disk without any
  // permission, so the grading runner's DENO_DIR has a file where the cache folder would go,
  // and caches.open() throws.
  {
    id: "cache-api-probe",
    exercise: 1,
    reason: "Failed to create cache storage directory",
    files: {
      [entryPath(1)]: `${TERM_SIGN}
export async function slowSeries(n: number, omit: string, seed: number): Promise<number> {
  await caches.open("memo");
  ${STRING_LOOP}
}
`,
    },
  },
  // Throwing a non-Error: reported as what was thrown, an error, not a pass.
  {
    id: "throws-non-error",
    exercise: 1,
    reason: "a non-Error value",
    files: slowSeries("throw 42;"),
  },
  // Reading the quiz's key: the key is in checks/11_which_tool/key.ts, which only the
  // judge loads (check.loadJudgeData); the check module the sample loads does not import it,
  // so the grading sandbox gives no read access to it.
  {
    id: "quiz-key",
    exercise: 11,
    reason: "NotCapable",
    files: {
      [entryPath(11)]: `import type { Answers } from "./tools.ts";
export function answers(): Answers {
  const text = Deno.readTextFileSync("${REPO_ROOT}/checks/11_which_tool/key.ts");
  const key: Record<string, string[]> = {};
  const lines = text.split(String.fromCharCode(10));
  lines.forEach((line, i) => {
    const at = line.indexOf("right: [");
    if (at < 0) return;
    const question = (lines[i - 1] ?? "").trim().split(":")[0] ?? "";
    key[question] = JSON.parse(line.slice(at + 7, line.lastIndexOf("]") + 1));
  });
  return key as unknown as Answers;
}
`,
      // The placeholder reflection: this cheat is about the key alone.
      [entryPath(11, "reflection.md")]: Deno.readTextFileSync(
        `${REPO_ROOT}/exercises/11_which_tool/reflection.md`,
      ),
    },
  },
  // Hard-coded Kempner sums: the ten published single-digit sums (Baillie 1979) answer the
  // digits, but the check also asks for fixed and random digit strings ("05", "99", random
  // ones of 1 to 3 digits), which no table of ten holds (tests/cheats/kempner_table_test.ts).
  {
    id: "hard-coded-kempner",
    exercise: 10,
    reason: "correct digits, 10 needed",
    files: {
      [entryPath(10)]: `const SUMS = ${
        JSON.stringify(
          JSON.parse(Deno.readTextFileSync(`${REPO_ROOT}/data/kempner.json`)).sums.slice(0, 10)
            .map((s: { value: number }) => s.value),
        )
      };
export function kempnerSum(omit: string): number { return SUMS[Number(omit)] ?? NaN; }
`,
    },
  },
];

/**
 * Cheats that PASS today: the harness cannot tell them from honest work, because the check
 * gives them what they need. Ignored here (a test that passes would say they are caught);
 * listed so the gap stays in view. Each needs a change to its exercise's check.
 */
export const OPEN_CHEATS: Cheat[] = [
  // Sandbagging exercise 6's own-code baseline is caught now: the one-Worker run is held to a
  // serial reference timed in the same run (tests/cheats/lesson_split_series_test.ts).
  // Hard-coded Kempner sums are caught now: exercise 10 asks for random digit strings
  // (tests/cheats/kempner_table_test.ts). The table of running totals of exercises 1, 4 and 9 is
  // caught by the signed sums (tests/cheats/inputs_slow_series_test.ts), and exercise 5's async
  // waits by the rounds test's referee (tests/cheats/sandbox_process_test.ts).
];

let speedRun: Promise<GradedClass> | undefined;
let correctnessRun: Promise<GradedClass> | undefined;

function gradedSpeedCheats(): Promise<GradedClass> {
  speedRun ??= gradeSamples(SPEED_CHEATS, { exercises: [1, 6] });
  return speedRun;
}

function gradedCorrectnessCheats(): Promise<GradedClass> {
  correctnessRun ??= gradeSamples(CORRECTNESS_CHEATS, {
    exercises: [1, 5, 6, 10, 11],
    timeoutMs: 3000,
  });
  return correctnessRun;
}

/** Every message a grade gives: summary, tests, speed parts. */
function reasons(grade: ExerciseGrade): string {
  return [
    grade.summary,
    ...grade.tests.map((t) => t.message),
    grade.performance?.reason ?? "",
    grade.parallel?.reason ?? "",
  ].join("\n");
}

function defineCheatTests(cheats: readonly Cheat[], run: () => Promise<GradedClass>): void {
  for (const cheat of cheats) {
    Deno.test(`cheat "${cheat.id}" (exercise ${cheat.exercise}) earns nothing`, async () => {
      const graded = await run();
      const grade = graded.grades.get(cheat.id);
      const exercise = grade?.exercises.find((e) => e.number === cheat.exercise);
      assert(exercise !== undefined, `graded: ${explain(grade)}`);
      assert(exercise.status === "fail" || exercise.status === "error", explain(grade));
      assertEquals(exercise.points, 0, `points (${explain(grade)})`);
      assert(
        reasons(exercise).includes(cheat.reason),
        `reason "${cheat.reason}" in:\n${reasons(exercise)}`,
      );
    });
  }
}

for (const cheat of OPEN_CHEATS) {
  Deno.test({
    name: `cheat "${cheat.id}" (exercise ${cheat.exercise}) is not caught yet: see the comment`,
    ignore: true,
    fn() {},
  });
}

defineCheatTests(SPEED_CHEATS, gradedSpeedCheats);
defineCheatTests(CORRECTNESS_CHEATS, gradedCorrectnessCheats);

// Wearing the grader down: each test just under its own time limit, so that the tests alone
// would take minutes. The exercise's wall-clock limit stops it, kills its runner with
// everything it started, and grades it as an error.
Deno.test('cheat "slow-drip" (exercise 1) is stopped at the exercise\'s time limit', async () => {
  const graded = await gradeSamples([{
    id: "slow-drip",
    files: slowSeries(
      `const until = Date.now() + 900; while (Date.now() < until) {} ${STRING_LOOP}`,
    ),
  }], { exercises: [1], exerciseTimeLimitS: 3 });
  try {
    const exercise = graded.grades.get("slow-drip")?.exercises[0];
    assertEquals([exercise?.status, exercise?.points], ["error", 0], exercise?.summary ?? "");
    assert(
      exercise?.summary.startsWith("stopped: the exercise used up its time limit of 3 s") ?? false,
      exercise?.summary ?? "",
    );
    assert((exercise?.durationMs ?? 0) < 10_000, `stopped in time: ${exercise?.durationMs} ms`);
  } finally {
    await cleanup(graded);
  }
});

Deno.test("cheats: the temporary class and output folders are removed", async () => {
  for (const run of [speedRun, correctnessRun]) if (run !== undefined) await cleanup(await run);
});
