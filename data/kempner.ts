/**
 * The whole Kempner sums, as a typed list. The numbers come from `kempner.json`,
 * written by `deno task kempner-sums`; see data/README.md.
 *
 * @module
 */
import document from "./kempner.json" with { type: "json" };

export interface KempnerSum {
  digit: number;
  /** The sum, to about 15 significant digits. */
  value: number;
  /** Baillie (1979), truncated to 5 decimals. */
  published: number;
}

/** The ten sums, digit 0 to 9. */
export function kempnerSums(): KempnerSum[] {
  return document.sums.map(({ digit, value, published }) => ({ digit, value, published }));
}
