/**
 * termSign as a candidate's file carries it (exercises 1, 4 and 9 give it in the
 * stub), for tests that write candidates of their own: the check's own copy
 * (`checks/shared/term_sign.ts`), read as text, not exported.
 *
 * @module
 */

const SHARED = Deno.readTextFileSync(new URL("../../checks/shared/term_sign.ts", import.meta.url));

/** The source of `function termSign(seed, i)`, not exported, to put before a candidate's code. */
const START = SHARED.indexOf("export function termSign");
export const TERM_SIGN = SHARED.slice(START, SHARED.indexOf("\n}\n", START) + 2)
  .replace("export function", "function");

/** Exercise 1's string test with signs: correct, and the baseline's own algorithm. */
export const SIGNED_STRING_LOOP =
  "let t = 0; for (let k = 1; k <= n; k++) if (!String(k).includes(omit)) t += termSign(seed, k) / k; return t;";
