/**
 * The similarity report (`lib/grade/class/similarity.ts`): a copy with renamed
 * variables and new formatting tops the list; honest solutions written apart,
 * and the stub everyone was given, do not flag.
 *
 * @module
 */
import {
  compareSubmissions,
  FLAG_SCORE,
  isFlagged,
  matchedRanges,
  normalisedTokens,
  type Submission,
} from "../../lib/grade/class/similarity.ts";
import { LexError, tokenize } from "../../lib/modules/lexer.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { assert, assertEquals } from "../_helpers/helpers.ts";

const FILE = "slow_series.ts";
const stub = await Deno.readTextFile(`${REPO_ROOT}/exercises/01_slow_series/${FILE}`);
const reference = await Deno.readTextFile(`${REPO_ROOT}/solutions/01_slow_series/${FILE}`);

/** The reference as a copier would disguise it: comments gone, names changed, lines rewrapped. */
function disguised(text: string): string {
  const renames: [RegExp, string][] = [
    [/\bslowSeries\b/g, "slowSeries"], // the export keeps its name: the check calls it
    [/\btotal\b/g, "acc"],
    [/\bwindow\b/g, "modulus"],
    [/\bsmallest\b/g, "lowBound"],
    [/\blastInt32\b/g, "limit32"],
    [/\bcontainsDigit\b/g, "hasDigit"],
    [/\bcontainsInt32\b/g, "hasDigits32"],
    [/\bcontainsSafe\b/g, "hasDigitsBig"],
    [/\brest\b/g, "r"],
    [/\bnext\b/g, "q"],
    [/\bvalue\b/g, "target"],
    [/\bdigit\b/g, "d"],
  ];
  let out = text.replace(/\/\*\*[\s\S]*?\*\//g, "").replace(/\/\/[^\n]*/g, "");
  for (const [pattern, name] of renames) out = out.replace(pattern, name);
  return out.split("\n").filter((l) => l.trim() !== "").map((l) => l.trim()).join("\n");
}

/** Written apart from the reference: digits kept in an array, compared from the right. */
const HONEST_DIGITS = `
export function slowSeries(n: number, omit: string, seed: number): number {
  const want: number[] = [];
  for (const ch of omit) want.push(ch.charCodeAt(0) - 48);
  const digits = new Int8Array(20);
  let sum = 0;
  for (let k = 1; k <= n; k++) {
    let len = 0;
    let x = k;
    while (x > 0) {
      const q = Math.trunc(x / 10);
      digits[len++] = x - q * 10;
      x = q;
    }
    let found = false;
    for (let start = 0; start + want.length <= len && !found; start++) {
      let ok = true;
      for (let j = 0; j < want.length; j++) {
        if (digits[start + j] !== want[want.length - 1 - j]) { ok = false; break; }
      }
      found = ok;
    }
    if (!found) sum += 1 / k;
  }
  return sum;
}
`;

/** Another honest one: a counter of digits carried from k to k + 1, no division at all. */
const HONEST_COUNTER = `
export function slowSeries(n: number, omit: string, seed: number): number {
  if (omit.length !== 1) {
    let s = 0;
    for (let k = 1; k <= n; k++) if (String(k).indexOf(omit) < 0) s += termSign(seed, k) / k;
    return s;
  }
  const banned = Number(omit);
  const digit = new Uint8Array(17);
  let width = 1;
  let hits = 0;
  let result = 0;
  for (let k = 1; k <= n; k++) {
    let i = 0;
    for (;;) {
      if (digit[i] === banned && i < width) hits--;
      digit[i] = (digit[i] as number) + 1;
      if (digit[i] === 10) {
        digit[i] = 0;
        if (banned === 0 && i < width) hits++;
        i++;
        continue;
      }
      if (i >= width) width = i + 1;
      if (digit[i] === banned) hits++;
      break;
    }
    if (hits === 0) result += 1 / k;
  }
  return result;
}
`;

function submission(student: string, text: string): Submission {
  return { student, files: [{ name: FILE, text }] };
}

Deno.test("normalisedTokens() drops names, strings and comments but keeps the structure", () => {
  const a = normalisedTokens("const total = 1; // note\nfor (let k = 0; k < n; k++) total += k;");
  const b = normalisedTokens("const acc=2;\nfor(let i=0;i<m;i++)acc+=i; /* other */");
  assertEquals(a.map((t) => t.value), b.map((t) => t.value), "normalised tokens");
});

Deno.test("compareSubmissions() puts a disguised copy on top, and honest solutions stay below the flag", () => {
  const report = compareSubmissions([
    submission("alice", reference),
    submission("bob", disguised(reference)),
    submission("carol", HONEST_DIGITS),
    submission("dave", HONEST_COUNTER),
    submission("erin", stub),
    submission("frank", stub),
  ], [{ name: FILE, text: stub }]);
  const top = report.pairs[0];
  assert(top !== undefined, "some pair");
  assertEquals([top.a, top.b], ["alice", "bob"], "the copied pair tops the list");
  assert(top.score >= FLAG_SCORE, `the copy scores ${top.score.toFixed(2)}`);
  for (const pair of report.pairs.slice(1)) {
    assert(
      pair.score < FLAG_SCORE,
      `${pair.a} ~ ${pair.b} scores ${pair.score.toFixed(2)}, at or above the flag`,
    );
  }
  // Nothing the two stub-only students share counts: the stub is everyone's.
  assert(!report.pairs.some((p) => p.a === "erin" && p.b === "frank"), "stubs do not pair");
});

Deno.test("compareSubmissions(): a short answer shared whole is alike but not flagged, and ranks below a copy", () => {
  const quiz = (tools: string) =>
    `export function answers() {\n  return { threads: [${tools}], processes: ["subprocess"] };\n}\n`;
  const report = compareSubmissions([
    submission("alice", reference),
    submission("bob", disguised(reference)),
    { student: "gail", files: [{ name: "quiz.ts", text: quiz('"Worker", "worker pool"') }] },
    { student: "hugo", files: [{ name: "quiz.ts", text: quiz('"Worker", "worker pool"') }] },
  ], [{ name: FILE, text: stub }]);
  const quizPair = report.pairs.find((p) => p.a === "gail" && p.b === "hugo");
  assert(quizPair !== undefined && quizPair.score === 1, "the quiz answers are alike");
  assert(!isFlagged(quizPair), `on ${quizPair.shared} shared fingerprints: not flagged`);
  assertEquals([report.pairs[0]?.a, report.pairs[0]?.b], ["alice", "bob"], "the copy tops");
  assert(isFlagged(report.pairs[0]!), "and is flagged");
});

Deno.test("compareSubmissions() shows where a copy matches, line by line", () => {
  const report = compareSubmissions(
    [submission("alice", reference), submission("bob", disguised(reference))],
    [{ name: FILE, text: stub }],
  );
  const pair = report.pairs[0];
  assert(pair !== undefined && pair.matches.length > 0, "matches");
  const ranges = matchedRanges(pair.matches, "a", FILE);
  assert(ranges.length > 0, "ranges on alice's side");
  const lines = reference.split("\n").length;
  for (const [first, last] of ranges) {
    assert(first >= 1 && first <= last && first <= lines, `range ${first}-${last}`);
  }
});

Deno.test("compareSubmissions() skips a file that does not tokenize, naming it", () => {
  const report = compareSubmissions(
    [submission("alice", "const s = 'unterminated"), submission("bob", reference)],
    [],
  );
  assertEquals(report.skipped.map((s) => [s.student, s.file]), [["alice", FILE]], "skipped");
  assertEquals(report.pairs, [], "no pairs");
});

Deno.test("tokenize() decodes escapes in strings and refuses unterminated ones", () => {
  const [token] = tokenize(`"\\x2e\\u002e/\\u{2e}"`);
  assertEquals(token?.value, "../.", "decoded");
  for (const bad of [`"open`, "`open", "/* open", "x = /open"]) {
    let thrown: unknown;
    try {
      tokenize(bad);
    } catch (error) {
      thrown = error;
    }
    assert(thrown instanceof LexError, `${bad} is refused`);
  }
});
