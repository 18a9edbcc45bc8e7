/**
 * Writes data/known_sums.json: partial sums of the slow series, 1/k over the k in
 * 1..n whose decimal form does not contain `omit`, at n = 10^0 … 10^8.
 *
 * Each sum is computed twice in one pass: left to right in doubles (what a plain
 * loop gives, and what the workbook's tests compare bit for bit) and with
 * Neumaier's compensated summation (the value to trust, within a few ulps).
 * The digit test is integer arithmetic; `tests/exercises/known_sums_test.ts` re-derives a
 * sample with the string test, an independent method.
 *
 * Usage: deno task known-sums [--max-power 8]
 *
 * @module
 */
import { parseArgs } from "node:util";

/** The strings whose sums are tabulated: every digit, and two with two digits. */
export const OMITTED = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "05", "42"];

export interface KnownSum {
  omit: string;
  n: number;
  /** Plain left-to-right double sum. */
  leftToRight: number;
  /** Neumaier-compensated sum. */
  compensated: number;
}

/**
 * True when the decimal form of `k` contains `omit`, by integer arithmetic:
 * compare the last `omit.length` digits while k still has that many digits, so
 * that omit = "05" matches 105 but not 5.
 */
export function containsDigits(
  k: number,
  value: number,
  window: number,
  smallest: number,
): boolean {
  while (k >= smallest) {
    if (k % window === value) return true;
    k = Math.floor(k / 10);
  }
  return false;
}

/** The partial sums for `omit` at every n = 10^p, p = 0..maxPower. */
export function partialSums(omit: string, maxPower: number): KnownSum[] {
  const value = Number(omit);
  const window = 10 ** omit.length;
  const smallest = 10 ** (omit.length - 1);
  const results: KnownSum[] = [];
  let plain = 0;
  let sum = 0;
  let compensation = 0;
  let nextPower = 1;
  const last = 10 ** maxPower;
  for (let k = 1; k <= last; k++) {
    if (!containsDigits(k, value, window, smallest)) {
      const term = 1 / k;
      plain += term;
      const t = sum + term;
      compensation += Math.abs(sum) >= Math.abs(term) ? (sum - t) + term : (term - t) + sum;
      sum = t;
    }
    if (k === nextPower) {
      results.push({ omit, n: k, leftToRight: plain, compensated: sum + compensation });
      nextPower *= 10;
    }
  }
  return results;
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      "max-power": { type: "string", default: "8" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(`Usage: deno task known-sums [--max-power P]

  Recomputes data/known_sums.json: partial sums of the slow series for every
  omitted digit, at n = 10, 100, ... 10^P (default P = 8, about 2 minutes).`);
    Deno.exit(0);
  }
  const maxPower = Number(values["max-power"]);
  if (!Number.isInteger(maxPower) || maxPower < 1 || maxPower > 9) {
    console.error("Cannot write known sums: --max-power must be an integer from 1 to 9");
    Deno.exit(2);
  }
  const sums: KnownSum[] = [];
  for (const omit of OMITTED) {
    const started = performance.now();
    sums.push(...partialSums(omit, maxPower));
    console.error(`omit "${omit}": ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const document = {
    description: "Partial sums of 1/k over k = 1..n whose decimal form does not contain `omit`.",
    generator: "deno task known-sums (scripts/known_sums.ts)",
    method:
      "One pass per omit string, integer digit test; leftToRight is the plain double sum in ascending k, compensated is Neumaier's compensated sum.",
    deno: Deno.version.deno,
    sums,
  };
  const path = new URL("../data/known_sums.json", import.meta.url);
  const temporary = new URL("../data/known_sums.json.tmp", import.meta.url);
  await Deno.writeTextFile(temporary, JSON.stringify(document, null, 1) + "\n");
  await Deno.rename(temporary, path);
  console.error(`wrote ${sums.length} sums to data/known_sums.json`);
}
