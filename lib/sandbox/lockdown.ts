/**
 * SES \`lockdown()\` for the sample process, before the candidate loads.
 *
 * @module
 */
import "../../vendor/ses/lockdown.umd.min.js";

/**
 * Freezes the JavaScript intrinsics (Object, Array, Function, Promise, JSON,
 * typed arrays and their prototypes, …) with SES `lockdown()` (npm `ses`,
 * vendored in vendor/ses because a sample process may load no npm package).
 * After it, the candidate cannot replace `Object.entries`, add a `then` getter
 * to `Object.prototype` or patch `Array.prototype.map`: the harness code that
 * runs after the candidate's sees the builtins it was written against. Web API
 * prototypes (TextEncoder, Worker, …) stay writable: the harness captures what
 * it uses of those before the candidate loads. Measured here: 6–20 ms, before
 * the clock starts; Workers still start and typed-array loops keep their speed.
 *
 * Deno loads its Node.js globals lazily, and loading them writes to
 * intrinsics: they are loaded first. SES reads its options from
 * `process.env`, which a sample may not read: `process` is hidden meanwhile.
 */
export function lockdownIntrinsics(): void {
  const global = globalThis as unknown as Record<string, unknown>;
  void global.process;
  void global.Buffer;
  const saved = Object.getOwnPropertyDescriptor(globalThis, "process");
  delete global.process;
  try {
    (global.lockdown as (options: Record<string, string>) => void)({
      errorTaming: "unsafe",
      errorTrapping: "none",
      unhandledRejectionTrapping: "none",
      consoleTaming: "unsafe",
      stackFiltering: "verbose",
      overrideTaming: "moderate",
      evalTaming: "unsafe-eval",
      domainTaming: "unsafe",
      regExpTaming: "unsafe",
      localeTaming: "unsafe",
      reporting: "none",
    });
  } finally {
    if (saved !== undefined) Object.defineProperty(globalThis, "process", saved);
  }
}
