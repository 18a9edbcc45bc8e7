/**
 * Exercise 7, shortcuts around the lesson: Σ cos(i)/i has a closed form,
 * −ln(2 sin ½) minus an asymptotic tail, that answers any n in O(1) and passed
 * every test (and the speed part, at gold). The check now times and tests the
 * series with a sign per term from a seed, which no formula sums.
 * Correctness only: no timing.
 *
 * @module
 */
import { trigOracle } from "../../checks/07_jit_tiers/check.ts";
import { assert, assertEquals, checkSource, problems } from "../_helpers/helpers.ts";

/**
 * The partial sum Σ_{i ≤ n} cos(i)/i in O(1): the limit minus the tail
 * Re Σ_{k > n} z^k/k (z = e^{i}), by summation by parts three times (each step
 * gains a factor 1/n); below 10^5 terms, the plain loop.
 */
const CLOSED_FORM = `
function closedForm(n: number): number {
  if (n < 100_000) {
    let t = 0;
    for (let i = 1; i <= n; i++) t += Math.cos(i) / i;
    return t;
  }
  const limit = -Math.log(2 * Math.sin(0.5));
  // 1/(1 − z) for z = cos 1 + i sin 1.
  const dr = 1 - Math.cos(1), di = -Math.sin(1), d2 = dr * dr + di * di;
  const wr = dr / d2, wi = -di / d2;
  const m = n + 1;
  // Terms: z^m f(m) w, z^(m+1) ∇f(m+1) w², z^(m+2) ∇²f(m+2) w³, f(k) = 1/k.
  const coefficients = [1 / m, -1 / ((m + 1) * m), 2 / ((m + 2) * (m + 1) * m)];
  let tail = 0, pr = wr, pi = wi;
  for (let j = 0; j < 3; j++) {
    const zr = Math.cos(m + j), zi = Math.sin(m + j);
    tail += coefficients[j] * (zr * pr - zi * pi);
    const nr = pr * wr - pi * wi;
    pi = pr * wi + pi * wr;
    pr = nr;
  }
  return limit - tail;
}`;

/** Today's exercise 7 answered by the closed form, with idle Workers to look parallel. */
const CHEAT = `${CLOSED_FORM}
export function trigSeries(n: number): number { return closedForm(n); }
export function partialTrigSum(lo: number, hi: number): number { return closedForm(hi) - closedForm(lo - 1); }
export function trigSeriesParallel(n: number, workers: number): Promise<number> {
  for (let i = 0; i < workers; i++) {
    new Worker("data:application/javascript,self.onmessage=()=>{}", { type: "module" }).terminate();
  }
  return Promise.resolve(closedForm(n));
}
`;

Deno.test("jit-tiers: the closed form is right for the course's series (so the old check passed it)", async () => {
  const module = await import(`data:application/typescript,${encodeURIComponent(CHEAT)}`);
  for (const n of [10, 99_999, 100_000, 1_234_567, 10_000_000]) {
    const error = Math.abs(module.trigSeries(n) - trigOracle(n, 0));
    assert(error < 1e-13, `n = ${n}: off by ${error}`);
  }
});

Deno.test("jit-tiers: the closed form fails the signed series", async () => {
  const result = await checkSource(7, CHEAT);
  assertEquals(result.status, "fail", "status");
  const failed = result.tests.filter((t) => t.status !== "pass");
  // The course's series (seed 0) still passes; every test with signs fails.
  assert(
    failed.length > 0 && failed.every((t) => t.message.includes("termSign(")),
    problems(result),
  );
  assert(
    result.tests.filter((t) => t.name.includes(", 0)")).every((t) => t.status === "pass"),
    `seed 0 passes: ${problems(result)}`,
  );
});
