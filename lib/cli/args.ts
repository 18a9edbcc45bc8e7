/**
 * What the learner's commands (`compare`, `bench`, `status`, `watch`, `reset`,
 * `report`) share: option parsing that turns every mistake into one line and
 * exit status 2, and finding an exercise by number or slug.
 *
 * @module
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { type Exercise, findExercise, unknownExercise } from "../exercise/catalogue.ts";
import { MAX_SEED, randomSeed } from "../exercise/rng.ts";
import type { Source } from "../exercise/paths.ts";

/** A usage error: `main` prints it as one line on stderr and exits 2. */
export class UsageError extends Error {
  /** Its name, so a stack trace says what kind of error it was. */
  override name = "UsageError";
}

/** The options a command declares, as `node:util`'s `parseArgs` takes them. */
export type Options = NonNullable<ParseArgsConfig["options"]>;

/** What `parseOptions` returns: `parseArgs`'s values and positionals for `T`. */
export type ParsedOptions<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>
>;

/**
 * `parseArgs` from node:util, with its errors turned into `UsageError`s.
 *
 * @throws {UsageError} An unknown option, or an option missing its value.
 */
export function parseOptions<T extends Options>(args: string[], options: T): ParsedOptions<T> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (thrown) {
    throw new UsageError((thrown as Error).message);
  }
}

/**
 * The exercise `key` names (a number or a slug).
 *
 * @param command The task name, for the example in the message.
 * @throws {UsageError} No key, or a key that names no exercise.
 */
export function exerciseArg(key: string | undefined, command: string): Exercise {
  if (key === undefined) {
    throw new UsageError(`Name the exercise, e.g. deno task ${command} 1`);
  }
  const exercise = findExercise(key);
  if (exercise === undefined) {
    throw new UsageError(unknownExercise(key));
  }
  return exercise;
}

/** At most `max` positional arguments. @throws {UsageError} More were given. */
export function atMostPositionals(positionals: string[], max: number, command: string): void {
  if (positionals.length > max) {
    throw new UsageError(
      `${command} takes ${max === 0 ? "no exercise" : "one exercise"}: got ${
        positionals.join(", ")
      }`,
    );
  }
}

/** The one line for an exercise that has not shipped yet (exit status 1, as `check` does). */
export function notAvailable(exercise: Exercise): string {
  return `Exercise ${exercise.number} (${exercise.slug}) is not available yet: it comes with a later part of the workbook`;
}

/**
 * Whose code a command looks at, from `--solution` and `--dir PATH`.
 *
 * @throws {UsageError} Both were given.
 */
export function sourceOption(values: { solution?: boolean; dir?: string | undefined }): Source {
  if (values.solution && values.dir !== undefined) {
    throw new UsageError("Cannot use --solution with --dir: choose one source");
  }
  if (values.solution) return { kind: "solutions" };
  return values.dir === undefined ? { kind: "exercises" } : { kind: "dir", path: values.dir };
}

/** `--seed S` as a number, or a fresh seed. @throws {UsageError} Not an integer 0..MAX_SEED. */
export function seedOption(value: string | undefined): number {
  if (value === undefined) return randomSeed();
  const seed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(seed) || seed > MAX_SEED) {
    throw new UsageError(`Cannot use --seed ${value}: give an integer from 0 to ${MAX_SEED}`);
  }
  return seed;
}

/**
 * Runs a command's `main` and exits with its status; a `UsageError` becomes
 * `command: message` on stderr and exit status 2.
 */
export async function runMain(command: string, main: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await main();
  } catch (thrown) {
    if (!(thrown instanceof UsageError)) throw thrown;
    console.error(`${command}: ${thrown.message}`);
    code = 2;
  }
  Deno.exit(code);
}

/**
 * Set to "1" by `deno task watch` for the commands it runs (a check on every
 * save, a hint on its key h): they then name keys and saves, not commands.
 */
export const WATCH_ENV = "WORKBOOK_WATCH";

/** True when this command runs under `deno task watch` (see `WATCH_ENV`). */
export function underWatch(): boolean {
  return Deno.env.get(WATCH_ENV) === "1";
}
