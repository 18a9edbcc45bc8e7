/**
 * The codec that carries a sample's output from a sample process to the judge.
 *
 * @module
 */
import { decodeOutput, encodeOutput } from "../../lib/sandbox/output_codec.ts";
import { assert, assertEquals } from "../_helpers/helpers.ts";

Deno.test("encodeOutput() round-trips numbers JSON cannot hold, nesting and typed arrays", () => {
  const shared = new Float64Array(new SharedArrayBuffer(4 * 8));
  shared.set([1, Number.NaN, -0, Number.POSITIVE_INFINITY]);
  const value = {
    out: shared,
    sum: Number.NaN,
    pairs: [[1, 0], [1, 5]],
    low: -Infinity,
    name: "x",
    none: null,
  };
  const back = decodeOutput(encodeOutput(value)) as typeof value;
  assert(back.out instanceof Float64Array && back.out.length === 4, "a Float64Array");
  assert(
    Number.isNaN(back.out[1]) && Object.is(back.out[2], -0) && back.out[3] === Infinity,
    "its values",
  );
  assert(Number.isNaN(back.sum) && back.low === -Infinity, "special numbers");
  assertEquals(back.pairs, [[1, 0], [1, 5]], "nesting");
  assertEquals([back.name, back.none], ["x", null], "strings and null");
});

Deno.test("encodeOutput() refuses what cannot be sent, naming it", () => {
  for (
    const [value, named] of [[{ f: () => 1 }, "function"], [{ d: new Date() }, "Date"]] as const
  ) {
    let message = "";
    try {
      encodeOutput(value);
    } catch (thrown) {
      message = (thrown as Error).message;
    }
    assert(message.includes(named), `${named}: ${message}`);
  }
});
