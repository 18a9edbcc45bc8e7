/**
 * Exercise 2's hidden check: the grids `toCartesian(grid, out)` is tested on, the
 * trusted answers, and the benchmark grid.
 *
 * @module
 */
import type { ExerciseCheck, TestCase } from "../../lib/check/types.ts";
import { describeValue } from "../../lib/check/describe.ts";
import {
  COURSE_SIZE,
  createVelocity,
  type GridSize,
  makeGrid,
  pointCount,
  type Velocity,
} from "../../exercises/02_velocity/grid.ts";
import { toCartesianBaseline } from "./baseline.ts";

/** A grid, described small enough to post: its size and the seed of its noise. */
export interface VelocityInput extends GridSize {
  noise: number;
  seed: number;
}

/**
 * Tolerance, relative to max(1, |expected|). Components are sums of three
 * products of O(1) numbers; computing sin and cos of a slightly different
 * radian value (degrees × π/180 in another order) or through a recurrence moves
 * them by ~1e-15, far inside 1e-12, while any wrong term moves them by far more.
 */
export const TOLERANCE = 1e-12;
/** Perturbs the course's fields so that every point differs: no shortcut through their structure. */
const NOISE = 0.05;
const RANDOM_CASES = 8;

/**
 * The benchmark's grid, drawn per pair: latitudes and longitudes around the
 * course's half-size grid (250 × 400), and as many radii as bring the points
 * into [MIN_POINTS, MAX_POINTS] (~14 M on average, ~15 M before). The three
 * fields and three outputs take 48 bytes a point: ~720 MB at the top.
 */
export const BENCHMARK_LAT = [200, 300] as const;
export const BENCHMARK_LON = [320, 480] as const;
export const MIN_POINTS = 13_000_000;
export const MAX_POINTS = 15_000_000;

/*
 * Tabulation (issue 11, class 2). Nothing here can be looked up: every output
 * element depends on the noise drawn from the pair's seed (10^9 seeds, 3 × ~14 M
 * doubles each), and the only small table is the lesson's own, the sin and cos
 * of each latitude and longitude, which costs microseconds to compute. Drawing
 * the shape (101 × 161 shapes, 90 to 234 radii) keeps code written for the one
 * 250 × 400 × 150 grid (its angles as constants, loops unrolled for it) from
 * being timed on the only grid it works on: the sin/cos of every latitude and
 * longitude of every shape would be ~180,000 doubles (~90,000 angles), far over
 * the source cap, to save a few microseconds.
 */
const COMPONENTS = ["vx", "vy", "vz"] as const;

/** The output fields, garbage in every element: code that skips one leaves NaN behind. */
function garbageOutput(size: GridSize): Velocity {
  const out = createVelocity(size);
  for (const name of COMPONENTS) out[name].fill(Number.NaN);
  return out;
}

export const check: ExerciseCheck<VelocityInput, Velocity> = {
  cases(rng) {
    const fixed: [string, GridSize][] = [
      ["1×1×1 grid (a single point at the south pole)", { nlat: 1, nlon: 1, nr: 1 }],
      ["2 latitudes: both poles", { nlat: 2, nlon: 5, nr: 3 }],
      ["3 latitudes: poles and equator", { nlat: 3, nlon: 8, nr: 2 }],
      ["one longitude", { nlat: 6, nlon: 1, nr: 4 }],
      ["one radius", { nlat: 5, nlon: 7, nr: 1 }],
      ["uneven 3×17×5", { nlat: 3, nlon: 17, nr: 5 }],
      ["uneven 13×4×9", { nlat: 13, nlon: 4, nr: 9 }],
      ["the course's shape at 1/50: 10×16×6", { nlat: 10, nlon: 16, nr: 6 }],
    ];
    const cases: TestCase<VelocityInput, Velocity>[] = fixed.map(([name, size], index) => ({
      name,
      input: { ...size, noise: index === 0 ? 0 : NOISE, seed: rng.int(0, 1e9) },
    }));
    for (let i = 1; i <= RANDOM_CASES; i++) {
      const input = {
        nlat: rng.int(1, 40),
        nlon: rng.int(1, 60),
        nr: rng.int(1, 30),
        noise: NOISE,
        seed: rng.int(0, 1e9),
      };
      cases.push({ name: `random ${i}: ${input.nlat}×${input.nlon}×${input.nr}`, input });
    }
    return cases;
  },
  expected(input) {
    return toCartesianBaseline(makeGrid(input, input), createVelocity(input));
  },
  prepare(input) {
    return [makeGrid(input, input), garbageOutput(input)];
  },
  // A pair whose baseline goes first builds the grid once (the baseline only reads it, then
  // hands it to the candidate) and the baseline's outputs in the runner: ~0.34 GB less to
  // build and free, and the rest built on three threads (lib/sandbox/runner.ts). A pair whose
  // candidate goes first lays the baseline's outputs in the fields of the candidate's grid.
  sharedInputs: {
    inputs: (input) => makeGrid(input, input),
    outputs: garbageOutput,
    args: (inputs, outputs) => [inputs, outputs],
    buffers(part) {
      const fields = Object.values(part as Record<string, unknown>)
        .filter((field): field is Float64Array => field instanceof Float64Array);
      return [...new Set(fields.map((field) => field.buffer as ArrayBuffer))];
    },
    reuse(handed, input) {
      if (handed === null || typeof handed !== "object") return undefined;
      const count = pointCount(input);
      const grid = handed as Record<string, unknown>;
      const fields = [grid.vlat, grid.vlon, grid.vrad];
      const fit = fields.every((field) =>
        field instanceof Float64Array && field.length === count && field.byteOffset === 0 &&
        field.buffer instanceof ArrayBuffer && !field.buffer.resizable &&
        field.buffer.byteLength === field.byteLength
      );
      if (!fit || new Set(fields.map((field) => (field as Float64Array).buffer)).size !== 3) {
        return undefined;
      }
      const [vx, vy, vz] = fields as Float64Array[];
      return { vx, vy, vz } as Velocity;
    },
  },
  outputOf(returned, args) {
    return returned === undefined ? args[1] : returned;
  },
  transferables(output) {
    const buffers = new Set<ArrayBuffer>();
    if (output !== null && typeof output === "object") {
      for (const name of COMPONENTS) {
        const field = (output as Record<string, unknown>)[name];
        if (ArrayBuffer.isView(field) && field.buffer instanceof ArrayBuffer) {
          buffers.add(field.buffer);
        }
      }
    }
    return [...buffers];
  },
  validate(value, input) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return `returned ${
        describeValue(value)
      }; expected { vx, vy, vz } (or fill out and return it)`;
    }
    const count = pointCount(input);
    for (const name of COMPONENTS) {
      const field = (value as Record<string, unknown>)[name];
      if (!(field instanceof Float64Array)) {
        return `${name} is ${describeValue(field)}; expected a Float64Array of ${count} values`;
      }
      if (field.length !== count) {
        return `${name} has ${field.length} values; expected ${count} (nlat × nlon × nr)`;
      }
    }
    return null;
  },
  compare(expected, actual, input) {
    for (const name of COMPONENTS) {
      const want = expected[name];
      const got = actual[name];
      let wrong = 0;
      let first = -1;
      for (let p = 0; p < want.length; p++) {
        const e = want[p] as number;
        const a = got[p] as number;
        // Written so that NaN fails: every comparison with NaN is false.
        if (!(Math.abs(a - e) <= TOLERANCE * Math.max(1, Math.abs(e)))) {
          if (first < 0) first = p;
          wrong++;
        }
      }
      if (first >= 0) {
        const k = first % input.nlon;
        const j = Math.floor(first / input.nlon) % input.nr;
        const i = Math.floor(first / (input.nlon * input.nr));
        return `${name}[${first}] (lat ${i}, r ${j}, lon ${k}): expected ${want[first]}, got ${
          got[first]
        } (tolerance ${TOLERANCE}); ${wrong} of ${want.length} ${name} values differ`;
      }
    }
    return null;
  },
  describe: (input) => `${input.nlat}×${input.nlon}×${input.nr} grid, noise seed ${input.seed}`,
  benchmark: {
    pairs: 5,
    sizes: {
      default: { label: "a grid of 13–15M points around 250×400×150" },
      full: { label: "the course's 500×800×300 grid (120M points)", pairs: 3, timeoutMs: 120_000 },
    },
    input(rng, size) {
      if (size === "full") return { ...COURSE_SIZE, noise: NOISE, seed: rng.int(0, 1e9) };
      const nlat = rng.int(...BENCHMARK_LAT);
      const nlon = rng.int(...BENCHMARK_LON);
      const nr = Math.floor(rng.int(MIN_POINTS, MAX_POINTS) / (nlat * nlon));
      return { nlat, nlon, nr, noise: NOISE, seed: rng.int(0, 1e9) };
    },
    /**
     * `factor` times the latitudes, the same longitudes and radii: the same
     * inner loops, `factor` times the points (and 48 bytes a point of memory:
     * ~1.4 GB at factor 2 from the default size).
     */
    scaled: (input, factor) => ({ ...input, nlat: Math.max(1, Math.round(input.nlat * factor)) }),
  },
  timeoutMs: 20_000,
};
