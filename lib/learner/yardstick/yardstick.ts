/**
 * `deno task yardstick`, end to end: the compiled programs (built here when a
 * compiler is present, the recorded figures otherwise) and the workbook's code
 * measured in the same run, as rows of the table.
 *
 * @module
 */
import { REPO_ROOT } from "../../exercise/paths.ts";
import { compile, COMPILERS, findOnPath, type Language, runProgram } from "./compiled.ts";
import { loadCode, type Problem, PROBLEMS, type Timed } from "./problems.ts";
import type { CompiledCell, ReferenceCell, ReferenceOwner, Row } from "./table.ts";

/** The figures measured on the development machine (`data/yardstick.json`). */
export interface Recorded {
  measured: string;
  machine: string;
  loadAverage: string;
  compilers: Record<Language, string>;
  rows: Record<
    string,
    Record<Language | "reference", { ms: number; sum: number }> & { ratio?: number }
  >;
}

/** Where the recorded figures live. */
export const RECORDED_PATH = `${REPO_ROOT}/data/yardstick.json`;

/** Reads the recorded figures. @throws {Error} The file is missing or not the expected shape. */
export async function readRecorded(path = RECORDED_PATH): Promise<Recorded> {
  const data = JSON.parse(await Deno.readTextFile(path)) as Recorded;
  if (typeof data.machine !== "string" || typeof data.rows !== "object" || data.rows === null) {
    throw new Error(`${path}: not the yardstick's recorded figures (machine, rows)`);
  }
  return data;
}

/** The median of a non-empty list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? sorted[mid] as number
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Which compilers are on PATH, by language (null: absent). */
export function findCompilers(path?: string): Record<Language, string | null> {
  return {
    c: findOnPath(COMPILERS.c.program, path),
    rust: findOnPath(COMPILERS.rust.program, path),
  };
}

/**
 * Rounds per row. Each round runs C, Rust and the workbook's code back to back,
 * `runs` timed runs each; a row's ratio is the median of its rounds' ratios, so
 * that load which comes and goes on a shared machine slows all three sides of a
 * round alike instead of one column of the table. (One run of each program per
 * row, as before, read C's time anywhere from 283 to 429 ms at load 3.)
 */
export const ROUNDS = 5;

/** The workbook's code, loaded and warmed; or, when it cannot run, the cell that says why. */
type Prepared = { timed: Timed; owner: ReferenceOwner } | { cell: ReferenceCell };

/** Loads and warms the workbook code a row times: the reference, or the learner's code. */
async function prepareWorkbook(problem: Problem, log: (line: string) => void): Promise<Prepared> {
  const solutions = `${REPO_ROOT}/solutions`;
  let owner: ReferenceOwner = "reference";
  let root = solutions;
  try {
    await Deno.stat(`${solutions}/${problem.code.dir}`);
  } catch {
    owner = "yours"; // the student copy: no solutions/
    root = `${REPO_ROOT}/exercises`;
  }
  try {
    const timed = await loadCode(problem, root);
    log(`  ${problem.title}: ${owner}, warming up`);
    // The warm-up: V8 (and wasm's TurboFan) optimise before the timed runs.
    for (let w = 0; w < problem.warmups; w++) timed.run();
    return { timed, owner };
  } catch (thrown) {
    const message = (thrown as Error).message.split("\n")[0] as string;
    // A stub's "Not implemented" (JavaScript) or `unreachable` trap (WebAssembly).
    const stub = /not implemented|unreachable/i.test(message);
    return {
      cell: { ms: null, sum: null, owner, missing: stub ? "not implemented yet" : message },
    };
  }
}

/** `runs` timed runs of the workbook's code, and the sum of the last. */
function timeRuns(timed: Timed, runs: number): { times: number[]; sum: number } {
  const times: number[] = [];
  let sum = 0;
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    sum = timed.run();
    times.push(performance.now() - started);
  }
  return { times, sum };
}

/** The workbook's cell from all its rounds' times: the learner's code only where it is right. */
function workbookCell(
  prepared: { timed: Timed; owner: ReferenceOwner },
  times: number[],
  ranSum: number,
  expected: number | null,
): ReferenceCell {
  const { timed, owner } = prepared;
  const sum = timed.shown ? timed.shown() : ranSum;
  // The learner's code is timed only where it is right (a loose tolerance: another order of
  // addition is allowed); the reference is shown as it is.
  if (
    owner === "yours" && expected !== null &&
    !(Math.abs(sum - expected) <= 1e-9 * Math.abs(expected))
  ) {
    return { ms: null, sum, owner, missing: `yours returned ${sum}, expected ${expected}` };
  }
  return { ms: median(times), sum, owner };
}

/** What `measure` needs besides the problems. */
export interface MeasureOptions {
  /** PATH to look for compilers on (the environment's by default). */
  path?: string;
  /** Progress lines (stderr by default). */
  log?: (line: string) => void;
  /** Only these problem ids. */
  only?: string[];
  /** Every row at this size instead of its own (a quick look, or a test). */
  n?: number;
  /** Rounds per row (ROUNDS by default). */
  rounds?: number;
}

/**
 * Measures every row: compiled programs (or the recorded figures) and the
 * workbook's code, in rounds (see ROUNDS). A cell is the median of all its
 * timed runs; a compiled program's first run in each process is its warm-up,
 * as the workbook's code is warmed once before the first round.
 */
export async function measure(recorded: Recorded | null, options: MeasureOptions = {}): Promise<{
  rows: Row[];
  compilers: Record<Language, string | null>;
}> {
  const log = options.log ?? ((line: string) => console.error(line));
  const compilers = findCompilers(options.path);
  const rounds = Math.max(1, options.rounds ?? ROUNDS);
  const problems = PROBLEMS.filter((p) => !options.only || options.only.includes(p.id))
    .map((p) => options.n === undefined ? p : { ...p, n: options.n });
  // One build per program and language, shared by the rows that use it.
  const builds = new Map<string, Promise<string>>();
  const build = (program: string, language: Language, compiler: string): Promise<string> => {
    const key = `${program}/${language}`;
    let built = builds.get(key);
    if (!built) {
      log(`  ${program}: ${language}, compiling`);
      built = compile(language, program, compiler);
      builds.set(key, built);
    }
    return built;
  };
  const rows: Row[] = [];
  for (const problem of problems) {
    const languages = ["c", "rust"] as const;
    const executables: Partial<Record<Language, string>> = {};
    const cells = {} as Record<Language, CompiledCell>;
    for (const language of languages) {
      const compiler = compilers[language];
      if (compiler === null) {
        // The recorded figures hold for the problem's own size only.
        const own = PROBLEMS.find((p) => p.id === problem.id)?.n === problem.n;
        const figure = own ? recorded?.rows[problem.id]?.[language] : undefined;
        cells[language] = { ms: figure?.ms ?? null, sum: figure?.sum ?? null, recorded: true };
      } else {
        executables[language] = await build(problem.program, language, compiler);
      }
    }
    const prepared = await prepareWorkbook(problem, log);
    const compiledTimes: Record<Language, number[]> = { c: [], rust: [] };
    const sums: Record<Language, number | null> = { c: null, rust: null };
    const workbookTimes: number[] = [];
    let workbookSum = 0;
    const roundRatios: number[] = [];
    log(`  ${problem.title}: ${rounds} rounds of C, Rust and the workbook's code`);
    for (let round = 0; round < rounds; round++) {
      const roundBest: number[] = [];
      for (const language of languages) {
        const executable = executables[language];
        if (executable === undefined) continue;
        // Its first run is the warm-up, as for the workbook's code.
        const run = await runProgram(executable, problem.n, problem.runs + 1);
        const times = run.times.slice(1);
        compiledTimes[language].push(...times);
        sums[language] = run.sum;
        roundBest.push(median(times));
      }
      if ("cell" in prepared) continue;
      const ran = timeRuns(prepared.timed, problem.runs);
      workbookTimes.push(...ran.times);
      workbookSum = ran.sum;
      const best = Math.min(...roundBest);
      if (roundBest.length > 0 && best > 0) roundRatios.push(median(ran.times) / best);
    }
    for (const language of languages) {
      if (executables[language] === undefined) continue;
      cells[language] = {
        ms: median(compiledTimes[language]),
        sum: sums[language],
        recorded: false,
      };
    }
    const { c, rust } = cells;
    const expected = c.sum ?? rust.sum ?? recorded?.rows[problem.id]?.reference.sum ?? null;
    const reference = "cell" in prepared
      ? prepared.cell
      : workbookCell(prepared, workbookTimes, workbookSum, expected);
    const row: Row = { problem: problem.title, c, rust, reference, sameOrder: problem.sameOrder };
    if (reference.ms !== null && roundRatios.length > 0) {
      row.roundRatios = roundRatios;
      row.ratio = median(roundRatios);
    }
    rows.push(row);
  }
  return { rows, compilers };
}

/** The recorded table as rows, for `--recorded` and a machine with no compiler. */
export function recordedRows(recorded: Recorded): Row[] {
  return PROBLEMS.filter((p) => recorded.rows[p.id] !== undefined).map((problem) => {
    const figures = recorded.rows[problem.id]!;
    const cell = (language: Language): CompiledCell => ({
      ms: figures[language]?.ms ?? null,
      sum: figures[language]?.sum ?? null,
      recorded: true,
    });
    return {
      problem: problem.title,
      c: cell("c"),
      rust: cell("rust"),
      reference: {
        ms: figures.reference?.ms ?? null,
        sum: figures.reference?.sum ?? null,
        owner: "reference",
      },
      sameOrder: problem.sameOrder,
      ...(figures.ratio !== undefined ? { ratio: figures.ratio } : {}),
    };
  });
}
