/**
 * A WebAssembly kernel must be WebAssembly: a module whose imports reach
 * JavaScript (Deno resolves a `.wasm` module's imports as ES modules, so an
 * import of "./helper.ts" calls the learner's JavaScript from inside the
 * "kernel") is refused before anything runs. Read in the judge, from the
 * bytes: compiling a module runs none of its code.
 *
 * @module
 */

/**
 * The only import a kernel may have: AssemblyScript's `env.abort` (the
 * workbook's build removes it with `--use abort=`, another build may keep it;
 * it reports a failed assertion and stops, it computes nothing).
 */
const ALLOWED_IMPORTS = new Set(["env.abort"]);

/** Why the WebAssembly modules in `dir` cannot be accepted as kernels, or null. */
export async function wasmImportProblem(dir: string): Promise<string | null> {
  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir(dir));
  } catch {
    return null; // No folder: the check reports the missing file itself.
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isFile || !entry.name.endsWith(".wasm")) continue;
    const path = `${dir}/${entry.name}`;
    let imports: WebAssembly.ModuleImportDescriptor[];
    try {
      imports = WebAssembly.Module.imports(new WebAssembly.Module(await Deno.readFile(path)));
    } catch {
      continue; // Not valid WebAssembly: loading it fails with its own message.
    }
    const foreign = imports.filter((i) => !ALLOWED_IMPORTS.has(`${i.module}.${i.name}`));
    if (foreign.length > 0) {
      const named = foreign.slice(0, 3).map((i) => `"${i.name}" from "${i.module}"`).join(", ");
      return `${path} imports ${named}: a WebAssembly kernel may not call out to JavaScript (only AssemblyScript's env.abort is allowed)`;
    }
  }
  return null;
}
