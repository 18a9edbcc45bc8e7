/**
 * Numba's object mode against nopython mode, in V8 terms: a function that
 * TurboFan compiled for numbers meets a string, and V8 throws the machine
 * code away ("deoptimizes") and goes back to the interpreter. Run with
 * `--v8-flags=--trace-deopt` (`deno task deopt`) to see V8 say so, with the
 * reason, and how much slower the same loop is while its types are mixed.
 *
 * @module
 */

/** Adds 1/k for the k it is given: fast while every k is a number. */
function addTerms(values: readonly unknown[]): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    // Numbers only: a float division. Anything else: the generic `/` (strings
    // are converted), which the optimised code did not plan for.
    total += 1 / (values[i] as number);
  }
  return total;
}

/** Runs `addTerms` on numbers, then on a mix, timing each. */
function main(): void {
  const n = 2_000_000;
  const numbers = Array.from({ length: n }, (_, i) => i + 1);
  const mixed: unknown[] = numbers.slice();
  mixed[n >> 1] = String(n >> 1); // one string in the middle: the types are no longer one

  for (let round = 0; round < 5; round++) addTerms(numbers); // optimised for numbers
  let start = performance.now();
  addTerms(numbers);
  const typed = performance.now() - start;
  console.log(`numbers only, optimised for numbers: ${typed.toFixed(1)} ms`);

  console.log("now one element is a string: V8 must leave the optimised code (see the trace)");
  start = performance.now();
  addTerms(mixed);
  console.log(`the first call on the mix: ${(performance.now() - start).toFixed(1)} ms`);
  for (let round = 0; round < 5; round++) addTerms(mixed); // re-optimised, now for both kinds
  start = performance.now();
  addTerms(mixed);
  console.log(`re-optimised for the mix: ${(performance.now() - start).toFixed(1)} ms`);
}

if (import.meta.main) main();
