/**
 * Contention end to end, with an injected probe in place of /proc (issue 13):
 * a contended pair is run again, a machine that stays busy makes the check
 * inconclusive (exit code 3), never a fail; one core makes a parallel part
 * inconclusive, never a pass (issue 11, class 4). These run real checks of the
 * reference solutions: run them under the timing lock; nothing here asserts a
 * time.
 *
 * @module
 */
import { runCheck } from "../../lib/check/check.ts";
import { findExercise } from "../../lib/exercise/catalogue.ts";
import { exitCode } from "../../lib/cli/check.ts";
import { busyTicks, processTicks, psiSomeTotal } from "../../lib/check/speed/contention.ts";
import type { ContentionProbe } from "../../lib/check/speed/measure.ts";
import type { ContentionReading } from "../../lib/check/types.ts";
import { assert, assertEquals, assertIncludes, TEST_SEED } from "../_helpers/helpers.ts";
import { Ajv } from "ajv";
import schema from "../../lib/check/check_result.schema.json" with { type: "json" };

const validate = new Ajv({ allErrors: true }).compile(schema);

function assertValid(document: unknown): void {
  const valid = validate(JSON.parse(JSON.stringify(document)));
  assert(valid, `schema: ${JSON.stringify(validate.errors)}`);
}

const QUIET: ContentionReading = {
  source: "proc",
  wallMs: 500,
  othersCores: 0.05,
  psiSome: 0.03,
  ownCores: 1,
};
const BUSY: ContentionReading = { ...QUIET, othersCores: 1.5, psiSome: 0.24 };

/** A probe that reports `readings` pair after pair (the last one ever after). */
function fakeProbe(readings: readonly ContentionReading[]): ContentionProbe & { pairs: number } {
  const probe = {
    pairs: 0,
    begin: () => () => readings[Math.min(probe.pairs++, readings.length - 1)] as ContentionReading,
  };
  return probe;
}

function check(number: number, probe?: ContentionProbe, cores?: number) {
  const exercise = findExercise(String(number));
  assert(exercise !== undefined, `exercise ${number}`);
  return runCheck({
    exercise,
    source: { kind: "solutions" },
    seed: TEST_SEED,
    quick: false,
    size: "default",
    ...(probe === undefined ? {} : { contentionProbe: probe }),
    ...(cores === undefined ? {} : { cores }),
  });
}

Deno.test("a contended pair is run again and the pass says the machine was busy", async () => {
  // Warm-up quiet, then one pair contended by 1.5 cores (above the 1.25 a
  // serial part tolerates on 2 cores), then quiet.
  const probe = fakeProbe([QUIET, BUSY, QUIET]);
  const result = await check(1, probe);
  assertEquals(result.status, "pass", result.summary);
  assertEquals(result.performance?.contention?.rerun, 1, "one pair re-run");
  assertIncludes(result.summary, "measured while the machine was busy", "the pass says so");
  assert((result.performance?.pairs ?? 0) >= 3, "still at least 3 counted pairs");
  assertValid(result);
});

Deno.test("a machine that stays busy makes the check inconclusive (exit 3), never a fail", async () => {
  const probe = fakeProbe([BUSY]);
  const result = await check(1, probe);
  assertEquals(result.status, "inconclusive", result.summary);
  assertEquals(result.performance?.inconclusive, "busy", "cause");
  assertIncludes(result.summary, "other processes used 1.50 of 2 cores", "what was busy");
  assertIncludes(result.summary, "run again", "what to do");
  assertEquals(exitCode(result.status), 3, "exit code");
  assertEquals(probe.pairs, 4, "the warm-up and 3 busy pairs, then it stops");
  assertValid(result);
});

Deno.test("one core: a parallel part is inconclusive, never a pass (issue 11, class 4)", async () => {
  // Before: "pass" with "speed not judged", and grading paid the pass points.
  const result = await check(3, undefined, 1);
  assertEquals(result.status, "inconclusive", result.summary);
  assertEquals(result.performance?.inconclusive, "one-core", "cause");
  assertIncludes(result.summary, "at least 2 cores", "how to fix it");
  assertValid(result);
  assertEquals(exitCode(result.status), 3, "exit code");
});

Deno.test("the /proc parsers read what Linux writes", () => {
  assertEquals(busyTicks("cpu  100 5 50 1000 7 1 2 3 0 0\ncpu0 1 2 3"), 161, "/proc/stat");
  assertEquals(busyTicks("nonsense"), null, "not /proc/stat");
  const stat = "123 (deno (a) b) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17";
  // Fields 14–17 (utime, stime, cutime, cstime) are 11, 12, 13, 14.
  assertEquals(processTicks(stat), 50, "/proc/PID/stat with spaces in the name");
  assertEquals(
    psiSomeTotal("some avg10=6.77 avg60=7.86 avg300=5.17 total=43922502\nfull avg10=0 total=0"),
    43922502,
    "/proc/pressure/cpu",
  );
  assertEquals(psiSomeTotal(null), null, "no PSI");
});
