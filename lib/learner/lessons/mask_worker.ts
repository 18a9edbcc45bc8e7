/**
 * The parallel stage of exercise 4's flat-table lesson: a Worker that marks,
 * in a shared mask, the numbers of its slice whose decimal form (fixed-width
 * bytes in a shared buffer, as NumPy's `astype(np.bytes_)` stores them) does
 * not contain `omit`. NumExpr's `~contains(j, '9')` in the course.
 *
 * @module
 */
/// <reference no-default-lib="true" />
/// <reference lib="deno.worker" />

/** What the main thread posts: the shared buffers once, then slices to mark. */
export type MaskRequest =
  | { kind: "buffers"; bytes: SharedArrayBuffer; mask: SharedArrayBuffer; width: number }
  | { kind: "slice"; start: number; end: number; omit: number[] };

let bytes: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
let mask: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
let width = 1;

/** Whether the `width` bytes of number `i` contain `omit` (bytes of 0 pad the end). */
function contains(i: number, omit: number[]): boolean {
  const base = i * width;
  for (let at = 0; at + omit.length <= width; at++) {
    if (bytes[base + at] === 0) return false;
    let hit = true;
    for (let o = 0; o < omit.length; o++) {
      if (bytes[base + at + o] !== omit[o]) {
        hit = false;
        break;
      }
    }
    if (hit) return true;
  }
  return false;
}

self.onmessage = (event: MessageEvent<MaskRequest>) => {
  const request = event.data;
  if (request.kind === "buffers") {
    bytes = new Uint8Array(request.bytes);
    mask = new Uint8Array(request.mask);
    width = request.width;
    self.postMessage("ready");
    return;
  }
  for (let i = request.start; i < request.end; i++) mask[i] = contains(i, request.omit) ? 0 : 1;
  self.postMessage("done");
};
