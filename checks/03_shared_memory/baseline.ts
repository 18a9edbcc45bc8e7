/**
 * Exercise 3's baseline: the expression on one thread, in a plain loop. The
 * parallel speed-up is measured against it.
 *
 * @module
 */

/** Writes sin²(2πa) + cos²(2πa) into `out` and returns the sum, on the calling thread. */
export function evaluateSerial(a: Float64Array, out: Float64Array): Promise<number> {
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const x = 2 * Math.PI * (a[i] as number);
    const s = Math.sin(x);
    const c = Math.cos(x);
    out[i] = s * s + c * c;
    sum += out[i] as number;
  }
  return Promise.resolve(sum);
}
