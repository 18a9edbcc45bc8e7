/**
 * The published Kempner sums and the oracle's values for them, as a typed
 * list. The numbers come from `kempner.json`, written by `deno task
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
  /** The published digits, rounded or truncated in the last place. */
  published: string;
  /** Where they were published. */
  source: string;
}

/** Every published sum: the ten digits, then strings. */
export function kempnerSums(): KempnerSum[] {
  return document.sums.map(({ omit, value, digits, published, source }) => ({
    omit,
    value,
    digits,
    published,
    source,
  }));
}
