/**
 * Vetting a submission's imports: the parser is not fooled by strings,
 * comments, templates and regular expressions, nor by the places a token
 * reader misjudged; a file that does not parse is one line naming it; each
 * kind of forbidden reference gets its own reason; the workbook's own code passes.
 *
 * @module
 */
import { findReferences, ParseError } from "../../lib/modules/imports.ts";
import { judgeReference, vetFolder } from "../../lib/grade/vet.ts";
import { harnessClosure, stubSource } from "../../lib/grade/sandbox.ts";
import { CATALOGUE } from "../../lib/exercise/catalogue.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";

function shown(source: string): string[] {
  return findReferences(source).map((r) => `${r.kind}:${r.specifier}`);
}

Deno.test("findReferences() reads every import form and nothing in strings or comments", () => {
  const source = [
    `// import("./in-a-comment")`,
    `/* import "./in-a-block" */`,
    `const s = "import('./in-a-string')";`,
    "const t = `x ${await import('./in-a-substitution')} y`;",
    `const r = /import\\("\\.\\/in-a-regex"\\)/g;`,
    `import a, { b } from "./static.ts";`,
    `import "./side-effect.ts";`,
    `import type { T } from "./types.ts";`,
    `export * as ns from "./star.ts";`,
    `export { c } from "./named.ts";`,
    `export const notAnImport = "./nothing";`,
    `const W = new URL("./worker.ts", import.meta.url);`,
    `new Worker(W, { type: "module" });`,
    `await import(W.href);`,
    `const x = obj.import("./a-method");`,
  ].join("\n");
  assertEquals(shown(source), [
    "dynamic:./in-a-substitution",
    "static:./static.ts",
    "static:./side-effect.ts",
    "static:./types.ts",
    "static:./star.ts",
    "static:./named.ts",
    "url:./worker.ts",
    "dynamic:./worker.ts",
  ], "references");
});

Deno.test("findReferences() flags computed imports, eval and Function, even disguised", () => {
  assertEquals(shown(`await import(base + "/x.ts");`), ["dynamic:null"], "concatenation");
  assertEquals(shown("await import(`../${name}.ts`);"), ["dynamic:null"], "template");
  assertEquals(shown(`(0, eval)("1");`), ["code-from-string:null"], "indirect eval");
  assertEquals(shown(`globalThis.eval("1");`), ["code-from-string:null"], "eval as a property");
  assertEquals(shown(`new Function("return 1")();`), ["code-from-string:null"], "new Function");
  // A regular expression after an if (…) header is a regular expression, not a division:
  // reading it as a division would swallow the import into a "string" that starts at the '.
  assertEquals(shown(`if (a) /'/.test(b); import(x); // '`), ["dynamic:null"], "if (…) /re/");
});

Deno.test("findReferences() reads what the hand-written lexer misread or missed", () => {
  // After `export default` a `/` starts a regular expression; the lexer read a division,
  // and the ' inside the expression opened a "string" that hid the import to the comment.
  assertEquals(shown(`export default /'/; await import(where); // '`), ["dynamic:null"], "/re/");
  // A division is no regular expression: `{} / '…'` divides by a string naming no module.
  assertEquals(shown(`const q = {} /'/; import(where) // '`), [], "{} / '…'");
  assertEquals(shown("await import(`../x.ts`);"), ["dynamic:../x.ts"], "template, no ${}");
  assertEquals(shown(`new (Worker)("../w.ts");`), ["worker:../w.ts"], "new (Worker)");
  assertEquals(shown(`new globalThis.Worker("../w.ts");`), ["worker:../w.ts"], "globalThis.");
  assertEquals(shown(`new globalThis.Function("1")`), ["code-from-string:null"], "globalThis.");
  assertEquals(shown(`self.Function("1")()`), ["code-from-string:null"], "self.Function");
  assertEquals(shown(`require?.("../q.ts");`), ["dynamic:../q.ts"], "optional call");
  assertEquals(shown(`new URL("../x", import.meta["url"]);`), ["url:../x"], `meta["url"]`);
  // Inside type arguments and decorators.
  assertEquals(shown(`new Map<string, typeof import("../t.ts")>();`), ["dynamic:../t.ts"], "<>");
  assertEquals(
    shown(`@((await import("../d.ts")).dec) class A { @m(import("../e.ts")) f() {} }`),
    ["dynamic:../d.ts", "dynamic:../e.ts"],
    "decorators",
  );
  assertEquals(shown(`export type { T } from "../t.ts";`), ["static:../t.ts"], "export type");
  assertEquals(shown(`import x = require("../r.ts");`), ["static:../r.ts"], "import = require");
  // A URL constant stands for its file only where no other binding shadows its name.
  const W = `const W = new URL("./w.ts", import.meta.url);`;
  assertEquals(shown(`${W} await import(W.href);`), ["url:./w.ts", "dynamic:./w.ts"], "W");
  assertEquals(
    shown(`${W} function f(W: string) { return import(W); }`),
    ["url:./w.ts", "dynamic:null"],
    "a parameter W",
  );
});

Deno.test("findReferences() refuses what does not parse, with its line", () => {
  const refused = (source: string, fileName?: string) => {
    try {
      findReferences(source, fileName);
    } catch (thrown) {
      assert(thrown instanceof ParseError, `${source.slice(0, 30)}: a ParseError, not ${thrown}`);
      assert(!thrown.message.includes("\n"), `one line: ${thrown.message}`);
      return `${thrown.line}: ${thrown.message}`;
    }
    return "parsed";
  };
  assertEquals(refused("const a = 1;\nconst b = (;\n"), "2: Unexpected token (column 12)", "(;");
  // Deno refuses an escaped keyword too: it is not a way to hide an import.
  assertIncludes(refused(`i\\u006dport(where);`), "1: Escape sequence in keyword import", "\\u");
  for (const bad of [`"open`, "`open", "/* open", "x = /open"]) {
    assert(refused(bad).startsWith("1: "), `${bad} is refused`);
  }
  // Deeper than the parser's stack: refused, never a crash of the grader.
  assertEquals(refused("(".repeat(200_000)), "1: nested too deeply to read", "(((…");
  // JavaScript is read as JavaScript: a TypeScript annotation is an error there.
  assertIncludes(refused("let a: number = 1;", "a.js"), "1: ", ".js");
});

Deno.test("findReferences() reads AssemblyScript's decorators as nothing, and only those", () => {
  const source = [
    `import { helper } from "./helper.as.ts";`,
    "// @ts-ignore: decorator",
    "@inline",
    "function f(x: i32): i32 { return x; }",
    `@external("env", "log")`,
    "declare function log(x: i32): void;",
    "const s = `",
    "@inline",
    "`; import(where);",
  ].join("\n");
  assertEquals(
    findReferences(source, "kernel.as.ts").map((r) => `${r.kind}:${r.specifier}:${r.line}`),
    ["static:./helper.as.ts:1", "dynamic:null:9"],
    "references and their lines",
  );
  let thrown: unknown;
  try {
    findReferences(source, "kernel.ts");
  } catch (error) {
    thrown = error;
  }
  assert(thrown instanceof ParseError && thrown.line === 4, "a .ts file gets no such leave");
});

Deno.test("vetFolder() names a file that does not parse, and its line, in one line", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/slow_series.ts`, "export function f() {\n  return 1 +;\n}\n");
    assertEquals(
      await vetFolder(dir, "01_slow_series"),
      ["01_slow_series/slow_series.ts:2: does not parse: Unexpected token (column 13)"],
      "the problems",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("judgeReference() gives each forbidden reference its own reason", () => {
  const root = "/tmp/sub/01_slow_series";
  const file = `${root}/slow_series.ts`;
  const judge = (specifier: string | null, kind: "static" | "dynamic" | "worker" = "static") =>
    judgeReference({ kind, specifier, line: 1 }, file, root);
  assertEquals(judge("./helper.ts"), null, "inside the folder");
  assertEquals(judge("node:os"), null, "a Node built-in");
  assertIncludes(judge("../../data/known_sums.ts") ?? "", "outside its exercise folder", "..");
  assertIncludes(judge("/work/main/solutions/x.ts") ?? "", "outside its exercise folder", "abs");
  assertIncludes(judge("./\u002e./x.ts") ?? "", "outside", "escaped dots");
  assertIncludes(judge("npm:left-pad@1.3.0") ?? "", "not on the grading allow-list", "npm:");
  assertIncludes(judge("https://example.com/x.ts") ?? "", "not on the grading allow-list", "url");
  assertIncludes(judge("jsr:@std/path") ?? "", "not on the grading allow-list", "jsr:");
  assertIncludes(judge("mitata") ?? "", "bare specifier", "bare");
  assertIncludes(judge(null, "dynamic") ?? "", "computed import: not allowed", "computed");
  assertIncludes(
    judge("data:text/javascript,1", "worker") ?? "",
    "code built from a string",
    "data:",
  );
  assertEquals(
    judgeReference({ kind: "static", specifier: "npm:left-pad@1.3.0", line: 1 }, file, root, {
      allowImports: ["npm:left-pad@1.3.0"],
    }),
    null,
    "an allow-listed package",
  );
});

Deno.test("vetFolder() passes every reference solution and every stub", async () => {
  for (const exercise of CATALOGUE.filter((e) => e.available)) {
    for (const folder of ["solutions", "exercises"]) {
      const dir = `${REPO_ROOT}/${folder}/${exercise.dir}`;
      const problems = await vetFolder(dir, exercise.dir, {
        computedImports: exercise.slug === "worker-pool",
      });
      // The references import the given files through ../../exercises/: outside their folder
      // here, inside it in a graded copy (whose root is named exercises/ too).
      const real = problems.filter((p) => !p.includes('"../../exercises/'));
      assertEquals(real, [], `${folder}/${exercise.dir}`);
    }
  }
});

Deno.test("the harness closure of a check reaches data/ only through stubs", async () => {
  const closure = await harnessClosure([
    `${REPO_ROOT}/lib/sandbox/runner.ts`,
    `${REPO_ROOT}/checks/01_slow_series/check.ts`,
  ]);
  assert(closure.files.includes(`${REPO_ROOT}/lib/sandbox/sample_worker.ts`), "the Worker script");
  assert(closure.files.every((f) => !f.includes("/data/")), "no data/ file is read");
  assert(closure.files.every((f) => !f.includes("/solutions/")), "no solution is read");
  assertEquals(closure.data, [`${REPO_ROOT}/data/known_sums.ts`], "data modules stubbed");
  const stub = stubSource(closure.data[0] as string, "export function knownSums() {}\n");
  assertIncludes(stub, "export const knownSums = unavailable;", "the stub exports the same name");
});

Deno.test("the harness closure never holds a folder, so a module naming the root opens nothing", async () => {
  // lib/exercise/paths.ts names the repository root with new URL("../..", import.meta.url):
  // a check that imports it must not give the candidate's runner the whole workbook.
  const closure = await harnessClosure([
    `${REPO_ROOT}/lib/sandbox/runner.ts`,
    `${REPO_ROOT}/lib/exercise/paths.ts`,
    ...CATALOGUE.flatMap((e) => e.check === undefined ? [] : [`${REPO_ROOT}/${e.check}`]),
  ]);
  const folders = [];
  for (const file of closure.files) {
    if ((await Deno.stat(file)).isDirectory) folders.push(file);
  }
  assertEquals(folders, [], "folders in the closure");
  assert(!closure.files.some((f) => f.endsWith("/key.ts")), "no answer key");
});
