/**
 * Worker mode (lib/sandbox/runner.ts + sample_worker.ts) against the attacks
 * that worked on process mode: the judge is the runner's main isolate, which
 * candidate code cannot reach, and its clock stops when the whole result
 * message has arrived there. These held before the hardening of process mode
 * too; they keep it so.
 *
 * @module
 */
import { findExercise } from "../../lib/exercise/catalogue.ts";
import { candidateReadPaths, repoUrl } from "../../lib/exercise/paths.ts";
import { RunnerSession } from "../../lib/sandbox/runner_client.ts";
import type { RunnerReply } from "../../lib/sandbox/runner.ts";
import { assert } from "../_helpers/helpers.ts";
import { TERM_SIGN } from "../_helpers/term_sign_source.ts";

/** How long each attack's "work" takes. */
const WORK_MS = 1500;

/** Runs `source` as exercise `number`'s entry in a runner's sample Worker, as one test job. */
async function runInWorker(
  number: number,
  source: string,
  input: unknown,
): Promise<{ reply: RunnerReply & { kind: "test" }; printed: string[] }> {
  const exercise = findExercise(String(number));
  assert(exercise?.check !== undefined, `exercise ${number} has a check`);
  const dir = await Deno.makeTempDir({ prefix: "workbook-attack-" });
  const printed: string[] = [];
  const runner = new RunnerSession({
    readPaths: candidateReadPaths(exercise, { kind: "dir", path: dir }),
    onOutput: (line) => printed.push(line),
  });
  try {
    await Deno.mkdir(`${dir}/${exercise.dir}`);
    const file = `${dir}/${exercise.dir}/${exercise.files[0]}`;
    await Deno.writeTextFile(file, source);
    const outcome = await runner.run({
      kind: "test",
      checkUrl: repoUrl(exercise.check),
      candidate: { url: new URL(`file://${file}`).href, exportName: exercise.entry },
      input,
    }, 30_000);
    assert(outcome.kind === "reply" && outcome.reply.kind === "test", `a reply: ${outcome.kind}`);
    return { reply: outcome.reply as RunnerReply & { kind: "test" }, printed };
  } finally {
    await runner.close();
    await Deno.remove(dir, { recursive: true });
  }
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

// Every builtin the candidate can name is patched to look for the token; with it, a result
// posted before the work would stop the runner's clock. Without it, the forged result is
// ignored and the candidate's own wrong answer is judged.
Deno.test("Worker mode: the token is never seen and a forged result is ignored", async () => {
  const { reply, printed } = await runInWorker(
    1,
    `
const seen = (v: unknown) => {
  const text = typeof v === "string" ? v : "";
  const match = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(text);
  if (match) console.log("stolen " + match[0]);
};
const stringify = JSON.stringify;
JSON.stringify = ((v: unknown, ...r: never[]) => { const s = stringify(v, ...r); seen(s); return s; }) as never;
const encode = TextEncoder.prototype.encode;
TextEncoder.prototype.encode = function (this: TextEncoder, t?: string) { seen(t); return encode.call(this, t); };
for (const name of ["slice", "indexOf", "includes", "startsWith", "split"] as const) {
  const original = String.prototype[name] as (...a: unknown[]) => unknown;
  (String.prototype as unknown as Record<string, unknown>)[name] = function (this: string, ...a: unknown[]) {
    seen(String(this)); return original.apply(this, a);
  };
}
const entries = Object.entries;
Object.entries = ((v: object) => { for (const x of Object.values(v)) seen(x); return entries(v); }) as never;
Object.defineProperty(Object.prototype, "token", {
  configurable: true,
  set(v: unknown) { seen(v); Object.defineProperty(this, "token", { value: v, enumerable: true }); },
});
const post = self.postMessage.bind(self);
(self as unknown as Record<string, unknown>).postMessage = (m: unknown, ...r: never[]) => { seen(stringify(m)); return post(m, ...r); };
${TERM_SIGN}
function rightSum(n: number, omit: string, seed: number): number {
  let t = 0; for (let k = 1; k <= n; k++) if (!String(k).includes(omit)) t += termSign(seed, k) / k; return t;
}
export function slowSeries(n: number, omit: string, seed: number): number {
  for (const token of ["", "token", "00000000-0000-0000-0000-000000000000"]) {
    post({ kind: "result", token, output: rightSum(n, omit, seed), meta: { workersStarted: 0, workersTerminated: 0 } });
  }
  const end = Date.now() + ${WORK_MS};
  while (Date.now() < end) { /* work */ }
  return -1;
}
`,
    { n: 1000, omit: "9", seed: 5 },
  );
  const stolen = printed.find((line) => UUID.test(line));
  assert(stolen === undefined, `the candidate saw the token: ${stolen}`);
  assert(reply.status !== "pass", `a forged result passed: ${reply.message}`);
  // It ran to the end: its own answer (-1) is what was judged.
  assert(/-1/.test(reply.message), `the candidate's own answer judged: ${reply.message}`);
});

// A returned object whose getters do the work: the structured clone calls them inside the
// candidate's Worker, before the message leaves it, so their time is inside the runner's clock.
Deno.test("Worker mode: work done in getters of the returned value is timed", async () => {
  const { reply } = await runInWorker(
    2,
    `
import { toCartesianBaseline } from "${
      new URL("../../checks/02_velocity/baseline.ts", import.meta.url).href
    }";
type V = { vx: Float64Array; vy: Float64Array; vz: Float64Array };
export function toCartesian(grid: unknown, out: V): V {
  let done = false;
  const work = () => {
    if (done) return;
    done = true;
    const end = Date.now() + ${WORK_MS};
    while (Date.now() < end) { /* the work */ }
    toCartesianBaseline(grid as never, out as never);
  };
  return {
    get vx() { work(); return out.vx; },
    get vy() { work(); return out.vy; },
    get vz() { work(); return out.vz; },
  } as V;
}
`,
    { nlat: 3, nlon: 4, nr: 2, noise: 0, seed: 1 },
  );
  assert(reply.status === "pass", `the lazy output is right: ${reply.message}`);
  assert(
    reply.status !== "pass" || reply.ms >= WORK_MS,
    `passed in ${reply.ms.toFixed(0)} ms although its getters work for ${WORK_MS} ms`,
  );
});
