/**
 * Each kind of bad candidate gets its own one-line reason, and the tests it does
 * not break still run.
 *
 * @module
 */
import {
  assert,
  assertEquals,
  assertIncludes,
  checkSource,
  problems,
} from "../_helpers/helpers.ts";

/** The stub's termSign (checks/shared/term_sign.ts), which a candidate file carries. */
const TERM_SIGN = `function termSign(seed: number, k: number): number {
  if (seed === 0) return 1;
  let h = Math.imul(k >>> 5, 0x9e3779b1) ^ seed;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return 1 - (((h >>> (k & 31)) & 1) << 1);
}
`;
const SIGNATURE =
  `${TERM_SIGN}export function slowSeries(n: number, omit: string, seed: number): number`;
/** A correct body, for candidates that break only some of the time. */
const CORRECT_LOOP =
  "let t = 0; for (let k = 1; k <= n; k++) if (!String(k).includes(omit)) t += termSign(seed, k) / k; return t;";

Deno.test("a syntax error is reported once, as a load error, and the rest is not run", async () => {
  const result = await checkSource(1, `${SIGNATURE} { return 1 +; }`);
  assertEquals(result.status, "error", "status");
  const [first, ...rest] = result.tests;
  assert(first !== undefined, "one test ran");
  assertIncludes(first.message, "cannot load: SyntaxError", "first test");
  assert(!first.message.includes("\n"), "one line");
  assert(rest.every((t) => t.status === "skipped"), "the rest are skipped");
  assertIncludes(rest[0]?.message ?? "", "does not load", "why skipped");
});

Deno.test("a missing export names the export that was expected", async () => {
  const result = await checkSource(1, "export function slowseries() { return 0; }");
  assertEquals(result.status, "error", "status");
  assertIncludes(
    result.tests[0]?.message ?? "",
    "does not export a function named slowSeries (found nothing)",
    "message",
  );
});

Deno.test("the stub's 'not implemented' is recognised and stops the run", async () => {
  const result = await checkSource(
    1,
    `${SIGNATURE} { throw new Error("Not implemented: slowSeries()"); }`,
  );
  assertEquals(result.status, "error", "status");
  assertIncludes(result.tests[0]?.message ?? "", "not implemented yet", "message");
  assertIncludes(result.summary, "not implemented", "summary");
});

Deno.test("a wrong return type says what came back", async () => {
  const result = await checkSource(1, `${SIGNATURE} { return "13.27" as unknown as number; }`);
  assertEquals(result.status, "fail", "status");
  assertIncludes(
    result.tests[0]?.message ?? "",
    'returned a string ("13.27"); expected a number',
    "message",
  );
});

Deno.test("NaN is named as NaN", async () => {
  const result = await checkSource(1, `${SIGNATURE} { return NaN; }`);
  assertEquals(result.status, "fail", "status");
  assertIncludes(result.tests[0]?.message ?? "", "returned NaN", "message");
});

Deno.test("an object with valueOf does not pass for a number", async () => {
  const result = await checkSource(
    1,
    `${SIGNATURE} { return { valueOf: () => 0 } as unknown as number; }`,
  );
  assertEquals(result.status, "fail", "status");
  assertIncludes(result.tests[0]?.message ?? "", "cannot leave the Worker", "message");
});

Deno.test("a throw is reported with its message, a non-Error throw with its value", async () => {
  const thrown = await checkSource(1, `${SIGNATURE} { throw new TypeError("boom"); }`);
  assertIncludes(thrown.tests[0]?.message ?? "", "threw TypeError: boom", "Error");
  const odd = await checkSource(1, `${SIGNATURE} { throw 42; }`);
  assertIncludes(odd.tests[0]?.message ?? "", "threw a non-Error value (number): 42", "non-Error");
});

Deno.test("a wrong sum names the input, expected, actual and tolerance", async () => {
  // Off by the last term: the smallest error a plausible bug makes.
  const result = await checkSource(
    1,
    `${SIGNATURE} { let t = 0; for (let k = 1; k < n; k++) if (!String(k).includes(omit)) t += 1 / k; return t; }`,
  );
  assertEquals(result.status, "fail", "status");
  const failed = result.tests.find((t) => t.status === "fail");
  assert(failed !== undefined, "a test failed");
  for (const part of ["slowSeries(", "expected", "got", "tolerance 1e-10 relative"]) {
    assertIncludes(failed.message, part, "message");
  }
});

Deno.test("a candidate that breaks on some inputs still gets the others judged", async () => {
  const result = await checkSource(
    1,
    `${SIGNATURE} { if (omit.length === 2) throw new Error("two digits"); ${CORRECT_LOOP} }`,
  );
  assertEquals(result.status, "fail", "status");
  const passed = result.tests.filter((t) => t.status === "pass").length;
  const errored = result.tests.filter((t) => t.status === "error").length;
  assert(passed > 0 && errored > 0, `both passes and errors:\n${problems(result)}`);
});

Deno.test("a hang times out, twice at most, and the rest is not run", async () => {
  const result = await checkSource(1, `${SIGNATURE} { while (n >= 0) {} return 0; }`, {
    timeoutMs: 1500,
  });
  assertEquals(result.status, "error", "status");
  const timedOut = result.tests.filter((t) => t.message.startsWith("timed out after 1.5 s"));
  assertEquals(timedOut.length, 2, "timed-out tests");
  assertIncludes(result.tests[2]?.message ?? "", "2 tests already timed out", "why skipped");
});

Deno.test("a JavaScript heap blow-up is reported as out of memory", async () => {
  const result = await checkSource(
    1,
    `${SIGNATURE} { const keep: number[][] = []; for (;;) keep.push(new Array(1e5).fill(n)); }`,
    { heapLimitMb: 64, timeoutMs: 20_000 },
  );
  assertEquals(result.status, "error", "status");
  assertIncludes(result.tests[0]?.message ?? "", "ran out of memory", "message");
});

Deno.test("a typed-array blow-up is reported as the allocation error", async () => {
  const result = await checkSource(
    1,
    `${SIGNATURE} { const big = new Float64Array(2 ** 40); return big[n] ?? 0; }`,
  );
  assertEquals(result.status, "error", "status");
  assertIncludes(result.tests[0]?.message ?? "", "threw RangeError", "message");
});

Deno.test("velocity: output left unwritten fails on the garbage the check put there", async () => {
  const result = await checkSource(
    2,
    `export function toCartesian(_grid: unknown, out: unknown) { return out; }`,
  );
  assertEquals(result.status, "fail", "status");
  assertIncludes(result.tests[0]?.message ?? "", "got NaN", "message");
});

Deno.test("velocity: plain arrays instead of Float64Arrays are named", async () => {
  const result = await checkSource(
    2,
    `export function toCartesian() { return { vx: [0], vy: [0], vz: [0] }; }`,
  );
  assertEquals(result.status, "fail", "status");
  assertIncludes(
    result.tests[0]?.message ?? "",
    "vx is an array of length 1; expected a Float64Array",
    "message",
  );
});

Deno.test("lines the candidate prints cannot pass for results", async () => {
  // Output that imitates the runner's replies and the check's verdict, then a wrong answer.
  const result = await checkSource(
    1,
    `${SIGNATURE} {
      console.log('{"id":1,"kind":"test","status":"pass","message":"","ms":1}');
      console.log("✓ PASS · gold");
      return -1;
    }`,
  );
  assertEquals(result.status, "fail", "status");
  assert(result.tests.every((t) => t.status === "fail"), "every test judged on the real answer");
});

Deno.test("Deno.exit() in the candidate ends its test with a reason, and the rest still run", async () => {
  const result = await checkSource(
    1,
    `${SIGNATURE} { if (n === 0) Deno.exit(0); ${CORRECT_LOOP} }`,
    { timeoutMs: 3000 },
  );
  assertEquals(result.status, "fail", "status");
  const exited = result.tests[0];
  assertEquals(exited?.status, "error", "the exiting test");
  assertIncludes(exited?.message ?? "", "called Deno.exit(0)", "its message");
  assert(
    result.tests.slice(1).every((t) => t.status === "pass"),
    `the rest pass:\n${problems(result)}`,
  );
});
