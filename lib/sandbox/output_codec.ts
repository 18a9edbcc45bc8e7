/**
 * Encodes a sample's output for the trip from a sample process to the judge:
 * JSON for the structure, raw bytes for typed arrays (a 2·10^7-element
 * Float64Array is 160 MB; as JSON text it would be several times that), and
 * tags for the numbers JSON cannot hold (NaN, ±Infinity, -0).
 *
 * Layout: 4 bytes (little-endian header length), the header as UTF-8 JSON, then
 * the arrays' bytes one after the other.
 *
 * @module
 */

type TypedArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray;

const TYPED: Record<string, new (buffer: ArrayBuffer) => TypedArray> = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
};

/** Turns `value` into bytes; throws TypeError for what cannot be sent (functions, symbols…). */
export function encodeOutput(value: unknown): Uint8Array {
  const blobs: Uint8Array[] = [];
  let offset = 0;
  const walk = (v: unknown): unknown => {
    if (typeof v === "number") {
      if (Number.isNaN(v)) return { $num: "NaN" };
      if (v === Infinity) return { $num: "Infinity" };
      if (v === -Infinity) return { $num: "-Infinity" };
      if (Object.is(v, -0)) return { $num: "-0" };
      return v;
    }
    if (v === null || typeof v === "string" || typeof v === "boolean") return v;
    if (v === undefined) return { $undefined: true };
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const name = v.constructor.name;
      if (!(name in TYPED)) throw new TypeError(`cannot send a ${name}`);
      const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength).slice();
      blobs.push(bytes);
      const entry = { $typed: name, offset, bytes: bytes.byteLength };
      offset += bytes.byteLength;
      return entry;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(v)) out[key] = walk(item);
      return out;
    }
    throw new TypeError(
      `cannot send a value of type ${typeof v === "object" ? v.constructor?.name : typeof v}`,
    );
  };
  const header = new TextEncoder().encode(JSON.stringify(walk(value)));
  const result = new Uint8Array(4 + header.byteLength + offset);
  new DataView(result.buffer).setUint32(0, header.byteLength, true);
  result.set(header, 4);
  let at = 4 + header.byteLength;
  for (const blob of blobs) {
    result.set(blob, at);
    at += blob.byteLength;
  }
  return result;
}

/** The inverse of `encodeOutput`. */
export function decodeOutput(bytes: Uint8Array): unknown {
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length)));
  const base = 4 + length;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== "object") return v;
    const tagged = v as Record<string, unknown>;
    if (typeof tagged.$num === "string") return Number(tagged.$num === "-0" ? -0 : tagged.$num);
    if (tagged.$undefined === true) return undefined;
    if (typeof tagged.$typed === "string") {
      const Type = TYPED[tagged.$typed];
      if (Type === undefined) throw new TypeError(`unknown array type ${tagged.$typed}`);
      const start = base + (tagged.offset as number);
      const copy = bytes.slice(start, start + (tagged.bytes as number));
      return new Type(copy.buffer);
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(tagged)) out[key] = walk(item);
    return out;
  };
  return walk(header);
}
