/**
 * diagnose(): the hint that matches what a slow solution does. Each slow habit
 * is shown to be found; the reference solutions (fast) and code that only
 * mentions a habit in a comment are not diagnosed.
 */
import { assertEquals as equals } from "../_helpers/helpers.ts";

const assertEquals = <T>(actual: T, expected: T, what = "value") => equals(actual, expected, what);
import { diagnose, diagnoseFiles, diagnosisLine, SYMPTOMS } from "../../lib/learner/diagnose.ts";
import { CATALOGUE } from "../../lib/exercise/catalogue.ts";

const read = (path: string) => Deno.readTextFileSync(new URL(`../../${path}`, import.meta.url));

Deno.test("diagnose: exercise 1's string test points to hint 2", () => {
  const source = `export function slowSeries(n: number, omit: string) {
    let total = 0;
    for (let k = 1; k <= n; k++) { if (!String(k).includes(omit)) total += 1 / k; }
    return total;
  }`;
  assertEquals(diagnose("slow-series", source)?.code, "string-per-term");
  assertEquals(diagnose("slow-series", source)?.hint, 2);
});

Deno.test("diagnose: exercise 1's Math.floor and ** are told apart", () => {
  const floor =
    `for (let k = 1; k <= n; k++) { let r = k; while (r > 0) { if (r % 10 === d) break; r = Math.floor(r / 10); } }`;
  assertEquals(diagnose("slow-series", floor)?.code, "float-division");
  const power =
    `for (let k = 1; k <= n; k++) { const w = 10 ** omit.length; if (k % w === v) continue; }`;
  assertEquals(diagnose("slow-series", power)?.code, "power-in-loop");
});

Deno.test("diagnose: a habit named only in a comment is not diagnosed", () => {
  const source = `// not Math.floor, and no String(k): see hint 2
  for (let k = 1; k <= n; k++) { let r = k; while (r > 0) { r = (r / 10) | 0; } }`;
  assertEquals(diagnose("slow-series", source), null);
});

Deno.test("diagnose: exercise 2's trig in the inner loop points to hint 1", () => {
  const wrapped = `function f() { for (let i = 0; i < nlat; i++) { for (let j = 0; j < nr; j++) {
    for (let k = 0; k < nlon; k++) { const s = Math.sin(longitude[k] * D); vx[row + k] = s; } } } }`;
  assertEquals(diagnose("velocity", wrapped)?.code, "trig-in-inner-loop");
  assertEquals(diagnose("velocity", wrapped)?.hint, 1);
});

Deno.test("diagnose: exercise 8's single call over the whole interval points to hint 4", () => {
  const source =
    `self.onmessage = (e) => { const { lo, hi } = e.data; postMessage(partialSum(lo, hi)); };`;
  assertEquals(diagnose("wasm-kernel", source)?.code, "one-unchunked-call");
  const chunked =
    `for (let a = lo; a <= hi; a += CHUNK) { total += partialSum(a, Math.min(hi, a + CHUNK - 1)); }`;
  assertEquals(diagnose("wasm-kernel", chunked), null);
});

Deno.test("diagnose: the reference solutions are not diagnosed", () => {
  const files: Record<string, string[]> = {
    "slow-series": ["solutions/01_slow_series/slow_series.ts"],
    velocity: ["solutions/02_velocity/velocity.ts"],
    bottleneck: ["solutions/04_bottleneck/bottleneck.ts"],
    "jit-tiers": [
      "solutions/07_jit_tiers/jit_tiers.ts",
      "solutions/07_jit_tiers/jit_tiers_worker.ts",
    ],
    "wasm-kernel": [
      "solutions/08_wasm_kernel/kernel.as.ts",
      "solutions/08_wasm_kernel/wasm_kernel.ts",
      "solutions/08_wasm_kernel/wasm_kernel_worker.ts",
    ],
    "beyond-brute-force": ["solutions/09_beyond_brute_force/beyond_brute_force.ts"],
  };
  for (const [slug, paths] of Object.entries(files)) {
    const source = paths.map(read).join("\n");
    assertEquals(
      diagnose(slug, source),
      null,
      `${slug}: ${JSON.stringify(diagnose(slug, source))}`,
    );
  }
});

Deno.test("diagnose: the slow baselines are diagnosed", () => {
  assertEquals(
    diagnose("slow-series", read("checks/01_slow_series/baseline.ts"))?.code,
    "string-per-term",
  );
  assertEquals(
    diagnose("velocity", read("checks/02_velocity/baseline.ts"))?.code,
    "trig-in-inner-loop",
  );
});

Deno.test("diagnose: every symptom names an existing hint of its exercise", () => {
  for (const [slug, symptoms] of Object.entries(SYMPTOMS)) {
    const entry = CATALOGUE.find((e) => e.slug === slug);
    assertEquals(entry !== undefined, true, `no exercise ${slug}`);
    for (const symptom of symptoms) {
      assertEquals(
        symptom.hint >= 1 && symptom.hint <= (entry?.hints.length ?? 0),
        true,
        symptom.code,
      );
    }
  }
  assertEquals(diagnosisLine(1, null), null);
  assertEquals(
    diagnosisLine(1, { code: "x", hint: 2, seen: "it does y" }),
    "Your code: it does y. Read hint 2: deno task hint 1 --all",
  );
});

Deno.test("diagnoseFiles: reads every file of the exercise, a Worker's too", async () => {
  const root = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${root}/exercises/08_wasm_kernel`, { recursive: true });
    await Deno.writeTextFile(`${root}/exercises/08_wasm_kernel/wasm_kernel.ts`, "export {};");
    await Deno.writeTextFile(
      `${root}/exercises/08_wasm_kernel/wasm_kernel_worker.ts`,
      "self.onmessage = (e) => postMessage(partialSum(e.data.lo, e.data.hi));",
    );
    const entry = CATALOGUE.find((e) => e.slug === "wasm-kernel");
    assertEquals(entry !== undefined, true, "exercise 8");
    if (entry === undefined) return;
    assertEquals(
      (await diagnoseFiles(entry, `${root}/exercises`))?.code,
      "one-unchunked-call",
      "found",
    );
    assertEquals(
      await diagnoseFiles({ ...entry, files: ["missing.ts"] }, `${root}/exercises`),
      null,
      "none",
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("diagnose: exercise 2's strided inner loop and allocation per point are told apart", () => {
  const strided = `function f() {
    for (let k = 0; k < nlon; k++) { sinLon[k] = Math.sin(longitude[k] * R); }
    for (let i = 0; i < nlat; i++) { const sinLat = Math.sin(latitude[i] * R);
      for (let k = 0; k < nlon; k++) { for (let j = 0; j < nr; j++) {
        const p = (i * nr + j) * nlon + k; vx[p] = sinLon[k] * vlon[p]; } } } }`;
  assertEquals(diagnose("velocity", strided)?.code, "radius-innermost");
  assertEquals(diagnose("velocity", strided)?.hint, 3);
  const allocating = `for (let i = 0; i < nlat; i++) { for (let j = 0; j < nr; j++) {
    for (let k = 0; k < nlon; k++) { const m = [[a, b, c], [d, e, f]]; vx[row + k] = dot(m, v); } } }`;
  assertEquals(diagnose("velocity", allocating)?.code, "allocation-per-point");
});
