/**
 * The program that exercise 7's compiler lesson runs in a subprocess, once
 * with V8's JIT and once with `--v8-flags=--jitless` (Ignition, the bytecode
 * interpreter, alone): the course's trig series Σ cos(i)/i, the loop it
 * compiled with Numba, and the same series by the rotation recurrence (no
 * `Math.cos` per term: only multiplications and additions, where a compiler
 * counts most). Prints one line of JSON: `{"ms": …, "total": …}`.
 *
 * Usage: deno run [--v8-flags=--jitless] jit_probe.ts N [cos|recurrence]
 *
 * @module
 */

/** The course's series, as plain as it was in Python. */
export function trig(n: number): number {
  let total = 0;
  for (let i = 1; i <= n; i++) total += Math.cos(i) / i;
  return total;
}

/**
 * The series by the rotation cos(i + 1) = cos i·cos 1 − sin i·sin 1 (and the
 * same for sin), re-anchored with Math.cos and Math.sin every `ANCHOR` terms so
 * the rounding errors do not pile up.
 */
export function trigRecurrence(n: number): number {
  const ANCHOR = 1024;
  const c1 = Math.cos(1), s1 = Math.sin(1);
  let total = 0;
  let c = 0, s = 0;
  for (let i = 1; i <= n; i++) {
    if ((i - 1) % ANCHOR === 0) {
      c = Math.cos(i);
      s = Math.sin(i);
    } else {
      const next = c * c1 - s * s1;
      s = s * c1 + c * s1;
      c = next;
    }
    total += c / i;
  }
  return total;
}

if (import.meta.main) {
  const n = Number(Deno.args[0] ?? "10000000");
  if (!Number.isSafeInteger(n) || n < 1) {
    console.error(`jit_probe: Cannot use n = ${Deno.args[0]}: give a positive integer`);
    Deno.exit(2);
  }
  const series = Deno.args[1] === "recurrence" ? trigRecurrence : trig;
  series(Math.min(n, 100_000)); // a warm-up, as the course's second run
  const start = performance.now();
  const total = series(n);
  console.log(JSON.stringify({ ms: performance.now() - start, total }));
}
