/**
 * Writes data/kempner.json: the whole Kempner sums (1/k over every k whose
 * decimal form does not contain a digit string) for the fixed strings of
 * exercise 10's check and for every string whose sum has been published, as
 * exercise 10's oracle computes them (checks/10_kempner/oracle.ts, exact
 * integer arithmetic), beside the published digits and where they were found
 * (data/README.md gives the sources in full).
 *
 * Usage: deno task kempner-sums
 *
 * @module
 */
import { kempnerOracle, kempnerOracleDigits } from "../checks/10_kempner/oracle.ts";
import { FIXED_STRINGS } from "../checks/10_kempner/check.ts";

/** Where a published value was found; data/README.md cites each in full. */
export const SOURCES = {
  burnol:
    "J.-F. Burnol, irwin.sage README (gitlab.com/burnolmath/irwin): S(10,d,0) to 50 decimals; digits 1-4 and 7-9 agree with OEIS A082830-A082838",
  package:
    "T. Schmelzer and R. Baillie, kempnerSums.m 3.0 (2023), the Mathematica package of their 2008 paper (Wolfram Library Archive 7166): examples in its header",
} as const;

/** Published sums: the digits as printed (rounded or truncated in the last place). */
export const PUBLISHED: readonly {
  omit: string;
  published: string;
  source: keyof typeof SOURCES;
}[] = [
  {
    omit: "0",
    published: "23.10344790942054161603405404332559813830280000528214",
    source: "burnol",
  },
  {
    omit: "1",
    published: "16.17696952812344426657960388036400930556721979076313",
    source: "burnol",
  },
  {
    omit: "2",
    published: "19.25735653280807222453277677019445411552605383115487",
    source: "burnol",
  },
  {
    omit: "3",
    published: "20.56987795096123037107521741905311141415386967473078",
    source: "burnol",
  },
  {
    omit: "4",
    published: "21.32746579959003668663940148693951284375095170327002",
    source: "burnol",
  },
  {
    omit: "5",
    published: "21.83460081229691816340723504060918271784656751501392",
    source: "burnol",
  },
  {
    omit: "6",
    published: "22.20559815955609188416738048000752710519385610666846",
    source: "burnol",
  },
  {
    omit: "7",
    published: "22.49347531170594539817622691533977597400591554167251",
    source: "burnol",
  },
  {
    omit: "8",
    published: "22.72636540267937060283364415674255788921070261636022",
    source: "burnol",
  },
  {
    omit: "9",
    published: "22.92067661926415034816365709437593191494476243699848",
    source: "burnol",
  },
  { omit: "42", published: "228.446304159230813", source: "package" },
  { omit: "09", published: "230.404757005814285", source: "package" },
  { omit: "314", published: "2299.829782767518338", source: "package" },
  { omit: "314159", published: "2302582.333863782607892", source: "package" },
  { omit: "1234567890", published: "23025850922.02703549829506732687", source: "package" },
];

/** The strings of data/kempner.json: the check's fixed strings, then the other published ones. */
export function kempnerStrings(): string[] {
  const fixed = [..."0123456789", ...FIXED_STRINGS.map((f) => f.omit)];
  return [...fixed, ...PUBLISHED.map((p) => p.omit).filter((omit) => !fixed.includes(omit))];
}

if (import.meta.main && (Deno.args.includes("--help") || Deno.args.includes("-h"))) {
  console.log(
    "Usage: deno task kempner-sums\n\n  Recomputes data/kempner.json with exercise 10's oracle and reference.",
  );
} else if (import.meta.main) {
  const sums = kempnerStrings().map((omit) => {
    const entry = PUBLISHED.find((p) => p.omit === omit);
    const started = performance.now();
    const digits = kempnerOracleDigits(omit);
    const ms = performance.now() - started;
    return {
      omit,
      value: kempnerOracle(omit),
      digits,
      published: entry?.published ?? null,
      source: entry === undefined ? null : SOURCES[entry.source],
      ms: Number(ms.toFixed(2)),
    };
  });
  const document = {
    description:
      "The sum of 1/k over every k >= 1 whose decimal form does not contain the digit string `omit`.",
    generator: "deno task kempner-sums (scripts/kempner_sums.ts)",
    method:
      "Exercise 10's oracle (checks/10_kempner/oracle.ts): the first four levels by the string test, the rest as one linear system solved in exact integer arithmetic; `digits` to 40 decimals, truncated; `value` is the nearest double.",
    deno: Deno.version.deno,
    sums,
  };
  const path = new URL("../data/kempner.json", import.meta.url);
  const temporary = new URL("../data/kempner.json.tmp", import.meta.url);
  await Deno.writeTextFile(temporary, JSON.stringify(document, null, 1) + "\n");
  await Deno.rename(temporary, path);
  for (const s of sums) console.error(`omit "${s.omit}": ${s.digits} (${s.ms} ms)`);
}
