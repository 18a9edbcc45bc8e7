/**
 * What the sandbox rests on, checked against the Deno in use: `--allow-read`
 * does not guard the main module's own import graph (static and literal
 * dynamic imports load without it), but it does guard every module loaded at
 * run time through a computed import, static imports included. The runner and
 * the sample host load a submission only that way; a Deno upgrade that changed
 * this would fail here first.
 *
 * @module
 */
import { assertEquals, assertIncludes } from "../_helpers/helpers.ts";

async function runWithReadOnly(dir: string, main: string): Promise<string> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-prompt", `--allow-read=${dir}/allowed`, `${dir}/allowed/${main}`],
    env: { NO_COLOR: "1" },
  }).output();
  return new TextDecoder().decode(output.stdout) + new TextDecoder().decode(output.stderr);
}

Deno.test("--allow-read guards modules loaded at run time, not the main module's graph", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/allowed`);
    await Deno.mkdir(`${dir}/secret`);
    await Deno.writeTextFile(`${dir}/secret/answer.ts`, "export const answer = 42;\n");
    await Deno.writeTextFile(
      `${dir}/allowed/static_main.ts`,
      `import { answer } from "../secret/answer.ts";\nconsole.log("read", answer);\n`,
    );
    await Deno.writeTextFile(
      `${dir}/allowed/candidate.ts`,
      `import { answer } from "../secret/answer.ts";\nexport const value = answer;\n`,
    );
    await Deno.writeTextFile(
      `${dir}/allowed/literal.ts`,
      `export const value = (await import("../secret/answer.ts")).answer;\n`,
    );
    await Deno.writeTextFile(
      `${dir}/allowed/host.ts`,
      `for (const name of ["candidate.ts", "literal.ts"]) {
  try {
    const url = new URL("./" + name, import.meta.url).href;
    console.log(name, "read", (await import(url)).value);
  } catch (error) {
    console.log(name, "refused", String(error).split("\\n")[0]);
  }
}
`,
    );
    // The claim, verified: the main module's static import reads outside --allow-read.
    assertIncludes(await runWithReadOnly(dir, "static_main.ts"), "read 42", "main graph");
    // What the sandbox relies on: loaded at run time, neither import form gets through.
    const hosted = await runWithReadOnly(dir, "host.ts");
    const lines = hosted.trim().split("\n");
    assertEquals(lines.length, 2, hosted);
    for (const line of lines) assertIncludes(line, "refused TypeError: Requires read access", line);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
