/**
 * Writes data/kempner.json: the whole Kempner sums (1/k over every k without a
 * given digit), as the reference solution of exercise 10 computes them, beside
 * the published table they must agree with (Baillie 1979, as given to 5
 * decimals in the workbook's design notes; the digits are truncated, not
 * rounded) and the time each took.
 *
 * Usage: deno task kempner-sums
 *
 * @module
 */
import { kempnerSum } from "../solutions/10_kempner/kempner.ts";

/** Baillie (1979), truncated to 5 decimals, digit 0 to 9. */
export const PUBLISHED = [
  23.10344,
  16.17696,
  19.25735,
  20.56987,
  21.32746,
  21.8346,
  22.20559,
  22.49347,
  22.72636,
  22.92067,
];

if (import.meta.main && (Deno.args.includes("--help") || Deno.args.includes("-h"))) {
  console.log(
    "Usage: deno task kempner-sums\n\n  Recomputes data/kempner.json with the reference of exercise 10.",
  );
} else if (import.meta.main) {
  const sums = PUBLISHED.map((published, digit) => {
    const started = performance.now();
    const value = kempnerSum(digit);
    const ms = performance.now() - started;
    return { digit, value, published, ms: Number(ms.toFixed(2)) };
  });
  const document = {
    description: "The sum of 1/k over every k >= 1 whose decimal form does not contain `digit`.",
    generator: "deno task kempner-sums (scripts/kempner_sums.ts)",
    method:
      "Baillie's recurrence over the number of digits (solutions/10_kempner/kempner.ts), in doubles with a compensated total; `published` is Baillie (1979) truncated to 5 decimals.",
    deno: Deno.version.deno,
    sums,
  };
  const path = new URL("../data/kempner.json", import.meta.url);
  const temporary = new URL("../data/kempner.json.tmp", import.meta.url);
  await Deno.writeTextFile(temporary, JSON.stringify(document, null, 1) + "\n");
  await Deno.rename(temporary, path);
  for (const s of sums) console.error(`digit ${s.digit}: ${s.value} (${s.ms} ms)`);
}
