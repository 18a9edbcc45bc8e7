/**
 * Builds an exercise's AssemblyScript sources (`*.as.ts`) to WebAssembly before
 * it is checked, benchmarked or compared. Each `name.as.ts` becomes `name.wasm`
 * beside it, which the learner's TypeScript loads.
 *
 * @module
 */
import type { Exercise } from "./catalogue.ts";

export type BuildResult =
  | { ok: true; outputs: string[] }
  /** `message` is one line: `path:line:col: what the compiler said`. */
  | { ok: false; message: string };

/** True when the exercise has AssemblyScript sources to build. */
export function needsBuild(exercise: Exercise): boolean {
  return exercise.files.some((file) => file.endsWith(".as.ts"));
}

/**
 * Compiles every `*.as.ts` file of `exercise` found in `dir` (the folder that
 * holds the candidate's files for this exercise).
 */
export function buildExercise(exercise: Exercise, _dir: string): Promise<BuildResult> {
  if (!needsBuild(exercise)) return Promise.resolve({ ok: true, outputs: [] });
  return Promise.resolve({
    ok: false,
    message:
      `Cannot build exercise ${exercise.number}: the AssemblyScript build is not written yet`,
  });
}
