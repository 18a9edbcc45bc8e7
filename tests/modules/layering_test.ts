/**
 * What a file may import follows from its folder. Read with the project's own
 * module-graph reader (`lib/modules/imports.ts`, the one the grader vets
 * submissions with), over every module of `lib/`, `checks/`, `exercises/` and
 * `solutions/`:
 *
 * - `lib/sandbox/` (where candidates run) never imports the grader, the CLI,
 *   the learner's tools or the reports;
 * - nothing imports a `lib/cli/` file, except the CLI files their shared `args.ts`;
 * - `lib/check/` does not import the grader, the learner's tools, the reports or the CLI;
 * - `lib/report/` does not import the CLI, the grader, the learner's tools or the sandbox;
 * - `lib/modules/` imports nothing else of `lib/`;
 * - a hidden check (`checks/`) imports only `lib/check/{types,kit,define,describe,blocking_referee}.ts`,
 *   `data/`, other checks, and the given files of its own exercise;
 * - `exercises/` and `solutions/` import nothing from `lib/` or `checks/`;
 * - no import cycle inside `lib/`.
 *
 * @module
 */
import { CODE_FILE, findReferences } from "../../lib/modules/imports.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { JUDGE_DATA } from "../../lib/maintain/dist.ts";
import { assert } from "../_helpers/helpers.ts";

/** An import between two repository files, at a line of the importer. */
interface Edge {
  from: string;
  to: string;
  line: number;
}

const ROOTS = ["lib", "checks", "exercises", "solutions"];
/** What a hidden check may use of the harness: types, the kit, defaults, value descriptions. */
/** A check may use the check kit and types, and the seeded generator (pure, no I/O). */
const CHECK_MAY_IMPORT =
  /^lib\/(check\/(types|kit|define|describe|blocking_referee)|exercise\/rng)\.ts$/;

async function* codeFiles(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(`${REPO_ROOT}/${dir}`)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* codeFiles(path);
    // AssemblyScript (`*.as.ts`) is compiled by asc, not imported by Deno.
    else if (CODE_FILE.test(entry.name) && !entry.name.endsWith(".as.ts")) yield path;
  }
}

/** Every import of a repository file by another, by relative specifier. */
async function edges(): Promise<Edge[]> {
  const found: Edge[] = [];
  for (const root of ROOTS) {
    for await (const from of codeFiles(root)) {
      const source = await Deno.readTextFile(`${REPO_ROOT}/${from}`);
      for (const reference of findReferences(source, from)) {
        const specifier = reference.specifier;
        if (specifier === null || !specifier.startsWith(".")) continue;
        const to = new URL(specifier, `file:///${from}`).pathname.slice(1);
        found.push({ from, to, line: reference.line });
      }
    }
  }
  return found;
}

const graph = await edges();

function folder(path: string): string {
  const parts = path.split("/");
  return parts[0] === "lib" ? `lib/${parts[1]}` : parts[0] as string;
}

function assertNone(broken: Edge[], rule: string): void {
  assert(
    broken.length === 0,
    `${rule}:\n${broken.map((e) => `  ${e.from}:${e.line} imports ${e.to}`).join("\n")}`,
  );
}

Deno.test("the module graph was read (a sanity check of the reader)", () => {
  assert(graph.length > 100, `only ${graph.length} imports found`);
  assert(
    graph.some((e) => e.from === "lib/cli/check.ts" && e.to === "lib/check/check.ts"),
    "lib/cli/check.ts imports lib/check/check.ts",
  );
});

Deno.test("lib/sandbox never imports the grader, the CLI, the learner's tools or the reports", () => {
  assertNone(
    graph.filter((e) =>
      folder(e.from) === "lib/sandbox" &&
      ["lib/grade", "lib/cli", "lib/learner", "lib/report", "lib/maintain"].includes(folder(e.to))
    ),
    "the sandbox reaches up",
  );
});

Deno.test("nothing imports a lib/cli file (the CLI files share args.ts only)", () => {
  assertNone(
    graph.filter((e) =>
      folder(e.to) === "lib/cli" && !(folder(e.from) === "lib/cli" && e.to === "lib/cli/args.ts")
    ),
    "a CLI file is imported",
  );
});

Deno.test("lib/check does not import the grader, the learner's tools, the reports or the CLI", () => {
  assertNone(
    graph.filter((e) =>
      folder(e.from) === "lib/check" &&
      ["lib/grade", "lib/learner", "lib/report", "lib/cli", "lib/maintain"].includes(folder(e.to))
    ),
    "the check reaches up",
  );
});

Deno.test("lib/report and lib/modules stay below the tools that use them", () => {
  assertNone(
    graph.filter((e) =>
      folder(e.from) === "lib/report" &&
      ["lib/cli", "lib/grade", "lib/learner", "lib/sandbox", "lib/maintain"].includes(folder(e.to))
    ),
    "the reports reach up",
  );
  assertNone(
    graph.filter((e) =>
      folder(e.from) === "lib/modules" && e.to.startsWith("lib/") &&
      folder(e.to) !== "lib/modules"
    ),
    "lib/modules imports the rest of lib",
  );
});

Deno.test("a hidden check imports only the check kit and types, data, checks and its exercise's given files", () => {
  assertNone(
    graph.filter((e) => {
      if (folder(e.from) !== "checks") return false;
      // Judge data (an answer key, an oracle) is loaded by the judge only, never in a
      // sandbox: it may read the workbook (exercise 11's course text reads the READMEs).
      if (JUDGE_DATA.has(e.from)) return false;
      if (CHECK_MAY_IMPORT.test(e.to)) return false;
      if (e.to.startsWith("data/") || e.to.startsWith("checks/")) return false;
      const own = e.from.split("/")[1];
      return !e.to.startsWith(`exercises/${own}/`);
    }),
    "a check imports beyond its kit",
  );
});

Deno.test("exercises/ and solutions/ import nothing from lib/ or checks/", () => {
  assertNone(
    graph.filter((e) =>
      ["exercises", "solutions"].includes(folder(e.from)) &&
      (e.to.startsWith("lib/") || e.to.startsWith("checks/"))
    ),
    "a learner's file depends on the harness",
  );
});

Deno.test("no import cycle inside lib/", () => {
  const next = new Map<string, string[]>();
  for (const e of graph) {
    if (!e.from.startsWith("lib/") || !e.to.startsWith("lib/")) continue;
    next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  }
  const cycles: string[] = [];
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    path.push(file);
    for (const to of next.get(file) ?? []) {
      if (state.get(to) === "open") cycles.push([...path.slice(path.indexOf(to)), to].join(" → "));
      else if (!state.has(to)) visit(to);
    }
    path.pop();
    state.set(file, "done");
  };
  for (const file of next.keys()) if (!state.has(file)) visit(file);
  assert(cycles.length === 0, `import cycles:\n  ${cycles.join("\n  ")}`);
});
