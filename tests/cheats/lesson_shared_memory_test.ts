/**
 * Exercise 3, shortcuts around the lesson: sin²x + cos²x is 1 in exact
 * arithmetic, so an exact 1 passed a tolerance of 1e-15. The check now compares
 * every element bit for bit with the expression as computed, and tests the
 * README's contract (RangeError, TypeError). Correctness only: no timing.
 *
 * @module
 */
import { check, expression, fillInput } from "../../checks/03_shared_memory/check.ts";
import { assert, assertEquals, checkSource, problems } from "../_helpers/helpers.ts";

/** A Worker that fills its slice with `formula` (of x = 2π·a[i]) and posts the partial sum. */
function workerSource(formula: string): string {
  const code = `self.onmessage = (e) => {
    const { a, out, start, end } = e.data;
    let sum = 0;
    for (let i = start; i < end; i++) {
      const x = 2 * Math.PI * a[i];
      const v = ${formula};
      out[i] = v;
      sum += v;
    }
    self.postMessage(sum);
  };`;
  return JSON.stringify(`data:application/javascript,${encodeURIComponent(code)}`);
}

/** evaluateParallel with the README's slices, each Worker running `formula`. */
function parallelSource(formula: string, checks = true): string {
  return `export async function evaluateParallel(a: Float64Array, out: Float64Array, threads: number): Promise<number> {
  ${
    checks
      ? `if (!Number.isSafeInteger(threads) || threads < 1) throw new RangeError("threads");
  if (!(a.buffer instanceof SharedArrayBuffer) || !(out.buffer instanceof SharedArrayBuffer)) throw new TypeError("shared");
  if (a.length !== out.length) throw new TypeError("lengths");`
      : ""
  }
  const n = a.length;
  if (n === 0) return 0;
  const count = Math.min(threads, n);
  const size = Math.floor(n / count);
  const workers: Worker[] = [];
  try {
    const parts: Promise<number>[] = [];
    for (let i = 0; i < count; i++) {
      const start = i * size;
      const end = i === count - 1 ? n : start + size;
      const w = new Worker(${workerSource(formula)}, { type: "module" });
      workers.push(w);
      parts.push(new Promise((resolve) => { w.onmessage = (e) => resolve(e.data); w.postMessage({ a, out, start, end }); }));
    }
    let total = 0;
    for (const p of await Promise.all(parts)) total += p;
    return total;
  } finally {
    for (const w of workers) w.terminate();
  }
}`;
}

Deno.test("shared-memory: an exact 1 for every finite input fails, bit for bit", async () => {
  // The shortcut: Workers started per slice as the contract asks, NaN kept where the input is
  // not finite, and the identity's exact value everywhere else. It passed the old 1e-15.
  const result = await checkSource(3, parallelSource("Number.isFinite(x) ? 1 : NaN"));
  assertEquals(result.status, "fail", "status");
  const failed = result.tests.filter((t) => t.status === "fail");
  assert(
    failed.length > 0 && failed.some((t) => t.message.includes("bit for bit")),
    problems(result),
  );
});

Deno.test("shared-memory: honest ways to write the expression all pass", async () => {
  for (
    const formula of [
      "Math.sin(x) * Math.sin(x) + Math.cos(x) * Math.cos(x)",
      "Math.sin(x) ** 2 + Math.cos(x) ** 2",
      "Math.cos(x) ** 2 + Math.sin(x) ** 2",
      "Math.pow(Math.sin(Math.PI * a[i] * 2), 2) + Math.pow(Math.cos(Math.PI * a[i] * 2), 2)",
    ]
  ) {
    const result = await checkSource(3, parallelSource(formula));
    assertEquals(result.status, "pass", `${formula}: ${problems(result)}`);
  }
});

Deno.test("shared-memory: the README's RangeError and TypeError are tested", async () => {
  const result = await checkSource(3, parallelSource("Math.sin(x) ** 2 + Math.cos(x) ** 2", false));
  assertEquals(result.status, "fail", "status");
  const failed = result.tests.filter((t) => t.status !== "pass").map((t) => t.name);
  assertEquals(failed, [
    "threads = 0 rejects with a RangeError",
    "threads = 1.5 rejects with a RangeError",
    "arrays not on a SharedArrayBuffer reject with a TypeError",
    "a and out of different lengths reject with a TypeError",
  ], "the misuse tests fail, and only they");
});

Deno.test("shared-memory: the oracle's expression differs from 1 in a good share of elements", () => {
  const a = new Float64Array(10_000);
  fillInput(a, 12345, 0);
  let notOne = 0;
  for (const value of a) if (expression(value) !== 1) notOne++;
  assert(notOne > 1_000, `${notOne} of 10 000 differ from 1`);
});

Deno.test("shared-memory: benchmark inputs are drawn from a wide space, and scaled grows n", async () => {
  const { createRng } = await import("../../lib/exercise/rng.ts");
  const rng = createRng(7);
  const inputs = Array.from({ length: 20 }, () => check.benchmark.input(rng, "default"));
  assert(new Set(inputs.map((i) => i.n)).size === 20, "n varies");
  assert(new Set(inputs.map((i) => i.seed)).size === 20, "the seed varies");
  for (const input of inputs) {
    const scaled = check.benchmark.scaled?.(input, 3);
    assert(scaled !== undefined, "scaled is defined");
    assert(Number.isSafeInteger(scaled.n) && scaled.n > 0, "a valid length");
    assertEquals([scaled.threads, scaled.seed], [input.threads, input.seed], "the same problem");
    // The work is one expression per element.
    const ratio = scaled.n / input.n;
    assert(ratio > 2.99 && ratio < 3.01, `elements grow 3×: ${ratio}`);
  }
});

// Timed pairs send out's digest, not its bytes (arraysByDigest): an output that differs from
// the baseline's in one element on the benchmark input is caught by the digest, and the pair
// run again in full names the element. (Runs timed pairs: run it under the timing lock.)
Deno.test("shared-memory: one wrong element on the benchmark input fails the pair, by digest", async () => {
  const source = parallelSource(
    "end - start > 1e6 && i === end - 1 ? 0.5 : Math.sin(x) * Math.sin(x) + Math.cos(x) * Math.cos(x)",
  );
  const result = await checkSource(3, source, { quick: false });
  assertEquals(problems(result), "", "every hidden test passes (small inputs)");
  const performance = result.performance;
  assert(performance !== null, "the speed was measured");
  assertEquals(performance.status, "error", performance.reason);
  assert(
    /out\[\d+\] is 0\.5; expected/.test(performance.reason),
    `the element named: ${performance.reason}`,
  );
});
