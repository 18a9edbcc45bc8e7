/**
 * Encodes a sample's output for the trip from a sample process to the judge:
 * JSON for the structure, raw bytes for typed arrays (a 2·10^7-element
 * Float64Array is 160 MB; as JSON text it would be several times that), and
 * tags for the numbers JSON cannot hold (NaN, ±Infinity, -0).
 *
 * Layout: 4 bytes (little-endian header length), the header as UTF-8 JSON, then
 * the arrays' bytes one after the other.
 *
 * The encoder runs in the candidate's process, after the candidate's code, so it
 * trusts nothing there: `createEncoder()` captures every builtin it uses when
 * it is called (before the candidate loads), writes the JSON text itself (no
 * `JSON.stringify` of objects, so no `toJSON`), reads typed arrays through the
 * intrinsic getters (a subclass's patched `length` or `buffer` is not called)
 * into copies of their bytes (a snapshot no other thread can change),
 * and sends only data properties (a getter on a returned object is refused, not
 * called). Whatever a Proxy's traps answer is the candidate's own output, and is
 * judged as such. The decoder runs in the judge.
 *
 * @module
 */

const TYPED_NAMES = [
  "Float64Array",
  "Float32Array",
  "Int32Array",
  "Uint32Array",
  "Int16Array",
  "Uint16Array",
  "Int8Array",
  "Uint8Array",
  "Uint8ClampedArray",
] as const;

type TypedName = typeof TYPED_NAMES[number];

/** An encoded value: the header and the arrays' bytes, to be written one after the other. */
export type EncodedChunks = Uint8Array[];

/** Encodes `value`; throws TypeError for what cannot be sent (functions, getters, symbols…). */
export type Encoder = (value: unknown) => EncodedChunks;

/**
 * Captures what encoding needs, now: call it before any untrusted code runs in
 * this isolate, and use the function it returns afterwards.
 */
export function createEncoder(): Encoder {
  const { apply, ownKeys, getPrototypeOf } = Reflect;
  const { getOwnPropertyDescriptor } = Object;
  const isArray = Array.isArray;
  const isNaN = Number.isNaN;
  const objectIs = Object.is;
  const ObjectPrototype = Object.prototype;
  const stringify = JSON.stringify;
  const TypeErrorCtor = TypeError;
  const Uint8 = Uint8Array;
  const DataViewCtor = DataView;
  const setUint32 = DataView.prototype.setUint32;
  const typedArrayPrototype = getPrototypeOf(Uint8Array.prototype) as object;
  const getter = (name: PropertyKey) =>
    getOwnPropertyDescriptor(typedArrayPrototype, name)?.get as (this: unknown) => unknown;
  const tagOf = getter(Symbol.toStringTag);
  const bufferOf = getter("buffer");
  const offsetOf = getter("byteOffset");
  const lengthOf = getter("byteLength");
  const set = Uint8Array.prototype.set;
  const encodeText = TextEncoder.prototype.encode;
  const textEncoder = new TextEncoder();
  const typedNames = new Set<unknown>(TYPED_NAMES);
  const has = Set.prototype.has;
  const objectToString = Object.prototype.toString;
  const slice = String.prototype.slice;

  return (value) => {
    const blobs: Uint8Array[] = [];
    let offset = 0;
    const walk = (v: unknown): string => {
      if (typeof v === "number") {
        if (isNaN(v)) return '{"$num":"NaN"}';
        if (v === Infinity) return '{"$num":"Infinity"}';
        if (v === -Infinity) return '{"$num":"-Infinity"}';
        if (objectIs(v, -0)) return '{"$num":"-0"}';
        return `${v}`;
      }
      if (v === null) return "null";
      if (typeof v === "boolean") return v ? "true" : "false";
      if (typeof v === "string") return stringify(v);
      if (v === undefined) return '{"$undefined":true}';
      if (typeof v !== "object") throw new TypeErrorCtor(`cannot send a value of type ${typeof v}`);
      const tag = apply(tagOf, v, []);
      if (tag !== undefined) {
        if (!apply(has, typedNames, [tag])) throw new TypeErrorCtor(`cannot send a ${tag}`);
        const buffer = apply(bufferOf, v, []) as ArrayBufferLike;
        const view = new Uint8(
          buffer,
          apply(offsetOf, v, []) as number,
          apply(lengthOf, v, []) as number,
        );
        // A copy: the encoded value is a snapshot no other thread can change (the array
        // may live on a SharedArrayBuffer the candidate's Workers still write to).
        const bytes = new Uint8(view.byteLength);
        apply(set, bytes, [view]);
        blobs[blobs.length] = bytes;
        const entry =
          `{"$typed":"${tag as TypedName}","offset":${offset},"bytes":${bytes.byteLength}}`;
        offset += bytes.byteLength;
        return entry;
      }
      if (isArray(v)) {
        let text = "[";
        const length = v.length;
        for (let i = 0; i < length; i++) text += (i === 0 ? "" : ",") + walk(dataOf(v, `${i}`));
        return text + "]";
      }
      if (getPrototypeOf(v) === ObjectPrototype) {
        let text = "{";
        let first = true;
        const keys = ownKeys(v);
        for (let k = 0; k < keys.length; k++) {
          const key = keys[k];
          if (typeof key !== "string") continue;
          const descriptor = getOwnPropertyDescriptor(v, key);
          if (descriptor === undefined || descriptor.enumerable !== true) continue;
          text += (first ? "" : ",") + stringify(key) + ":" + walk(dataOf(v, key));
          first = false;
        }
        return text + "}";
      }
      // "[object Date]" → "Date": a name for the message, read without calling a getter of its own.
      const kind = apply(objectToString, v, []) as string;
      throw new TypeErrorCtor(`cannot send a value of type ${apply(slice, kind, [8, -1])}`);
    };
    /** A data property's value; a getter is not called. */
    const dataOf = (v: object, key: string): unknown => {
      const descriptor = getOwnPropertyDescriptor(v, key);
      if (descriptor === undefined) return undefined;
      if (!("value" in descriptor)) throw new TypeErrorCtor(`cannot send a getter (${key})`);
      return descriptor.value;
    };
    const header = apply(encodeText, textEncoder, [walk(value)]) as Uint8Array;
    const prefix = new Uint8(4 + header.byteLength);
    apply(setUint32, new DataViewCtor(prefix.buffer), [0, header.byteLength, true]);
    apply(set, prefix, [header, 4]);
    // No spread: an array iterator is a prototype method the candidate could replace.
    const chunks: Uint8Array[] = [prefix];
    for (let i = 0; i < blobs.length; i++) chunks[i + 1] = blobs[i] as Uint8Array;
    return chunks;
  };
}

/** Encodes `value` into one buffer (for tests and for trusted callers). */
export function encodeOutput(value: unknown): Uint8Array {
  const chunks = createEncoder()(value);
  const total = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  const result = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    result.set(chunk, at);
    at += chunk.byteLength;
  }
  return result;
}

const TYPED: Record<TypedName, new (buffer: ArrayBuffer) => ArrayBufferView> = {
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

/** The inverse of `encodeOutput`; throws on bytes it did not write. */
export function decodeOutput(bytes: Uint8Array): unknown {
  if (bytes.byteLength < 4) throw new RangeError("the output is shorter than its header");
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
  if (4 + length > bytes.byteLength) throw new RangeError("the output's header is cut short");
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length)));
  const base = 4 + length;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== "object") return v;
    const tagged = v as Record<string, unknown>;
    if (typeof tagged.$num === "string") return Number(tagged.$num === "-0" ? -0 : tagged.$num);
    if (tagged.$undefined === true) return undefined;
    if (typeof tagged.$typed === "string") {
      const Type = Object.hasOwn(TYPED, tagged.$typed)
        ? TYPED[tagged.$typed as TypedName]
        : undefined;
      if (Type === undefined) throw new TypeError(`unknown array type ${tagged.$typed}`);
      const start = base + Number(tagged.offset);
      const end = start + Number(tagged.bytes);
      if (!(start >= base && end >= start && end <= bytes.byteLength)) {
        throw new RangeError("an array lies outside the output");
      }
      const copy = bytes.slice(start, end);
      return new Type(copy.buffer);
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(tagged)) {
      Object.defineProperty(out, key, { value: walk(item), enumerable: true, writable: true });
    }
    return out;
  };
  return walk(header);
}
