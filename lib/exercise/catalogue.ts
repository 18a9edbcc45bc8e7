/**
 * The catalogue: every exercise of the workbook in course order. This is the one
 * place that describes an exercise (its files, hints, points and speed tiers);
 * every command reads it, and `tests/exercise/catalogue_test.ts` holds it to its promises.
 *
 * Paths follow from an entry's number and slug, by convention (rustlings' rule:
 * one list, paths derived from it). Exercise 3, `shared-memory`, lives in
 * - `exercises/03_shared_memory/` (the stubs and README) and `solutions/03_shared_memory/`,
 * - `checks/03_shared_memory/check.ts` (the hidden check; `defineCheck()` fills its defaults),
 * - `checks/03_shared_memory/baseline.ts` (the baseline module, when it has one),
 * - `checks/03_shared_memory/<file>` for judge data (`key.ts`) and AssemblyScript the
 *   baseline needs (`*.as.ts`), named in the entry by file name only.
 *
 * Adding exercise 12 takes those three folders and one entry below.
 *
 * @module
 */
import {
  type Baseline,
  type BaselineEntry,
  createCatalogue,
  describeExercise,
  type Exercise,
  exerciseDir,
  type ExerciseEntry,
  type SpeedRule,
} from "./entry.ts";
import { nearestName } from "../check/describe.ts";

export { createCatalogue, describeExercise, exerciseDir };
export type { Baseline, BaselineEntry, Exercise, ExerciseEntry, SpeedRule };

const ENTRIES: readonly ExerciseEntry[] = [
  {
    number: 1,
    slug: "slow-series",
    title: "The slow series, measured properly",
    section: "Slow series",
    files: ["slow_series.ts"],
    entry: "slowSeries",
    hints: [
      "Start with the plainest loop that is correct: for k from 1 to n, skip k when String(k) contains `omit`, else add termSign(seed, k) / k. Get the tests green before you think about speed.",
      "Converting every k to a string allocates. Test the digits with integer arithmetic instead: `k % 10` is the last digit and `(k / 10) | 0` drops it. Prefer `| 0` to `Math.floor`: it keeps the value a 32-bit integer, and V8 turns `%` on int32 into a few instructions, while on a double (what `Math.floor` and `10 ** len` give) it is several times slower.",
      'Watch the leading zeros: with omit = "05", k = 5 must be kept (its decimal form is "5"), but 105 must be skipped. Compare the last omit.length digits (`k % 100` for two) only while k still has that many digits.',
      "Parse `omit` once, before the loop: its value, and the window 10, 100, … built by multiplying. A single digit is the common case and is worth a loop of its own with the constant 10.",
    ],
    points: { pass: 6, silver: 2, gold: 2 },
    speed: {
      kind: "fixed",
      tiers: { pass: 1.5, silver: 1.8, gold: 2.1 },
      why:
        "The reference's integer digit test reached medians of 3.83–4.09× over the string test (signed sums) in 5 checks here (AMD EPYC, 2 cores, load 1.3); every tier sits at least 25% below the lowest. A plain integer test with termSign per term measured about 2.7×.",
    },
    baseline: {
      kind: "module",
      exportName: "slowSeriesBaseline",
      label: "string test",
    },
  },
  {
    number: 2,
    slug: "velocity",
    title: "Vectorize the velocity loop",
    section: "NumPy vectorization, Question 1",
    files: ["velocity.ts"],
    entry: "toCartesian",
    hints: [
      "sin and cos of a latitude depend only on the latitude: compute them once per latitude, not once per grid point. The same holds for longitudes.",
      "Compute sin(lon) and cos(lon) for every longitude once, into two Float64Arrays, before the main loops; the inner loop then only multiplies and adds.",
      "The fields are laid out [lat][r][lon]: longitude is the fastest-moving index. Loop lat, then r, then lon, so that the innermost loop walks memory one element at a time.",
      "Task 3 (Question 1): measure the matrix variants against your scalar loop before you decide; count what each variant allocates per point, and what the garbage collector must then reclaim.",
    ],
    points: { pass: 6, silver: 2, gold: 2 },
    speed: {
      kind: "fixed",
      tiers: { pass: 8, silver: 12, gold: 16 },
      why:
        "Trig tables in memory order reach about 30× over the naive loop here; every tier sits at least 25% below that.",
    },
    baseline: {
      kind: "module",
      exportName: "toCartesianBaseline",
      label: "naive triple loop",
    },
  },
  {
    number: 3,
    slug: "shared-memory",
    title: "Threads over shared memory",
    section: "Threads vs processes, NumExpr",
    files: ["shared_memory.ts", "shared_memory_worker.ts"],
    entry: "evaluateParallel",
    hints: [
      "Compute size = Math.floor(a.length / threads) once; slice i starts at i·size and ends at (i + 1)·size, except the last, which ends at a.length. Try 10 elements on 3 threads on paper: [0, 3), [3, 6), [6, 10).",
      "`a` and `out` already live on SharedArrayBuffers: post the two arrays and the slice bounds, nothing else, and no `slice()` or `Array.from` on the way (those copy). Each Worker then writes its own part of the very `out` the caller holds.",
      "Start every Worker before awaiting any: one Promise per Worker, resolved by its reply (the slice's sum) and rejected by its error event; `await Promise.all`, add the sums in slice order, and terminate the Workers in a finally block.",
      "The check compares every element of out bit for bit with s * s + c * c (s = Math.sin(x), c = Math.cos(x), x = 2π·a[i]): the same operations give the same double on any thread. Writing 1, the exact value of sin² + cos², is not the same double for about half the elements.",
    ],
    points: { pass: 6, silver: 2, gold: 2 },
    speed: {
      kind: "parallel",
      threads: 2,
      efficiency: { pass: 0.54, silver: 0.59, gold: 0.62 },
      why:
        "The reference on 2 Workers reached medians of 1.66–1.75× over one thread in 20 checks (deno task calibrate --runs 20 --write --ship --lower-only, AMD EPYC, 2 cores, load 1.15–1.8); gold (0.62 × 2 = 1.24×) sits 25% below the lowest. It was 0.63 until a series of 20 put its lowest at 1.65×.",
    },
    baseline: {
      kind: "module",
      exportName: "evaluateSerial",
      label: "one thread",
    },
  },
  {
    number: 4,
    slug: "bottleneck",
    title: "Find the bottleneck with a profiler",
    section: "Profiling",
    files: ["bottleneck.ts"],
    entry: "pipeline",
    hints: [
      "Run `deno task profile 4` before changing anything: guess first, then compare your guess with the profile.",
      "The line that takes the most time is rarely the one that does the arithmetic: look at conversions and allocations. The (garbage collector) row is paid for by the lines that allocate.",
      "`Array.from({ length: n }, fn)` takes a generic path: a property read and a callback call per element, into an array that grows as it goes. A plain loop that fills an Int32Array does the same work many times faster.",
      "The mask does not need strings: read the digits of each integer with `%` and `(k / 10) | 0`, as in exercise 1, and write the mask directly. Then no string is built at all, and the garbage collector has nothing to clean up.",
    ],
    points: { pass: 6, silver: 2, gold: 2 },
    speed: {
      kind: "fixed",
      tiers: { pass: 2.54, silver: 2.87, gold: 3.21 },
      why:
        "Fixing both costly lines reached medians of 4.29–6.38× over the given pipeline (signed sums) in 20 checks (deno task calibrate --runs 20 --write --ship --lower-only, AMD EPYC, 2 cores, load 0.4–1.7); gold (3.21×) sits 25% below the lowest. It was 3.4 until series of 20 put the lowest at 4.33×, 4.43× and 4.29×.",
    },
    slowStub: true,
    baseline: {
      kind: "module",
      exportName: "pipelineBaseline",
      label: "the given pipeline",
    },
  },
  {
    number: 5,
    slug: "worker-pool",
    title: "A pool of Workers with an ordered map",
    section: "Multiprocessing",
    files: ["worker_pool.ts", "pool_worker.ts"],
    entry: "Pool",
    hints: [
      "A function cannot be posted to a Worker: post the name of an export and the data, and let the Worker import the module itself.",
      "Tag every task with its index, and put each result at that index: Workers finish in any order.",
      "With many tiny tasks, the messages cost more than the work: send them in chunks.",
    ],
    points: { pass: 8, silver: 1, gold: 1 },
    speed: { kind: "none", why: "Timing bounds are part of the hidden tests (sleeps)." },
  },
  {
    number: 6,
    slug: "split-series",
    title: "Split the series across Workers",
    section: "Questions 2 and 3",
    files: ["split_series.ts", "split_series_worker.ts"],
    entry: "slowSeriesParallel",
    hints: [
      "Write intervals(7, 2) and intervals(2, 7) on paper first. In code, compute size once, push parts − 1 intervals in a loop, then push the last one, [(parts − 1)·size + 1, n], after the loop: no special case for parts > n is needed.",
      "Start every Worker before you await any of them: make one Promise per Worker (resolved by its first message, rejected by its error event), await Promise.all of them, and terminate the Workers in a finally block, so a failing Worker does not leave the others running.",
      "If the check says your one-Worker run is too slow, time your interval sum on the main thread against exercise 1's: a String(k) per term (about 3× slower), or Math.floor in place of `(k / 10) | 0` (the digits stay doubles, and every % becomes a floating-point remainder), is what the floor catches.",
    ],
    points: { pass: 6, silver: 2, gold: 2 },
    speed: {
      kind: "parallel",
      threads: 2,
      efficiency: { pass: 0.54, silver: 0.59, gold: 0.62 },
      why:
        "At n ≈ 6·10^7 the reference on 2 Workers reached medians of 1.66–1.78× over itself on 1 in 20 checks (deno task calibrate --runs 20 --write --ship --lower-only, AMD EPYC, 2 cores, load 1.15–1.8); gold (0.62 × 2 = 1.24×) sits 25% below the lowest. The one-Worker run must also take at most 1.5× exercise 1's integer digit test run serially in the same check (the floor), and no speed-up above 1.2 × cores counts (the ceiling).",
    },
    baseline: { kind: "own", label: "your code on 1 Worker" },
  },
  {
    number: 7,
    slug: "jit-tiers",
    title: "JIT tiers and the trig series",
    section: "Numba",
    files: ["jit_tiers.ts", "jit_tiers_worker.ts"],
    entry: "trigSeriesParallel",
    hints: [
      "Time the first call and the tenth call separately (first_calls.ts in the exercise folder does it): the first one runs before V8 has optimised the loop.",
      "Math.cos is the cost: about 30 ns a term here, three to four times C's. cos(i + 1) = cos i·cos 1 − sin i·sin 1 and sin(i + 1) = sin i·cos 1 + cos i·sin 1 give the next pair from the last with four multiplications and two additions.",
      "Each step of the recurrence adds a rounding error of a few 1e-16, and they add up: restart from Math.cos(i) and Math.sin(i) every K terms (K = 1024 costs two calls per 1024 terms) and the error of every term stays below about 3·K·1.6e-16.",
      "For trigSeriesParallel, split 1..n as in exercise 6 and send each Worker its interval and the seed; each runs the recurrence on its own interval, anchored at its first term with Math.cos and Math.sin.",
      "The signs are part of the sum: multiply each term by termSign(seed, i), the function the stub gives you, and leave it as it is (the check sums with its own copy). Seed 0 is the course's series, whose limit −ln(2 sin ½) is no help with any other seed.",
    ],
    points: { pass: 6, silver: 2, gold: 2 },
    speed: {
      kind: "fixed",
      tiers: { pass: 3, silver: 5, gold: 6.5 },
      why:
        "The recurrence on one Worker reached 8.9–11.1× over the Math.cos loop here (medians of fifteen checks); gold sits 27% below the lowest. With a sign per term from the seed (termSign), it reached 10.1× and 11.2× in two checks (load average 3.3–4.7). The plain loop in a Worker reaches about 1×.",
    },
    parallel: {
      threads: 2,
      efficiency: { pass: 0.49, silver: 0.54, gold: 0.57 },
      why:
        "At n ≈ 10^8 two Workers reached medians of 1.54–1.70× over one (efficiency 0.77–0.85) in 20 checks (deno task calibrate --runs 20 --write --ship --lower-only, AMD EPYC, 2 cores, load 1.15–1.8); gold (0.57 × 2 = 1.14×) sits 26% below the lowest. While other jobs kept a core busy, the same code measured 0.96–1.05×.",
    },
    baseline: {
      kind: "module",
      exportName: "trigSeriesBaseline",
      label: "Math.cos loop",
    },
  },
  {
    number: 8,
    slug: "wasm-kernel",
    title: "A WebAssembly kernel on every core",
    section: "Numba fast version, Question 4",
    files: ["wasm_kernel.ts", "kernel.as.ts", "wasm_kernel_worker.ts"],
    entry: "slowSeriesWasm",
    hints: [
      "Write partialSum(lo, hi) in kernel.as.ts with the integer digit test of exercise 1. In AssemblyScript `rest / 10` on an i32 already rounds toward zero: no `| 0` needed.",
      "Keep the kernel in i32: dividing by the constant 10 compiles to a multiplication either way, but a division by a variable is slower in i64 than in i32.",
      'Each Worker imports kernel.wasm itself: `await import(new URL("./kernel.wasm", import.meta.url).href)` gives the module\'s exports, no import object needed.',
      "The first call of a WebAssembly function runs Liftoff's code, about 3× slower, until TurboFan's is ready, and a call that is running never switches. Call partialSum on chunks of about 65 536 numbers: only the first chunk runs slow.",
      "The speed parts time your kernel with the check's own driver (chunked, one Worker, then two): a faster kernel is what raises your tier. Your driver is judged by the tests; `deno task bench 8` times it.",
      "Still short of gold? Each k waits on its chain of divisions by 10. In u64, `(rest * 0xcccccccd) >> 35` equals rest / 10 for every rest below 2^32: one multiplication and a shift, what C compilers emit (V8's signed 32-bit division by 10 is longer). Take the digit as `rest - next * 10`, without a second division.",
    ],
    points: { pass: 6, silver: 2, gold: 2 },
    speed: {
      kind: "fixed",
      tiers: { pass: 1.5, silver: 2.4, gold: 2.65 },
      why:
        "The kernel on one Worker reached 3.7–4.9× over the JavaScript string test here (medians of thirty checks); gold sits 25% below the lowest. The check now times the learner's kernel with its own driver, on ≈ 2·10^7 numbers in chunks of 65 536 scattered up to 2·10^9, where the reference kernel measured 3.56–3.83× (three checks, load average 1.6–3.3; one more at load 3.3 read 3.04×, its pairs 2.25–6.62×; over one interval, before the chunks, 3.56–3.66× in two checks and a grading run): gold moved from 2.75× to 2.65×, 25% below 3.56×. JavaScript's integer test in the driver's Workers, which measured 2.68× when the driver was timed, is no longer timed at all.",
    },
    parallel: {
      threads: 2,
      efficiency: { pass: 0.49, silver: 0.52, gold: 0.55 },
      why:
        "At n ≈ 5·10^7 two Workers reached medians of 1.49–1.70× over one (efficiency 0.75–0.85) in 20 checks (deno task calibrate --runs 20 --write --ship --lower-only, AMD EPYC, 2 cores, load 1.15–1.8); gold (0.55 × 2 = 1.10×) sits 26% below the lowest. While other jobs kept a core busy, the same code measured 0.94–1.17×.",
    },
    baseline: {
      kind: "module",
      exportName: "slowSeriesNoNine",
      label: "string test (JS)",
    },
  },
  {
    number: 9,
    slug: "beyond-brute-force",
    title: "Beat the compiled languages by algorithm",
    section: "Fast implementation: any ideas why?",
    // block_kernel.as.ts is the optional stretch (bonus points, see `stretch`).
    files: ["beyond_brute_force.ts", "block_kernel.as.ts"],
    entry: "slowSeriesFast",
    hints: [
      "Most numbers contain the digit: enumerate only the numbers that do not, digit by digit, instead of testing every k.",
      "Enumerate in blocks: while the prefix P stays fixed, the last digit runs over the nine allowed digits, giving the terms 1/(10·P + m) of one block in ascending order.",
      "Step the prefix like an odometer with one digit missing: add one to its last digit, skip the left-out digit, carry past 9. Keeping the prefix's value in a variable saves rebuilding it from its digits.",
    ],
    points: { pass: 6, silver: 2, gold: 2 },
    speed: {
      kind: "fixed",
      tiers: { pass: 1.93, silver: 2.37, gold: 2.81 },
      why:
        "The reference (enumerating only the numbers without the digit, in blocks, one sign hash per 32 terms) reached medians of 3.75–5.09× over exercise 8's kernel with signs in 20 checks (deno task calibrate --runs 20 --write --ship --lower-only, AMD EPYC, 2 cores, load 1.15–1.8); gold (2.81×) sits 25% below the lowest. Before the signs it measured 6.05–6.45×: the signs cost the enumeration more (a shift per kept term, on a loop that is little else) than the kernel (which spends its time testing digits).",
    },
    baseline: {
      kind: "module",
      exportName: "kernelSum",
      label: "exercise 8's WebAssembly kernel",
    },
    stretch: {
      file: "block_kernel.as.ts",
      title: "the block enumeration in WebAssembly SIMD (block_kernel.as.ts)",
      tiers: { pass: 3.99, silver: 4.98, gold: 5.99 },
      points: { pass: 1, silver: 1, gold: 1 },
      why:
        "The reference kernel (f64x2 divisions, signs per lane, four warm-up calls at n = 3·10^6 in the timed sample) reached medians of 7.99–11.34× over exercise 8's kernel chained in order in 20 checks (deno task calibrate --runs 20 --write --ship --lower-only, AMD EPYC, 2 cores, load 1.15–1.8); gold (5.99×) sits 25% below the lowest. It was 6.92 until a series of 20 put the lowest at 7.80×. The JavaScript reference's enumeration measured 3.75–5.09× over the same kernel: the pass tier asks a little more than that of a WebAssembly one.",
    },
    baselineSources: ["digit_kernel.as.ts"],
  },
  {
    number: 10,
    slug: "kempner",
    title: "The whole infinite series",
    section: "Slow series (Schmelzer & Baillie)",
    files: ["kempner.ts"],
    entry: "kempnerSum",
    hints: [
      'Start with one digit, where every number is in state 0: the recurrence is then Baillie\'s, S_{j+1}(0, p) = Σ_w (−1)^w C(p + w − 1, w) a_w 10^−(p + w) S_j(0, p + w), with a_w = Σ d^w over the allowed digits. Get "9" right (22.9206766192…) and check your level sums against brute force below 10^4 before you add states.',
      'The state of a number is the length of the longest start of `omit` that it ends with. Build the table next[s][d] once: take the first s digits of `omit`, append d, and find the longest start of `omit` the result ends with; if that is all of `omit`, the number is left out. For "99", state 1 plus 9 leads out, state 1 plus 8 goes back to state 0.',
      'Numbers never start with 0, but a 0 inside them counts: level 1 is the digits 1 to 9 (each with its state), and every later digit may be 0. With omit = "05", 5 and 50 are kept and 105 is not; with "000", 1000 is left out and 100 is kept.',
      "A three-digit string needs about 40 000 levels. Stop on what is left, not on the last level's size: with r the ratio of two consecutive level sums, what is left is about level × r/(1 − r). Keep powers up to about 16, fewer as the levels grow, and add the levels with a Neumaier sum.",
    ],
    points: { pass: 8, silver: 1, gold: 1 },
    speed: {
      kind: "none",
      why: "The requirement is ≥ 10 correct digits in under 1 s, for any string of 1 to 3 digits.",
    },
    // The oracle for random strings is a solution of the exercise: only the judge loads it.
    judgeData: ["oracle.ts"],
  },
  {
    number: 11,
    slug: "which-tool",
    title: "Which tool, when",
    section: "Questions 5 and 6",
    files: ["which_tool.ts", "reflection.md"],
    entry: "answers",
    hints: [
      "Threads share memory inside one process; processes do not. Sort the tools by which of the two they give you.",
      "A compiler changes how fast one core runs your code; a pool changes how many cores run it.",
      "Processes: run `deno task bench 5 --spawn` (a Worker against `Deno.Command`). A process costs a whole runtime and shares no memory with its parent; that is also why it is the unit that can be killed or sandboxed on its own.",
      'Question 6: `deno task status` lists the speed-ups your checks reached. Quote one ("2.9×", "73 ms") in the sentence where you say why you would pick a tool: the check looks for a tool, a reason and a measurement in your own words.',
    ],
    points: { pass: 10, silver: 0, gold: 0 },
    speed: { kind: "none", why: "A quiz and a reflection: graded on content." },
    written: ["reflection.md"],
    partialCredit: true,
    judgeData: ["key.ts", "course_text.ts"],
  },
];

/** Every exercise, in course order, its paths derived. */
export const CATALOGUE: readonly Exercise[] = createCatalogue(ENTRIES);

/**
 * Finds an exercise by number (`"3"`) or slug (`"shared-memory"`).
 *
 * @returns The exercise, or undefined if nothing matches.
 */
export function findExercise(key: string): Exercise | undefined {
  const trimmed = key.trim();
  if (/^\d+$/.test(trimmed)) return CATALOGUE.find((e) => e.number === Number(trimmed));
  return CATALOGUE.find((e) => e.slug === trimmed.toLowerCase());
}

/** How far a misspelt slug may be from the one it meant (`kemp` is 3 from `kempner`). */
const SLUG_EDITS = 3;

/**
 * The one line for a key that names no exercise; the range comes from the
 * catalogue, so it grows with it. A misspelt slug is answered with the closest
 * one (`velocty`: did you mean 2, velocity?).
 */
export function unknownExercise(key: string): string {
  const last = CATALOGUE[CATALOGUE.length - 1]?.number ?? 1;
  const trimmed = key.trim();
  const near = /^\d+$/.test(trimmed) ? null : nearestName(
    trimmed.replaceAll("_", "-"),
    CATALOGUE.map((e) => e.slug),
    SLUG_EDITS,
  );
  const meant = CATALOGUE.find((e) => e.slug === near);
  const guess = meant === undefined ? "" : `did you mean ${meant.number} (${meant.slug})? `;
  return `Cannot find exercise "${key}": ${guess}${
    guess === "" ? "use" : "Use"
  } a number from 1 to ${last} or a slug`;
}

/** The list a learner sees when they name no exercise or a wrong one. */
export function catalogueLines(): string[] {
  return CATALOGUE.map((e) =>
    `${String(e.number).padStart(2)}  ${e.slug.padEnd(20)} ${e.title}${
      e.available ? "" : " (not yet available)"
    }`
  );
}
