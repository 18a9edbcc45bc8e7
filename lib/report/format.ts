/**
 * Numbers as the reports and the learner's commands print them: one way to
 * write a time, so `check`, `compare`, `bench`, `profile` and the HTML report
 * agree.
 *
 * @module
 */

/**
 * A time in milliseconds for a reader: seconds from 1 s, otherwise
 * milliseconds with one decimal (two below 10 ms, where a profile's lines sit);
 * `–` for a time that was not measured.
 *
 * @example
 * ```ts
 * import { formatMs } from "./format.ts";
 * if (formatMs(1234) !== "1.23 s" || formatMs(56.78) !== "56.8 ms") throw new Error();
 * if (formatMs(0.384) !== "0.38 ms" || formatMs(null) !== "–") throw new Error();
 * ```
 */
export function formatMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return "–";
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/**
 * `count` and the noun in its number: "1 Worker", "2 Workers", "1 more line".
 *
 * @param count How many.
 * @param one The noun for one ("Worker"); `many` defaults to it with an "s".
 */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
