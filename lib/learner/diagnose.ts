/**
 * Feedback that diagnoses a slow solution: given the learner's source and the
 * exercise, the hint that matches what the code *does* (a `Math.floor` in the
 * digit loop, trig inside the inner loop, one un-chunked call into
 * WebAssembly), instead of only "the next hint".
 *
 * Pure: text in, a finding out. The patterns of every exercise are declared in
 * one place, `SYMPTOMS`, each with the hint it points to (1-based, as
 * `deno task hint N` numbers them) and one line on what was seen. Comments are
 * removed before matching, so a hint quoted in a comment does not trigger it.
 *
 * @module
 */

/** One recognisable habit of slow code, and the hint that cures it. */
export interface Symptom {
  /** A stable code for the habit, for tests and reports (never match the text). */
  code: string;
  /** The hint to read, 1-based, as `deno task hint N` numbers it. */
  hint: number;
  /** What the code does, in one line shown to the learner. */
  seen: string;
  /** True when the (comment-free) source shows the habit. */
  test(source: string): boolean;
}

/** What `diagnose` found: the first symptom that matched. */
export interface Diagnosis {
  /** The symptom's code. */
  code: string;
  /** The hint to read, 1-based. */
  hint: number;
  /** What the code does, in one line. */
  seen: string;
}

/** Whether `pattern` matches inside the body of a `for`/`while` loop, at any depth. */
function insideLoop(source: string, pattern: RegExp): boolean {
  const loop = /\b(for|while)\s*\(/g;
  for (let match = loop.exec(source); match !== null; match = loop.exec(source)) {
    const open = source.indexOf("{", match.index);
    if (open < 0) continue;
    const body = source.slice(open, blockEnd(source, open));
    if (pattern.test(body)) return true;
  }
  return false;
}

/** Whether `pattern` matches in a loop nested inside another loop (the inner loop). */
function insideInnerLoop(source: string, pattern: RegExp): boolean {
  const loop = /\b(for|while)\s*\(/g;
  for (let match = loop.exec(source); match !== null; match = loop.exec(source)) {
    const open = source.indexOf("{", match.index);
    if (open < 0) continue;
    const body = source.slice(open + 1, blockEnd(source, open) - 1);
    // The innermost loops of this body: bodies that hold no further loop.
    if (innermostBodies(body).some((inner) => pattern.test(inner))) return true;
  }
  return false;
}

/** The bodies of the loops in `source` that contain no loop themselves. */
function innermostBodies(source: string): string[] {
  const found: string[] = [];
  const loop = /\b(for|while)\s*\(/g;
  for (let match = loop.exec(source); match !== null; match = loop.exec(source)) {
    const open = source.indexOf("{", match.index);
    if (open < 0) continue;
    const body = source.slice(open + 1, blockEnd(source, open) - 1);
    if (!/\b(for|while)\s*\(/.test(body)) found.push(body);
  }
  return found;
}

/** The index just past the brace that closes the one at `open`. */
function blockEnd(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === "{") depth++;
    else if (source[i] === "}" && --depth === 0) return i + 1;
  }
  return source.length;
}

/**
 * `source` without its comments (strings are kept): a hint quoted in a comment
 * must not count as code that does it.
 */
export function stripComments(source: string): string {
  let out = "";
  let i = 0;
  while (i < source.length) {
    const two = source.slice(i, i + 2);
    if (two === "//") {
      const end = source.indexOf("\n", i);
      i = end < 0 ? source.length : end;
    } else if (two === "/*") {
      const end = source.indexOf("*/", i + 2);
      i = end < 0 ? source.length : end + 2;
    } else if (source[i] === '"' || source[i] === "'" || source[i] === "`") {
      const quote = source[i] as string;
      let j = i + 1;
      while (j < source.length && source[j] !== quote) j += source[j] === "\\" ? 2 : 1;
      // Keep the string's text: `String(k).includes("9")` is a habit of its own.
      out += source.slice(i, j + 1);
      i = j + 1;
    } else {
      out += source[i];
      i++;
    }
  }
  return out;
}

/**
 * Every exercise's symptoms, by slug, most telling first. Only exercises with a
 * timed speed part have any: elsewhere a slow solution is not a failure.
 */
export const SYMPTOMS: Readonly<Record<string, readonly Symptom[]>> = {
  "slow-series": [
    {
      code: "string-per-term",
      hint: 2,
      seen: "each term's number is turned into a string (String(k), toString, a template)",
      test: (s) => insideLoop(s, /\bString\s*\(|\.toString\s*\(|`[^`]*\$\{|\+\s*""|""\s*\+/),
    },
    {
      code: "float-division",
      hint: 2,
      seen: "the digit loop uses Math.floor or Math.trunc: the remainder then works on doubles",
      // Math.floor past 2^31 is right (the reference does it there): only a
      // digit loop with no int32 path at all is the habit.
      test: (s) => insideLoop(s, /Math\.(floor|trunc)\s*\(/) && !insideLoop(s, /\|\s*0\b/),
    },
    {
      code: "power-in-loop",
      hint: 4,
      seen: "a power (** or Math.pow) is computed inside the loop: build the window once",
      test: (s) => insideLoop(s, /\*\*|Math\.pow\s*\(/),
    },
    {
      code: "omit-parsed-per-term",
      hint: 4,
      seen: "omit is parsed inside the loop (parseInt, Number, .length per term)",
      test: (s) => insideLoop(s, /\b(parseInt|parseFloat|Number)\s*\(\s*omit|omit\.length/),
    },
  ],
  velocity: [
    {
      code: "trig-in-inner-loop",
      hint: 1,
      seen: "Math.sin or Math.cos is called in the innermost loop, once per grid point",
      test: (s) => insideInnerLoop(s, /Math\.(sin|cos)\s*\(/),
    },
    {
      code: "allocation-per-point",
      hint: 4,
      seen:
        "something is allocated per point (an array literal or a typed array in the inner loop)",
      test: (s) => insideInnerLoop(s, /new\s+Float64Array|=\s*\[\s*[^\]\s]|\.map\s*\(/),
    },
    {
      code: "radius-innermost",
      hint: 3,
      seen:
        "the innermost loop steps by nlon (radius or latitude innermost): memory is walked in jumps",
      test: (s) =>
        innermostBodies(s).some((b) => /\*\s*nlon\s*\+\s*k|\bj\s*\)\s*\*\s*nlon/.test(b)) &&
        !innermostBodies(s).some((b) => /\+\s*k\s*\]|row\s*\+\s*k|\+\+k|k\+\+/.test(b)),
    },
  ],
  bottleneck: [
    {
      code: "array-from-callback",
      hint: 3,
      seen: "Array.from({ length }, fn) builds the integers: a callback per element",
      test: (s) => /Array\.from\s*\(\s*\{\s*length/.test(s),
    },
    {
      code: "strings-for-mask",
      hint: 4,
      seen: "the mask is still computed from strings (String, includes, indexOf on text)",
      test: (s) =>
        /\bString\s*\(|\.toString\s*\(/.test(s) && /\.includes\s*\(|\.indexOf\s*\(/.test(s),
    },
  ],
  "jit-tiers": [
    {
      code: "cos-per-term",
      hint: 2,
      seen: "Math.cos is called for every term: about 30 ns a term here",
      test: (s) =>
        insideLoop(s, /Math\.cos\s*\(\s*[a-z]\w*\s*\)/) && !/cos\s*1|COS_?1|cosOne/i.test(s),
    },
  ],
  "wasm-kernel": [
    {
      code: "one-unchunked-call",
      hint: 4,
      seen:
        "partialSum is called once over the whole interval: that call never leaves Liftoff's code",
      test: (s) => /partialSum\s*\(/.test(s) && !insideLoop(s, /partialSum\s*\(/),
    },
    {
      code: "i64-kernel",
      hint: 2,
      seen: "the kernel works in i64 (division by a variable is slower there than in i32)",
      test: (s) => /:\s*i64\b/.test(s) && /\/\s*[a-z]\w*/.test(s),
    },
  ],
  "beyond-brute-force": [
    {
      code: "tests-every-k",
      hint: 1,
      seen: "every k is visited and tested: most of them contain the digit",
      test: (s) => insideLoop(s, /%\s*10\b/) && !/prefix|odometer|digits\s*\[/i.test(s),
    },
  ],
};

/**
 * The hint that matches what `source` does, for the exercise `slug`.
 *
 * @param slug The exercise's slug (`"slow-series"`, …).
 * @param source The learner's source text (all their files of the exercise, joined).
 * @returns The first matching symptom, or null when none matches (then the next
 *   unread hint is the right advice) or the exercise declares none.
 * @example
 * ```ts
 * import { diagnose } from "./diagnose.ts";
 * const found = diagnose("slow-series", "for (let k = 1; k <= n; k++) { if (!String(k).includes('9')) s += 1 / k; }");
 * if (found?.hint !== 2) throw new Error("the string test points to hint 2");
 * ```
 */
export function diagnose(slug: string, source: string): Diagnosis | null {
  const symptoms = SYMPTOMS[slug];
  if (symptoms === undefined) return null;
  const code = stripComments(source);
  for (const symptom of symptoms) {
    if (symptom.test(code)) return { code: symptom.code, hint: symptom.hint, seen: symptom.seen };
  }
  return null;
}

/**
 * The line a check's report prints under a speed part that fell short.
 *
 * @param exerciseNumber The exercise's number, for the command.
 * @param found What `diagnose` returned.
 * @returns One line, or null when nothing matched.
 */
export function diagnosisLine(exerciseNumber: number, found: Diagnosis | null): string | null {
  if (found === null) return null;
  return `Your code: ${found.seen}. Read hint ${found.hint}: deno task hint ${exerciseNumber} --all`;
}

/**
 * Diagnoses the learner's files of `exercise` under `root` (all of them
 * joined: a habit may sit in a Worker's file): what a check calls when a speed
 * part falls short.
 *
 * @param exercise The exercise (its slug, folder and files).
 * @param folder The folder holding the exercise folders (`exercises/`, or one laid out like it).
 * @returns The finding, or null (no symptom matched, or no file could be read).
 */
export async function diagnoseFiles(
  exercise: { slug: string; dir: string; files: readonly string[] },
  folder: string,
): Promise<Diagnosis | null> {
  const texts: string[] = [];
  for (const file of exercise.files) {
    try {
      texts.push(await Deno.readTextFile(`${folder}/${exercise.dir}/${file}`));
    } catch {
      // A missing file is the check's to report; here it only has nothing to say.
    }
  }
  return texts.length === 0 ? null : diagnose(exercise.slug, texts.join("\n"));
}
