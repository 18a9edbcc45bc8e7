/**
 * Exercise 10 cannot be answered from a table: the ten published single-digit
 * sums, copied into the file, passed the check while it asked for the ten
 * digits only; now it also asks for fixed and random digit strings, which no
 * table of ten answers. The reference passes the same check.
 *
 * Runs the hidden tests, whose 1 s limit per call is part of them: run it under
 * the timing lock (`flock /tmp/workbook-timing.lock deno test -A tests/cheats/kempner_table_test.ts`).
 *
 * @module
 */
import { assert, assertEquals, checkSource, problems } from "../_helpers/helpers.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";

/** Baillie's ten sums (1979), to the digits published (OEIS A082830–A082839). */
const TEN_SUMS = [
  23.10344790942054,
  16.176969528123444,
  19.257356532808073,
  20.56987795096123,
  21.327465799590036,
  21.834600812296918,
  22.20559815955609,
  22.493475311705945,
  22.72636540267937,
  22.92067661926415,
];

/**
 * The lookup table: right for every single digit, whether the check passes the
 * digit as a number (as it did) or as a string; for anything else it answers the
 * sum of the string's value as a digit, or NaN.
 */
const TABLE = `const SUMS = ${JSON.stringify(TEN_SUMS)};
export function kempnerSum(omit: string | number): number {
  return SUMS[Number(omit)] ?? Number.NaN;
}
`;

Deno.test('cheat "ten-constant table" (exercise 10) fails the check', async () => {
  const result = await checkSource(10, TABLE);
  assertEquals(result.status, "fail", `status (${result.summary})`);
  const failed = result.tests.filter((t) => t.status !== "pass");
  assert(failed.length > 0, "some tests fail");
  assert(
    failed.every((t) => !/^omit "\d"$/.test(t.name)),
    `only strings the table does not hold fail:\n${problems(result)}`,
  );
  assert(failed.some((t) => t.name.startsWith("random")), "a random string fails");
});

Deno.test("the reference solution of exercise 10 passes the same check", async () => {
  const source = await Deno.readTextFile(`${REPO_ROOT}/solutions/10_kempner/kempner.ts`);
  const result = await checkSource(10, source);
  assertEquals(result.status, "pass", problems(result));
  assert(result.tests.length >= 20, `${result.tests.length} tests`);
});
