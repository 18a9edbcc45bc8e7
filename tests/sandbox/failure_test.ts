/**
 * Failure codes (lib/sandbox/failure.ts): one sentence per code, and the
 * candidate's side may report only its own kinds of failure.
 *
 * @module
 */
import {
  failureMessage,
  failureStatus,
  isCandidateSideFailure,
  thrownFailure,
} from "../../lib/sandbox/failure.ts";
import { failedSample } from "../../lib/check/judge_output.ts";
import { assert, assertEquals } from "../_helpers/helpers.ts";

Deno.test("a thrown 'not implemented' is its own code; other throws are 'threw'", () => {
  assertEquals(thrownFailure("Error: Not implemented: f()").code, "not-implemented", "stub");
  assertEquals(thrownFailure("RangeError: n < 0").code, "threw", "a throw");
});

Deno.test("each code has its sentence, made in one place", () => {
  assertEquals(
    failureMessage({ code: "timeout", detail: "1.5 s" }),
    "timed out after 1.5 s (an endless loop?)",
    "timeout",
  );
  assertEquals(failureMessage({ code: "load-error", detail: "x" }), "cannot load: x", "load");
  assertEquals(failureStatus("unsendable"), "fail", "a wrong kind of answer fails");
  assertEquals(failureStatus("crashed"), "error", "a crash is an error");
  const sample = failedSample({ code: "threw", detail: "Error: boom" }, 12);
  assertEquals([sample.code, sample.status, sample.message], [
    "threw",
    "error",
    "threw Error: boom",
  ], "sample");
});

Deno.test("the candidate's side cannot report the judge's failures", () => {
  assert(isCandidateSideFailure({ code: "threw", detail: "x" }), "threw");
  for (const code of ["harness", "stopped", "timeout", "crashed", "refused", "nonsense"]) {
    assert(!isCandidateSideFailure({ code, detail: "x" }), code);
  }
  assert(!isCandidateSideFailure({ code: "threw", detail: 3 }), "a detail that is not text");
});
