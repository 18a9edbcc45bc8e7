/**
 * The known sums of the slow series, as a typed list. The numbers come from
 * `known_sums.json`, written by `deno task known-sums`; see data/README.md.
 *
 * @module
 */
import document from "./known_sums.json" with { type: "json" };

export interface KnownSum {
  omit: string;
  n: number;
  /** The trusted value (compensated summation). */
  sum: number;
  /** What a plain left-to-right loop in doubles gives. */
  leftToRight: number;
}

/** Every tabulated sum. */
export function knownSums(): KnownSum[] {
  return document.sums.map((s) => ({
    omit: s.omit,
    n: s.n,
    sum: s.compensated,
    leftToRight: s.leftToRight,
  }));
}
