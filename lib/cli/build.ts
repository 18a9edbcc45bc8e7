/**
 * `deno task build N|slug [--solution | --dir PATH]`: compiles the exercise's
 * AssemblyScript sources (`name.as.ts` → `name.wasm` beside it), as `check`
 * does before its tests, and nothing else. A compile error is one line,
 * `path:line:col: message`. Every `*.as.ts` of the exercise's folder is built:
 * the catalogue's files, and a stretch kernel beside them (exercise 9's
 * `block_kernel.as.ts`, which `yardstick` times), which `build 9` once called
 * "no AssemblyScript sources".
 *
 * Exit status: 0 built (or nothing to build), 1 a compile error or an exercise
 * not available yet, 2 on a usage error.
 *
 * @module
 */
import { buildFile } from "../exercise/build.ts";
import type { Exercise } from "../exercise/catalogue.ts";
import {
  atMostPositionals,
  exerciseArg,
  notAvailable,
  parseOptions,
  runMain,
  sourceOption,
} from "./args.ts";
import { shown, sourceRoot } from "../exercise/paths.ts";

const USAGE = `Usage: deno task build N|slug [options]

  N|slug        the exercise: a number (8) or a slug (wasm-kernel)
  --solution    build the reference solution instead of your code
  --dir PATH    build the files under PATH, laid out like exercises/
  -h, --help    this text

  Each name.as.ts becomes name.wasm beside it. Builds are cached by content in
  .workbook/wasm-cache/; deno task check builds by itself before it tests.`;

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    solution: { type: "boolean", default: false },
    dir: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  atMostPositionals(positionals, 1, "build");
  const exercise = exerciseArg(positionals[0], "build");
  const source = sourceOption(values);
  if (!exercise.available) {
    console.error(notAvailable(exercise));
    return 1;
  }
  const dir = `${sourceRoot(source)}/${exercise.dir}`;
  const files = await sourcesIn(exercise, dir);
  if (files.length === 0) {
    console.log(
      `Exercise ${exercise.number} (${exercise.slug}) has no AssemblyScript sources: nothing to build`,
    );
    return 0;
  }
  for (const file of files) {
    const started = performance.now();
    const built = await buildFile(`${dir}/${file}`);
    if (!built.ok) {
      console.error(built.message);
      return 1;
    }
    const ms = Math.round(performance.now() - started);
    const how = built.how === "compiled" ? `compiled in ${ms} ms` : "from the cache";
    const state = built.changed ? "written" : "unchanged";
    console.log(`${shown(built.output)}: ${how}, ${state}`);
  }
  return 0;
}

/** The exercise's `*.as.ts` files (the catalogue's first) and any other one in `dir`, by name. */
async function sourcesIn(exercise: Exercise, dir: string): Promise<string[]> {
  const files = new Set(exercise.files.filter((f) => f.endsWith(".as.ts")));
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isFile && entry.name.endsWith(".as.ts")) files.add(entry.name);
    }
  } catch {
    // No folder: the catalogue's files are reported missing by the build, one line.
  }
  return [...files];
}

if (import.meta.main) await runMain("build", () => main(Deno.args));
