/**
 * The yardstick's problems: each is one algorithm, written in C and Rust under
 * `yardstick/`, and the workbook code that runs the same algorithm (the
 * reference in solutions/, or the learner's file in exercises/).
 *
 * @module
 */
import { buildFile, wasmPathFor } from "../../exercise/build.ts";

/** A function to time (one run, returning its sum) and, if it differs, the sum to show. */
export interface Timed {
  run: () => number;
  shown?: () => number;
}

/** The workbook's side of a problem: which file, and how to time it once loaded. */
export interface WorkbookCode {
  /** The exercise folder, as under exercises/ and solutions/. */
  dir: string;
  /** The file to load; a `.as.ts` file is built and its `.wasm` imported. */
  file: string;
  /** From the loaded module (or the wasm's exports), the function to time. */
  prepare: (module: Record<string, unknown>, n: number) => Promise<Timed>;
}

/** One row of the yardstick. */
export interface Problem {
  /** Its key in data/yardstick.json. */
  id: string;
  /** What the table prints. */
  title: string;
  /** The program name under yardstick/c and yardstick/rust. */
  program: string;
  /** The size each side is run at. */
  n: number;
  /** Timed runs on each side in each round (see ROUNDS in yardstick.ts; the median is printed). */
  runs: number;
  /**
   * Untimed runs first. One is enough for JavaScript (TurboFan optimises the
   * loop on the stack); WebAssembly runs a call in Liftoff, the baseline
   * compiler, until TurboFan's code is ready, which took several 10^8 calls
   * here (28 ms warmed, 90-130 ms before).
   */
  warmups: number;
  /** True when every side adds the same terms in the same order (the sums must then agree). */
  sameOrder: boolean;
  code: WorkbookCode;
}

type Fn = (...args: number[]) => number;

function fn(module: Record<string, unknown>, name: string): Fn {
  const f = module[name];
  if (typeof f !== "function") throw new Error(`it exports no function ${name}()`);
  return f as Fn;
}

/** n = 10^8, the course's size. */
const N = 1e8;

/**
 * The seed of exercise 1's row: any seed but 0 (which makes every sign +1).
 * yardstick/c/slow_series_signed.c and yardstick/rust/slow_series_signed.rs
 * hold the same constant, SEED; the sums table says "NO" if they drift apart.
 */
export const SIGNED_SERIES_SEED = 12345;

/** The problems, in course order. */
export const PROBLEMS: readonly Problem[] = [
  {
    id: "slow_series_js",
    title: "slow series, integer digit test, signed, JS (ex 1)",
    // The signed series, as exercise 1's reference sums it: C and Rust hash the
    // same signs once per 32 terms. (Seed 0 against the unsigned programs had the
    // reference pay for sign bookkeeping that C and Rust skipped.)
    program: "slow_series_signed",
    n: N,
    runs: 3,
    warmups: 1,
    sameOrder: true,
    code: {
      dir: "01_slow_series",
      file: "slow_series.ts",
      prepare: (m, n) => {
        const slowSeries = m.slowSeries as (n: number, omit: string, seed: number) => number;
        if (typeof slowSeries !== "function") throw new Error("it exports no slowSeries()");
        return Promise.resolve({ run: () => slowSeries(n, "9", SIGNED_SERIES_SEED) });
      },
    },
  },
  {
    id: "slow_series_wasm",
    title: "slow series, WebAssembly kernel, 1 thread (ex 8)",
    program: "slow_series",
    n: N,
    runs: 3,
    warmups: 4,
    sameOrder: true,
    code: {
      dir: "08_wasm_kernel",
      file: "kernel.as.ts",
      prepare: (m, n) => {
        const partialSum = fn(m, "partialSum");
        return Promise.resolve({ run: () => partialSum(1, n) });
      },
    },
  },
  {
    id: "block_js",
    title: "9-free block enumeration, JS (ex 9)",
    program: "block_enumeration",
    n: N,
    runs: 5,
    warmups: 1,
    sameOrder: true,
    code: {
      dir: "09_beyond_brute_force",
      file: "beyond_brute_force.ts",
      prepare: (m, n) => {
        const slowSeriesFast = fn(m, "slowSeriesFast");
        return Promise.resolve({ run: () => slowSeriesFast(n, 9, 0) });
      },
    },
  },
  {
    id: "block_wasm",
    title: "9-free block enumeration, WebAssembly SIMD (ex 9 stretch)",
    program: "block_enumeration",
    n: N,
    runs: 5,
    warmups: 10,
    sameOrder: true,
    code: {
      dir: "09_beyond_brute_force",
      file: "block_kernel.as.ts",
      prepare: (m, n) => {
        const blockSum = fn(m, "blockSum");
        // Seed 0: every sign +1, the unsigned series the C and Rust programs sum.
        return Promise.resolve({ run: () => blockSum(n, 0) });
      },
    },
  },
  {
    id: "trig_recurrence",
    title: "Σcos(i)/i, anchored recurrence (ex 7)",
    program: "trig_recurrence",
    n: N,
    runs: 3,
    warmups: 1,
    // Same order, but the anchors come from V8's Math.cos and the C library's cos:
    // they may differ in the last bit, and so may the sums.
    sameOrder: false,
    code: {
      dir: "07_jit_tiers",
      file: "jit_tiers.ts",
      prepare: (m, n) => {
        const partialTrigSum = fn(m, "partialTrigSum");
        // Seed 0: every sign +1, the course's series the C and Rust programs sum.
        // (Without it, termSign(undefined, i) hashes: another, signed sum, and slower.)
        return Promise.resolve({ run: () => partialTrigSum(1, n, 0) });
      },
    },
  },
  {
    id: "velocity",
    title: "velocity 250×400×150, tables, memory order (ex 2)",
    program: "velocity",
    n: 250,
    runs: 3,
    warmups: 1,
    sameOrder: false, // sin and cos of the tables: V8's and the C library's
    code: {
      dir: "02_velocity",
      file: "velocity.ts",
      prepare: async (m, n) => {
        const toCartesian = m.toCartesian as (grid: unknown, out: unknown) => unknown;
        if (typeof toCartesian !== "function") throw new Error("it exports no toCartesian()");
        const gridModule = await import(
          new URL("../../../exercises/02_velocity/grid.ts", import.meta.url).href
        );
        // n latitudes, as the C and Rust programs read N: 250 gives the benchmark's 250×150×400.
        const size = { nlat: n, nr: Math.floor(n * 3 / 5), nlon: Math.floor(n * 8 / 5) };
        const grid = gridModule.makeGrid(size);
        const out = gridModule.createVelocity(size) as Record<
          "vx" | "vy" | "vz",
          Float64Array
        >;
        return {
          run: () => {
            toCartesian(grid, out);
            return 0;
          },
          // The C and Rust programs' checksum, in the same order.
          shown: () => {
            let sum = 0;
            for (let p = 0; p < out.vx.length; p++) {
              sum += (out.vx[p] as number) + (out.vy[p] as number) + (out.vz[p] as number);
            }
            return sum;
          },
        };
      },
    },
  },
];

/**
 * Loads a problem's workbook code from `root` (solutions/ or exercises/):
 * imports the module, or builds the AssemblyScript and imports its `.wasm`.
 *
 * @throws {Error} The file is missing, does not build, or lacks the function.
 */
export async function loadCode(problem: Problem, root: string): Promise<Timed> {
  const path = `${root}/${problem.code.dir}/${problem.code.file}`;
  try {
    await Deno.stat(path);
  } catch {
    throw new Error(`no ${problem.code.dir}/${problem.code.file}`);
  }
  let url = new URL(`file://${path}`).href;
  if (path.endsWith(".as.ts")) {
    const built = await buildFile(path);
    if (!built.ok) throw new Error(built.message);
    url = new URL(`file://${wasmPathFor(path)}`).href;
  }
  const module = await import(url) as Record<string, unknown>;
  return problem.code.prepare(module, problem.n);
}
