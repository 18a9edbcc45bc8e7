/**
 * Kempner sums for exercise 10's fixed strings and every published one, as the
 * oracle computes them, as a typed list. The numbers come from `kempner.json`, written by `deno task
 * kempner-sums`; see data/README.md.
 *
 * @module
 */
import document from "./kempner.json" with { type: "json" };

export interface KempnerSum {
  /** The digit string left out. */
  omit: string;
  /** The oracle's sum as the nearest double. */
  value: number;
  /** The oracle's sum to 40 decimals, truncated. */
  digits: string;
  /** The published digits, rounded or truncated in the last place, or null if unpublished. */
  published: string | null;
  /** Where they were published, or null. */
  source: string | null;
}

/** The ten digits, the check's other fixed strings, then the other published strings. */
export function kempnerSums(): KempnerSum[] {
  return document.sums.map(({ omit, value, digits, published, source }) => ({
    omit,
    value,
    digits,
    published,
    source,
  }));
}
