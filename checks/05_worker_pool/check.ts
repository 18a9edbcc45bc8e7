/**
 * Exercise 5's hidden check. A Pool is a class with behaviour, not a function
 * from input to output, so each hidden test is a scenario: `invoke` drives the
 * learner's Pool inside the sample Worker and returns what it observed, and
 * `validate` judges the observation (order, errors, timing bounds, and no Worker
 * left running, from the harness's own count). The rounds test has a referee in
 * the judge's process (`referee`): it sees from outside which Worker thread
 * blocks on each task, and ends each task itself.
 *
 * @module
 */
import type { ExerciseCheck, TestCase } from "../../lib/check/types.ts";
import { describeThrown } from "../../lib/check/describe.ts";
import { type BlockingFiles, blockingReferee } from "../../lib/check/blocking_referee.ts";

export type Scenario =
  | "order"
  | "rounds"
  | "tiny"
  | "more-workers"
  | "empty"
  | "error"
  | "close"
  | "bad-size";

export interface PoolInput extends Partial<BlockingFiles> {
  scenario: Scenario;
  seed: number;
}

/** What a scenario saw. */
export interface Observation {
  results?: unknown;
  /** The message a rejected `map` (or a throwing constructor) gave. */
  rejected?: string;
  /** Results of a map run after the rejection. */
  after?: unknown;
  /** Milliseconds of the timed part of the scenario. */
  elapsedMs?: number;
  closedTwice?: boolean;
}

/** Captured before the candidate loads: the clock the timing bounds use. */
const now = performance.now.bind(performance);
const TASKS_URL = new URL("./pool_tasks.ts", import.meta.url).href;

/** 10 tasks of 100 ms on 4 Workers: 3 rounds. */
const ROUND_MS = 100;
const ROUND_TASKS = 10;
const ROUND_WORKERS = 4;
/** Three rounds, plus messages and scheduling on a busy machine; 4 rounds (400 ms) fails. */
const ROUNDS_MAX_MS = 3 * ROUND_MS + 90;
/** 1e5 tiny tasks: unchunked, one message each, takes several seconds. */
const TINY_COUNT = 100_000;
const TINY_MAX_MS = 1500;

const SCENARIOS: [Scenario, string][] = [
  ["order", "results come back in input order, whatever each task's duration"],
  ["rounds", "10 sleeps of 100 ms on 4 Workers take 3 rounds"],
  ["tiny", "10^5 tiny tasks finish quickly (chunking)"],
  ["more-workers", "more Workers than items"],
  ["empty", "no items resolves to []"],
  ["error", "a failing task rejects with its index and message; the pool still works"],
  ["close", "close() is idempotent and a later map rejects"],
  ["bad-size", "a size that is not a positive integer is refused"],
];

type PoolClass = new (size: number, moduleUrl: string) => {
  map(
    exportName: string,
    items: readonly unknown[],
    options?: { chunkSize?: number },
  ): Promise<unknown[]>;
  close(): Promise<void>;
};

/** Random task durations from the scenario's seed (0–20 ms). */
function durations(seed: number, count: number): number[] {
  let state = seed >>> 0 || 1;
  const result: number[] = [];
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    result.push(state % 21);
  }
  return result;
}

async function rejection(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (thrown) {
    return describeThrown(thrown);
  }
}

async function runScenario(Pool: PoolClass, input: PoolInput): Promise<Observation> {
  if (input.scenario === "bad-size") {
    try {
      new Pool(0, TASKS_URL);
      return {};
    } catch (thrown) {
      return { rejected: describeThrown(thrown) };
    }
  }
  const size = input.scenario === "rounds"
    ? ROUND_WORKERS
    : input.scenario === "more-workers"
    ? 8
    : 3;
  const pool = new Pool(size, TASKS_URL);
  try {
    switch (input.scenario) {
      case "order": {
        const items = durations(input.seed, 24).map((ms, value) => ({ ms, value }));
        return { results: await pool.map("sleepThenEcho", items) };
      }
      case "rounds": {
        await pool.map("square", [1, 2, 3, 4, 5, 6, 7, 8]); // starts the Workers: not timed
        // Each task blocks reading its file until the judge's referee writes it, ROUND_MS after
        // it saw a Worker's thread blocked there (lib/check/blocking_referee.ts). Off Linux
        // (no referee, no files) the tasks sleep on their own.
        const items = Array.from(
          { length: ROUND_TASKS },
          (_, value) => ({
            ms: ROUND_MS,
            value,
            ...(input.files ? { file: input.files[value] } : {}),
          }),
        );
        const start = now();
        const results = await pool.map("sleepThenEcho", items);
        const elapsedMs = now() - start;
        return { results, elapsedMs };
      }
      case "tiny": {
        await pool.map("square", [1, 2, 3]);
        const items = Array.from({ length: TINY_COUNT }, (_, i) => i);
        const start = now();
        const results = await pool.map("square", items);
        const elapsedMs = now() - start;
        // Send back a digest, not 10^5 numbers.
        const wrong = Array.isArray(results) ? results.findIndex((r, i) => r !== i * i) : -2;
        return {
          results: { length: Array.isArray(results) ? results.length : -1, wrong },
          elapsedMs,
        };
      }
      case "more-workers":
        return { results: await pool.map("square", [1, 2, 3]) };
      case "empty": {
        const start = now();
        const results = await pool.map("square", []);
        return { results, elapsedMs: now() - start };
      }
      case "error": {
        const items = Array.from({ length: 10 }, (_, value) => ({ value, bad: 6 }));
        const rejected = await rejection(pool.map("failOn", items));
        return {
          ...(rejected === undefined ? {} : { rejected }),
          after: await pool.map("square", [1, 2, 3]),
        };
      }
      case "close": {
        const results = await pool.map("square", [1, 2]);
        await pool.close();
        await pool.close();
        const rejected = await rejection(pool.map("square", [3]));
        return { results, closedTwice: true, ...(rejected === undefined ? {} : { rejected }) };
      }
    }
  } finally {
    await pool.close();
  }
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export const check: ExerciseCheck<PoolInput, Observation> = {
  cases(rng) {
    return SCENARIOS.map(([scenario, name]): TestCase<PoolInput, Observation> => ({
      name,
      input: { scenario, seed: rng.int(1, 1e9) },
    }));
  },
  expected: () => ({}),
  prepare: () => [],
  invoke: (entry, _args, input) => runScenario(entry as unknown as PoolClass, input),
  outputOf: (returned) => returned,
  transferables: () => [],
  checkWorkers(input, meta) {
    const { workersStarted: started, workersTerminated: ended } = meta;
    if (ended < started) {
      return `left ${
        started - ended
      } of ${started} Workers running after close() (the process would not exit)`;
    }
    const limit = input.scenario === "rounds"
      ? ROUND_WORKERS
      : input.scenario === "more-workers"
      ? 8
      : 3;
    if (started > limit) return `started ${started} Workers for a pool of ${limit}`;
    // Ten blocking tasks end in 3 rounds only on 4 Worker threads blocked at once (the referee
    // counts only Workers' threads): fewer Workers, counted from outside the process, cannot have
    // done it.
    if (input.scenario === "rounds" && started < ROUND_WORKERS) {
      return `started ${started} Worker${
        started === 1 ? "" : "s"
      }: 10 sleeping tasks in 3 rounds need all ${ROUND_WORKERS} of the pool's, each blocked on one task`;
    }
    return null;
  },
  validate(value, input) {
    const seen = value as Observation;
    switch (input.scenario) {
      case "order": {
        const want = durations(input.seed, 24).map((_, i) => i);
        return same(seen.results, want)
          ? null
          : `map returned ${shown(seen.results)}; expected ${shown(want)}`;
      }
      case "rounds": {
        const want = Array.from({ length: ROUND_TASKS }, (_, i) => i);
        if (!same(seen.results, want)) {
          return `map returned ${shown(seen.results)}; expected ${shown(want)}`;
        }
        const ms = seen.elapsedMs ?? 0;
        if (ms < 3 * ROUND_MS - 5) {
          return `took ${
            ms.toFixed(0)
          } ms: faster than 3 rounds of ${ROUND_MS} ms is impossible with ${ROUND_WORKERS} Workers`;
        }
        if (ms > ROUNDS_MAX_MS) {
          return `took ${
            ms.toFixed(0)
          } ms for 10 tasks of ${ROUND_MS} ms on ${ROUND_WORKERS} Workers; 3 rounds take about ${
            3 * ROUND_MS
          } (limit ${ROUNDS_MAX_MS} ms): are all Workers busy at once?`;
        }
        return null;
      }
      case "tiny": {
        const digest = seen.results as { length: number; wrong: number };
        if (digest.length !== TINY_COUNT) {
          return `map returned ${digest.length} results; expected ${TINY_COUNT}`;
        }
        if (digest.wrong !== -1) return `result ${digest.wrong} is wrong (expected its square)`;
        const ms = seen.elapsedMs ?? 0;
        return ms <= TINY_MAX_MS
          ? null
          : `took ${
            ms.toFixed(0)
          } ms for ${TINY_COUNT} tiny tasks (limit ${TINY_MAX_MS} ms): send them in chunks`;
      }
      case "more-workers":
        return same(seen.results, [1, 4, 9])
          ? null
          : `map returned ${shown(seen.results)}; expected [1,4,9]`;
      case "empty":
        return same(seen.results, []) ? null : `map returned ${shown(seen.results)}; expected []`;
      case "error": {
        const message = seen.rejected;
        if (message === undefined) {
          return "map resolved although task 6 threw; expected it to reject";
        }
        if (!/task\D{0,3}6\b/i.test(message) || !message.includes("bad item 6")) {
          return `map rejected with "${message}"; expected the task's index ("task 6") and its message ("bad item 6")`;
        }
        return same(seen.after, [1, 4, 9])
          ? null
          : `after the failure, map returned ${
            shown(seen.after)
          }; expected [1,4,9] (the pool must stay usable)`;
      }
      case "close": {
        if (!same(seen.results, [1, 4])) {
          return `map returned ${shown(seen.results)}; expected [1,4]`;
        }
        if (seen.rejected === undefined) return "map after close() resolved; expected it to reject";
        if (!/closed/i.test(seen.rejected)) {
          return `map after close() rejected with "${seen.rejected}"; expected it to say the pool is closed`;
        }
        return null;
      }
      case "bad-size":
        if (seen.rejected === undefined) {
          return "new Pool(0, …) was accepted; expected a RangeError";
        }
        return /RangeError/.test(seen.rejected)
          ? null
          : `new Pool(0, …) threw ${seen.rejected}; expected a RangeError`;
    }
  },
  compare: () => null,
  referee: (input) =>
    input.scenario === "rounds"
      ? blockingReferee(input, ROUND_TASKS, ROUND_MS)
      : Promise.resolve(null),
  describe: (input) => `scenario ${input.scenario}`,
  benchmark: {
    pairs: 1,
    sizes: { default: { label: "none: the timing bounds are part of the tests" } },
    input: (rng) => ({ scenario: "order", seed: rng.int(1, 1e9) }),
  },
  timeoutMs: 15_000,
};
