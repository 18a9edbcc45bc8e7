/**
 * Exercise 10's numbers: the oracle the check relies on agrees with every
 * published sum to the digits published; data/kempner.json is what it
 * computes; the reference solution (doubles, level by level) agrees with the
 * oracle (exact integers, one linear system) on every string of 1 or 2 digits
 * and on random ones of 3, and with brute force on the partial sums below
 * 10^8; the check's random strings include leading zeros and repeats.
 *
 * @module
 */
import { kempnerSums } from "../../data/kempner.ts";
import { knownSums } from "../../data/known_sums.ts";
import { kempnerOracle, kempnerOracleDigits } from "../../checks/10_kempner/oracle.ts";
import { MAX_RANDOM_LENGTH, randomOmit } from "../../checks/10_kempner/check.ts";
import { createRng } from "../../lib/exercise/rng.ts";
import { kempnerLevels, kempnerSum } from "../../solutions/10_kempner/kempner.ts";
import { kempnerStrings, PUBLISHED } from "../../scripts/kempner_sums.ts";
import { assert, assertEquals, TEST_SEED } from "../_helpers/helpers.ts";

/** A decimal string as an integer count of 10^-decimals. */
function scaled(text: string, decimals: number): bigint {
  const [whole = "0", fraction = ""] = text.split(".");
  return BigInt(whole + fraction.padEnd(decimals, "0").slice(0, decimals));
}

Deno.test("kempner oracle: every published sum, to the last digit published", () => {
  assertEquals(PUBLISHED.length, 15, "published sums");
  for (const { omit, published } of PUBLISHED) {
    const oracle = kempnerOracleDigits(omit);
    // Compare at the published precision, capped at the oracle's 40 decimals; the
    // published digits are rounded or truncated in the last place, the oracle's truncated.
    const decimals = Math.min(published.split(".")[1]?.length ?? 0, 40);
    const difference = scaled(oracle, decimals) - scaled(published, decimals);
    assert(
      difference >= -1n && difference <= 1n,
      `omit "${omit}": oracle ${oracle}, published ${published}`,
    );
  }
});

Deno.test("kempner oracle: at least 20 published decimals for every single digit", () => {
  for (let digit = 0; digit <= 9; digit++) {
    const entry = PUBLISHED.find((p) => p.omit === String(digit));
    assert((entry?.published.split(".")[1]?.length ?? 0) >= 20, `digit ${digit}`);
  }
});

Deno.test("kempner sums: data/kempner.json is what the oracle computes", () => {
  const sums = kempnerSums();
  assertEquals(sums.map((s) => s.omit), kempnerStrings(), "strings");
  for (const { omit, value, digits, published } of sums) {
    assertEquals(digits, kempnerOracleDigits(omit), `omit "${omit}" digits`);
    assertEquals(value, kempnerOracle(omit), `omit "${omit}" value`);
    const entry = PUBLISHED.find((p) => p.omit === omit);
    assertEquals(published, entry?.published ?? null, `omit "${omit}" published`);
  }
  const nine = sums.find((s) => s.omit === "9");
  assert(nine !== undefined && Math.abs(nine.value - 22.9206766192) < 1e-10, "the course's value");
});

Deno.test("kempner reference: every string of 1 or 2 digits and random ones of 3 match the oracle", () => {
  const strings: string[] = [];
  for (let d = 0; d < 10; d++) strings.push(String(d));
  for (let d = 0; d < 100; d++) strings.push(String(d).padStart(2, "0"));
  const rng = createRng(TEST_SEED);
  for (let i = 0; i < 60; i++) strings.push(String(rng.int(0, 999)).padStart(3, "0"));
  strings.push("000", "999", "090", "4444");
  let worst = 0;
  for (const omit of strings) {
    const expected = kempnerOracle(omit);
    const error = Math.abs(kempnerSum(omit) - expected) / expected;
    worst = Math.max(worst, error);
    // The check asks for 1e-10; the reference keeps two orders of magnitude in hand.
    assert(error < 1e-12, `omit "${omit}": ${kempnerSum(omit)} vs ${expected} (${error})`);
  }
  assert(worst > 0, "the two computations are not the same code");
});

Deno.test("kempner reference: its partial sums equal brute force below 10^8 and the published one below 10^30", () => {
  for (const known of knownSums().filter((s) => s.n === 1e8)) {
    // kempnerLevels(omit, 8) sums k < 10^8; the known sums include k = 10^8 when it is allowed.
    const last = String(known.n).includes(known.omit) ? 0 : 1 / known.n;
    const levels = kempnerLevels(known.omit, 8);
    const error = Math.abs(levels + last - known.sum) / known.sum;
    assert(error < 1e-13, `omit "${known.omit}": ${levels + last} vs ${known.sum}`);
  }
  // Schmelzer & Baillie's package: the sum without 9 over every k below 10^30.
  const partial = kempnerLevels("9", 30);
  assert(
    Math.abs(partial - 21.97105507817861948711) < 1e-13 * 22,
    `kPartialSum[30]: ${partial}`,
  );
});

Deno.test("kempner check: random strings have 1 to 3 digits, leading zeros and repeats", () => {
  const rng = createRng(TEST_SEED);
  const drawn = Array.from({ length: 400 }, () => randomOmit(rng));
  const lengths = new Set(drawn.map((s) => s.length));
  assertEquals([...lengths].sort(), [1, 2, 3].slice(0, MAX_RANDOM_LENGTH), "lengths");
  assert(drawn.every((s) => /^[0-9]{1,3}$/.test(s)), "digit strings");
  assert(drawn.some((s) => s.length > 1 && s.startsWith("0")), "a leading zero");
  assert(drawn.some((s) => /(.)\1/.test(s)), "a repeated digit");
  assert(new Set(drawn).size > 200, "many different strings");
});

Deno.test("kempnerSum() refuses what is not a string of 1 to 4 digits", () => {
  for (const bad of ["", "4a", " 9", "12345", "-1", 9 as unknown as string]) {
    let caught: unknown;
    try {
      kempnerSum(bad);
    } catch (thrown) {
      caught = thrown;
    }
    assert(caught instanceof RangeError, `omit ${JSON.stringify(bad)}`);
  }
});
