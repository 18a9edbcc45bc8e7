/**
 * The AssemblyScript build (`lib/exercise/build.ts`): every kernel in exercises/ and
 * solutions/ compiles to a module that needs no imports, a broken one gives one
 * line `path:line:col: message` (also as a check's verdict), and an unchanged
 * kernel is taken from the cache and not rewritten.
 *
 * @module
 */
import { buildFile, wasmPathFor } from "../../lib/exercise/build.ts";
import { findExercise } from "../../lib/exercise/catalogue.ts";
import { runCheck } from "../../lib/check/check.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { assert, assertEquals, assertIncludes, TEST_SEED } from "../_helpers/helpers.ts";

/** Every `*.as.ts` under `dir`, recursively. */
async function assemblyScriptFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) found.push(...await assemblyScriptFiles(path));
    else if (entry.name.endsWith(".as.ts")) found.push(path);
  }
  return found.sort();
}

/** One line, `…name:line:col: code: message`, and nothing that looks like a stack. */
function assertOneLine(message: string, name: string, line: number, column: number): void {
  assert(!message.includes("\n"), `one line: ${JSON.stringify(message)}`);
  assert(!/\bat .+:\d+:\d+\)?$/.test(message), `no stack frame: ${message}`);
  assertIncludes(message, `${name}:${line}:${column}: `, "path:line:col");
}

Deno.test("every AssemblyScript kernel in exercises/ and solutions/ compiles, needing no imports", async () => {
  const sources = [
    ...await assemblyScriptFiles(`${REPO_ROOT}/exercises`),
    ...await assemblyScriptFiles(`${REPO_ROOT}/solutions`),
  ];
  assert(sources.length >= 2, `found ${sources.length} kernels`);
  for (const source of sources) {
    const built = await buildFile(source);
    assert(built.ok, `${source}: ${built.ok ? "" : built.message}`);
    const module = new WebAssembly.Module(await Deno.readFile(wasmPathFor(source)));
    assertEquals(WebAssembly.Module.imports(module), [], `${source}: imports`);
    // Instantiating without an import object is what `import()` of the .wasm does.
    const instance = new WebAssembly.Instance(module);
    // Exercise 8's kernel (and its copies) export partialSum; exercise 9's stretch, blockSum.
    const entry = source.endsWith("block_kernel.as.ts") ? "blockSum" : "partialSum";
    assertEquals(typeof instance.exports[entry], "function", `${source}: ${entry}`);
  }
});

Deno.test("a broken AssemblyScript file gives one line: path:line:col: message", async () => {
  const dir = await Deno.makeTempDir({ prefix: "workbook-build-" });
  try {
    const syntax = `${dir}/syntax.as.ts`;
    await Deno.writeTextFile(
      syntax,
      "export function partialSum(lo: i32, hi: i32): f64 {\n  return lo +;\n}\n",
    );
    const bad = await buildFile(syntax);
    assert(!bad.ok, "a syntax error fails the build");
    assertOneLine(bad.message, "syntax.as.ts", 2, 14);
    assertIncludes(bad.message, "Expression expected", "the compiler's message");

    const types = `${dir}/types.as.ts`;
    await Deno.writeTextFile(
      types,
      "export function partialSum(lo: i32, hi: i32): f64 {\n  let total: i32 = 0.5;\n  return total + missing;\n}\n",
    );
    const wrong = await buildFile(types);
    assert(!wrong.ok, "a type error fails the build");
    assertOneLine(wrong.message, "types.as.ts", 2, 20);

    await assertNoFile(wasmPathFor(syntax));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an unchanged kernel comes from the cache and its .wasm is not rewritten", async () => {
  const dir = await Deno.makeTempDir({ prefix: "workbook-build-" });
  try {
    const source = `${dir}/kernel.as.ts`;
    // A source no other test builds, so the first build here may or may not hit the cache.
    await Deno.writeTextFile(
      source,
      `// cache test ${crypto.randomUUID()}\nexport function partialSum(lo: i32, hi: i32): f64 {\n  return <f64>(hi - lo);\n}\n`,
    );
    const first = await buildFile(source);
    assert(first.ok && first.how === "compiled" && first.changed, JSON.stringify(first));
    const written = (await Deno.stat(wasmPathFor(source))).mtime?.getTime();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await buildFile(source);
    assert(second.ok && second.how === "cached" && !second.changed, JSON.stringify(second));
    assertEquals((await Deno.stat(wasmPathFor(source))).mtime?.getTime(), written, "mtime");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a check of a kernel that does not compile says so in one line", async () => {
  const exercise = findExercise("wasm-kernel");
  assert(exercise !== undefined, "exercise 8 exists");
  const dir = await Deno.makeTempDir({ prefix: "workbook-build-" });
  try {
    await Deno.mkdir(`${dir}/${exercise.dir}`);
    for (const file of exercise.files) {
      await Deno.copyFile(
        `${REPO_ROOT}/solutions/${exercise.dir}/${file}`,
        `${dir}/${exercise.dir}/${file}`,
      );
    }
    await Deno.writeTextFile(
      `${dir}/${exercise.dir}/kernel.as.ts`,
      "export function partialSum(lo: i32, hi: i32): f64 {\n  return undefinedName;\n}\n",
    );
    const result = await runCheck({
      exercise,
      source: { kind: "dir", path: dir },
      seed: TEST_SEED,
      quick: true,
      size: "default",
    });
    assertEquals(result.status, "error", "status");
    assertOneLine(result.summary, "kernel.as.ts", 2, 10);
    assertIncludes(result.summary, "Cannot find name 'undefinedName'", "the compiler's message");
    assertEquals(result.tests.length, 0, "no test ran");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

async function assertNoFile(path: string): Promise<void> {
  try {
    await Deno.stat(path);
  } catch {
    return;
  }
  throw new Error(`Assertion failed: ${path} should not exist`);
}

/** A source that makes the compiler recurse until it calls `process.exit(1)` (issue 12.1). */
const RECURSING_GENERIC = `class Box<T> { value: T; constructor(v: T) { this.value = v; } }
function deep<T>(v: T): i32 {
  return deep<Box<T>>(new Box<T>(v));
}
export function partialSum(lo: i32, hi: i32): f64 {
  return <f64>deep<i32>(lo);
}
`;

/** A 2.6 kB chain of @inline functions, each calling the one before twice: gigabytes to compile. */
function inlineChain(depth: number): string {
  const lines = ["@inline function f0(x: i32): i32 { return x + 1; }"];
  for (let i = 1; i < depth; i++) {
    lines.push(`@inline function f${i}(x: i32): i32 { return f${i - 1}(x) + f${i - 1}(x + 1); }`);
  }
  lines.push(
    `export function partialSum(lo: i32, hi: i32): f64 { return <f64>f${depth - 1}(lo); }`,
  );
  return lines.join("\n") + "\n";
}

Deno.test("hostile: a source that crashes, fills or outlasts the compiler is one line, not the end of the process", async () => {
  const dir = await Deno.makeTempDir({ prefix: "workbook-build-" });
  try {
    const recursing = `${dir}/recursing.as.ts`;
    await Deno.writeTextFile(recursing, `// ${crypto.randomUUID()}\n${RECURSING_GENERIC}`);
    const crashed = await buildFile(recursing);
    assert(!crashed.ok, "the recursion fails the build");
    assert(!crashed.message.includes("\n"), `one line: ${crashed.message}`);
    assertIncludes(crashed.message, "recursing.as.ts: the compiler crashed", "said so");

    const inline = `${dir}/inline.as.ts`;
    await Deno.writeTextFile(inline, `// ${crypto.randomUUID()}\n${inlineChain(40)}`);
    const filled = await buildFile(inline, { memoryLimitMb: 400 });
    assert(!filled.ok, "the @inline chain fails the build");
    assertIncludes(filled.message, "used more than 400 MB of memory", "the memory limit");

    const slow = `${dir}/slow.as.ts`;
    await Deno.writeTextFile(
      slow,
      `// ${crypto.randomUUID()}\nexport function partialSum(lo: i32, hi: i32): f64 {\n  return 0;\n}\n`,
    );
    const late = await buildFile(slow, { timeLimitMs: 50 });
    assert(!late.ok, "a compile past its time limit fails");
    assertIncludes(late.message, "took longer than 0.05 s", "the time limit");

    const table = `${dir}/table.as.ts`;
    await Deno.writeTextFile(
      table,
      `const T: f64[] = [${
        "1.5,".repeat(100_000)
      }];\nexport function partialSum(lo: i32, hi: i32): f64 {\n  return T[lo];\n}\n`,
    );
    const refused = await buildFile(table);
    assert(!refused.ok, "a source the size of a table is refused");
    assertIncludes(refused.message, "larger than 256 kB", "before compiling");
    await assertNoFile(wasmPathFor(table));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task build N builds every *.as.ts of the folder, a stretch kernel beside the files too", async () => {
  // Exercise 9's block_kernel.as.ts (the stretch) alone in a folder: build finds it by its
  // suffix, with the exercise's other files absent.
  const exercise = findExercise("beyond-brute-force");
  assert(exercise !== undefined, "exercise 9 exists");
  const stretch = "block_kernel.as.ts";
  const dir = await Deno.makeTempDir({ prefix: "workbook-build-" });
  try {
    await Deno.mkdir(`${dir}/${exercise.dir}`);
    await Deno.copyFile(
      `${REPO_ROOT}/exercises/${exercise.dir}/${stretch}`,
      `${dir}/${exercise.dir}/${stretch}`,
    );
    const ran = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", `${REPO_ROOT}/lib/cli/build.ts`, String(exercise.number), "--dir", dir],
      cwd: REPO_ROOT,
      env: { NO_COLOR: "1" },
    }).output();
    const said = new TextDecoder().decode(ran.stdout) + new TextDecoder().decode(ran.stderr);
    assertEquals(ran.code, 0, `build ${exercise.number}: ${said}`);
    assert(!said.includes("nothing to build"), `it found the kernel: ${said}`);
    await Deno.stat(wasmPathFor(`${dir}/${exercise.dir}/${stretch}`));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the compile's time limit starts once the compiler is loaded: a first build's download is not a timeout", async () => {
  const dir = await Deno.makeTempDir({ prefix: "workbook-build-" });
  try {
    // A stand-in for compile_process.ts whose compiler takes 1.5 s to load (a download),
    // then compiles at once to the smallest WebAssembly module.
    const fake = `${dir}/fake_compile_process.ts`;
    await Deno.writeTextFile(
      fake,
      `const nonce = Deno.args[0] ?? "";
await new Response(Deno.stdin.readable).text();
await new Promise((resolve) => setTimeout(resolve, 1500));
const out = (line: string) => Deno.stdout.writeSync(new TextEncoder().encode("\\n" + line + "\\n"));
out(nonce + "ready");
out(nonce + JSON.stringify({ ok: true, binaryBase64: "AGFzbQEAAAA=" }));
`,
    );
    const source = `${dir}/kernel.as.ts`;
    // A source of its own: the cache, keyed by the text, must not hand back a real build.
    await Deno.writeTextFile(
      source,
      `// ${crypto.randomUUID()}\nexport function f(): i32 {\n  return 1;\n}\n`,
    );
    const built = await buildFile(source, { timeLimitMs: 500, compileProcess: fake });
    assert(built.ok, `loaded in 1.5 s, compiled within 0.5 s: ${built.ok ? "" : built.message}`);
    assertEquals(
      [...await Deno.readFile(wasmPathFor(source))].slice(0, 4),
      [0, 97, 115, 109],
      "\\0asm",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
