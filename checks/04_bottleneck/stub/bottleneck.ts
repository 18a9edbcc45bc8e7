/**
 * Exercise 4: find the bottleneck. Read README.md in this folder first.
 *
 * This pipeline is correct, and slow: `deno task check 4 --quick` passes, and
 * `deno task check 4` fails on speed. Profile it before you change anything:
 * `deno task profile 4`.
 *
 * @module
 */

/**
 * Sums 1/k for k = 1..n whose decimal form does not contain the digit string
 * `omit`, in ascending k, with one whole array per stage: the integers, their
 * decimal forms, a mask, the kept integers, their inverses, the sum.
 *
 * Leading zeros in `omit` count: with omit = "05", k = 5 is kept (its decimal
 * form is "5") and k = 105 is left out. pipeline(0, omit) is 0.
 *
 * @param n The last k to consider, an integer ≥ 0.
 * @param omit The digit string to leave out, such as "9", "0", "42" or "05".
 * @returns The sum of the kept terms.
 */
export function pipeline(n: number, omit: string): number {
  // TODO (task 1): change nothing yet. Write down which stage you expect to
  // take the most time, and why. Then run `deno task profile 4` and compare.

  // TODO (task 2): fix the line or two the profile points at, and keep the
  // stages. Run `deno task check 4 --quick` after each change (still correct?),
  // `deno task profile 4` (did the share move?), then `deno task check 4`.

  // Stage 1: the integers 1..n.
  const integers = Array.from({ length: n }, (_, i) => i + 1);

  // Stage 2: the decimal form of each integer.
  const decimals = integers.map((k) => k.toString());

  // Stage 3: a mask, 1 where the decimal form does not contain `omit`.
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    mask[i] = (decimals[i] as string).includes(omit) ? 0 : 1;
  }

  // Stage 4: the integers the mask keeps, in ascending order.
  const kept = new Float64Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (mask[i] === 1) kept[count++] = integers[i] as number;
  }

  // Stage 5: their inverses.
  const inverses = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    inverses[j] = 1 / (kept[j] as number);
  }

  // Stage 6: the sum, in ascending order.
  let total = 0;
  for (let j = 0; j < count; j++) {
    total += inverses[j] as number;
  }
  return total;
}
