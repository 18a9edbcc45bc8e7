/**
 * Attacks on process mode (lib/sandbox/sample_host.ts + sample_process.ts),
 * where the candidate shares the isolate and the process with the host. Each
 * attack is a small exercise 6 (or 5) candidate run as one sample, the way a
 * check runs it, and judged the way a check judges it: it must never pass
 * without having done its work inside the judge's clock, with the Workers it
 * really started.
 *
 * All of these passed before the sample host was hardened (see the report of
 * the commit that added this file).
 *
 * @module
 */
import { findExercise } from "../../lib/exercise/catalogue.ts";
import { candidateReadPaths, REPO_ROOT, repoUrl } from "../../lib/exercise/paths.ts";
import { runSampleProcess } from "../../lib/sandbox/sample_process.ts";
import { judgeOutput, type Sample } from "../../lib/check/judge_output.ts";
import type { ExerciseCheck } from "../../lib/check/types.ts";
import { assert } from "../_helpers/helpers.ts";

/** How long each attack's "work" takes: what a clock that stops too early would not see. */
const WORK_MS = 1500;
/** A sum small enough to compute in microseconds (the "work" is the sleep). */
const N = 1000;

/** Exercise 6's sum of 1/k over k ≤ n without a 9, as the candidates compute it. */
const SUM_SOURCE = `
function rightSum(n: number): number {
  let t = 0;
  for (let k = 1; k <= n; k++) if (!String(k).includes("9")) t += 1 / k;
  return t;
}
function busy(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) { /* the work */ }
}
const WORKER_SOURCE = "self.onmessage = () => {};";
function blobUrl(): string {
  return URL.createObjectURL(new Blob([WORKER_SOURCE], { type: "text/javascript" }));
}
export function intervals(): [number, number][] { return []; }
`;

interface Ran {
  sample: Sample;
  verdict: { status: string; message: string };
  printed: string[];
}

/**
 * Runs `source` as exercise `number`'s entry on `input`, once, in a sample process, with the
 * check's referee when it has one for `input` (and `others`: more files of the same folder).
 */
async function runAttack(
  number: number,
  source: string,
  input: unknown,
  others: Record<string, string> = {},
): Promise<Ran> {
  const exercise = findExercise(String(number));
  assert(exercise?.check !== undefined, `exercise ${number} has a check`);
  const dir = await Deno.makeTempDir({ prefix: "workbook-attack-" });
  try {
    await Deno.mkdir(`${dir}/${exercise.dir}`);
    const file = `${dir}/${exercise.dir}/${exercise.files[0]}`;
    await Deno.writeTextFile(file, source);
    for (const [name, text] of Object.entries(others)) {
      await Deno.writeTextFile(`${dir}/${exercise.dir}/${name}`, text);
    }
    const checkUrl = repoUrl(exercise.check);
    const check = (await import(checkUrl)).check as ExerciseCheck<unknown, unknown>;
    const referee = await check.referee?.(input) ?? null;
    const printed: string[] = [];
    const readPaths = candidateReadPaths(exercise, { kind: "dir", path: dir });
    const sample = await runSampleProcess({
      checkUrl,
      target: { url: new URL(`file://${file}`).href, exportName: exercise.entry },
      input: referee?.input ?? input,
      readPaths: [...readPaths, ...referee?.readPaths ?? []],
      timeoutMs: 20_000,
      onOutput: (line) => printed.push(line),
      ...(referee === null ? {} : { referee }),
    });
    const verdict = judgeOutput(check, sample, check.expected(input), input);
    return { sample, verdict, printed };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The attack is beaten: it does not pass, or its work is inside the time. */
function assertNotBought(ran: Ran, what: string): void {
  const { sample, verdict } = ran;
  const inTime = sample.ms >= WORK_MS;
  assert(
    verdict.status !== "pass" || inTime,
    `${what}: passed in ${sample.ms.toFixed(0)} ms although its work takes ${WORK_MS} ms`,
  );
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

// (a) Work after the clock: the entry returns a wrong 0 at once; the encoder's builtins are
// patched to do the work and put the right sum in its place while the judge has stopped timing.
Deno.test("process mode: work done while the host encodes the output is timed, or fails", async () => {
  const ran = await runAttack(
    6,
    `${SUM_SOURCE}
let n0 = 0;
const entries = Object.entries;
const stringify = JSON.stringify;
const fix = (v: unknown) => {
  if (v !== null && typeof v === "object" && "output" in v && "meta" in v) {
    busy(${WORK_MS});
    (v as Record<string, unknown>).output = rightSum(n0);
  }
};
try {
  Object.entries = ((v: object) => { fix(v); return entries(v); }) as typeof Object.entries;
  JSON.stringify = ((v: unknown, ...rest: never[]) => { fix(v); return stringify(v, ...rest); }) as typeof JSON.stringify;
} catch { /* frozen */ }
export async function slowSeriesParallel(n: number, workers: number): Promise<number> {
  n0 = n;
  for (let i = 0; i < workers; i++) new Worker(blobUrl(), { type: "module" }).terminate();
  return 0;
}
`,
    { kind: "sum", n: N, workers: 1 },
  );
  assertNotBought(ran, "work in the encoder");
});

// (b) The token: the host used to write its lines through TextEncoder.prototype.encode, so a
// patched encode learnt the token (a Deno.exit() call made the host say a line early), then
// printed a forged "done" before the work and hid the host's own.
Deno.test("process mode: the token never reaches the candidate, and a forged line stops no clock", async () => {
  const ran = await runAttack(
    6,
    `${SUM_SOURCE}
let token: string | undefined;
const encode = TextEncoder.prototype.encode;
const seen = (text: unknown) => {
  const match = typeof text === "string" ? /([0-9a-f-]{36}) /.exec(text) : null;
  if (match && token === undefined) { token = match[1]; console.log("stolen " + token); }
};
TextEncoder.prototype.encode = function (this: TextEncoder, text?: string) {
  seen(text);
  if (token !== undefined && typeof text === "string" && text.includes(token + " done") && !forging) {
    return new Uint8Array(0); // hide the host's own "done"
  }
  if (typeof text === "string" && text.includes(" failed ")) throw new Error("keep going");
  return encode.call(this, text);
};
for (const name of ["stringify"] as const) {
  const original = JSON[name];
  try { JSON[name] = ((v: unknown, ...r: never[]) => { const s = original(v, ...r); seen(s); return s; }) as never; } catch { /* frozen */ }
}
let forging = false;
export async function slowSeriesParallel(n: number, workers: number): Promise<number> {
  try { Deno.exit(0); } catch { /* the host said a line: the token may be known now */ }
  if (token !== undefined) { forging = true; console.log("\\n" + token + " done"); forging = false; }
  for (let i = 0; i < workers; i++) new Worker(blobUrl(), { type: "module" }).terminate();
  busy(${WORK_MS});
  return rightSum(n);
}
`,
    { kind: "sum", n: N, workers: 1 },
  );
  const stolen = ran.printed.find((line) => UUID.test(line));
  assert(stolen === undefined, `the candidate saw the token: ${stolen}`);
  assertNotBought(ran, "a forged done line");
});

// (c) Metadata: the Worker count was encoded with patched builtins after the candidate ran, so a
// candidate that starts no Worker wrote the count the check wanted.
Deno.test("process mode: the Worker count cannot be rewritten by the candidate", async () => {
  const ran = await runAttack(
    6,
    `${SUM_SOURCE}
const entries = Object.entries;
try {
  Object.entries = ((v: Record<string, unknown>) => {
    if (v !== null && typeof v === "object" && "workersStarted" in v) {
      return [["workersStarted", 2], ["workersTerminated", 2]];
    }
    return entries(v);
  }) as typeof Object.entries;
} catch { /* frozen */ }
export function slowSeriesParallel(n: number, _workers: number): number {
  return rightSum(n);
}
`,
    { kind: "sum", n: N, workers: 2 },
  );
  assert(ran.verdict.status !== "pass", "no Worker started, yet the count said 2");
  assert(/started 0 Workers/.test(ran.verdict.message), ran.verdict.message);
});

// Exercise 5's timing bounds are measured inside the candidate's process: a `then` getter on
// Object.prototype ran when the scenario's promise resolved with its observation, and rewrote
// the time of a Pool that runs its tasks one after another, on no Worker at all.
Deno.test("process mode: a then getter on Object.prototype cannot rewrite exercise 5's timing", async () => {
  const ran = await runAttack(
    5,
    `
try {
  Object.defineProperty(Object.prototype, "then", {
    configurable: true,
    get(this: Record<string, unknown>) {
      if (typeof this?.elapsedMs === "number" && this.elapsedMs > 390) this.elapsedMs = 310;
      return undefined;
    },
  });
} catch { /* frozen */ }
export class Pool {
  #url: string;
  constructor(size: number, url: string) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError("size must be a positive integer");
    this.#url = url;
  }
  async map(name: string, items: readonly unknown[]): Promise<unknown[]> {
    const tasks = await import(this.#url);
    const out: unknown[] = [];
    for (const item of items) out.push(await tasks[name](item));
    return out;
  }
  async close(): Promise<void> {}
}
`,
    { scenario: "rounds", seed: 1 },
  );
  assert(ran.verdict.status !== "pass", "a serial pool passed the rounds scenario");
});

// (d) Workers started around the counting wrapper: one counted Worker and one more through
// another path, for a check that wants exactly one.
for (
  const [path, start] of [
    [
      "Object.getPrototypeOf(Worker)",
      "new (Object.getPrototypeOf(Worker))(blobUrl(), { type: 'module' })",
    ],
    [
      "Worker.prototype.constructor",
      "new (Worker.prototype.constructor as typeof Worker)(blobUrl(), { type: 'module' })",
    ],
    [
      "Reflect.construct",
      "Reflect.construct(Object.getPrototypeOf(Worker) ?? Worker, [blobUrl(), { type: 'module' }])",
    ],
    [
      "node:worker_threads",
      "new (await import('node:worker_threads')).Worker(WORKER_SOURCE, { eval: true })",
    ],
  ] as const
) {
  Deno.test(`process mode: a Worker started through ${path} is counted`, async () => {
    const ran = await runAttack(
      6,
      `${SUM_SOURCE}
export async function slowSeriesParallel(n: number, workers: number): Promise<number> {
  const counted = new Worker(blobUrl(), { type: "module" });
  const hidden = ${start};
  await new Promise((resolve) => setTimeout(resolve, 100)); // the hidden one "works"
  counted.terminate();
  const started = typeof (hidden as { terminate?: unknown }).terminate === "function";
  console.log(started ? "really started 2" : "really started 1");
  if (started) (hidden as { terminate(): unknown }).terminate();
  return rightSum(n);
}
`,
      { kind: "sum", n: N, workers: 1 },
    );
    // The path either reaches no Worker constructor any more, or its Worker is counted.
    const two = ran.printed.includes("really started 2");
    assert(!(two && ran.verdict.status === "pass"), `${path}: two Workers passed for one`);
    if (two) {
      assert(/started 2 Workers/.test(ran.verdict.message), `${path}: ${ran.verdict.message}`);
    }
  });
}

// The last Worker started and ended at once, hoping to fall between two looks from outside: a
// Worker's thread lives longer than the interval between looks (starting one takes 15–20 ms).
Deno.test("process mode: a Worker started last and ended at once is counted", async () => {
  const ran = await runAttack(
    6,
    `${SUM_SOURCE}
export async function slowSeriesParallel(n: number, _workers: number): Promise<number> {
  const counted = new Worker(blobUrl(), { type: "module" });
  await new Promise((resolve) => setTimeout(resolve, 50));
  counted.terminate();
  const { Worker: NodeWorker } = await import("node:worker_threads");
  const hidden = new NodeWorker(WORKER_SOURCE, { eval: true });
  await hidden.terminate();
  return rightSum(n);
}
`,
    { kind: "sum", n: N, workers: 1 },
  );
  assert(ran.verdict.status !== "pass", "two Workers passed for one");
  assert(/started 2 Workers/.test(ran.verdict.message), ran.verdict.message);
});

// A process that ends on its own after the host's last line (a Worker calling Deno.exit) would
// leave no threads to count: it is a crash, not a pass counted from inside.
Deno.test("process mode: a process that ends before the judge counts its threads is a crash", async () => {
  const ran = await runAttack(
    6,
    `${SUM_SOURCE}
const EXIT_LATER = "setTimeout(() => Deno.exit(0), 20);";
export async function slowSeriesParallel(n: number, workers: number): Promise<number> {
  for (let i = 0; i < workers; i++) new Worker(blobUrl(), { type: "module" }).terminate();
  new Worker(URL.createObjectURL(new Blob([EXIT_LATER], { type: "text/javascript" })), { type: "module" });
  return rightSum(n);
}
`,
    { kind: "sum", n: N, workers: 2 },
  );
  assert(ran.verdict.status !== "pass", `passed: ${ran.verdict.message}`);
});

// Honest code is unharmed: the same count for a Worker started the ordinary way.
Deno.test("process mode: an honest candidate passes with its Workers counted", async () => {
  const ran = await runAttack(
    6,
    `${SUM_SOURCE}
export async function slowSeriesParallel(n: number, workers: number): Promise<number> {
  const started = Array.from({ length: workers }, () => new Worker(blobUrl(), { type: "module" }));
  await new Promise((resolve) => setTimeout(resolve, 50));
  for (const worker of started) worker.terminate();
  return rightSum(n);
}
`,
    { kind: "sum", n: N, workers: 3 },
  );
  assert(ran.verdict.status === "pass", ran.verdict.message);
  assert(ran.sample.ok && ran.sample.meta.workersStarted === 3, "three Workers counted");
});

// The check module is the harness's, but the candidate can import the same instance (its path
// follows from Deno.mainModule, which needs no permission, and the sample may read it): replacing
// `check.invoke` made exercise 5's scenarios report whatever the candidate liked, with no Pool.
Deno.test("process mode: the candidate cannot replace the check's own functions", async () => {
  const ran = await runAttack(
    5,
    `
const url = new URL("../../checks/05_worker_pool/check.ts", Deno.mainModule).href;
const { check } = await import(url);
try {
  check.invoke = () => ({ results: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], elapsedMs: 310 });
} catch { /* frozen */ }
export class Pool {
  constructor(_size: number, _url: string) {}
  async map(): Promise<unknown[]> { return []; }
  async close(): Promise<void> {}
}
`,
    { scenario: "rounds", seed: 1 },
  );
  assert(ran.verdict.status !== "pass", "a replaced check.invoke passed the rounds scenario");
});

// Exercise 5's "rounds": the sleeps run in the candidate's own Workers, whose globals are the
// candidate's. Each task reads a FIFO that the judge's referee writes 100 ms after it saw a
// Worker's thread blocked reading it (lib/check/blocking_referee.ts): none of these may pass.
// Before the referee, a shortened Atomics.wait ran 10 "100 ms" tasks one after another inside the
// bounds of 3 rounds on 4 Workers, and one Worker with Atomics.waitAsync beside 3 idle ones passed.

/** A Worker that runs a whole map: `run(tasks, name, items)` is the body that returns the results. */
function mapWorker(run: string): string {
  return `
self.onmessage = async (e) => {
  const { url, name, items } = e.data;
  const tasks = await import(url);
  const run = async (tasks, name, items) => { ${run} };
  self.postMessage(await run(tasks, name, items));
};`;
}

const ROUNDS_ATTACKS: [string, string, number][] = [
  [
    "one Worker (3 idle) whose Atomics.wait sleeps a third of the time",
    `const wait = Atomics.wait;
     Atomics.wait = (a, i, v, ms) => wait(a, i, v, (ms ?? 0) / 3.4);
     const out = [];
     for (const item of items) out.push(name === "sleepThenEcho" ? (Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, item.ms), item.value) : await tasks[name](item));
     return out;`,
    3,
  ],
  [
    "one Worker (3 idle) reading four tasks' files at once, asynchronously",
    `if (name !== "sleepThenEcho") return items.map((item) => tasks[name](item));
     const readByte = async (file) => { const f = await Deno.open(file); await f.read(new Uint8Array(1)); f.close(); };
     const out = [];
     for (let i = 0; i < items.length; i += 4) {
       const round = items.slice(i, i + 4);
       await Promise.all(round.map((item) => item.file ? readByte(item.file) : null));
       out.push(...round.map((item) => item.value));
     }
     return out;`,
    3,
  ],
  [
    "one Worker (3 idle) waiting with Atomics.waitAsync, 4 tasks at once",
    `if (name !== "sleepThenEcho") return items.map((item) => tasks[name](item));
     const out = [];
     for (let i = 0; i < items.length; i += 4) {
       const round = items.slice(i, i + 4);
       await Promise.all(round.map((item) => Atomics.waitAsync(new Int32Array(new SharedArrayBuffer(4)), 0, 0, item.ms).value));
       out.push(...round.map((item) => item.value));
     }
     return out;`,
    3,
  ],
  [
    "one Worker (3 idle) that blocks on one task's file and reads the other three asynchronously",
    `if (name !== "sleepThenEcho") return items.map((item) => tasks[name](item));
     const out = [];
     for (let i = 0; i < items.length; i += 4) {
       const [first, ...rest] = items.slice(i, i + 4);
       const readByte = async (file) => { const f = await Deno.open(file); await f.read(new Uint8Array(1)); f.close(); };
       const others = Promise.all(rest.map((item) => item.file ? readByte(item.file) : null));
       if (first.file) { const f = Deno.openSync(first.file); f.readSync(new Uint8Array(1)); f.close(); }
       await others;
       out.push(first.value, ...rest.map((item) => item.value));
     }
     return out;`,
    3,
  ],
  [
    "one Worker (3 idle) that writes the tasks' files itself",
    `if (name !== "sleepThenEcho") return items.map((item) => tasks[name](item));
     for (const item of items) if (item.file) { try { Deno.writeFileSync(item.file, new Uint8Array(1)); } catch { /* denied */ } }
     await new Promise((resolve) => setTimeout(resolve, 310));
     return items.map((item) => item.value);`,
    3,
  ],
];

for (const [what, run, idle] of ROUNDS_ATTACKS) {
  Deno.test(`process mode: exercise 5, ${what}, does not pass 3 rounds`, async () => {
    const ran = await runAttack(5, oneWorkerPool(mapWorker(run), idle), {
      scenario: "rounds",
      seed: 1,
    });
    assert(ran.verdict.status !== "pass", `${what}: passed 3 rounds`);
    assert(/did not block a Worker/.test(ran.verdict.message), ran.verdict.message);
  });
}

/**
 * A Pool that hands every map to one Worker running `workerSource`, and starts
 * `idle` more that do nothing (so that the Worker count looks right).
 */
function oneWorkerPool(workerSource: string, idle = 0): string {
  return `
const SOURCE = ${JSON.stringify(workerSource)};
export class Pool {
  #url: string;
  #worker: Worker | undefined;
  #idle: Worker[] = [];
  constructor(size: number, url: string) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError("size must be a positive integer");
    this.#url = url;
    for (let i = 0; i < ${idle}; i++) {
      this.#idle.push(new Worker(URL.createObjectURL(new Blob(["self.onmessage = () => {};"], { type: "text/javascript" })), { type: "module" }));
    }
  }
  map(name: string, items: readonly unknown[]): Promise<unknown[]> {
    this.#worker ??= new Worker(URL.createObjectURL(new Blob([SOURCE], { type: "text/javascript" })), { type: "module" });
    const worker = this.#worker;
    return new Promise((resolve) => {
      worker.onmessage = (e) => resolve(e.data);
      worker.postMessage({ url: this.#url, name, items });
    });
  }
  async close(): Promise<void> {
    this.#worker?.terminate();
    for (const worker of this.#idle.splice(0)) worker.terminate();
  }
}
`;
}

// No Worker at all: the pool knows the test's tasks, and on the main thread either sleeps 310 ms
// and returns each item's value without calling the task, or reads each file itself (blocking
// the main thread, which is not a Worker's).
for (
  const [what, body] of [
    ["sleeps 310 ms on the main thread instead of running the tasks", ""],
    [
      "reads the tasks' files on the main thread",
      "for (const item of items as { file?: string }[]) if (item.file) { const f = Deno.openSync(item.file); f.readSync(new Uint8Array(1)); f.close(); }",
    ],
  ] as const
) {
  Deno.test(`process mode: exercise 5, a pool that ${what} does not pass 3 rounds`, async () => {
    const ran = await runAttack(
      5,
      `
export class Pool {
  #url: string;
  constructor(size: number, url: string) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError("size must be a positive integer");
    this.#url = url;
  }
  async map(name: string, items: readonly unknown[]): Promise<unknown[]> {
    if (name !== "sleepThenEcho") {
      const tasks = await import(this.#url);
      return items.map((item) => tasks[name](item));
    }
    ${body}
    await new Promise((resolve) => setTimeout(resolve, 310));
    return items.map((item) => (item as { value: number }).value);
  }
  async close(): Promise<void> {}
}
`,
      { scenario: "rounds", seed: 1 },
    );
    assert(ran.verdict.status !== "pass", `a pool that ${what} passed 3 rounds`);
  });
}

// Concurrency inside one thread, without Workers to match: caught by the Worker count (taken from
// outside the process: 3 rounds need 4 Workers).
Deno.test("process mode: one Worker reading 4 tasks' files asynchronously does not pass 3 rounds", async () => {
  const ran = await runAttack(
    5,
    oneWorkerPool(mapWorker(ROUNDS_ATTACKS[1]![1])),
    { scenario: "rounds", seed: 1 },
  );
  assert(ran.verdict.status !== "pass", "one Worker with async reads passed 3 rounds");
  assert(/did not block a Worker|started 1 Worker:/.test(ran.verdict.message), ran.verdict.message);
});

// The honest pool passes the same harness: the attacks fail for what they do, not for the harness.
Deno.test("process mode: exercise 5's reference passes 3 rounds under the referee", async () => {
  const source = await Deno.readTextFile(`${REPO_ROOT}/solutions/05_worker_pool/worker_pool.ts`);
  const worker = await Deno.readTextFile(`${REPO_ROOT}/solutions/05_worker_pool/pool_worker.ts`);
  const ran = await runAttack(5, source, { scenario: "rounds", seed: 1 }, {
    "pool_worker.ts": worker,
  });
  assert(ran.verdict.status === "pass", ran.verdict.message);
});

// The host waits to be killed whatever the outcome: a throw or a module that does not load is
// reported with its own code and sentence, not as a process that ended early.
Deno.test("process mode: a throw and a load error keep their own reasons", async () => {
  const threw = await runAttack(
    6,
    `export function slowSeriesParallel(): number { throw new Error("Not implemented: here"); }\n`,
    { kind: "sum", n: N, workers: 1 },
  );
  assert(
    threw.sample.ok === false && threw.sample.code === "not-implemented",
    threw.verdict.message,
  );
  const broken = await runAttack(6, `export const x = ;\n`, { kind: "sum", n: N, workers: 1 });
  assert(broken.sample.ok === false && broken.sample.code === "load-error", broken.verdict.message);
  assert(broken.verdict.message.startsWith("cannot load: "), broken.verdict.message);
});
