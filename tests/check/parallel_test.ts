/**
 * Parallel exercises on a real machine: with one usable core the speed part is
 * skipped (and says so), never passed; and the scaling table is measured.
 *
 * @module
 */
import { findExercise } from "../../lib/exercise/catalogue.ts";
import { formatScaling, measureScaling } from "../../lib/learner/scaling.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import {
  assert,
  assertEquals,
  assertIncludes,
  checkSource,
  problems,
  TEST_SEED,
} from "../_helpers/helpers.ts";

async function hasTaskset(): Promise<boolean> {
  try {
    return (await new Deno.Command("taskset", { args: ["-c", "0", "true"] }).output()).success;
  } catch {
    return false;
  }
}

Deno.test({
  name: "on one core, a parallel check passes its tests and is inconclusive (exit 3), never a pass",
  ignore: !(await hasTaskset()),
  async fn() {
    const output = await new Deno.Command("taskset", {
      args: [
        "-c",
        "0",
        Deno.execPath(),
        "run",
        "-A",
        `${REPO_ROOT}/lib/cli/check.ts`,
        "6",
        "--solution",
        "--json",
        "--seed",
        String(TEST_SEED),
      ],
      cwd: REPO_ROOT,
    }).output();
    const result = JSON.parse(new TextDecoder().decode(output.stdout));
    assertEquals(result.machine.cores, 1, "cores seen");
    // Issue 11, class 4: before, "skipped" and an overall pass, which grading paid.
    assertEquals(result.status, "inconclusive", "check status");
    assertEquals(output.code, 3, "exit code");
    assertEquals(result.performance?.status, "inconclusive", "speed status");
    assertEquals(result.performance?.inconclusive, "one-core", "cause");
    assertEquals(result.performance?.tier, null, "no tier");
    assertIncludes(result.performance?.reason ?? "", "only 1 core", "reason");
    assertIncludes(result.summary, "at least 2 cores", "summary says how to fix it");
  },
});

Deno.test("the scaling table of exercise 6's reference has a row per Worker count", async () => {
  const exercise = findExercise("6");
  assert(exercise !== undefined, "exercise 6");
  const table = await measureScaling({
    exercise,
    source: { kind: "solutions" },
    seed: TEST_SEED,
    threads: [1, 2],
    samples: 1,
  });
  assertEquals(table.rows.map((r) => r.threads), [1, 2], "rows");
  assertEquals(table.rows[0]?.speedup, 1, "one Worker is the reference point");
  assert(
    table.rows.every((r) => r.ms > 0 && r.ideal === Math.min(r.threads, table.cores)),
    "ideal",
  );
  const text = formatScaling(table).join("\n");
  assertIncludes(text, "Workers", "header");
  assertIncludes(text, `Scaling on ${table.cores} core`, "cores noted");
});

/** A do-nothing Worker a cheat can start to look parallel. */
const IDLE_WORKER = `"data:application/javascript,self.onmessage=()=>{}"`;

Deno.test("shared-memory: writing 1 everywhere fails, bit for bit and where the input is NaN", async () => {
  const result = await checkSource(
    3,
    `export function evaluateParallel(a: Float64Array, out: Float64Array, threads: number) {
      const idle = Array.from({ length: threads }, () => new Worker(${IDLE_WORKER}, { type: "module" }));
      out.fill(1);
      idle.forEach((w) => w.terminate());
      return Promise.resolve(a.length);
    }`,
  );
  assertEquals(result.status, "fail", "status");
  // Every element is compared bit for bit with s·s + c·c (tests/cheats/lesson_shared_memory_test.ts).
  const failed = result.tests.filter((t) => t.status === "fail" && !t.name.includes("reject"));
  assert(
    failed.length > 0 &&
      failed.every((t) => t.message.includes("bit for bit") || t.message.includes("expected NaN")),
    problems(result),
  );
});

Deno.test("split-series: a sum computed without Workers is named as such", async () => {
  const result = await checkSource(
    6,
    `export function intervals(n: number, parts: number): [number, number][] {
      const size = Math.floor(n / parts);
      const out: [number, number][] = [];
      for (let i = 0; i < parts - 1; i++) out.push([i * size + 1, (i + 1) * size]);
      out.push([(parts - 1) * size + 1, n]);
      return out;
    }
    export function slowSeriesParallel(n: number, _workers: number): Promise<number> {
      let t = 0;
      for (let k = 1; k <= n; k++) if (!String(k).includes("9")) t += 1 / k;
      return Promise.resolve(t);
    }`,
  );
  assertEquals(result.status, "fail", "status");
  assert(
    result.tests.filter((t) => t.name.startsWith("intervals")).every((t) => t.status === "pass"),
    "intervals pass",
  );
  const sums = result.tests.filter((t) => !t.name.startsWith("intervals"));
  assert(
    sums.some((t) => /started 0 Workers; expected exactly \d/.test(t.message)),
    problems(result),
  );
});

Deno.test("worker-pool: a pool that never ends its Workers is caught leaking", async () => {
  const result = await checkSource(
    5,
    `export class Pool {
      readonly size: number;
      #workers: Worker[];
      #tasks: Promise<Record<string, (x: unknown) => unknown>>;
      constructor(size: number, moduleUrl: string) {
        if (!Number.isInteger(size) || size < 1) throw new RangeError("size");
        this.size = size;
        this.#workers = Array.from({ length: size }, () => new Worker(${IDLE_WORKER}, { type: "module" }));
        this.#tasks = import(moduleUrl);
      }
      async map(name: string, items: readonly unknown[]) {
        const tasks = await this.#tasks;
        return items.map((item) => tasks[name]!(item));
      }
      close() { return Promise.resolve(); }
    }`,
  );
  assertEquals(result.status, "fail", "status");
  assertIncludes(result.tests[0]?.message ?? "", "Workers running after close()", "first scenario");
});
