/**
 * The codec that carries a sample's output from a sample process to the judge.
 *
 * @module
 */
import {
  createDigester,
  createEncoder,
  decodeDigested,
  decodeOutput,
  encodeOutput,
} from "../../lib/sandbox/output_codec.ts";
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

Deno.test("createEncoder() reads typed arrays through the intrinsics, not a subclass's getters", () => {
  class Lying extends Float64Array {
    override get length(): number {
      return 1;
    }
    override get byteLength(): number {
      return 8;
    }
  }
  const value = new Lying(3);
  value.set([1, 2, 3]);
  const back = decodeOutput(encodeOutput({ out: value })) as { out: Float64Array };
  assert(back.out instanceof Float64Array, "a plain Float64Array comes back");
  assertEquals([...back.out], [1, 2, 3], "all three elements, by the real length");
});

Deno.test("createEncoder() refuses a getter on a returned object without calling it", () => {
  let called = false;
  const value = {
    get sum() {
      called = true;
      return 1;
    },
  };
  let message = "";
  try {
    encodeOutput(value);
  } catch (thrown) {
    message = (thrown as Error).message;
  }
  assert(message.includes("getter"), `refused: ${message}`);
  assert(!called, "the getter was not called");
});

Deno.test("createEncoder() is not changed by builtins patched after it was made", () => {
  const encode = createEncoder();
  const saved = {
    entries: Object.entries,
    stringify: JSON.stringify,
    map: Array.prototype.map,
    textEncode: TextEncoder.prototype.encode,
  };
  const value = { output: [1, 2], meta: { workersStarted: 0 } };
  try {
    Object.entries = ((): [string, unknown][] => [["output", 42]]) as typeof Object.entries;
    JSON.stringify = () => '{"output":42}';
    Array.prototype.map = function () {
      return [42];
    } as typeof Array.prototype.map;
    TextEncoder.prototype.encode = () => new Uint8Array(0);
    const chunks = encode(value);
    Object.assign(Object, { entries: saved.entries });
    Object.assign(JSON, { stringify: saved.stringify });
    Array.prototype.map = saved.map;
    TextEncoder.prototype.encode = saved.textEncode;
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
    assertEquals(decodeOutput(bytes), value, "the value as it was");
  } finally {
    Object.entries = saved.entries;
    JSON.stringify = saved.stringify;
    Array.prototype.map = saved.map;
    TextEncoder.prototype.encode = saved.textEncode;
  }
});

Deno.test("decodeOutput() refuses bytes it did not write, in one line", () => {
  for (const bytes of [new Uint8Array(2), new Uint8Array([255, 255, 0, 0, 1])]) {
    let message = "";
    try {
      decodeOutput(bytes);
    } catch (thrown) {
      message = (thrown as Error).message;
    }
    assert(message !== "" && !message.includes("\n"), `refused: ${message}`);
  }
});

/** What a digesting host writes for `value` with `key`. */
function digested(value: unknown, key: readonly number[]): Uint8Array {
  const chunks = createDigester()(createEncoder()(value), key);
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

Deno.test("createDigester(): 16 bytes an array; equal arrays match, one changed bit does not", () => {
  const key = [1, 2, 3, 0xffffffff];
  const out = new Float64Array(1001).map((_, i) => Math.sin(i));
  const bytes = digested({ out, sum: 1.5, tail: new Uint8Array([1, 2, 3]) }, key);
  assert(bytes.byteLength < 300, `header and two digests, not the arrays (${bytes.byteLength})`);
  const base = decodeDigested(bytes);
  const value = base.value as { out: Float64Array; sum: number; tail: Uint8Array };
  assert(value.out instanceof Float64Array && value.out.length === 1001, "a placeholder of out");
  assert(value.tail instanceof Uint8Array && value.tail.length === 3, "a placeholder of tail");
  assertEquals(value.sum, 1.5, "the header as it was");
  assertEquals(base.unmatched, 0, "no index given: nothing to match");

  const same = decodeDigested(
    digested({ out: out.slice(), sum: 2, tail: new Uint8Array([1, 2, 3]) }, key),
    base.arrays,
  );
  assertEquals(same.unmatched, 0, "the same bits match");
  const sameValue = same.value as typeof value;
  assert(
    sameValue.out === value.out && sameValue.tail === value.tail,
    "the known arrays themselves",
  );

  const flipped = out.slice();
  const flippedBytes = new Uint8Array(flipped.buffer);
  flippedBytes[8 * 500] = (flippedBytes[8 * 500] as number) ^ 1;
  const other = decodeDigested(
    digested({ out: flipped, sum: 1.5, tail: new Uint8Array([1, 2, 3]) }, key),
    base.arrays,
  );
  assertEquals(other.unmatched, 1, "one bit of out differs");
  const tail = decodeDigested(
    digested({ out, sum: 1.5, tail: new Uint8Array([1, 2, 4]) }, key),
    base.arrays,
  );
  assertEquals(tail.unmatched, 1, "a byte of the tail differs");
  const shorter = decodeDigested(
    digested({ out: out.subarray(0, 1000), sum: 1.5, tail: new Uint8Array([1, 2, 3]) }, key),
    base.arrays,
  );
  assertEquals(shorter.unmatched, 1, "a shorter array");
  const rekeyed = decodeDigested(
    digested({ out, sum: 1.5, tail: new Uint8Array([1, 2, 3]) }, [1, 2, 3, 4]),
    base.arrays,
  );
  assertEquals(rekeyed.unmatched, 2, "another key, other digests");
});

Deno.test("decodeDigested() refuses a digest outside the output", () => {
  const bytes = digested({ out: new Float64Array(4) }, [5, 6, 7, 8]);
  let message = "";
  try {
    decodeDigested(bytes.subarray(0, bytes.byteLength - 1));
  } catch (thrown) {
    message = (thrown as Error).message;
  }
  assert(message.includes("outside"), message);
});
