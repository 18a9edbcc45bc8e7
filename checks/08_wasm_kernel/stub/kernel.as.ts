/**
 * Exercise 8: the kernel, in AssemblyScript. Read README.md in this folder first.
 *
 * AssemblyScript is TypeScript's syntax with WebAssembly's types: `i32` is a
 * 32-bit integer, `i64` a 64-bit one, `f64` a double. `deno task build 8`
 * compiles this file to kernel.wasm beside it (`deno task check 8` does it too),
 * and a compile error comes back as one line: file:line:column: message.
 */

/**
 * Sums 1/k for lo ≤ k ≤ hi whose decimal form has no digit 9, in ascending k.
 * An empty interval (hi < lo) gives 0.
 *
 * @param lo The first k, at least 1.
 * @param hi The last k, below 2^31 − 1.
 * @returns The partial sum, in doubles.
 */
export function partialSum(lo: i32, hi: i32): f64 {
  // TODO (task 1): loop k from lo to hi and add 1.0 / <f64>k when k has no 9.
  // Test the digits with integer arithmetic: for an i32, `rest / 10` already
  // rounds toward zero, and `rest - (rest / 10) * 10` is the last digit.
  // Then delete the next line, which traps: the check reads it as "not implemented".
  unreachable();
  return <f64>(lo + hi);
}
