/**
 * Exercise 4's baseline: the slow pipeline as the learner receives it.
 *
 * The same code is the stub, `exercises/04_bottleneck/bottleneck.ts`, and it is
 * kept there as a copy, not an import, on purpose. The learner edits the stub,
 * so the baseline cannot import it: the speed-up would be measured against the
 * learner's own edits. Nor can the stub import this file: the learner has to see
 * and change the code itself. So this module imports only the check's own
 * termSign, and `tests/learner/profile_test.ts` holds the two copies of the
 * pipeline to the same code, line for line.
 *
 * @module
 */
import { termSign } from "../shared/term_sign.ts";

/**
 * Sums termSign(seed, k)/k for k = 1..n whose decimal form does not contain
 * `omit`, one whole array per stage, in ascending k.
 */
export function pipelineBaseline(n: number, omit: string, seed: number): number {
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

  // Stage 5: their inverses, each with its sign.
  const inverses = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    const k = kept[j] as number;
    inverses[j] = termSign(seed, k) / k;
  }

  // Stage 6: the sum, in ascending order.
  let total = 0;
  for (let j = 0; j < count; j++) {
    total += inverses[j] as number;
  }
  return total;
}
