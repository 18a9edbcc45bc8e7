/**
 * The one place a candidate's entry is loaded and called, on the check's own
 * terms (`prepare`d arguments, `invoke` when the check drives the entry,
 * `outputOf` for what is sent back). Used where a candidate runs: the sample
 * Worker (Worker mode) and the sample process (process mode); the learner's
 * `bench` and `profile` can use it too.
 *
 * It runs in the candidate's isolate, so it decides nothing: a failure comes
 * back as a code with its detail (`failure.ts`), for the judge to word.
 *
 * @module
 */
import type { Entry, ExerciseCheck } from "../check/types.ts";
import { describeThrown, nearestName } from "../check/describe.ts";
import { type SampleFailure, thrownFailure } from "./failure.ts";

/** A loaded entry, or why there is none. */
export type LoadedEntry = { ok: true; entry: Entry } | { ok: false; failure: SampleFailure };

/** Imports `moduleUrl` and takes its export `exportName`, which must be a function. */
export async function loadEntry(
  importModule: (url: string) => Promise<Record<string, unknown>>,
  moduleUrl: string,
  exportName: string,
): Promise<LoadedEntry> {
  let module: Record<string, unknown>;
  try {
    module = await importModule(moduleUrl);
  } catch (thrown) {
    return { ok: false, failure: { code: "load-error", detail: safeDescription(thrown) } };
  }
  const entry = module[exportName];
  if (typeof entry !== "function") {
    const found = entry === undefined ? "nothing" : typeof entry;
    const near = nearestName(exportName, Object.keys(module));
    return {
      ok: false,
      failure: {
        code: "load-error",
        // "found nothing" beside "did you mean x?" contradicts itself: the near name is what was found.
        detail: `the module does not export a function named ${exportName}${
          near === null ? ` (found ${found})` : `; did you mean ${near}?`
        }`,
      },
    };
  }
  return { ok: true, entry: entry as Entry };
}

/** What a call gave: the output to send back, or why there is none. */
export type CallOutcome = { ok: true; output: unknown } | { ok: false; failure: SampleFailure };

/** Calls `entry` on `args` as `check` says, and returns what to send back. */
export async function callEntry(
  check: ExerciseCheck<unknown, unknown>,
  entry: Entry,
  args: unknown[],
  input: unknown,
  moduleUrl: string,
): Promise<CallOutcome> {
  try {
    const returned = check.invoke === undefined
      ? await (entry as (...a: unknown[]) => unknown)(...args)
      : await check.invoke(entry, args, input, { moduleUrl });
    return { ok: true, output: check.outputOf(returned, args) };
  } catch (thrown) {
    return { ok: false, failure: thrownFailure(safeDescription(thrown)) };
  }
}

/** `describeThrown`, which may run the candidate's own getters: if those throw too, say so. */
export function safeDescription(thrown: unknown): string {
  try {
    return String(describeThrown(thrown));
  } catch {
    return "a value that could not be described (its own getters threw)";
  }
}
