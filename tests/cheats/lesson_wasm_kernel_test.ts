/**
 * Exercise 8, shortcuts around the lesson: nothing checked that the timed
 * driver used the learner's kernel.wasm, so JavaScript's integer test inside
 * the Workers earned a tier with any correct kernel, however slow. The check now
 * times the kernel itself, with its own driver, on chunks scattered up to
 * 2·10^9 (a table of running sums cannot stand in). A timing test: run it under
 * `flock /tmp/workbook-timing.lock`.
 *
 * @module
 */
import { check, timedInput } from "../../checks/08_wasm_kernel/check.ts";
import { CHUNK, timedChunks } from "../../checks/08_wasm_kernel/chunks.ts";
import { slowSeriesNoNine } from "../../checks/08_wasm_kernel/baseline.ts";
import { createRng } from "../../lib/exercise/rng.ts";
import { assert, assertEquals, checkSource, problems } from "../_helpers/helpers.ts";

const REFERENCE = new URL("../../solutions/08_wasm_kernel/", import.meta.url);

/**
 * A correct kernel made slow on purpose: every digit test runs eight times, on
 * k xor r·z where z is 0 at run time but not to the compiler (hi is never
 * negative), so the optimiser cannot merge them.
 */
const SLOW_KERNEL = `
export function partialSum(lo: i32, hi: i32): f64 {
  const z: i32 = hi < 0 ? 1 : 0;
  let total: f64 = 0;
  for (let k = lo; k <= hi; k++) {
    let nine = false;
    for (let r: i32 = 0; r < 8; r++) nine = hasNine(k ^ (r * z)) || nine;
    if (!nine) total += 1.0 / <f64>k;
  }
  return total;
}
function hasNine(k: i32): bool {
  let rest = k;
  while (rest > 0) {
    const next = rest / 10;
    if (rest - next * 10 == 9) return true;
    rest = next;
  }
  return false;
}
`;

/** The Worker sums its interval in JavaScript, with exercise 1's integer test: no kernel. */
const JS_WORKER = `
self.onmessage = (event: MessageEvent<[number, number]>) => {
  const [lo, hi] = event.data;
  let total = 0;
  for (let k = lo; k <= hi; k++) {
    let rest = k, nine = false;
    while (rest > 0) { const next = (rest / 10) | 0; if (rest - next * 10 === 9) { nine = true; break; } rest = next; }
    if (!nine) total += 1 / k;
  }
  self.postMessage(total);
};
`;

Deno.test({
  name:
    "wasm-kernel: a JavaScript sum in the driver's Workers earns nothing: the check times the kernel",
  sanitizeResources: false,
  async fn() {
    const driver = await Deno.readTextFile(new URL("wasm_kernel.ts", REFERENCE));
    const result = await checkSource(8, driver, {
      quick: false,
      files: { "kernel.as.ts": SLOW_KERNEL, "wasm_kernel_worker.ts": JS_WORKER },
    });
    // Correct in every test: the kernel is right, and so is the JavaScript.
    assertEquals(problems(result), "", "every test passes");
    // Timed: the slow kernel, about 8× slower than the reference's, below the string test.
    assertEquals(result.performance?.status, "fail", `speed: ${result.performance?.reason}`);
    assertEquals(result.performance?.tier, null, "no tier");
    assert(
      (result.performance?.speedup?.median ?? 99) < 1.5,
      `the kernel's speed-up: ${JSON.stringify(result.performance?.speedup)}`,
    );
  },
});

Deno.test("wasm-kernel: the speed parts time kernel.wasm on scattered chunks, scaled() adds chunks", () => {
  const plan = check.benchmark;
  assertEquals(
    [plan.timed?.module, plan.timed?.exportName],
    ["kernel.wasm", "partialSum"],
    "timed target",
  );
  const rng = createRng(9);
  const inputs = Array.from({ length: 20 }, () => plan.input(rng, "default"));
  const seeds = new Set<number>();
  for (const input of inputs) {
    for (const threads of [1, 2]) {
      const timed = timedInput(plan.withThreads?.(input, threads) ?? input);
      assert(timed.kind === "timed", "a timed input");
      assertEquals(timed.threads, threads, "Workers");
      seeds.add(timed.chunkSeed);
      const chunks = timedChunks(timed.chunkSeed, timed.chunks);
      assert(
        chunks.every(([lo, hi]) => lo >= 1 && hi <= 2_000_000_000 && hi - lo + 1 === CHUNK),
        "chunks of CHUNK numbers within the kernel's range",
      );
      // Scattered: few chunks start within a chunk of another (random starts: a few per cent).
      const starts = chunks.map(([lo]) => lo).sort((a, b) => a - b);
      const close = starts.filter((lo, i) => i > 0 && lo - (starts[i - 1] as number) < CHUNK);
      assert(close.length <= chunks.length / 20, `${close.length} chunks overlap`);
      for (const factor of [2, 4]) {
        const scaled = plan.scaled?.(input, factor);
        assert(scaled !== undefined, "scaled is defined");
        const big = timedInput(plan.withThreads?.(scaled, threads) ?? scaled);
        assert(big.kind === "timed", "a timed input when scaled");
        // The work is one digit test per number: CHUNK numbers per chunk.
        const ratio = big.chunks / timed.chunks;
        assert(Math.abs(ratio - factor) < 0.01, `numbers grow ${factor}×: ${ratio}`);
      }
    }
  }
  assertEquals(seeds.size, 20, "each input sums elsewhere");
});

Deno.test("wasm-kernel: the baseline sums the chunks exactly as the oracle does", () => {
  const input = { kind: "timed" as const, chunkSeed: 77, chunks: 3, threads: 1 };
  const args = check.prepare(input) as [number, number, number, number];
  assertEquals(slowSeriesNoNine(...args), check.expected(input), "same sum, same order");
  assertEquals(
    slowSeriesNoNine(1000),
    check.expected({ kind: "driver", n: 1000, threads: 1 }),
    "1..n",
  );
});
