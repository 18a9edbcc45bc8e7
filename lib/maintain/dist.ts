/**
 * The student version of the workbook: everything a learner needs (the
 * exercises' stubs, the harness, the hidden checks and their data) and none of
 * the instructor's material (`solutions/`, the grader, the platform bundles,
 * the maintainer's tests, CI, and what only the judge may see: the quiz's
 * answer key, exercise 10's oracle). Tasks that need what was left out are dropped
 * from deno.json, and README lines that name them with it; the README's
 * instructors' blocks (grading, maintenance, the open cheats) are left out whole.
 *
 * The copy imports only what it runs: deno.json's "imports" keep the packages
 * that a kept file imports, and deno.lock only their entries (a first
 * `check 2 --quick` otherwise downloaded the test-only `ajv` and
 * `playwright-core` too). The AssemblyScript compiler is in neither: it has a
 * configuration and a lock of its own (`lib/exercise/compiler.json`), which the
 * copy keeps, so only a build of exercise 8 or 9 downloads it (Deno fetches
 * every package of a lock at the first npm import: 98 MB of it, Binaryen
 * mostly). The locks stay frozen, so the pruned copy must agree with itself:
 * `tests/maintain/dist_test.ts` runs a check and a build in it.
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
  // The maintainers' notes (docs/lessons/ names solutions/ and waits to be folded into READMEs).
  /^docs\//,
  /^lib\/cli\/dist\.ts$/,
  // The maintainer's tests (the hidden checks live in checks/, which stays: check needs them).
  /^tests\//,
  /\.cpuprofile$/,
  /\.wasm$/,
];

/** The grader: left out unless the copy is to grade itself (Gradescope, GitHub Classroom). */
const GRADER: readonly RegExp[] = [/^lib\/cli\/grade\.ts$/, /^lib\/grade\//, /^lib\/modules\//];

/** A task in deno.json: a command, or an object with a command and a description. */
type TaskEntry = string | { command: string; description?: string };

function taskCommand(task: TaskEntry): string {
  return typeof task === "string" ? task : task.command;
}

function taskDescription(task: TaskEntry): string {
  return typeof task === "string" ? "" : task.description ?? "";
}

/**
 * What only the judge may see (the quiz's answer key, exercise 10's oracle): every
 * exercise's `judgeData`. Left out of every copy a student can read; kept only in
 * a bundle that graders run and students never see (Gradescope's).
 */
export const JUDGE_DATA: ReadonlySet<string> = new Set(CATALOGUE.flatMap((e) => e.judgeData ?? []));

/** Tasks that need something left out, whatever their script (compare shows the reference). */
const TASKS_LEFT_OUT = new Set(["dist", "test", "compare"]);

/** A task whose description ends so is the maintainers' (`doc:lint`): not a learner's to run. */
const MAINTAINERS_ONLY = /\(maintainers\)$/;

/** How `writeDist` makes the copy. */
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

/** What `writeDist` wrote and what it left out. */
export interface DistResult {
  /** Repository-relative files written. */
  files: string[];
  /** Files dropped because they import something left out (e.g. a script using a solution). */
  dropped: string[];
  /** The tasks kept in the copy's deno.json, and those dropped. */
  tasks: string[];
  /** Tasks removed because they need what the copy leaves out. */
  droppedTasks: string[];
  /** The import-map keys kept (imported by a kept file), and those dropped. */
  imports: string[];
  /** Import-map keys no kept file imports. */
  droppedImports: string[];
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
  const tasks = config.tasks as Record<string, TaskEntry>;
  const droppedTasks = Object.keys(tasks).filter((name) =>
    TASKS_LEFT_OUT.has(name) ||
    MAINTAINERS_ONLY.test(taskDescription(tasks[name] as TaskEntry)) ||
    scriptsOf(taskCommand(tasks[name] as TaskEntry)).some((s) => !kept.has(s))
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
  const imports = (config.imports ?? {}) as Record<string, string>;
  const used = await bareSpecifiers([...kept]);
  const keptImports = pruneImports(imports, used);
  const droppedImports = Object.keys(imports).filter((key) => !(key in keptImports));
  config.imports = keptImports;
  await Deno.writeTextFile(`${outDir}/deno.json`, JSON.stringify(config, null, 2) + "\n");
  if (kept.has("deno.lock")) {
    const lock = JSON.parse(await Deno.readTextFile(`${REPO_ROOT}/deno.lock`)) as DenoLock;
    const pruned = pruneLock(lock, Object.values(keptImports));
    await Deno.writeTextFile(`${outDir}/deno.lock`, JSON.stringify(pruned, null, 2) + "\n");
  }
  const readme = await Deno.readTextFile(`${REPO_ROOT}/README.md`);
  await Deno.writeTextFile(
    `${outDir}/README.md`,
    studentReadme(readme, droppedTasks, true, leftOut),
  );
  // The exercises' READMEs and data/README.md: their instructors' blocks name maintainers' tasks.
  const readmes = /^(exercises\/[^/]+|data)\/README\.md$/;
  for (const file of [...kept].filter((f) => readmes.test(f))) {
    const text = await Deno.readTextFile(`${REPO_ROOT}/${file}`);
    await Deno.writeTextFile(
      `${outDir}/${file}`,
      studentReadme(text, droppedTasks, false, leftOut),
    );
  }
  return {
    files: [...kept, "deno.json", "README.md"].sort(),
    dropped: dropped.sort(),
    tasks: Object.keys(tasks),
    droppedTasks,
    imports: Object.keys(keptImports),
    droppedImports,
  };
}

/** Specifiers that go through the import map (not relative, not `node:`/`npm:`/`jsr:`/URLs). */
async function bareSpecifiers(files: readonly string[]): Promise<Set<string>> {
  const used = new Set<string>();
  for (const file of files) {
    if (!CODE_FILE.test(file) || file.endsWith(".as.ts")) continue;
    let references;
    try {
      references = findReferences(await Deno.readTextFile(`${REPO_ROOT}/${file}`), file);
    } catch {
      continue; // A file that does not parse imports nothing we could keep for it.
    }
    for (const { specifier, kind } of references) {
      if (specifier === null || (kind !== "static" && kind !== "dynamic")) continue;
      if (/^(\.{0,2}\/|[a-z][a-z0-9+.-]*:)/i.test(specifier)) continue;
      used.add(specifier);
    }
  }
  return used;
}

/**
 * The entries of an import map that some specifier in `used` resolves through:
 * `"mitata"` keeps `mitata`, `"assemblyscript/asc"` keeps `assemblyscript`
 * (Deno maps a bare name's subpaths through its package entry) and a key ending
 * in `/` keeps what starts with it.
 *
 * @example
 * ```ts
 * import { pruneImports } from "./dist.ts";
 * const kept = pruneImports({ a: "npm:a@1", b: "npm:b@2" }, new Set(["a/sub"]));
 * if (JSON.stringify(kept) !== '{"a":"npm:a@1"}') throw new Error("only a");
 * ```
 */
export function pruneImports(
  imports: Readonly<Record<string, string>>,
  used: ReadonlySet<string>,
): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, target] of Object.entries(imports)) {
    const prefix = key.endsWith("/") ? key : `${key}/`;
    if ([...used].some((s) => s === key || s.startsWith(prefix))) kept[key] = target;
  }
  return kept;
}

/** The parts of a deno.lock (version 5) that name npm packages. */
export interface DenoLock {
  /** The lockfile format's version (`"5"` is the one known here). */
  version: string;
  /** `npm:name@range` → the version it resolved to. */
  specifiers?: Record<string, string>;
  /** `name@version` → its integrity and its dependencies (by name, or `name@version`). */
  npm?: Record<string, { dependencies?: string[]; [field: string]: unknown }>;
  /** What the workspace's configuration depends on. */
  workspace?: { dependencies?: string[]; [field: string]: unknown };
  /** Other fields, copied as they are. */
  [field: string]: unknown;
}

/**
 * A lockfile with only the npm packages `targets` (import-map values such as
 * `npm:mitata@1.0.34`) need, their dependencies included.
 *
 * @param lock A deno.lock, version 5.
 * @param targets The import-map values kept.
 * @throws {RangeError} A lockfile of another version (its layout may differ).
 */
export function pruneLock(lock: DenoLock, targets: readonly string[]): DenoLock {
  if (lock.version !== "5") {
    throw new RangeError(`Cannot prune deno.lock version ${lock.version}: only version 5 is known`);
  }
  const wanted = new Set(targets);
  const specifiers = Object.fromEntries(
    Object.entries(lock.specifiers ?? {}).filter(([specifier]) => wanted.has(specifier)),
  );
  const npm = lock.npm ?? {};
  const keep = new Set<string>();
  const visit = (key: string) => {
    if (keep.has(key) || !(key in npm)) return;
    keep.add(key);
    for (const dependency of npm[key]?.dependencies ?? []) visit(npmKey(npm, dependency));
  };
  for (const [specifier, version] of Object.entries(specifiers)) {
    const name = specifier.replace(/^npm:/, "").replace(/@[^@/]*$/, "");
    visit(`${name}@${version}`);
  }
  const pruned: DenoLock = {
    ...lock,
    specifiers,
    npm: Object.fromEntries(Object.entries(npm).filter(([key]) => keep.has(key))),
  };
  if (lock.workspace !== undefined) {
    pruned.workspace = {
      ...lock.workspace,
      dependencies: (lock.workspace.dependencies ?? []).filter((d) => wanted.has(d)),
    };
  }
  return pruned;
}

/** The `name@version` key of a dependency named `name` (the one version in the lock) or `name@version`. */
function npmKey(npm: Readonly<Record<string, unknown>>, dependency: string): string {
  if (dependency in npm) return dependency;
  return Object.keys(npm).find((key) => key.slice(0, key.lastIndexOf("@")) === dependency) ??
    dependency;
}

/**
 * Where a README marks what is the instructors' alone (grading, maintenance,
 * the open cheats): from an opening comment line to the closing one. Markdown
 * shows neither; the student copy leaves out the lines between them, markers
 * included.
 */
export const INSTRUCTORS_OPEN = /^<!-- instructors\b.*-->$/;
/** The line that ends an instructors' block (see `INSTRUCTORS_OPEN`). */
export const INSTRUCTORS_CLOSE = "<!-- /instructors -->";

/**
 * A README without its instructors' blocks (`INSTRUCTORS_OPEN`) and without the
 * lines that name a dropped task or the solutions: a task as `deno task name`,
 * `deno task -q name`, or a table row's `… name` (the rows that go on from the
 * one above); and the table rows whose first cell names, in backticks, a path
 * `leftOut` matches (`lib/grade/`, in a copy without the grader). With `everyLine` false (an exercise's README), only table rows
 * and lines of code blocks go: a sentence cut in the middle of a paragraph
 * would read worse than one left whole, and `tests/maintain/dist_test.ts` finds
 * what is left.
 *
 * @example
 * ```ts
 * import { studentReadme } from "./dist.ts";
 * const text = "| `deno task -q grade` | grade |\n| `… grade --roster` | ids |\n| `deno task check` | check |";
 * if (studentReadme(text, ["grade"]) !== "| `deno task check` | check |") throw new Error("rows");
 * ```
 *
 * @throws {Error} An instructors' block that is not closed, or a close without an open.
 */
export function studentReadme(
  text: string,
  droppedTasks: readonly string[],
  everyLine = true,
  leftOut: readonly RegExp[] = [],
): string {
  const names = droppedTasks.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  const task = names === ""
    ? null
    : new RegExp(`deno(@[\\d.]+)? task (-q )?(${names})\\b|^\\| \x60… (${names})\\b`);
  let inCode = false;
  return withoutInstructors(text).split("\n").filter((line) => {
    if (line.startsWith("```")) inCode = !inCode;
    const named = (task?.test(line) ?? false) || /solutions\/|--solution\b/.test(line);
    if (line.startsWith("|") && namesLeftOut(line, leftOut)) return false;
    return !named || !(everyLine || inCode || line.startsWith("|"));
  }).join("\n");
}

/**
 * True when a table row is about a path one of `leftOut` matches: one its first
 * cell names in backticks (the rest may name what it is not, `.workbook/`).
 */
function namesLeftOut(line: string, leftOut: readonly RegExp[]): boolean {
  const first = line.split("|")[1] ?? "";
  return [...first.matchAll(/\x60([^\x60\s]+)\x60/g)].some((m) =>
    leftOut.some((pattern) => pattern.test(m[1] as string))
  );
}

/** `text` without its instructors' blocks, and without the blank line after each. */
function withoutInstructors(text: string): string {
  const kept: string[] = [];
  let open: number | null = null;
  let skipBlank = false;
  for (const [i, line] of text.split("\n").entries()) {
    if (INSTRUCTORS_OPEN.test(line)) {
      if (open !== null) throw new Error(`line ${i + 1}: an instructors' block inside another`);
      open = i;
      continue;
    }
    if (line === INSTRUCTORS_CLOSE) {
      if (open === null) throw new Error(`line ${i + 1}: ${INSTRUCTORS_CLOSE} without an opening`);
      open = null;
      skipBlank = true;
      continue;
    }
    if (open !== null) continue;
    if (skipBlank && line.trim() === "" && (kept.at(-1) ?? "").trim() === "") continue;
    skipBlank = false;
    kept.push(line);
  }
  if (open !== null) throw new Error(`line ${open + 1}: an instructors' block never closed`);
  return kept.join("\n").replace(/\n+$/, "\n");
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
    references = findReferences(await Deno.readTextFile(`${REPO_ROOT}/${file}`), file);
  } catch {
    return true; // Not ours to judge: a file that does not parse stays as it is.
  }
  for (const { specifier, kind } of references) {
    // Imports only, and no build outputs (kernel.wasm is built by the learner).
    if (specifier === null || (kind !== "static" && kind !== "dynamic")) continue;
    if (!/^\.{1,2}\//.test(specifier) || specifier.endsWith(".wasm")) {
      continue;
    }
    const target = new URL(specifier, `file:///${importsFrom(file)}`).pathname.slice(1);
    if (!kept.has(target) && !(await isDir(`${REPO_ROOT}/${target}`))) return false;
  }
  return true;
}

/**
 * Where a file's relative imports are resolved from: where it lies, except for
 * a pristine stub (`checks/NN_slug/stub/x.ts`, see `lib/learner/stubs.ts`),
 * which is a copy of `exercises/NN_slug/x.ts` and imports what lies beside that.
 * (Resolved where it lies, the stub of exercise 2 imported a `grid.ts` missing
 * from `stub/`, and the copy went without it: `reset 2` could not work there.)
 */
export function importsFrom(file: string): string {
  return file.replace(/^checks\/([^/]+)\/stub\//, "exercises/$1/");
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
