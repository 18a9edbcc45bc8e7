/**
 * Every task of deno.json has a description, and answers `--help` with its
 * usage and exit status 0 (the maintainer's `test` task aside: it runs the
 * suite).
 *
 * @module
 */
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";

const config = JSON.parse(await Deno.readTextFile(`${REPO_ROOT}/deno.json`));
const tasks = config.tasks as Record<string, string | { command: string; description?: string }>;
/** Tasks whose --help would do something else: `test` runs the suite, `test:unit` part of it. */
const NOT_A_COMMAND = new Set(["test", "test:unit"]);

Deno.test("every task has a description", () => {
  for (const [name, task] of Object.entries(tasks)) {
    assert(
      typeof task === "object" && (task.description ?? "").length > 10,
      `${name}: description`,
    );
    // `deno task` lists the descriptions: a placeholder is no description.
    const description = typeof task === "object" ? task.description ?? "" : "";
    assert(!/\b(TODO|FIXME|XXX)\b/.test(description), `${name}: "${description}"`);
  }
});

for (const name of Object.keys(tasks).filter((n) => !NOT_A_COMMAND.has(n))) {
  Deno.test(`deno task ${name} --help exits 0 with a usage`, async () => {
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["task", "-q", name, "--help"],
      cwd: REPO_ROOT,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    }).output();
    const stdout = new TextDecoder().decode(output.stdout);
    assertEquals(output.code, 0, `exit code: ${new TextDecoder().decode(output.stderr)}`);
    assertIncludes(stdout, "Usage:", "a usage line");
  });
}
