/**
 * The compiled side of the yardstick: find a C compiler and rustc on PATH,
 * build the programs of `yardstick/` into `.workbook/yardstick/`, run them, and
 * read their one output line (`sum ms ms …`).
 *
 * @module
 */
import { REPO_ROOT } from "../../exercise/paths.ts";
import { WORKBOOK_DIR } from "../../exercise/workbook_dir.ts";

/** The languages the yardstick compiles. */
export type Language = "c" | "rust";

/** How each language is compiled: the flags the course's table names, and why. */
export const COMPILERS: Record<
  Language,
  { program: string; args: (src: string, out: string) => string[] }
> = {
  // -ffp-contract=off: GCC fuses a*b + c into one FMA by default under
  // -march=native, which rounds once instead of twice; JavaScript and Rust round
  // twice, and the sums could then not agree bit for bit.
  c: {
    program: "cc",
    args: (src, out) => ["-O3", "-march=native", "-ffp-contract=off", "-o", out, src, "-lm"],
  },
  rust: {
    program: "rustc",
    args: (src, out) => ["-C", "opt-level=3", "-C", "target-cpu=native", "-o", out, src],
  },
};

/** Where the sources are, by language: yardstick/c/NAME.c and yardstick/rust/NAME.rs. */
export function sourcePath(language: Language, name: string): string {
  return language === "c"
    ? `${REPO_ROOT}/yardstick/c/${name}.c`
    : `${REPO_ROOT}/yardstick/rust/${name}.rs`;
}

/** The full path of `program` on PATH, or null: what "a compiler is present" means here. */
export function findOnPath(program: string, path = Deno.env.get("PATH") ?? ""): string | null {
  for (const dir of path.split(":").filter((d) => d !== "")) {
    try {
      const info = Deno.statSync(`${dir}/${program}`);
      if (info.isFile && ((info.mode ?? 0o111) & 0o111) !== 0) return `${dir}/${program}`;
    } catch {
      // not in this folder
    }
  }
  return null;
}

/** What one compiled program printed: its sum and the time of every run. */
export interface ProgramRun {
  sum: number;
  times: number[];
}

/**
 * Reads a program's output line: the sum, then one time per run in ms.
 *
 * @throws {Error} The line is not numbers, or has no time.
 */
export function parseRunLine(line: string, what: string): ProgramRun {
  const fields = line.trim().split(/\s+/).map(Number);
  if (fields.length < 2 || fields.some((f) => !Number.isFinite(f))) {
    throw new Error(`${what} printed ${JSON.stringify(line.trim())}, not "sum ms ms …"`);
  }
  return { sum: fields[0] as number, times: fields.slice(1) };
}

async function run(program: string, args: string[], what: string): Promise<string> {
  const output = await new Deno.Command(program, { args, stdout: "piped", stderr: "piped" })
    .output();
  if (!output.success) {
    const stderr = new TextDecoder().decode(output.stderr).trim().split("\n").slice(0, 3);
    throw new Error(`${what} failed (exit ${output.code}): ${stderr.join(" / ")}`);
  }
  return new TextDecoder().decode(output.stdout);
}

/**
 * Compiles yardstick/<language>/<name> with `compiler` (a path found on PATH)
 * into `outDir`, and returns the executable's path.
 *
 * @throws {Error} The compiler failed (its first lines of stderr).
 */
export async function compile(
  language: Language,
  name: string,
  compiler: string,
  outDir = `${WORKBOOK_DIR}/yardstick`,
): Promise<string> {
  await Deno.mkdir(outDir, { recursive: true });
  const out = `${outDir}/${name}_${language}`;
  await run(
    compiler,
    COMPILERS[language].args(sourcePath(language, name), out),
    `${compiler} ${name}`,
  );
  return out;
}

/** Runs a built program on `n` for `runs` runs. @throws {Error} It failed or printed nonsense. */
export async function runProgram(executable: string, n: number, runs: number): Promise<ProgramRun> {
  const stdout = await run(executable, [String(n), String(runs)], executable);
  return parseRunLine(stdout, executable);
}
