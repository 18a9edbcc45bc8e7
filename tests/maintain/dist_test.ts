/**
 * The student copy imports only what it runs: `dist` keeps in deno.json's
 * "imports" and in deno.lock only the packages a kept file imports, and the
 * copy still runs with the lockfile frozen.
 *
 * @module
 */
import { type DenoLock, pruneImports, pruneLock } from "../../lib/maintain/dist.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { assert, assertEquals } from "../_helpers/helpers.ts";

/** Packages only the maintainer's tests use. */
const TEST_ONLY = ["ajv", "playwright-core"];

Deno.test("pruneImports() keeps a key used as itself, by a subpath, or as a prefix", () => {
  const imports = { a: "npm:a@1", b: "npm:b@2", "c/": "npm:/c@3/", d: "npm:d@4" };
  assertEquals(
    pruneImports(imports, new Set(["a", "b/sub", "c/x.js"])),
    { a: "npm:a@1", b: "npm:b@2", "c/": "npm:/c@3/" },
    "kept",
  );
  assertEquals(pruneImports(imports, new Set(["ab"])), {}, "a longer name is another package");
});

Deno.test("pruneLock() keeps the packages of the kept imports and their dependencies", () => {
  const lock: DenoLock = {
    version: "5",
    specifiers: { "npm:a@1.0.0": "1.0.0", "npm:t@2.0.0": "2.0.0" },
    npm: {
      "a@1.0.0": { integrity: "ia", dependencies: ["b"] },
      "b@3.1.0": { integrity: "ib", dependencies: ["c@4.0.0"] },
      "c@4.0.0": { integrity: "ic" },
      "t@2.0.0": { integrity: "it", dependencies: ["u"] },
      "u@1.0.0": { integrity: "iu" },
    },
    workspace: { dependencies: ["npm:a@1.0.0", "npm:t@2.0.0"] },
  };
  const pruned = pruneLock(lock, ["npm:a@1.0.0"]);
  assertEquals(pruned.specifiers, { "npm:a@1.0.0": "1.0.0" }, "specifiers");
  assertEquals(Object.keys(pruned.npm ?? {}), ["a@1.0.0", "b@3.1.0", "c@4.0.0"], "packages");
  assertEquals(pruned.workspace?.dependencies, ["npm:a@1.0.0"], "workspace");
  let message = "";
  try {
    pruneLock({ version: "4" }, []);
  } catch (thrown) {
    message = (thrown as Error).message;
  }
  assert(message.includes("version 4"), `refuses another version: ${message}`);
});

Deno.test("dist: the student copy names no test-only package and runs with its lock frozen", async () => {
  const parent = await Deno.makeTempDir({ prefix: "workbook-dist-test-" });
  const out = `${parent}/student`;
  try {
    const made = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "lib/cli/dist.ts", "--out", out],
      cwd: REPO_ROOT,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assertEquals(made.code, 0, `dist: ${new TextDecoder().decode(made.stderr)}`);
    const config = JSON.parse(await Deno.readTextFile(`${out}/deno.json`));
    const lock = JSON.parse(await Deno.readTextFile(`${out}/deno.lock`)) as DenoLock;
    assertEquals(config.lock?.frozen, true, "the copy's lock is frozen too");
    for (const name of TEST_ONLY) {
      assert(!(name in config.imports), `deno.json imports ${name}`);
      assert(
        !Object.keys(lock.npm ?? {}).some((key) => key.startsWith(`${name}@`)),
        `deno.lock holds ${name}`,
      );
    }
    for (const name of ["mitata", "assemblyscript"]) {
      assert(name in config.imports, `deno.json keeps ${name}, which the copy runs`);
    }
    // A frozen lock that disagrees with deno.json stops every command: this one must start.
    const checked = await new Deno.Command(Deno.execPath(), {
      args: ["task", "check", "1", "--quick"],
      cwd: out,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const said = new TextDecoder().decode(checked.stdout) +
      new TextDecoder().decode(checked.stderr);
    assert(!/lockfile is out of date/i.test(said), `the copy's lock agrees: ${said}`);
    assertEquals(checked.code, 1, `check 1 on the stub fails as a stub does: ${said}`);
  } finally {
    await Deno.remove(parent, { recursive: true });
  }
});
