/**
 * Exercise 6's hidden check: `intervals(n, parts)` by the course's rule, and
 * `slowSeriesParallel(n, workers)`, whose baseline is the learner's own code on
 * one Worker.
 *
 * That baseline is the learner's to slow down: code that runs slowly on purpose
 * when given one Worker would inflate its own speed-up. So the one-Worker run is
 * also held to a fixed serial reference (exercise 1's integer digit test, timed
 * between the pairs): more than FLOOR_MARGIN × slower, and the speed part fails
 * with its own reason (`lib/check/speed/floor.ts`).
 *
 * @module
 */
import { finiteNumber } from "../../lib/check/kit.ts";
import type { ExerciseCheck, TestCase } from "../../lib/check/types.ts";
import { describeValue } from "../../lib/check/describe.ts";
import { knownSums } from "../../data/known_sums.ts";
import { RELATIVE_TOLERANCE } from "../01_slow_series/check.ts";
// The floor's reference is also the oracle (the same terms, added in the same
// order as exercise 1's string baseline): importing it keeps it in the grading
// sandbox, which follows the check's imports.
import { serialSum } from "./serial_reference.ts";

export type SplitSeriesInput =
  | { kind: "intervals"; n: number; parts: number }
  | { kind: "sum"; n: number; workers: number };

/** Intervals, or a sum. */
export type SplitSeriesOutput = [number, number][] | number;

const RANDOM_INTERVALS = 10;
const RANDOM_SUMS = 6;
/**
 * Benchmark n, 4.5·10^7 to 7.5·10^7: the reference takes about 0.35 s on one
 * Worker here (363 ms median of a check's pairs, 335 ms for the serial
 * reference; load 1.2). At 2·10^7 each Worker's share was too close to what
 * starting a Worker and loading the module cost, and the reference's median
 * fell to 1.29×.
 */
export const BENCHMARK_N = { min: 45_000_000, max: 75_000_000 } as const;

/**
 * How much slower than the serial reference the learner's one-Worker run may
 * be. The reference's own one-Worker run pays a Worker's start and a module
 * load (20–40 ms on about 0.35 s: up to a tenth); 1.5 leaves room for an
 * integer digit test written differently and for noise between samples, and
 * still catches the sum computed twice (2×). The string test (about 3× slower)
 * fails it: the README asks for exercise 1's integer test.
 */
export const FLOOR_MARGIN = 1.5;

/** The course's rule, the oracle for `intervals`. */
export function expectedIntervals(n: number, parts: number): [number, number][] {
  const size = Math.floor(n / parts);
  const result: [number, number][] = [];
  for (let i = 0; i < parts - 1; i++) result.push([i * size + 1, (i + 1) * size]);
  result.push([(parts - 1) * size + 1, n]);
  return result;
}

function describeInput(input: SplitSeriesInput): string {
  return input.kind === "intervals"
    ? `intervals(${input.n}, ${input.parts})`
    : `slowSeriesParallel(${input.n}, ${input.workers})`;
}

export const check: ExerciseCheck<SplitSeriesInput, SplitSeriesOutput> = {
  cases(rng) {
    const cases: TestCase<SplitSeriesInput, SplitSeriesOutput>[] = [];
    const intervalCases: [string, number, number][] = [
      ["intervals: the course's split of 10^8 on 4", 100_000_000, 4],
      ["intervals: one part is the whole range", 17, 1],
      ["intervals: the last absorbs the remainder", 10, 3],
      ["intervals: parts > n leaves empty intervals", 3, 5],
      ["intervals: n = 0", 0, 4],
    ];
    for (const [name, n, parts] of intervalCases) {
      cases.push({ name, input: { kind: "intervals", n, parts }, exportName: "intervals" });
    }
    for (let i = 1; i <= RANDOM_INTERVALS; i++) {
      const n = rng.pick([rng.int(0, 100), rng.int(0, 1e6), rng.int(0, 1e9)]);
      const parts = rng.int(1, 64);
      cases.push({
        name: `intervals: random ${i}: n = ${n}, ${parts} parts`,
        input: { kind: "intervals", n, parts },
        exportName: "intervals",
      });
    }
    const nine = knownSums().find((s) => s.omit === "9" && s.n === 1_000_000);
    if (nine !== undefined) {
      cases.push({
        name: "Question 2: n = 10^6 on 2 Workers (known sum)",
        input: { kind: "sum", n: nine.n, workers: 2 },
        expected: nine.sum,
      });
    }
    cases.push(
      { name: "n = 0 on 2 Workers", input: { kind: "sum", n: 0, workers: 2 } },
      { name: "n = 1 on 1 Worker", input: { kind: "sum", n: 1, workers: 1 } },
      { name: "more Workers than terms: n = 3 on 5", input: { kind: "sum", n: 3, workers: 5 } },
    );
    for (let i = 1; i <= RANDOM_SUMS; i++) {
      const input = { kind: "sum" as const, n: rng.int(2, 1_000_000), workers: rng.int(1, 8) };
      cases.push({
        name: `Question 3: random ${i}: n = ${input.n} on ${input.workers} Workers`,
        input,
      });
    }
    return cases;
  },
  expected(input) {
    return input.kind === "intervals"
      ? expectedIntervals(input.n, input.parts)
      : serialSum(input.n);
  },
  prepare: (input) =>
    input.kind === "intervals" ? [input.n, input.parts] : [input.n, input.workers],
  outputOf: (returned) => returned,
  transferables: () => [],
  validate(value, input) {
    if (input.kind === "intervals") {
      if (!Array.isArray(value)) {
        return `returned ${describeValue(value)}; expected an array of [lo, hi] pairs`;
      }
      const bad = value.findIndex((pair) =>
        !Array.isArray(pair) || pair.length !== 2 || !pair.every((x) => Number.isSafeInteger(x))
      );
      if (bad >= 0) {
        return `element ${bad} is ${JSON.stringify(value[bad])}; expected [lo, hi], two integers`;
      }
      return null;
    }
    return finiteNumber(value, "resolved to");
  },
  checkWorkers(input, meta) {
    if (input.kind === "intervals") return null;
    if (meta.workersStarted !== input.workers) {
      return `started ${meta.workersStarted} Workers; expected exactly ${input.workers}`;
    }
    if (meta.workersTerminated < meta.workersStarted) {
      return `left ${
        meta.workersStarted - meta.workersTerminated
      } Workers running (terminate them)`;
    }
    return null;
  },
  compare(expected, actual, input) {
    if (input.kind === "intervals") {
      const want = expected as [number, number][];
      const got = actual as [number, number][];
      if (got.length !== want.length) {
        return `${describeInput(input)} gave ${got.length} intervals; expected ${want.length}`;
      }
      const first = want.findIndex((w, i) => w[0] !== got[i]?.[0] || w[1] !== got[i]?.[1]);
      if (first < 0) return null;
      return `${describeInput(input)}: interval ${first} is ${
        JSON.stringify(got[first])
      }; expected ${
        JSON.stringify(want[first])
      } (size floor(n / parts), the last absorbs the remainder)`;
    }
    const e = expected as number;
    const a = actual as number;
    const error = Math.abs(a - e);
    if (error <= RELATIVE_TOLERANCE * Math.max(Math.abs(e), 1e-300)) return null;
    return `${describeInput(input)}: expected ${e}, got ${a} (off by ${
      error.toExponential(2)
    }; tolerance ${RELATIVE_TOLERANCE} relative)`;
  },
  describe: describeInput,
  benchmark: {
    pairs: 7,
    sizes: { default: { label: "n ≈ 6·10^7, 2 Workers against 1" } },
    input: (rng) => ({ kind: "sum", n: rng.int(BENCHMARK_N.min, BENCHMARK_N.max), workers: 2 }),
    baselineInput: (input) => input.kind === "sum" ? { ...input, workers: 1 } : input,
    withThreads: (input, threads) => input.kind === "sum" ? { ...input, workers: threads } : input,
    // `bench 6 --n`: the sum to another n ("halve n"); every Worker count sums the same n.
    withN(input, n) {
      if (!Number.isSafeInteger(n) || n < 1) {
        throw new RangeError("give a whole n of 1 or more (a safe integer)");
      }
      return input.kind === "sum" ? { ...input, n } : input;
    },
    // One digit test per k: `factor` times the terms.
    scaled: (input, factor) =>
      input.kind === "sum" ? { ...input, n: Math.max(1, Math.round(input.n * factor)) } : input,
    floor: {
      module: "checks/06_split_series/serial_reference.ts",
      exportName: "serialSum",
      label: "exercise 1's integer digit test",
      margin: FLOOR_MARGIN,
    },
  },
  timeoutMs: 15_000,
};
