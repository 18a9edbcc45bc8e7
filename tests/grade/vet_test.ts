/**
 * Vetting a submission's imports: the tokenizer is not fooled by strings,
 * comments, templates and regular expressions; each kind of forbidden
 * reference gets its own reason; the workbook's own code passes.
 *
 * @module
 */
import { findReferences } from "../../lib/modules/imports.ts";
import { LexError, tokenize } from "../../lib/modules/lexer.ts";
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
  assertEquals(shown(`i\\u006dport(where);`), ["dynamic:null"], "escaped keyword");
  assertEquals(shown(`(0, eval)("1");`), ["code-from-string:null"], "indirect eval");
  assertEquals(shown(`globalThis.eval("1");`), ["code-from-string:null"], "eval as a property");
  assertEquals(shown(`new Function("return 1")();`), ["code-from-string:null"], "new Function");
  // A regular expression after an if (…) header is a regular expression, not a division:
  // reading it as a division would swallow the import into a "string" that starts at the '.
  assertEquals(shown(`if (a) /'/.test(b); import(x); // '`), ["dynamic:null"], "if (…) /re/");
});

Deno.test("tokenize() decodes escapes in strings and refuses unterminated ones", () => {
  const [token] = tokenize(`"\\x2e\\u002e/\\u{2e}"`);
  assertEquals(token?.value, "../.", "decoded");
  for (const bad of [`"open`, "`open", "/* open", "x = /open"]) {
    let thrown: unknown;
    try {
      tokenize(bad);
    } catch (error) {
      thrown = error;
    }
    assert(thrown instanceof LexError, `${bad} is refused`);
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
