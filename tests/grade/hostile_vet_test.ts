/**
 * Hostile submissions against vetting (issue 12.2): everything before the
 * clock is bounded. Reading a file's imports ends quickly on megabytes of
 * hostile text, a malformed escape is a parse error (not a crash of the
 * grader), and a code file too large to be a solution is refused in one line.
 *
 * @module
 */
import { findReferences, ParseError } from "../../lib/modules/imports.ts";
import { MAX_VETTED_FILE_BYTES, vetFolder } from "../../lib/grade/vet.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";

/**
 * A watchdog, not a timing: linear work on these inputs takes well under a
 * second, the quadratic reading it replaces took minutes (40 000 `export{`
 * took 2.4 s, and 20 times as many take 400 times as long).
 */
const WATCHDOG_MS = 60_000;

Deno.test("hostile: megabytes of `export{` are read in linear time", async () => {
  // The lexer-based reader found no reference in them; the parser stops at the second `{`.
  const script = `
    import { findReferences, ParseError } from ${
    JSON.stringify(`${REPO_ROOT}/lib/modules/imports.ts`)
  };
    try {
      console.log(findReferences("export{".repeat(800_000)).length);
    } catch (thrown) {
      console.log(thrown instanceof ParseError ? \`line \${thrown.line}\` : thrown);
    }
  `;
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["eval", script],
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(WATCHDOG_MS),
  }).output();
  const stderr = new TextDecoder().decode(output.stderr);
  assert(
    output.success,
    `finished within the watchdog (code ${output.code}, ${output.signal}) ${stderr}`,
  );
  assertEquals(new TextDecoder().decode(output.stdout).trim(), "line 1", "a parse error");
});

Deno.test("hostile: a broken \\u{…} escape is a parse error, never a crash", () => {
  for (const source of ['"\\u{', '"\\u{110000}"', '"\\u{1"', "`\\u{zz}`", '"\\xZZ"']) {
    try {
      findReferences(source);
    } catch (thrown) {
      assert(thrown instanceof ParseError, `${source}: a ParseError, not ${thrown}`);
      continue;
    }
    // Some are legal: then they must simply end.
  }
});

Deno.test("hostile: a code file too large to be a solution is refused in one line", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/slow_series.ts`, "export {};\n");
    await Deno.writeTextFile(
      `${dir}/table.ts`,
      `export const T = [${"1,".repeat(MAX_VETTED_FILE_BYTES / 2)}];\n`,
    );
    const problems = await vetFolder(dir, "01_slow_series");
    assertEquals(problems.length, 1, problems.join("\n"));
    assertIncludes(problems[0] ?? "", "01_slow_series/table.ts: larger than", "named and why");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
