/**
 * The checks' shared kit: the tolerances and validators that several hidden
 * checks write alike, in one place, with the sentence each one gives. A check
 * (`checks/NN_slug/check.ts`) may import this file, `types.ts`, `define.ts` and
 * `describe.ts` from `lib/check/`, and its own data; nothing else of `lib/`
 * (`tests/modules/layering_test.ts`).
 *
 * @module
 */
import { describeValue } from "./describe.ts";
import type { SampleMeta } from "./types.ts";

/**
 * The smallest magnitude a relative tolerance is scaled by, so that an expected
 * value of 0 does not demand an exact 0 (the checks' `1e-300`).
 */
export const TINY = 1e-300;

/**
 * Why `value` is not a finite number, or null if it is.
 *
 * @param verb How the value came: `"returned"`, or `"resolved to"` for a promise.
 * @example
 * ```ts
 * import { finiteNumber } from "./kit.ts";
 * if (finiteNumber(1.5) !== null) throw new Error("a number is fine");
 * if (finiteNumber(NaN) !== "returned NaN; expected a finite sum") throw new Error();
 * ```
 */
export function finiteNumber(value: unknown, verb = "returned"): string | null {
  if (typeof value !== "number") return `${verb} ${describeValue(value)}; expected a number`;
  if (!Number.isFinite(value)) return `${verb} ${value}; expected a finite sum`;
  return null;
}

/**
 * Why `actual` is not within `tolerance` of `expected`, relative to `expected`
 * (as "off by …; tolerance … relative"), or null if it is.
 *
 * @example
 * ```ts
 * import { relativeMismatch } from "./kit.ts";
 * if (relativeMismatch(1, 1 + 1e-12, 1e-10) !== null) throw new Error("close enough");
 * if (relativeMismatch(1, 1.1, 1e-10) === null) throw new Error("too far");
 * ```
 */
export function relativeMismatch(
  expected: number,
  actual: number,
  tolerance: number,
): string | null {
  const error = Math.abs(actual - expected);
  if (error <= tolerance * Math.max(Math.abs(expected), TINY)) return null;
  return `off by ${error.toExponential(2)}; tolerance ${tolerance} relative`;
}

/**
 * Why `actual` is not within `tolerance` of `expected`, absolutely, or null if it is.
 *
 * @example
 * ```ts
 * import { absoluteMismatch } from "./kit.ts";
 * if (absoluteMismatch(0, 1e-12, 1e-11) !== null) throw new Error("close enough");
 * ```
 */
export function absoluteMismatch(
  expected: number,
  actual: number,
  tolerance: number,
): string | null {
  const error = Math.abs(actual - expected);
  if (error <= tolerance) return null;
  return `off by ${error.toExponential(2)}; tolerance ${tolerance} absolute`;
}

/**
 * Why the Workers a sample started break "exactly `threads`, all terminated",
 * or null when they keep it.
 *
 * @example
 * ```ts
 * import { exactWorkers } from "./kit.ts";
 * if (exactWorkers({ workersStarted: 2, workersTerminated: 2 }, 2) !== null) throw new Error();
 * ```
 */
export function exactWorkers(meta: SampleMeta, threads: number): string | null {
  if (meta.workersStarted !== threads) {
    return `started ${meta.workersStarted} Workers; expected exactly ${threads} (one per interval)`;
  }
  const running = meta.workersStarted - meta.workersTerminated;
  if (running > 0) {
    return `left ${running} Worker${running === 1 ? "" : "s"} running (terminate them)`;
  }
  return null;
}
