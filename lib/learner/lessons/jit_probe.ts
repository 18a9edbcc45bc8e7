/**
 * The program that exercise 7's compiler lesson runs in a subprocess, once
 * with V8's JIT and once with `--v8-flags=--jitless` (Ignition, the bytecode
 * interpreter, alone): the course's trig series Σ cos(i)/i, the loop it
 * compiled with Numba. Prints one line of JSON: `{"ms": …, "total": …}`.
 *
 * Usage: deno run [--v8-flags=--jitless] jit_probe.ts N
 *
 * @module
 */

/** The course's series, as plain as it was in Python. */
export function trig(n: number): number {
  let total = 0;
  for (let i = 1; i <= n; i++) total += Math.cos(i) / i;
  return total;
}

if (import.meta.main) {
  const n = Number(Deno.args[0] ?? "10000000");
  if (!Number.isSafeInteger(n) || n < 1) {
    console.error(`jit_probe: Cannot use n = ${Deno.args[0]}: give a positive integer`);
    Deno.exit(2);
  }
  trig(Math.min(n, 100_000)); // a warm-up, as the course's second run
  const start = performance.now();
  const total = trig(n);
  console.log(JSON.stringify({ ms: performance.now() - start, total }));
}
