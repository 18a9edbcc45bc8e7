/**
 * `deno task yardstick`, end to end: the compiled programs (built here when a
 * compiler is present, the recorded figures otherwise) and the workbook's code
 * measured in the same run, as rows of the table.
 *
 * @module
 */
import { REPO_ROOT } from "../../exercise/paths.ts";
import { compile, COMPILERS, findOnPath, type Language, runProgram } from "./compiled.ts";
import { loadCode, type Problem, PROBLEMS } from "./problems.ts";
import type { CompiledCell, ReferenceCell, ReferenceOwner, Row } from "./table.ts";

/** The figures measured on the development machine (`data/yardstick.json`). */
export interface Recorded {
  measured: string;
  machine: string;
  loadAverage: string;
  compilers: Record<Language, string>;
  rows: Record<string, Record<Language | "reference", { ms: number; sum: number }>>;
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

/** The workbook code each row times: the reference, or the learner's code when there is none. */
async function timeWorkbook(
  problem: Problem,
  expected: number | null,
  log: (line: string) => void,
): Promise<ReferenceCell> {
  const solutions = `${REPO_ROOT}/solutions`;
  let owner: ReferenceOwner = "reference";
  let root = solutions;
  try {
    await Deno.stat(`${solutions}/${problem.code.dir}`);
  } catch {
    owner = "yours"; // the student copy: no solutions/
    root = `${REPO_ROOT}/exercises`;
  }
  let timed;
  try {
    timed = await loadCode(problem, root);
    log(`  ${problem.title}: ${owner}, warming up`);
    // The warm-up: V8 (and wasm's TurboFan) optimise before the timed runs.
    for (let w = 0; w < problem.warmups; w++) timed.run();
  } catch (thrown) {
    const message = (thrown as Error).message.split("\n")[0] as string;
    // A stub's "Not implemented" (JavaScript) or `unreachable` trap (WebAssembly).
    const stub = /not implemented|unreachable/i.test(message);
    return { ms: null, sum: null, owner, missing: stub ? "not implemented yet" : message };
  }
  const times: number[] = [];
  let sum = 0;
  for (let r = 0; r < problem.runs; r++) {
    const started = performance.now();
    sum = timed.run();
    times.push(performance.now() - started);
  }
  if (timed.shown) sum = timed.shown();
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
}

/** Measures every row: compiled programs (or the recorded figures) and the workbook's code. */
export async function measure(recorded: Recorded | null, options: MeasureOptions = {}): Promise<{
  rows: Row[];
  compilers: Record<Language, string | null>;
}> {
  const log = options.log ?? ((line: string) => console.error(line));
  const compilers = findCompilers(options.path);
  const problems = PROBLEMS.filter((p) => !options.only || options.only.includes(p.id))
    .map((p) => options.n === undefined ? p : { ...p, n: options.n });
  // One build and run per program and language, shared by the rows that use it.
  const programRuns = new Map<string, CompiledCell>();
  const compiled = async (problem: Problem, language: Language): Promise<CompiledCell> => {
    const key = `${problem.program}/${language}`;
    const known = programRuns.get(key);
    if (known) return known;
    let cell: CompiledCell;
    const compiler = compilers[language];
    if (compiler === null) {
      // The recorded figures hold for the problem's own size only.
      const own = PROBLEMS.find((p) => p.id === problem.id)?.n === problem.n;
      const figure = own ? recorded?.rows[problem.id]?.[language] : undefined;
      cell = { ms: figure?.ms ?? null, sum: figure?.sum ?? null, recorded: true };
    } else {
      log(`  ${problem.program}: ${language}, compiling and running`);
      const executable = await compile(language, problem.program, compiler);
      const run = await runProgram(executable, problem.n, problem.runs + 1);
      // Its first run is the warm-up, as for the workbook's code.
      cell = { ms: median(run.times.slice(1)), sum: run.sum, recorded: false };
    }
    programRuns.set(key, cell);
    return cell;
  };
  const rows: Row[] = [];
  for (const problem of problems) {
    const c = await compiled(problem, "c");
    const rust = await compiled(problem, "rust");
    const expected = c.sum ?? rust.sum ?? recorded?.rows[problem.id]?.reference.sum ?? null;
    const reference = await timeWorkbook(problem, expected, log);
    rows.push({ problem: problem.title, c, rust, reference, sameOrder: problem.sameOrder });
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
    };
  });
}
