/**
 * The check's progress line: the warm-up is named once and the counted pairs
 * follow it as pairs (issue 16: `warm-up 2.3× 2.3× …` read as if every pair
 * were a warm-up).
 *
 * @module
 */
import { createEventPrinter, pairProgress, printSummary } from "../../lib/report/text.ts";
import { CATALOGUE } from "../../lib/exercise/catalogue.ts";
import type { CheckResult } from "../../lib/check/types.ts";
import { assert, assertEquals } from "../_helpers/helpers.ts";

Deno.test("pairProgress(): the warm-up says it is done and that pairs follow; busy pairs say so", () => {
  const line = [
    pairProgress(0, { baselineMs: 230, candidateMs: 100 }, false),
    pairProgress(1, { baselineMs: 230, candidateMs: 100 }, true),
    pairProgress(2, { baselineMs: 400, candidateMs: 100 }, false),
    pairProgress(3, { baselineMs: 240, candidateMs: 100 }, true),
  ].join("");
  assertEquals(line, "warm-up done · pairs: 2.3× (4.0× busy, again) 2.4× ", "the line");
  assert(!/warm-up \d/.test(line), "no ratio right after the word warm-up");
});

/** A measured speed part, as a check reports it. */
function part(median: number, tiers: { pass: number; silver: number; gold: number }) {
  return {
    status: "pass" as const,
    reason: "reaches gold",
    baselineMs: 600,
    candidateMs: 600 / median,
    speedup: { median, min: median * 0.9, max: median * 1.1 },
    required: tiers.pass,
    tier: "gold" as const,
    tiers,
    pairs: 3,
    size: "default",
  };
}

/** Runs `body` with console.log and Deno.stdout.writeSync captured, and returns what they wrote. */
function captured(body: () => void): string {
  const out: string[] = [];
  const log = console.log;
  const write = Deno.stdout.writeSync;
  console.log = (...args: unknown[]) => out.push(args.join(" ") + "\n");
  Deno.stdout.writeSync = (bytes: Uint8Array) => {
    out.push(new TextDecoder().decode(bytes));
    return bytes.length;
  };
  try {
    body();
  } finally {
    console.log = log;
    Deno.stdout.writeSync = write;
  }
  return out.join("");
}

Deno.test("a check of two speed parts shows each part's table after its own pairs, once", () => {
  const exercise = CATALOGUE.find((e) => e.parallel !== undefined);
  assert(exercise !== undefined, "an exercise with a parallel part");
  const speed = part(10.85, { pass: 3, silver: 5, gold: 6.5 });
  const parallel = part(1.59, { pass: 1, silver: 1.1, gold: 1.16 });
  const start = (label: string) => ({
    kind: "performance-start" as const,
    pairs: 7,
    size: "n ≈ 2·10^7",
    label,
    alternating: true,
  });
  const text = captured(() => {
    const printer = createEventPrinter(exercise);
    printer.onEvent(start("Math.cos loop"));
    printer.onEvent({ kind: "performance-end" });
    printer.onEvent({ kind: "part-done", part: "speed", result: speed });
    printer.onEvent(start("your code on 1 Worker"));
    printer.onEvent({ kind: "performance-end" });
    printer.onEvent({ kind: "part-done", part: "parallel", result: parallel });
    printer.flush();
    const result = {
      performance: speed,
      parallel,
      quick: false,
      status: "pass",
      tests: [],
      credit: null,
      summary: "all tests passed",
    } as const;
    printSummary(result as unknown as CheckResult, exercise, printer.partsShown);
  });
  const firstTable = text.indexOf("10.85×");
  const secondHeader = text.indexOf("baseline: your code on 1 Worker");
  const secondTable = text.indexOf("1.59×");
  assert(firstTable > 0 && secondHeader > 0 && secondTable > 0, text);
  assert(firstTable < secondHeader, `the first table comes before the second header:\n${text}`);
  assert(secondHeader < secondTable, `the second table follows its header:\n${text}`);
  assertEquals(text.match(/^\s+yours\s/gm)?.length, 2, `each table once:\n${text}`);
});

Deno.test("a check stopped before its tests says why once, then what to do", () => {
  const exercise = CATALOGUE.find((e) => e.available);
  assert(exercise !== undefined, "an exercise");
  const summary = "Cannot find /tmp/nowhere/x.ts: expected the exercise file there";
  const text = captured(() => {
    const result = {
      performance: null,
      parallel: null,
      quick: true,
      status: "error",
      tests: [],
      credit: null,
      summary,
    } as const;
    printSummary(result as unknown as CheckResult, exercise);
  });
  assertEquals(text.split(summary).length - 1, 1, `the reason once:\n${text}`);
  assert(
    text.includes(`Next: fix that, then run deno task check ${exercise.number} --quick`),
    text,
  );
});

Deno.test("under watch, a correct quick check leaves the next step to watch; outside it names the command", () => {
  const exercise = CATALOGUE.find((e) => e.available && e.speed.kind !== "none");
  assert(exercise !== undefined, "an exercise with a speed part");
  const result = {
    performance: null,
    parallel: null,
    quick: true,
    status: "pass",
    tests: [{ name: "t", status: "pass", message: "" }],
    credit: null,
    summary: "all 1 tests passed (speed not checked)",
  } as const;
  const alone = captured(() => printSummary(result as unknown as CheckResult, exercise));
  assert(alone.includes(`Next: deno task check ${exercise.number} measures the speed`), alone);
  const watched = captured(() =>
    printSummary(result as unknown as CheckResult, exercise, new Set(), true)
  );
  assert(!watched.includes("Next:"), `watch says what comes next itself:\n${watched}`);
});
