/**
 * Class 2 of issue 11, exercise 1: a table of running totals plus the
 * baseline's own loop from the nearest entry. The checks ship to students, so
 * the attacker reads the benchmark's input space from `check.benchmark.input`
 * (sampled here as an attacker would), tabulates S(n_i, d) for every single
 * digit d at rows n_i spread over it, and at run time adds 1/k with the
 * baseline's string test from the largest n_i ≤ n: the same terms in the same
 * order, so the sum is the baseline's bit for bit, after a few thousand terms
 * instead of ten million. Inputs the table does not cover take the baseline's
 * loop from 1, so every hidden test passes.
 *
 * Three sizes of table:
 * - "uncapped": ~1 MB, 5,000 rows. It reached gold on the check before the source
 *   cap (see the report of the commit that added this file); the cap refuses it now.
 * - "under the cap": as many rows as fit in one file under `MAX_FILE_BYTES`, and
 * - "ten numbers": one row. With the API `slowSeries(n, omit)` no input space
 *   could stop these (ten numbers measured gold 5.58×). Every timed sum now has
 *   signs from a seed drawn per sample (`slowSeries(n, omit, seed)`): the table
 *   holds the seed-0 totals, the only ones an attacker can compute ahead, and
 *   answers only seed 0, which the benchmark never asks; every other call runs
 *   the baseline's loop, so the cheat is the baseline and fails on speed.
 *
 * Timing: run under `flock /tmp/workbook-timing.lock`.
 *
 * @module
 */
import { check } from "../../checks/01_slow_series/check.ts";
import { createRng } from "../../lib/exercise/rng.ts";
import { MAX_FILE_BYTES } from "../../lib/check/source_limits.ts";
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";
import { TERM_SIGN } from "../_helpers/term_sign_source.ts";
import { cleanup, entryPath, explain, gradeSamples } from "../_helpers/grade_helpers.ts";

/** Draws an attacker makes from the shipped check to learn its benchmark's range. */
const DRAWS = 20_000;

/** The benchmark's range of n, as an attacker reads it off the shipped check. */
function benchmarkRange(): { low: number; high: number } {
  const rng = createRng(1);
  let low = Infinity;
  let high = 0;
  for (let i = 0; i < DRAWS; i++) {
    const { n } = check.benchmark.input(rng, "default") as { n: number };
    low = Math.min(low, n);
    high = Math.max(high, n);
  }
  return { low, high };
}

/**
 * Running totals S(n_i, d) for d = 0..9 at `rows` values of n spread evenly over
 * [low, high], each added in ascending k exactly as the baseline adds them.
 */
function runningTotals(low: number, high: number, rows: number): { ns: number[]; sums: number[] } {
  const ns: number[] = [];
  for (let i = 0; i < rows; i++) {
    ns.push(
      rows === 1 ? Math.round((low + high) / 2) : Math.round(low + (high - low) * i / (rows - 1)),
    );
  }
  const sums: number[] = [];
  const totals = new Float64Array(10);
  let next = 0;
  for (let k = 1; k <= high && next < ns.length; k++) {
    let mask = 0;
    for (let x = k; x > 0; x = (x / 10) | 0) mask |= 1 << (x % 10);
    for (let d = 0; d < 10; d++) {
      if ((mask & (1 << d)) === 0) totals[d] = (totals[d] as number) + 1 / k;
    }
    while (next < ns.length && ns[next] === k) {
      sums.push(...totals);
      next++;
    }
  }
  return { ns, sums };
}

/** Exercise 1's file: the table, a binary search, and the baseline's loop from the entry. */
export function tableCandidate(rows: number): string {
  const { low, high } = benchmarkRange();
  const { ns, sums } = runningTotals(low, high, rows);
  return `const NS = ${JSON.stringify(ns)};
const SUMS = ${JSON.stringify(sums)};
${TERM_SIGN}
export function slowSeries(n: number, omit: string, seed: number): number {
  let from = 0;
  let t = 0;
  if (omit.length === 1 && seed === 0) {
    // The nearest row: the last at or below n, or the first above it.
    let lo = 0, hi = NS.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((NS[mid] as number) <= n) lo = mid; else hi = mid - 1;
    }
    const below = (NS[lo] as number) <= n ? lo : -1;
    const above = below + 1 < NS.length ? below + 1 : -1;
    const useAbove = above >= 0 &&
      (below < 0 || (NS[above] as number) - n < n - (NS[below] as number));
    if (useAbove && (NS[above] as number) - n < n) {
      // Down from the row above: within 1e-13 of the baseline's sum, not bit for bit.
      t = SUMS[above * 10 + Number(omit)] as number;
      for (let k = NS[above] as number; k > n; k--) if (!String(k).includes(omit)) t -= 1 / k;
      return t;
    }
    if (below >= 0) {
      from = NS[below] as number;
      t = SUMS[below * 10 + Number(omit)] as number;
    }
  }
  for (let k = from + 1; k <= n; k++) if (!String(k).includes(omit)) t += termSign(seed, k) / k;
  return t;
}
`;
}

/** The most rows whose file stays under the cap (each row is an n and ten doubles). */
function rowsUnderCap(): number {
  let rows = 50;
  while (new TextEncoder().encode(tableCandidate(rows + 50)).length < MAX_FILE_BYTES) rows += 50;
  return rows;
}

Deno.test("a table of running totals the size of 1 MB is refused with 0 points", async () => {
  const source = tableCandidate(5_000);
  assert(source.length > 300_000, `the table is large: ${source.length} bytes`);
  const graded = await gradeSamples([{ id: "table-uncapped", files: { [entryPath(1)]: source } }], {
    exercises: [1],
  });
  try {
    const grade = graded.grades.get("table-uncapped");
    const exercise = grade?.exercises[0];
    assertEquals([exercise?.status, exercise?.points], ["error", 0], explain(grade));
    assert(
      /slow_series\.ts is \d+\.\d kB; .* at most 64\.0 kB/.test(exercise?.summary ?? ""),
      exercise?.summary ?? "",
    );
  } finally {
    await cleanup(graded);
  }
});

for (const size of ["ten numbers", "under the cap"] as const) {
  Deno.test({
    name: `a table of running totals (${size}) earns nothing: the timed sums are signed`,
    async fn() {
      // One row of ten sums (one per digit) in the middle of the range, or as many as fit.
      const rows = size === "ten numbers" ? 1 : rowsUnderCap();
      const source = tableCandidate(rows);
      const graded = await gradeSamples(
        [{ id: "table-capped", files: { [entryPath(1)]: source } }],
        {
          exercises: [1],
        },
      );
      try {
        const grade = graded.grades.get("table-capped");
        const exercise = grade?.exercises[0];
        assertEquals([exercise?.status, exercise?.points], ["fail", 0], explain(grade));
        // Right on every test (the table is right for seed 0), and no faster than the baseline.
        assertIncludes(exercise?.summary ?? "", "below the 1.5× required", "the reason");
      } finally {
        await cleanup(graded);
      }
    },
  });
}
