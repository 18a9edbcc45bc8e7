/**
 * The benchmark inputs of the serial exercises (1, 2, 4, 9): drawn from wide
 * ranges, not a narrow window, and `benchmark.scaled` gives a valid input of
 * the same kind with `factor` times the baseline's work, counted in terms or
 * grid cells (never timed). Small sizes only: exercise 2's default grid is
 * ~700 MB of fields and outputs.
 *
 * @module
 */
import { check as slowSeriesCheck } from "../../checks/01_slow_series/check.ts";
import * as slowSeries from "../../checks/01_slow_series/check.ts";
import { slowSeriesBaseline } from "../../checks/01_slow_series/baseline.ts";
import { check as velocityCheck } from "../../checks/02_velocity/check.ts";
import * as velocity from "../../checks/02_velocity/check.ts";
import { toCartesianBaseline } from "../../checks/02_velocity/baseline.ts";
import { check as bottleneckCheck } from "../../checks/04_bottleneck/check.ts";
import * as bottleneck from "../../checks/04_bottleneck/check.ts";
import { pipelineBaseline } from "../../checks/04_bottleneck/baseline.ts";
import { check as fastCheck } from "../../checks/09_beyond_brute_force/check.ts";
import * as fast from "../../checks/09_beyond_brute_force/check.ts";
import { slowSeries as slowSeriesReference } from "../../solutions/01_slow_series/slow_series.ts";
import { toCartesian } from "../../solutions/02_velocity/velocity.ts";
import { pipeline } from "../../solutions/04_bottleneck/bottleneck.ts";
import { slowSeriesFast } from "../../solutions/09_beyond_brute_force/beyond_brute_force.ts";
import { createVelocity, makeGrid } from "../../exercises/02_velocity/grid.ts";
import { buildFile } from "../../lib/exercise/build.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { createRng } from "../../lib/exercise/rng.ts";
import type { BenchmarkPlan } from "../../lib/check/types.ts";
import { assert, assertEquals } from "../_helpers/helpers.ts";

interface SlowSeriesInput {
  n: number;
  omit: string;
  seed: number;
}
interface FastInput {
  n: number;
  digit: number;
  seed: number;
}

/** Every timed sum is signed, by a seed no two draws share (no table holds those). */
function assertSeeds(inputs: { seed: number }[]) {
  const seeds = inputs.map((i) => i.seed);
  assert(
    seeds.every((s) => Number.isInteger(s) && s >= 1 && s <= 0xffff_ffff),
    "seeds 1 to 2^32 − 1",
  );
  assert(new Set(seeds).size >= 0.99 * seeds.length, `distinct seeds: ${new Set(seeds).size}`);
}
interface VelocityInput {
  nlat: number;
  nlon: number;
  nr: number;
  noise: number;
  seed: number;
}

const FACTORS = [2, 3, 4];
const DRAWS = 2_000;

/** `plan.scaled`, which every serial check must define. */
function scaledOf<I>(plan: BenchmarkPlan<I>): (input: I, factor: number) => I {
  const scaled = plan.scaled;
  assert(scaled !== undefined, "benchmark.scaled is defined");
  return scaled;
}

/** `DRAWS` benchmark inputs from a fixed seed. */
function draws<I>(plan: BenchmarkPlan<I>): I[] {
  const rng = createRng(7);
  return Array.from({ length: DRAWS }, () => plan.input(rng, "default"));
}

/** Runs `body` with `String(…)` counted: the string test calls it once per term. */
function countingStringCalls(body: () => void): number {
  const original = globalThis.String;
  let calls = 0;
  globalThis.String = new Proxy(original, {
    apply(target, self, args) {
      calls++;
      return Reflect.apply(target, self, args);
    },
  });
  try {
    body();
  } finally {
    globalThis.String = original;
  }
  return calls;
}

/** Runs `body` with `Number.prototype.toString` counted (the pipeline's stage 2). */
function countingToString(body: () => void): number {
  const original = Number.prototype.toString;
  let calls = 0;
  Number.prototype.toString = function (this: number, radix?: number) {
    calls++;
    return original.call(this, radix);
  };
  try {
    body();
  } finally {
    Number.prototype.toString = original;
  }
  return calls;
}

/** Runs `body` with `Math.sin` counted: the naive loop calls it twice per grid cell. */
function countingSin(body: () => void): number {
  const original = Math.sin;
  let calls = 0;
  Math.sin = (x: number) => {
    calls++;
    return original(x);
  };
  try {
    body();
  } finally {
    Math.sin = original;
  }
  return calls;
}

/** Asserts that `values` spread over at least `share` of [low, high]. */
function assertSpread(values: number[], low: number, high: number, share: number, what: string) {
  const min = Math.min(...values);
  const max = Math.max(...values);
  assert(min >= low && max <= high, `${what} in [${low}, ${high}]: ${min}–${max}`);
  assert(max - min >= share * (high - low), `${what} spread over the range: ${min}–${max}`);
}

Deno.test("exercise 1: n over [5·10^6, 1.5·10^7], every digit, a seed each; scaled n, same digit and seed", () => {
  const inputs = draws(slowSeriesCheck.benchmark) as SlowSeriesInput[];
  assertSpread(
    inputs.map((i) => i.n),
    slowSeries.BENCHMARK_N_MIN,
    slowSeries.BENCHMARK_N_MAX,
    0.95,
    "n",
  );
  assertEquals(new Set(inputs.map((i) => i.omit)).size, 10, "digits drawn");
  assertSeeds(inputs);
  const scaled = scaledOf(slowSeriesCheck.benchmark as BenchmarkPlan<SlowSeriesInput>);
  for (const input of inputs.slice(0, 50)) {
    for (const factor of FACTORS) {
      const bigger = scaled(input, factor);
      assert(Number.isSafeInteger(bigger.n), `n is a safe integer: ${bigger.n}`);
      assertEquals(bigger.omit, input.omit, "the same digit");
      assertEquals(bigger.seed, input.seed, "the same seed");
      assert(Math.abs(bigger.n / input.n - factor) < 1e-6, `n × ${factor}`);
    }
  }
});

Deno.test("exercise 1: a scaled input is a valid input with factor times the string tests", () => {
  const scaled = scaledOf(slowSeriesCheck.benchmark as BenchmarkPlan<SlowSeriesInput>);
  const small = { n: 2_000, omit: "3", seed: 4242 };
  const base = countingStringCalls(() => slowSeriesBaseline(small.n, small.omit, small.seed));
  for (const factor of FACTORS) {
    const bigger = scaled(small, factor);
    const expected = slowSeriesCheck.expected(bigger);
    const actual = slowSeriesReference(bigger.n, bigger.omit, bigger.seed);
    assertEquals(slowSeriesCheck.validate(actual, bigger), null, "valid output");
    assertEquals(slowSeriesCheck.compare(expected, actual, bigger), null, "the reference agrees");
    const terms = countingStringCalls(() => slowSeriesBaseline(bigger.n, bigger.omit, bigger.seed));
    assertEquals(terms, factor * base, `terms at × ${factor}`);
  }
});

Deno.test("exercise 4: n over [1.25·10^6, 3.25·10^6], every digit, a seed each; scaled n, same digit", () => {
  const inputs = draws(bottleneckCheck.benchmark) as SlowSeriesInput[];
  assertSpread(
    inputs.map((i) => i.n),
    bottleneck.BENCHMARK_N_MIN,
    bottleneck.BENCHMARK_N_MAX,
    0.95,
    "n",
  );
  assertEquals(new Set(inputs.map((i) => i.omit)).size, 10, "digits drawn");
  assertSeeds(inputs);
  const scaled = scaledOf(bottleneckCheck.benchmark as BenchmarkPlan<SlowSeriesInput>);
  const small = { n: 3_000, omit: "0", seed: 99 };
  const base = countingToString(() => pipelineBaseline(small.n, small.omit, small.seed));
  assertEquals(base, small.n, "the pipeline converts every integer once");
  for (const factor of FACTORS) {
    const bigger = scaled(small, factor);
    const expected = bottleneckCheck.expected(bigger);
    const actual = pipeline(bigger.n, bigger.omit, bigger.seed);
    assertEquals(bottleneckCheck.validate(actual, bigger), null, "valid output");
    assertEquals(bottleneckCheck.compare(expected, actual, bigger), null, "the reference agrees");
    const terms = countingToString(() => pipelineBaseline(bigger.n, bigger.omit, bigger.seed));
    assertEquals(terms, factor * base, `conversions at × ${factor}`);
  }
});

Deno.test("exercise 9: n over [5·10^7, 1.5·10^8] and every digit 1–9; scaled n, same digit", () => {
  const inputs = draws(fastCheck.benchmark) as FastInput[];
  assertSpread(inputs.map((i) => i.n), fast.BENCHMARK_N_MIN, fast.BENCHMARK_N_MAX, 0.95, "n");
  assertEquals(
    [...new Set(inputs.map((i) => i.digit))].sort(),
    [1, 2, 3, 4, 5, 6, 7, 8, 9],
    "digits drawn",
  );
  assertSeeds(inputs);
  const scaled = scaledOf(fastCheck.benchmark as BenchmarkPlan<FastInput>);
  for (const input of inputs.slice(0, 50)) {
    const bigger = scaled(input, 4);
    assertEquals(bigger.digit, input.digit, "the same digit");
    assertEquals(bigger.seed, input.seed, "the same seed");
    assert(bigger.n === Math.round(input.n * 4), `n × 4: ${bigger.n}`);
    assert(bigger.n < 2 ** 31 - 1, "within the kernel's 32-bit counter");
  }
});

Deno.test("exercise 9: a scaled input is valid, for the kernel too, with factor times the terms", async () => {
  const built = await buildFile(`${REPO_ROOT}/checks/09_beyond_brute_force/digit_kernel.as.ts`);
  assert(built.ok, built.ok ? "" : built.message);
  const { kernelSum } = await import("../../checks/09_beyond_brute_force/baseline.ts");
  const scaled = scaledOf(fastCheck.benchmark as BenchmarkPlan<FastInput>);
  for (const digit of [1, 5, 9]) {
    const small = { n: 1_500, digit, seed: 31 * digit };
    // The oracle's brute force (the kernel's algorithm, in JavaScript, where it can be counted).
    const omit = String(digit);
    const base = countingStringCalls(() => slowSeriesBaseline(small.n, omit, 0));
    assertEquals(base, small.n, "the brute force tests every k");
    for (const factor of FACTORS) {
      const bigger = scaled(small, factor);
      const expected = fastCheck.expected(bigger);
      const actual = slowSeriesFast(bigger.n, bigger.digit, bigger.seed);
      assertEquals(fastCheck.validate(actual, bigger), null, "valid output");
      assertEquals(fastCheck.compare(expected, actual, bigger), null, "the reference agrees");
      const kernel = kernelSum(bigger.n, bigger.digit, bigger.seed);
      assertEquals(kernel, expected, "the baseline kernel agrees, bit for bit");
      const terms = countingStringCalls(() => slowSeriesBaseline(bigger.n, omit, 0));
      assertEquals(terms, factor * base, `terms at × ${factor}, digit ${digit}`);
    }
  }
});

Deno.test("exercise 2: grids of 13–15 M points in many shapes; scaled: factor × the cells", () => {
  const inputs = draws(velocityCheck.benchmark) as VelocityInput[];
  const points = inputs.map((i) => i.nlat * i.nlon * i.nr);
  assert(
    Math.max(...points) <= velocity.MAX_POINTS && Math.min(...points) >= 0.98 * velocity.MIN_POINTS,
    `points ${Math.min(...points)}–${Math.max(...points)}`,
  );
  assertSpread(inputs.map((i) => i.nlat), ...velocity.BENCHMARK_LAT, 0.95, "nlat");
  assertSpread(inputs.map((i) => i.nlon), ...velocity.BENCHMARK_LON, 0.95, "nlon");
  assert(new Set(inputs.map((i) => i.nr)).size > 50, "many radii counts");
  assertEquals(new Set(inputs.map((i) => i.seed)).size, DRAWS, "a seed per input");
  const scaled = scaledOf(velocityCheck.benchmark as BenchmarkPlan<VelocityInput>);
  for (const input of inputs.slice(0, 50)) {
    const bigger = scaled(input, 2);
    assertEquals([bigger.nlon, bigger.nr, bigger.seed], [input.nlon, input.nr, input.seed], "same");
    assertEquals(bigger.nlat, 2 * input.nlat, "twice the latitudes");
  }
});

Deno.test("exercise 2: a scaled grid is valid, with factor times the naive loop's cells", () => {
  const scaled = scaledOf(velocityCheck.benchmark as BenchmarkPlan<VelocityInput>);
  const small = { nlat: 7, nlon: 11, nr: 5, noise: 0.05, seed: 42 };
  const cells = (input: VelocityInput) =>
    countingSin(() => toCartesianBaseline(makeGrid(input, input), createVelocity(input))) / 2;
  const base = cells(small);
  assertEquals(base, 7 * 11 * 5, "two sin calls per cell");
  for (const factor of FACTORS) {
    const bigger = scaled(small, factor);
    const expected = velocityCheck.expected(bigger);
    const actual = toCartesian(makeGrid(bigger, bigger), createVelocity(bigger));
    assertEquals(velocityCheck.validate(actual, bigger), null, "valid output");
    assertEquals(velocityCheck.compare(expected, actual, bigger), null, "the reference agrees");
    assertEquals(cells(bigger), factor * base, `cells at × ${factor}`);
  }
});
