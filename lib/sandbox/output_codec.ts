/**
 * Encodes a sample's output for the trip from a sample process to the judge:
 * JSON for the structure, raw bytes for typed arrays (a 2·10^7-element
 * Float64Array is 160 MB; as JSON text it would be several times that), and
 * tags for the numbers JSON cannot hold (NaN, ±Infinity, -0).
 *
 * Layout: 4 bytes (little-endian header length), the header as UTF-8 JSON, then
 * the arrays' bytes one after the other.
 *
 * **Digests in place of arrays.** A sample whose arrays the judge only needs to
 * know equal to another sample's (a timed pair of a check with
 * `BenchmarkPlan.arraysByDigest`) sends, after the header, a 16-byte keyed
 * digest per array instead of its bytes (`createDigester`): 160 MB becomes 16
 * bytes, hashed in ~0.1 s after the clock has stopped, from the same private
 * copy that would have been written. The key is the judge's, drawn per pair and
 * read by the host before the candidate loads; the candidate never sees it nor
 * any digest, so it cannot aim an output at a digest. The judge decodes such a
 * record with `decodeDigested`: each array becomes a zero-filled placeholder of
 * its type and length, or, when its digest equals one of a known sample's, that
 * sample's very array object.
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
          `{"$typed":"${tag as TypedName}","offset":${offset},"bytes":${bytes.byteLength},"index":${
            blobs.length - 1
          }}`;
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

/** Bytes of one array's digest. */
export const DIGEST_BYTES = 16;

/** Digests `chunks` (an encoder's output) with `key`: the header, then one digest per array. */
export type Digester = (chunks: EncodedChunks, key: readonly number[]) => EncodedChunks;

/**
 * Captures what digesting needs, now (before untrusted code runs, like
 * `createEncoder`), and returns the digester. The digest is MurmurHash3's
 * x86 128-bit body with its four lanes seeded by the key's four words, and the
 * array's byte length mixed in: not a cryptographic hash, but one whose key
 * the candidate never sees, over an output it cannot see hashed.
 */
export function createDigester(): Digester {
  const imul = Math.imul;
  const Int32 = Int32Array;
  const Uint8 = Uint8Array;
  const { apply, getPrototypeOf } = Reflect;
  const { getOwnPropertyDescriptor } = Object;
  const typedArrayPrototype = getPrototypeOf(Uint8Array.prototype) as object;
  const getter = (name: PropertyKey) =>
    getOwnPropertyDescriptor(typedArrayPrototype, name)?.get as (this: unknown) => unknown;
  const bufferOf = getter("buffer");
  const offsetOf = getter("byteOffset");
  const lengthOf = getter("byteLength");
  const set = Uint8Array.prototype.set;
  return (chunks, key) => {
    const count = chunks.length - 1;
    const digests = new Uint8(DIGEST_BYTES * count);
    const words = new Int32(apply(bufferOf, digests, []) as ArrayBuffer);
    for (let k = 0; k < count; k++) {
      const blob = chunks[k + 1] as Uint8Array;
      const length = apply(lengthOf, blob, []) as number;
      const offset = apply(offsetOf, blob, []) as number;
      const buffer = apply(bufferOf, blob, []) as ArrayBuffer;
      // Whole 16-byte blocks through an Int32Array view (the encoder's copies start at 0),
      // the tail through a zero-padded block.
      const blocks = offset % 4 === 0 ? length >>> 4 : 0;
      const body = new Int32(buffer, offset, blocks * 4);
      const tail = new Uint8(16);
      apply(set, tail, [new Uint8(buffer, offset + blocks * 16, length - blocks * 16)]);
      const tailWords = new Int32(apply(bufferOf, tail, []) as ArrayBuffer);
      let h1 = (key[0] as number) | 0, h2 = (key[1] as number) | 0;
      let h3 = (key[2] as number) | 0, h4 = (key[3] as number) | 0;
      const mix = (w: Int32Array, at: number) => {
        let k1 = w[at] as number, k2 = w[at + 1] as number;
        let k3 = w[at + 2] as number, k4 = w[at + 3] as number;
        k1 = imul(k1, 0x239b961b);
        k1 = imul((k1 << 15) | (k1 >>> 17), 0xab0e9789);
        h1 ^= k1;
        h1 = (h1 << 19) | (h1 >>> 13);
        h1 = (imul(h1 + h2, 5) + 0x561ccd1b) | 0;
        k2 = imul(k2, 0xab0e9789);
        k2 = imul((k2 << 16) | (k2 >>> 16), 0x38b34ae5);
        h2 ^= k2;
        h2 = (h2 << 17) | (h2 >>> 15);
        h2 = (imul(h2 + h3, 5) + 0x0bcaa747) | 0;
        k3 = imul(k3, 0x38b34ae5);
        k3 = imul((k3 << 17) | (k3 >>> 15), 0xa1e38b93);
        h3 ^= k3;
        h3 = (h3 << 15) | (h3 >>> 17);
        h3 = (imul(h3 + h4, 5) + 0x96cd1c35) | 0;
        k4 = imul(k4, 0xa1e38b93);
        k4 = imul((k4 << 18) | (k4 >>> 14), 0x239b961b);
        h4 ^= k4;
        h4 = (h4 << 13) | (h4 >>> 19);
        h4 = (imul(h4 + h1, 5) + 0x32ac3b17) | 0;
      };
      for (let at = 0; at < blocks * 4; at += 4) mix(body, at);
      mix(tailWords, 0);
      h1 ^= length, h2 ^= length, h3 ^= length, h4 ^= length;
      h1 = (h1 + h2 + h3 + h4) | 0;
      h2 = (h2 + h1) | 0, h3 = (h3 + h1) | 0, h4 = (h4 + h1) | 0;
      const fmix = (h: number) => {
        h = imul(h ^ (h >>> 16), 0x85ebca6b);
        h = imul(h ^ (h >>> 13), 0xc2b2ae35);
        return h ^ (h >>> 16);
      };
      h1 = fmix(h1), h2 = fmix(h2), h3 = fmix(h3), h4 = fmix(h4);
      h1 = (h1 + h2 + h3 + h4) | 0;
      h2 = (h2 + h1) | 0, h3 = (h3 + h1) | 0, h4 = (h4 + h1) | 0;
      words[4 * k] = h1, words[4 * k + 1] = h2, words[4 * k + 2] = h3, words[4 * k + 3] = h4;
    }
    return [chunks[0] as Uint8Array, digests];
  };
}

/** Arrays decoded from digests, by their type, length and digest. */
export type DigestIndex = Map<string, ArrayBufferView>;

/** A record decoded from digests (`decodeDigested`). */
export interface DigestedValue {
  value: unknown;
  /** Every array of `value`, by digest (for a later sample to match). */
  arrays: DigestIndex;
  /** How many arrays matched none of the known ones (0 when no index was given). */
  unmatched: number;
}

/**
 * Decodes what a digesting host wrote: each array is `known`'s array of the
 * same type, length and digest when there is one, else a zero-filled
 * placeholder of its type and length (counted in `unmatched` when `known` was
 * given). Throws on bytes it did not write, as `decodeOutput` does.
 */
export function decodeDigested(bytes: Uint8Array, known?: DigestIndex): DigestedValue {
  const arrays: DigestIndex = new Map();
  let unmatched = 0;
  const value = decodeWith(bytes, (Type, tagged, base) => {
    const index = Number(tagged.index);
    const start = base + DIGEST_BYTES * index;
    if (!(Number.isSafeInteger(index) && index >= 0 && start + DIGEST_BYTES <= bytes.byteLength)) {
      throw new RangeError("an array's digest lies outside the output");
    }
    const size = (Type as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
    const byteLength = Number(tagged.bytes);
    if (!(Number.isSafeInteger(byteLength) && byteLength >= 0 && byteLength % size === 0)) {
      throw new RangeError("an array's length is not whole elements");
    }
    let hex = "";
    for (let i = start; i < start + DIGEST_BYTES; i++) {
      hex += (bytes[i] as number).toString(16).padStart(2, "0");
    }
    const key = `${tagged.$typed}:${byteLength}:${hex}`;
    const same = known?.get(key);
    if (known !== undefined && same === undefined) unmatched++;
    const array = same ??
      new (Type as unknown as new (n: number) => ArrayBufferView)(byteLength / size);
    if (!arrays.has(key)) arrays.set(key, array);
    return array;
  });
  return { value, arrays, unmatched };
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
  return decodeWith(bytes, (Type, tagged, base) => {
    const start = base + Number(tagged.offset);
    const end = start + Number(tagged.bytes);
    if (!(start >= base && end >= start && end <= bytes.byteLength)) {
      throw new RangeError("an array lies outside the output");
    }
    const copy = bytes.slice(start, end);
    return new Type(copy.buffer);
  });
}

/** Decodes the header of `bytes`, turning each typed-array entry into an array with `array`. */
function decodeWith(
  bytes: Uint8Array,
  array: (
    Type: new (buffer: ArrayBuffer) => ArrayBufferView,
    tagged: Record<string, unknown>,
    base: number,
  ) => ArrayBufferView,
): unknown {
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
      return array(Type, tagged, base);
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(tagged)) {
      Object.defineProperty(out, key, { value: walk(item), enumerable: true, writable: true });
    }
    return out;
  };
  return walk(header);
}
