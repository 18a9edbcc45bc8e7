/**
 * The sandbox a submission's code runs in when graded: what its runner
 * processes may read, and the runtime they start with.
 *
 * - **Read**: only the files of the harness that the runner and the exercise's
 *   hidden check load (found by following their imports), and the submission's
 *   own copy of the exercise folder. Not `solutions/`, not `data/`, not the
 *   other exercises' checks, not the other students' copies, not the output.
 * - **data/**: the checks import `data/*.ts` for their fixed cases' expected
 *   values, which only the judge needs (it sends them with each job). Inside
 *   the runner an import map sends those imports to generated stubs that throw
 *   if called, so the runner loads the check without reading `data/`.
 * - **DENO_DIR**: a fresh one per grading run, whose `location_data` is a
 *   file, not a folder: the Cache API (`caches`), which Deno otherwise writes to
 *   disk without any permission, fails, so no sample can leave a result for a
 *   later one (or for another student).
 * - Everything else (write, net, env, run, ffi, sys) is simply not granted:
 *   `runner_client.ts` passes only `--allow-read`.
 *
 * @module
 */
import type { Exercise } from "../exercise/catalogue.ts";
import { findReferences } from "../modules/imports.ts";
import { CODE_FILE } from "../modules/imports.ts";
import { fileUrl } from "./vet.ts";
import { REPO_ROOT } from "../exercise/paths.ts";

/** What every exercise's runners share in one grading run. */
export interface GradingHarness {
  /** The folder holding the stubs, the runner's config and its DENO_DIR. */
  root: string;
  configPath: string;
  denoDir: string;
  /** Harness files the runners of `exercise` must read (absolute paths). */
  readPaths(exercise: Exercise): string[];
}

/** Entry points of the runner: its own module graph is loaded without read checks, not its Worker's. */
const RUNNER_FILES = ["lib/sandbox/runner.ts", "lib/sandbox/sample_worker.ts"];

/**
 * Writes the stubs, the runner's config and an empty DENO_DIR under `root`
 * (a fresh folder), for grading `exercises`.
 *
 * @throws {Error} A harness file imports something outside the repository, or a
 *   data module exports something a stub cannot stand in for (a bug here).
 */
export async function prepareHarness(
  root: string,
  exercises: readonly Exercise[],
): Promise<GradingHarness> {
  const closures = new Map<number, string[]>();
  const dataModules = new Set<string>();
  for (const exercise of exercises) {
    const entries = [...RUNNER_FILES, ...checkFiles(exercise)].map((f) => `${REPO_ROOT}/${f}`);
    const closure = await harnessClosure(entries);
    closures.set(exercise.number, closure.files);
    for (const data of closure.data) dataModules.add(data);
  }
  const stubDir = `${root}/data_stubs`;
  await Deno.mkdir(stubDir, { recursive: true });
  const imports: Record<string, string> = {};
  for (const data of [...dataModules].sort()) {
    const stub = `${stubDir}/${data.slice(`${REPO_ROOT}/data/`.length).replaceAll("/", "_")}`;
    await Deno.writeTextFile(stub, stubSource(data, await Deno.readTextFile(data)));
    imports[fileUrl(data)] = fileUrl(stub);
  }
  const configPath = `${root}/runner_config.json`;
  await Deno.writeTextFile(configPath, JSON.stringify({ lock: false, imports }, null, 2));
  const denoDir = `${root}/deno_dir`;
  await Deno.mkdir(denoDir, { recursive: true });
  // A file where Deno wants a folder: `caches.open()` fails instead of writing to disk.
  await Deno.writeTextFile(`${denoDir}/location_data`, "");
  return {
    root,
    configPath,
    denoDir,
    readPaths: (exercise) => [...(closures.get(exercise.number) ?? []), stubDir],
  };
}

/** The hidden check of `exercise` and its fixed baseline, repository-relative. */
function checkFiles(exercise: Exercise): string[] {
  const files = exercise.check === undefined ? [] : [exercise.check];
  if (exercise.baseline?.kind === "module") files.push(exercise.baseline.module);
  return files;
}

/**
 * The files `entries` load, following static imports, literal dynamic imports
 * and `new URL("…", import.meta.url)` references; modules under `data/` are
 * listed apart (they are stubbed), not followed.
 */
export async function harnessClosure(
  entries: readonly string[],
): Promise<{ files: string[]; data: string[] }> {
  const files = new Set<string>();
  const data = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const path = queue.shift() as string;
    if (files.has(path)) continue;
    files.add(path);
    if (!CODE_FILE.test(path)) continue;
    for (const reference of findReferences(await Deno.readTextFile(path), path)) {
      const { specifier } = reference;
      if (specifier === null || reference.kind === "code-from-string") continue;
      if (/^(node|npm|jsr|data|blob):/.test(specifier)) continue;
      if (!/^(\.{0,2}\/|file:)/.test(specifier)) continue; // a bare name from the import map
      const target = decodeURIComponent(new URL(specifier, fileUrl(path)).pathname);
      if (!target.startsWith(`${REPO_ROOT}/`)) {
        throw new Error(
          `Cannot sandbox the harness: ${path} imports ${target}, outside the workbook`,
        );
      }
      // A folder (`new URL("../..", import.meta.url)` names the repository root) is never
      // part of the closure: read access goes file by file, and a folder would open all of it.
      if (target.endsWith("/") || await isDirectory(target)) continue;
      if (target.startsWith(`${REPO_ROOT}/data/`)) data.add(target);
      else queue.push(target);
    }
  }
  return { files: [...files].sort(), data: [...data].sort() };
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isDirectory;
  } catch {
    return false;
  }
}

/**
 * A module with the same value exports as the data module at `path`, each a
 * function that throws: a check that really needed the data inside the runner
 * fails loudly instead of quietly using something else.
 */
export function stubSource(path: string, source: string): string {
  const names = new Set<string>();
  const tokens = source.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, "");
  for (
    const match of tokens.matchAll(
      /^export\s+(?:async\s+)?(?:function\*?|const|let|var|class)\s+([\w$]+)/gm,
    )
  ) {
    names.add(match[1] as string);
  }
  for (const match of tokens.matchAll(/^export\s*\{([^}]*)\}\s*;?\s*$/gm)) {
    for (const part of (match[1] as string).split(",")) {
      const name = part.trim().split(/\s+as\s+/).at(-1)?.trim();
      if (name) names.add(name);
    }
  }
  const shown = path.slice(REPO_ROOT.length + 1);
  const lines = [
    `// Generated for grading: ${shown} is not readable inside the runner.`,
    "// The judge sends every expected value the runner needs with the job itself.",
    "function unavailable(): never {",
    `  throw new Error(${JSON.stringify(`Cannot read ${shown} inside the grading runner`)});`,
    "}",
    ...[...names].sort().map((name) =>
      name === "default" ? "export default unavailable;" : `export const ${name} = unavailable;`
    ),
  ];
  if (/^export\s+default\b/m.test(tokens)) lines.push("export default unavailable;");
  return lines.join("\n") + "\n";
}
