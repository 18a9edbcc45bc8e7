/**
 * Exercise 3's hidden check: `evaluateParallel(a, out, threads)` on arrays that
 * live on SharedArrayBuffers.
 *
 * sin²x + cos²x is 1 in exact arithmetic, so writing 1 everywhere would pass
 * any tolerance of a few ulps. The check instead compares every element, bit
 * for bit, with the expression as computed (`s * s + c * c`, s = Math.sin(x),
 * c = Math.cos(x), x = 2π·a[i]): that value is deterministic per element,
 * whichever thread computes it, and differs from 1 in about half the elements.
 * Some inputs also hold NaN or ±Infinity, where the expression is NaN.
 *
 * @module
 */
import type { Entry, ExerciseCheck, TestCase } from "../../lib/check/types.ts";
import { describeValue } from "../../lib/check/describe.ts";

/** The ways the README says `evaluateParallel` must refuse its arguments. */
export type Misuse = "threads-zero" | "threads-fraction" | "not-shared" | "lengths-differ";

export interface SharedMemoryInput {
  n: number;
  threads: number;
  seed: number;
  /** How many elements of `a` are NaN or ±Infinity. */
  nonFinite: number;
  /** A call that breaks the contract: the promise must reject with the README's error. */
  misuse?: Misuse;
}

/** What a call returned, or (for a misuse) the name of the error it rejected with. */
export type SharedMemoryOutput =
  | { out: Float64Array; sum: number }
  | { rejected: string | null; message: string };

/** The error each misuse must reject with (README.md, "What you write"). */
export const MISUSE_ERRORS: Readonly<Record<Misuse, string>> = {
  "threads-zero": "RangeError",
  "threads-fraction": "RangeError",
  "not-shared": "TypeError",
  "lengths-differ": "TypeError",
};

/** The reduction, relative: slices change the order of addition, by far less than this. */
export const SUM_TOLERANCE = 1e-12;
/**
 * Benchmark lengths: 1.6·10^7 to 2.4·10^7 elements (about 1.4 s on one thread
 * here at 2·10^7), each filled from its own 32-bit seed.
 */
export const BENCHMARK_N = { min: 16_000_000, max: 24_000_000 } as const;
/** The largest n `bench 3 --n` takes: two arrays of 8n bytes stay under 4 GB. */
const MAX_BENCH_N = 250_000_000;
const RANDOM_CASES = 8;

/**
 * Fills `a` from `seed` (uniform in [0, 1), inline xorshift32 because the
 * benchmark draws 2e7 values) and plants `nonFinite` NaN/±Infinity values.
 */
export function fillInput(a: Float64Array, seed: number, nonFinite: number): void {
  let state = (Math.imul(seed ^ 0x2545f491, 0x9e3779b1) >>> 0) || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  for (let i = 0; i < a.length; i++) a[i] = next();
  const specials = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (let k = 0; k < nonFinite && a.length > 0; k++) {
    a[Math.floor(next() * a.length)] = specials[k % specials.length] as number;
  }
}

function sharedArray(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(n * Float64Array.BYTES_PER_ELEMENT));
}

function sameNumber(expected: number, actual: number, tolerance: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  return Math.abs(actual - expected) <= tolerance;
}

/**
 * The expression as the lesson computes it: x = 2π·a once, sin and cos once
 * each, s·s + c·c. (`Math.sin(x) ** 2` gives the same bits: V8's pow squares
 * exactly for the exponent 2; the order of the two terms does not matter.)
 */
export function expression(a: number): number {
  const x = 2 * Math.PI * a;
  const s = Math.sin(x);
  const c = Math.cos(x);
  return s * s + c * c;
}

/** The arguments of a misuse: the contract broken in one way, the rest valid. */
function misuseArgs(misuse: Misuse): unknown[] {
  const a = sharedArray(4);
  const out = sharedArray(4);
  switch (misuse) {
    case "threads-zero":
      return [a, out, 0];
    case "threads-fraction":
      return [a, out, 1.5];
    case "not-shared":
      return [new Float64Array(4), new Float64Array(4), 2];
    case "lengths-differ":
      return [a, sharedArray(3), 2];
  }
}

/** Each misuse: the test's name, and the call in words. */
const MISUSE_CASES: [string, Misuse, string][] = [
  ["threads = 0 rejects with a RangeError", "threads-zero", "evaluateParallel(a, out, 0)"],
  ["threads = 1.5 rejects with a RangeError", "threads-fraction", "evaluateParallel(a, out, 1.5)"],
  [
    "arrays not on a SharedArrayBuffer reject with a TypeError",
    "not-shared",
    "evaluateParallel on plain Float64Arrays (not on a SharedArrayBuffer)",
  ],
  [
    "a and out of different lengths reject with a TypeError",
    "lengths-differ",
    "evaluateParallel with a of length 4 and out of length 3",
  ],
];

function describeMisuse(input: SharedMemoryInput): string {
  const found = MISUSE_CASES.find(([, misuse]) => misuse === input.misuse);
  return found?.[2] ?? "evaluateParallel with bad arguments";
}

export const check: ExerciseCheck<SharedMemoryInput, SharedMemoryOutput> = {
  cases(rng) {
    const fixed: [string, Omit<SharedMemoryInput, "seed">][] = [
      ["empty array, 2 threads", { n: 0, threads: 2, nonFinite: 0 }],
      ["one element, 1 thread", { n: 1, threads: 1, nonFinite: 0 }],
      ["one element, 4 threads", { n: 1, threads: 4, nonFinite: 0 }],
      ["fewer elements than threads: 3 on 8", { n: 3, threads: 8, nonFinite: 0 }],
      ["prime length 101 on 3 threads", { n: 101, threads: 3, nonFinite: 0 }],
      ["prime length 9973 on 2 threads", { n: 9973, threads: 2, nonFinite: 0 }],
      ["NaN and ±Infinity give NaN, on 2 threads", { n: 1000, threads: 2, nonFinite: 3 }],
      ["NaN and ±Infinity give NaN, on 5 threads", { n: 4099, threads: 5, nonFinite: 6 }],
    ];
    const cases: TestCase<SharedMemoryInput, SharedMemoryOutput>[] = fixed.map((
      [name, input],
    ) => ({ name, input: { ...input, seed: rng.int(0, 1e9) } }));
    for (let i = 1; i <= RANDOM_CASES; i++) {
      const input = {
        n: rng.int(2, 200_000),
        threads: rng.int(1, 8),
        seed: rng.int(0, 1e9),
        nonFinite: rng.pick([0, 0, 0, 2]),
      };
      cases.push({ name: `random ${i}: n = ${input.n} on ${input.threads} threads`, input });
    }
    for (const [name, misuse] of MISUSE_CASES) {
      cases.push({ name, input: { n: 4, threads: 2, seed: 0, nonFinite: 0, misuse } });
    }
    return cases;
  },
  expected(input) {
    if (input.misuse !== undefined) {
      return { rejected: MISUSE_ERRORS[input.misuse], message: "" };
    }
    const a = new Float64Array(input.n);
    fillInput(a, input.seed, input.nonFinite);
    const out = new Float64Array(input.n);
    let sum = 0;
    for (let i = 0; i < a.length; i++) {
      out[i] = expression(a[i] as number);
      sum += out[i] as number;
    }
    return { out, sum };
  },
  prepare(input) {
    if (input.misuse !== undefined) return misuseArgs(input.misuse);
    const a = sharedArray(input.n);
    fillInput(a, input.seed, input.nonFinite);
    const out = sharedArray(input.n);
    out.fill(Number.NaN); // garbage: an element left unwritten fails
    return [a, out, input.threads];
  },
  async invoke(entry: Entry, args: unknown[], input) {
    const call = entry as (...args: unknown[]) => unknown;
    if (input.misuse === undefined) return { resolved: await call(...args) };
    try {
      await call(...args);
    } catch (thrown) {
      // Read here, in the sample, into plain strings: nothing of the candidate's
      // error object is sent back.
      const name = thrown instanceof Error ? String(thrown.name) : null;
      const message = thrown instanceof Error ? String(thrown.message) : String(thrown);
      return { rejected: name, message: message.slice(0, 200) };
    }
    return { rejected: null, message: "" };
  },
  // `invoke` tags what it returns: `resolved` for a call, `rejected` for a misuse.
  outputOf: (returned, args) =>
    "resolved" in (returned as object)
      ? { out: args[1], sum: (returned as { resolved: unknown }).resolved }
      : returned,
  transferables: () => [], // shared memory: nothing to move
  validate(value, input) {
    if (input.misuse !== undefined) {
      const { rejected } = value as { rejected: unknown };
      return rejected === null || typeof rejected === "string"
        ? null
        : "the misuse case sent back something else than an error name";
    }
    const { out, sum } = value as { out: unknown; sum: unknown };
    if (typeof sum !== "number") {
      return `resolved to ${describeValue(sum)}; expected the sum of out (a number)`;
    }
    if (!(out instanceof Float64Array) || out.length !== input.n) return "out was replaced";
    return null;
  },
  checkWorkers(input, meta) {
    const { workersStarted: started, workersTerminated: ended } = meta;
    if (input.misuse !== undefined) {
      return ended < started
        ? `left ${started - ended} of ${started} Workers running after rejecting (terminate them)`
        : null;
    }
    if (input.threads >= 2 && input.n >= input.threads && started !== input.threads) {
      return `started ${started} Workers for threads = ${input.threads}; expected ${input.threads}`;
    }
    if (started > input.threads) {
      return `started ${started} Workers for threads = ${input.threads}; expected at most ${input.threads}`;
    }
    if (ended < started) {
      return `left ${started - ended} of ${started} Workers running (terminate them)`;
    }
    return null;
  },
  compare(expectedOutput, actualOutput, input) {
    if ("rejected" in expectedOutput || "rejected" in actualOutput) {
      const want = "rejected" in expectedOutput ? expectedOutput.rejected : null;
      const got = "rejected" in actualOutput ? actualOutput.rejected : null;
      if (want === got) return null;
      const what = got === null
        ? "resolved"
        : `rejected with ${got}${
          "message" in actualOutput && actualOutput.message !== ""
            ? ` (${actualOutput.message})`
            : ""
        }`;
      return `${describeMisuse(input)} ${what}; expected a rejection with ${want}`;
    }
    const expected = expectedOutput;
    const actual = actualOutput;
    // A timed pair's output by digest (`arraysByDigest`): the judge hands over the baseline's
    // own array when the candidate's digest matched it, so the same array is equal already.
    const compared = expected.out === actual.out ? 0 : input.n;
    for (let i = 0; i < compared; i++) {
      const e = expected.out[i] as number;
      const a = actual.out[i] as number;
      // Bit for bit (NaN equals NaN): the same operations give the same double
      // on every thread, and 1 is not what s·s + c·c gives for half the inputs.
      if (!(Object.is(e, a) || (Number.isNaN(e) && Number.isNaN(a)))) {
        return `out[${i}] is ${a}; expected ${e}, the expression as computed (s * s + c * c with s = Math.sin(x), c = Math.cos(x), x = 2π·a[i]), bit for bit, for n = ${input.n}, threads = ${input.threads}`;
      }
    }
    const tolerance = SUM_TOLERANCE * Math.max(1, Math.abs(expected.sum));
    if (!sameNumber(expected.sum, actual.sum, tolerance)) {
      return `resolved to ${actual.sum}; expected the sum ${expected.sum} (tolerance ${SUM_TOLERANCE} relative) for n = ${input.n}, threads = ${input.threads}`;
    }
    return null;
  },
  describe: (input) =>
    input.misuse === undefined
      ? `n = ${input.n}, threads = ${input.threads}, seed ${input.seed}`
      : describeMisuse(input),
  benchmark: {
    // At most seven pairs: with five, the medians scattered (1.45–2.00× in five checks);
    // with seven they held at 1.68–1.86×. Pairs that agree stop after three (measure.ts);
    // each costs ~1.7 s here (two processes, 2·10^7 values built twice, both outputs hashed
    // at once), so the check takes ~11 s.
    pairs: 7,
    sizes: { default: { label: "n ≈ 2·10^7 on 2 Workers" } },
    input(rng) {
      return {
        n: rng.int(BENCHMARK_N.min, BENCHMARK_N.max),
        threads: 2,
        seed: rng.int(0, 2 ** 31 - 1),
        // Non-finite values too: a candidate that skips the work on large inputs still fails.
        nonFinite: rng.int(1, 5),
      };
    },
    withThreads: (input, threads) => ({ ...input, threads }),
    // `bench 3 --n`: the same input at n elements. Input and output are 8n bytes each on
    // SharedArrayBuffers, so n stops where two of them would pass 4 GB.
    withN(input, n) {
      if (!Number.isSafeInteger(n) || n < 1 || n > MAX_BENCH_N) {
        throw new RangeError(`give a whole n from 1 to ${MAX_BENCH_N} (8n bytes an array)`);
      }
      return { ...input, n };
    },
    // The work is one expression per element: `factor` times the elements.
    scaled: (input, factor) => ({ ...input, n: Math.max(1, Math.round(input.n * factor)) }),
    // `validate` reads out's type and length only, `compare` wants it bit for bit: timed
    // samples send out's digest, not its 160 MB.
    arraysByDigest: true,
  },
  timeoutMs: 15_000,
};
