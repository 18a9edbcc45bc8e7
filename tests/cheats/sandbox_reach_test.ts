/**
 * What a candidate's process can reach (issue 11, class 5): no code from
 * outside the submission (npm, JSR, remote imports), no WebAssembly kernel that
 * calls back into JavaScript, and no storage that survives from one sample to
 * the next — in the learner's `deno task check` (these tests), as in grading.
 *
 * @module
 */
import { checkSource, problems } from "../_helpers/helpers.ts";
import { assert, assertIncludes } from "../_helpers/helpers.ts";
import { findExercise } from "../../lib/exercise/catalogue.ts";
import { candidateReadPaths, repoUrl } from "../../lib/exercise/paths.ts";
import { runSampleProcess } from "../../lib/sandbox/sample_process.ts";
import { RunnerSession } from "../../lib/sandbox/runner_client.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { TERM_SIGN } from "../_helpers/term_sign_source.ts";

/** Limits that turn a hang (a network fetch that never answers) into a quick failure. */
const QUICK = { quick: true, timeoutMs: 20_000 } as const;

const SLOW_SERIES_BODY =
  "let t = 0; for (let k = 1; k <= n; k++) if (!String(k).includes(omit)) t += termSign(seed, k) / k; return t;";

// An npm package is code from outside the submission: Deno 2 fetched and ran it before.
Deno.test("an npm: import is refused with one line, in a Worker sample", async () => {
  const result = await checkSource(
    1,
    `import _ from "npm:lodash@4.17.21";
${TERM_SIGN}
export function slowSeries(n: number, omit: string, seed: number): number {
  void _.identity; ${SLOW_SERIES_BODY}
}
`,
    QUICK,
  );
  assert(result.status === "error", `status ${result.status}: ${problems(result)}`);
  const first = result.tests[0]?.message ?? "";
  assertIncludes(first, "cannot load", "the reason");
  assert(!first.includes("\n"), "one line");
});

Deno.test("an npm: import is refused with one line, in a sample process", async () => {
  const result = await checkSource(
    6,
    `import _ from "npm:lodash@4.17.21";
export function intervals(n: number, parts: number): [number, number][] {
  void _.identity;
  const size = Math.floor(n / parts);
  const out: [number, number][] = [];
  for (let i = 0; i < parts - 1; i++) out.push([i * size + 1, (i + 1) * size]);
  out.push([(parts - 1) * size + 1, n]);
  return out;
}
export function slowSeriesParallel(): number { return 0; }
`,
    QUICK,
  );
  assert(result.status === "error", `status ${result.status}: ${problems(result)}`);
  assertIncludes(result.tests[0]?.message ?? "", "cannot load", "the reason");
});

// A remote module: refused at once (no fetch, no hang until the time limit).
Deno.test("an https: import is refused with one line, not fetched", async () => {
  const result = await checkSource(
    1,
    `import { x } from "https://deno.land/x/not_a_module_for_workbook/mod.ts";
${TERM_SIGN}
export function slowSeries(n: number, omit: string, seed: number): number {
  void x; ${SLOW_SERIES_BODY}
}
`,
    QUICK,
  );
  assert(result.status === "error", `status ${result.status}: ${problems(result)}`);
  const first = result.tests[0]?.message ?? "";
  assertIncludes(first, "cannot load", "the reason");
  assert(!/timed out/.test(first), `refused, not timed out: ${first}`);
});

// A WebAssembly "kernel" whose import is the learner's JavaScript: the kernel cases call the
// JavaScript loop, not WebAssembly. The judge reads the module's imports before anything runs.
Deno.test("a WebAssembly kernel that imports JavaScript is refused", async () => {
  const kernel = `
@external("./helper.ts", "sumJs")
declare function sumJs(lo: f64, hi: f64): f64;
export function partialSum(lo: f64, hi: f64): f64 {
  return sumJs(lo, hi);
}
`;
  const helper = `
export function sumJs(lo: number, hi: number): number {
  let t = 0;
  for (let k = lo; k <= hi; k++) if (!String(k).includes("9")) t += 1 / k;
  return t;
}
`;
  const driver = await Deno.readTextFile(`${REPO_ROOT}/solutions/08_wasm_kernel/wasm_kernel.ts`);
  const worker = await Deno.readTextFile(
    `${REPO_ROOT}/solutions/08_wasm_kernel/wasm_kernel_worker.ts`,
  );
  const result = await checkSource(8, driver, {
    ...QUICK,
    files: { "kernel.as.ts": kernel, "helper.ts": helper, "wasm_kernel_worker.ts": worker },
  });
  assert(result.status !== "pass", `a JavaScript kernel passed: ${result.summary}`);
  assertIncludes(result.summary, "may not call out to JavaScript", "the reason");
});

/**
 * A candidate for exercise 1 that remembers, in localStorage and in the Cache
 * API, that it ran before: it answers right only when it finds its own mark.
 */
const REMEMBERING = `
async function remembered(): Promise<boolean> {
  let found = false;
  try {
    if (localStorage.getItem("workbook-mark") === "1") found = true;
    localStorage.setItem("workbook-mark", "1");
  } catch { /* no storage */ }
  try {
    const cache = await caches.open("workbook-mark");
    if (await cache.match("https://mark.invalid/")) found = true;
    await cache.put("https://mark.invalid/", new Response("1"));
  } catch { /* no storage */ }
  return found;
}
${TERM_SIGN}
export async function slowSeries(n: number, omit: string, seed: number): Promise<number> {
  const found = await remembered();
  ${SLOW_SERIES_BODY.replace("return t;", "return found ? t : -1;")}
}
`;

// Storage Deno grants without a permission (localStorage, the Cache API) lived in the
// default DENO_DIR and survived from one sample to the next.
Deno.test("no storage survives between Worker samples (localStorage, caches)", async () => {
  const exercise = findExercise("1");
  assert(exercise?.check !== undefined, "exercise 1");
  const dir = await Deno.makeTempDir({ prefix: "workbook-storage-" });
  const session = () =>
    new RunnerSession({ readPaths: candidateReadPaths(exercise, { kind: "dir", path: dir }) });
  try {
    await Deno.mkdir(`${dir}/${exercise.dir}`);
    const file = `${dir}/${exercise.dir}/${exercise.files[0]}`;
    await Deno.writeTextFile(file, REMEMBERING);
    const job = {
      kind: "test" as const,
      checkUrl: repoUrl(exercise.check),
      candidate: { url: new URL(`file://${file}`).href, exportName: exercise.entry },
      input: { n: 100, omit: "9" },
    };
    const statuses: string[] = [];
    for (let i = 0; i < 2; i++) {
      const runner = session(); // a fresh runner process each time, as for every timed pair
      try {
        const outcome = await runner.run(job, 20_000);
        statuses.push(
          outcome.kind === "reply" && outcome.reply.kind === "test"
            ? outcome.reply.status
            : outcome.kind,
        );
      } finally {
        await runner.close();
      }
    }
    assert(
      statuses.length === 2 && statuses.every((s) => s === "fail"),
      `a later sample found an earlier one's mark: ${statuses}`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("no storage survives between sample processes (localStorage, caches)", async () => {
  const exercise = findExercise("6");
  assert(exercise?.check !== undefined, "exercise 6");
  const dir = await Deno.makeTempDir({ prefix: "workbook-storage-" });
  try {
    await Deno.mkdir(`${dir}/${exercise.dir}`);
    const file = `${dir}/${exercise.dir}/${exercise.files[0]}`;
    await Deno.writeTextFile(
      file,
      `${
        REMEMBERING.replace(
          "slowSeries(n: number, omit: string, seed: number)",
          "slowSeriesParallel(n: number)",
        )
          .replace("termSign(seed, k) / k", "1 / k")
          .replace(/omit/g, '"9"')
      }
export function intervals(): [number, number][] { return []; }
`,
    );
    const outputs: unknown[] = [];
    for (let i = 0; i < 2; i++) {
      const sample = await runSampleProcess({
        checkUrl: repoUrl(exercise.check),
        target: { url: new URL(`file://${file}`).href, exportName: exercise.entry },
        input: { kind: "sum", n: 100, workers: 0 },
        readPaths: candidateReadPaths(exercise, { kind: "dir", path: dir }),
        timeoutMs: 20_000,
      });
      outputs.push(sample.ok ? sample.output : sample.message);
    }
    assert(
      outputs.every((o) => o === -1),
      `a later sample found an earlier one's mark: ${outputs}`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
