/**
 * The student version of the workbook: everything a learner needs (the
 * exercises' stubs, the harness, the hidden checks and their data) and none of
 * the instructor's material (`solutions/`, the grader, the platform bundles,
 * the maintainer's tests, CI, and what only the judge may see: the quiz's
 * answer key, exercise 10's oracle). Tasks that need what was left out are dropped
 * from deno.json, and README lines that name them with it.
 *
 * @module
 */
import { findReferences } from "../modules/imports.ts";
import { CODE_FILE } from "../modules/imports.ts";
import { REPO_ROOT } from "../exercise/paths.ts";
import { CATALOGUE } from "../exercise/catalogue.ts";

/** What is always left out, as repository-relative patterns. */
export const LEFT_OUT: readonly RegExp[] = [
  /^\.git\//,
  /^\.workbook\//,
  /^\.ci\//,
  /(^|\/)node_modules\//,
  /^solutions\//,
  /^platforms\//,
  /^lib\/maintain\//,
  /^lib\/cli\/dist\.ts$/,
  // The maintainer's tests (the hidden checks live in checks/, which stays: check needs them).
  /^tests\//,
  /\.cpuprofile$/,
  /\.wasm$/,
];

/** The grader: left out unless the copy is to grade itself (Gradescope, GitHub Classroom). */
const GRADER: readonly RegExp[] = [/^lib\/cli\/grade\.ts$/, /^lib\/grade\//, /^lib\/modules\//];

/**
 * What only the judge may see (the quiz's answer key, exercise 10's oracle): every
 * exercise's `judgeData`. Left out of every copy a student can read; kept only in
 * a bundle that graders run and students never see (Gradescope's).
 */
export const JUDGE_DATA: ReadonlySet<string> = new Set(CATALOGUE.flatMap((e) => e.judgeData ?? []));

/** Tasks that need something left out, whatever their script (compare shows the reference). */
const TASKS_LEFT_OUT = new Set(["dist", "test", "compare"]);

export interface DistOptions {
  /** Keep the grader and its task: for a copy graded on a platform's machines. */
  withGrader?: boolean;
  /** Also write this GitHub Actions workflow as .github/workflows/classroom.yml. */
  classroomWorkflow?: string;
  /**
   * Keep the judge data (answer keys, oracles): only for a bundle students never
   * see (a Gradescope autograder). Refused with `classroomWorkflow`, whose copy is
   * the students' own repository.
   */
  withJudgeData?: boolean;
}

export interface DistResult {
  files: string[];
  /** Files dropped because they import something left out (e.g. a script using a solution). */
  dropped: string[];
  tasks: string[];
  droppedTasks: string[];
}

/**
 * Writes the student version of the workbook at `REPO_ROOT` to `outDir`
 * (which must not exist or be empty).
 *
 * @throws {Error} `outDir` is not empty, or lies inside the workbook.
 */
export async function writeDist(outDir: string, options: DistOptions = {}): Promise<DistResult> {
  if (options.withJudgeData && options.classroomWorkflow !== undefined) {
    throw new Error(
      "Cannot keep the judge data in a GitHub Classroom copy: it is the students' own repository",
    );
  }
  const leftOut = options.withGrader ? LEFT_OUT : [...LEFT_OUT, ...GRADER];
  if (outDir === REPO_ROOT || outDir.startsWith(`${REPO_ROOT}/`)) {
    throw new Error(`Cannot write the student version inside the workbook: ${outDir}`);
  }
  await Deno.mkdir(outDir, { recursive: true });
  for await (const _ of Deno.readDir(outDir)) {
    throw new Error(`Cannot write the student version to ${outDir}: the folder is not empty`);
  }
  const all = await listFiles(REPO_ROOT);
  let kept = new Set(
    all.filter((f) =>
      !leftOut.some((pattern) => pattern.test(f)) &&
      (options.withJudgeData === true || !JUDGE_DATA.has(f))
    ),
  );
  const dropped: string[] = [];
  // A file that imports a left-out file goes too, and so on until nothing changes.
  for (let changed = true; changed;) {
    changed = false;
    for (const file of [...kept]) {
      if (!CODE_FILE.test(file)) continue;
      if (await importsAllPresent(file, kept)) continue;
      kept.delete(file);
      dropped.push(file);
      changed = true;
    }
  }
  kept = new Set([...kept].filter((f) => f !== "deno.json" && f !== "README.md"));
  for (const file of kept) {
    await Deno.mkdir(`${outDir}/${file}`.replace(/\/[^/]+$/, ""), { recursive: true });
    await Deno.copyFile(`${REPO_ROOT}/${file}`, `${outDir}/${file}`);
  }
  const config = JSON.parse(await Deno.readTextFile(`${REPO_ROOT}/deno.json`));
  const tasks = config.tasks as Record<string, string>;
  const droppedTasks = Object.keys(tasks).filter((name) =>
    TASKS_LEFT_OUT.has(name) || scriptsOf(tasks[name] as string).some((s) => !kept.has(s))
  );
  if (options.classroomWorkflow !== undefined) {
    await Deno.mkdir(`${outDir}/.github/workflows`, { recursive: true });
    await Deno.writeTextFile(
      `${outDir}/.github/workflows/classroom.yml`,
      options.classroomWorkflow,
    );
    kept.add(".github/workflows/classroom.yml");
  }
  for (const name of droppedTasks) delete tasks[name];
  await Deno.writeTextFile(`${outDir}/deno.json`, JSON.stringify(config, null, 2) + "\n");
  const readme = await Deno.readTextFile(`${REPO_ROOT}/README.md`);
  await Deno.writeTextFile(`${outDir}/README.md`, studentReadme(readme, droppedTasks));
  return {
    files: [...kept, "deno.json", "README.md"].sort(),
    dropped: dropped.sort(),
    tasks: Object.keys(tasks),
    droppedTasks,
  };
}

/** The README without the lines that name a dropped task or the solutions. */
export function studentReadme(text: string, droppedTasks: readonly string[]): string {
  const names = droppedTasks.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  const task = names === "" ? null : new RegExp(`deno(@[\\d.]+)? task (${names})\\b`);
  return text.split("\n").filter((line) =>
    !(task?.test(line) ?? false) && !/solutions\/|--solution\b/.test(line)
  ).join("\n");
}

/** Repository files a task runs (`lib/x.ts`, `scripts/y.ts`). */
function scriptsOf(command: string): string[] {
  return [...command.matchAll(/(?:^|\s)((?:lib|scripts|tests)\/[\w./-]+\.ts)\b/g)].map((m) =>
    m[1] as string
  );
}

/** True when every relative import of `file` names a file in `kept`. */
async function importsAllPresent(file: string, kept: ReadonlySet<string>): Promise<boolean> {
  let references;
  try {
    references = findReferences(await Deno.readTextFile(`${REPO_ROOT}/${file}`));
  } catch {
    return true; // Not ours to judge: a file that does not parse stays as it is.
  }
  for (const { specifier, kind } of references) {
    // Imports only, and no build outputs (kernel.wasm is built by the learner).
    if (specifier === null || (kind !== "static" && kind !== "dynamic")) continue;
    if (!/^\.{1,2}\//.test(specifier) || specifier.endsWith(".wasm")) {
      continue;
    }
    const target = new URL(specifier, `file:///${file}`).pathname.slice(1);
    if (!kept.has(target) && !(await isDir(`${REPO_ROOT}/${target}`))) return false;
  }
  return true;
}

async function isDir(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isDirectory;
  } catch {
    return false;
  }
}

async function listFiles(root: string, prefix = ""): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(`${root}/${prefix}`)) {
    const relative = `${prefix}${entry.name}`;
    if (entry.isDirectory) {
      if (entry.name === ".git" || entry.name === "node_modules") continue;
      files.push(...await listFiles(root, `${relative}/`));
    } else if (entry.isFile) {
      files.push(relative);
    }
  }
  return files.sort();
}
