/**
 * The shape of the code stays readable, and comments do not drift from it:
 * no folder of `lib/` holds more than 15 files directly, no file there exceeds
 * 500 lines, no comment claims a single timing place that is not single, and
 * nothing names a `WORKBOOK.md` the repository does not have.
 *
 * @module
 */
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { assert } from "../_helpers/helpers.ts";

/** A folder a newcomer can take in at a glance (issue 14's bound). */
const MAX_FILES_PER_FOLDER = 15;
/** A file a reader can hold in mind; larger ones split at their seams. */
const MAX_LINES_PER_FILE = 500;

interface Entry {
  path: string;
  isDirectory: boolean;
}

async function entries(dir: string): Promise<Entry[]> {
  const found: Entry[] = [];
  for await (const entry of Deno.readDir(`${REPO_ROOT}/${dir}`)) {
    found.push({ path: `${dir}/${entry.name}`, isDirectory: entry.isDirectory });
  }
  return found;
}

async function allFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await entries(dir)) {
    if (entry.isDirectory) files.push(...await allFiles(entry.path));
    else files.push(entry.path);
  }
  return files;
}

Deno.test(`no folder of lib/ holds more than ${MAX_FILES_PER_FOLDER} files directly`, async () => {
  const crowded: string[] = [];
  const visit = async (dir: string) => {
    const here = await entries(dir);
    const files = here.filter((e) => !e.isDirectory).length;
    if (files > MAX_FILES_PER_FOLDER) crowded.push(`${dir}: ${files}`);
    for (const e of here) if (e.isDirectory) await visit(e.path);
  };
  await visit("lib");
  assert(crowded.length === 0, `crowded folders: ${crowded.join(", ")}`);
});

Deno.test(`no file of lib/ exceeds ${MAX_LINES_PER_FILE} lines`, async () => {
  const long: string[] = [];
  for (const file of await allFiles("lib")) {
    if (!/\.(ts|json)$/.test(file)) continue;
    const lines = (await Deno.readTextFile(`${REPO_ROOT}/${file}`)).split("\n").length - 1;
    if (lines > MAX_LINES_PER_FILE) long.push(`${file}: ${lines}`);
  }
  assert(long.length === 0, `long files: ${long.join(", ")}`);
});

Deno.test("comments do not drift: one timing place, no missing WORKBOOK.md", async () => {
  let workbookExists = true;
  try {
    await Deno.stat(`${REPO_ROOT}/WORKBOOK.md`);
  } catch {
    workbookExists = false;
  }
  const drifted: string[] = [];
  const files = [
    ...await allFiles("lib"),
    ...await allFiles("checks"),
    ...await allFiles("tests"),
    "README.md",
  ].filter((f) => /\.(ts|md)$/.test(f) && f !== "tests/modules/structure_test.ts");
  for (const file of files) {
    const text = await Deno.readTextFile(`${REPO_ROOT}/${file}`);
    if (/the one place a sample is timed/i.test(text)) drifted.push(`${file}: "the one place…"`);
    if (!workbookExists && text.includes("WORKBOOK.md")) drifted.push(`${file}: WORKBOOK.md`);
  }
  assert(drifted.length === 0, `drifted:\n  ${drifted.join("\n  ")}`);
});

/** What a test does when it is not a unit test: it spawns Deno, runs a check, grades or profiles. */
const NOT_UNIT =
  /Deno\.execPath\(\)|checkSource\(|runCheck\(|gradeClass\(|profileRun\(|measurePairs\(/;

Deno.test("deno task test:unit runs only pure tests, and every one of them exists", async () => {
  const config = JSON.parse(await Deno.readTextFile(`${REPO_ROOT}/deno.json`));
  const entry = config.tasks["test:unit"] as string | { command: string };
  const task = typeof entry === "string" ? entry : entry.command;
  const named = task.slice(task.indexOf("deno test")).split(/\s+/).filter((w) =>
    w.startsWith("tests/")
  );
  assert(named.length > 0, "test:unit names its tests");
  const impure: string[] = [];
  for (const path of named) {
    const files = path.endsWith("/") ? await allFiles(path.slice(0, -1)) : [path];
    for (const file of files.filter((f) => f.endsWith("_test.ts"))) {
      if (NOT_UNIT.test(await Deno.readTextFile(`${REPO_ROOT}/${file}`))) impure.push(file);
    }
  }
  assert(impure.length === 0, `not unit tests: ${impure.join(", ")}`);
});
