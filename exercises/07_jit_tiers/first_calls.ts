/**
 * Exercise 7, task 1: how the speed of one function changes from call to call
 * while V8 moves it up its tiers. Run it from this folder:
 *
 *   deno run first_calls.ts
 *   deno run --v8-flags=--trace-opt first_calls.ts    # and watch the tiers change
 *
 * It times the first ten calls of the plain Math.cos loop, then of your
 * trigSeries (once it is written), on the same n and the same seed.
 *
 * @module
 */
import { termSign, trigSeries } from "./jit_tiers.ts";

/** Small enough for the first calls to differ: the whole run takes a second or two. */
const N = 100_000;
const CALLS = 10;
/** Any nonzero seed: signs from a hash, as the check times them. */
const SEED = 20_261_130;

/** The plain loop, as in the course: one Math.cos per term, with its sign. */
function plainLoop(n: number, seed: number): number {
  let total = 0;
  for (let i = 1; i <= n; i++) total += termSign(seed, i) * Math.cos(i) / i;
  return total;
}

function timeCalls(label: string, fn: (n: number, seed: number) => number): void {
  const times: string[] = [];
  let sum = 0;
  for (let call = 0; call < CALLS; call++) {
    const start = performance.now();
    sum = fn(N, SEED);
    times.push((performance.now() - start).toFixed(2));
  }
  console.log(`${label.padEnd(12)} ms per call: ${times.join("  ")}   (sum ${sum})`);
}

timeCalls("plain loop", plainLoop);
try {
  timeCalls("trigSeries", trigSeries);
} catch (thrown) {
  console.log(`trigSeries   not timed: ${(thrown as Error).message}`);
}
