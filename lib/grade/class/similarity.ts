/**
 * Code similarity across a class, for a human to look at: never a grade.
 *
 * The method is winnowing (Schleimer, Wilkerson and Aiken, "Winnowing: local
 * algorithms for document fingerprinting", SIGMOD 2003; the algorithm behind
 * MOSS). Each file becomes a stream of normalised tokens (every name is `N`,
 * every string `S`, every number `0`; keywords and punctuation stay), so
 * renaming variables, reformatting or editing comments changes nothing. Every
 * run of `K_GRAM` tokens is hashed, and in every window of `WINDOW` hashes the
 * smallest is kept as a fingerprint: two files that share a run of at least
 * `K_GRAM + WINDOW - 1` tokens are guaranteed to share a fingerprint.
 *
 * What everyone was given is not evidence: fingerprints of the stub, and those
 * that more than `COMMON_SHARE` of the class have (the function signature, the
 * Worker boilerplate the README shows), are dropped before pairs are scored.
 *
 * @module
 */
import { tokenize } from "../../modules/lexer.ts";

/** Tokens in one hashed run. 15 tokens is about one short line of code. */
export const K_GRAM = 15;
/** Hashes per winnowing window: a shared run of K_GRAM + WINDOW - 1 = 24 tokens is always seen. */
export const WINDOW = 10;
/**
 * A fingerprint that more than this share of the class has is common ground
 * (given code, the obvious loop), not a sign of copying. With 2 or 3 students
 * nothing is dropped this way (see `commonLimit`).
 */
export const COMMON_SHARE = 0.5;
/** Pairs whose score reaches this are listed as worth a look. */
export const FLAG_SCORE = 0.5;
/**
 * Nor are fewer shared fingerprints than this (about 240 tokens, fifteen lines
 * or so) worth a look, whatever the score: two quiz answers of one line each,
 * two two-line fixes, or two transcriptions of a README's formula (exercise
 * 2's three lines of sines and cosines gave 15 shared fingerprints between two
 * honest solutions, 0.53) are alike because there is one way to write them. A
 * copied solution of any real exercise shares far more (66 for exercise 2's
 * reference, disguised).
 */
export const MIN_FLAG_SHARED = 24;

/** Whether a pair is flagged for a human to read: alike past `FLAG_SCORE`, on enough code. */
export function isFlagged(pair: Pick<SimilarPair, "score" | "shared">): boolean {
  return pair.score >= FLAG_SCORE && pair.shared >= MIN_FLAG_SHARED;
}

/** Words that keep their identity under normalisation: they carry the structure. */
const KEYWORDS = new Set([
  "async",
  "await",
  "break",
  "case",
  "catch",
  "class",
  "const",
  "continue",
  "default",
  "delete",
  "do",
  "else",
  "export",
  "extends",
  "false",
  "finally",
  "for",
  "function",
  "if",
  "import",
  "in",
  "instanceof",
  "let",
  "new",
  "null",
  "of",
  "return",
  "static",
  "switch",
  "this",
  "throw",
  "true",
  "try",
  "typeof",
  "undefined",
  "var",
  "void",
  "while",
  "yield",
]);

/** One code file of one student's exercise. */
export interface SourceFile {
  name: string;
  text: string;
}

/** What one student handed in for one exercise. */
export interface Submission {
  student: string;
  files: readonly SourceFile[];
}

/** A fingerprint: a hash and where its run starts (file and 1-based line). */
interface Fingerprint {
  hash: number;
  file: string;
  line: number;
}

/** A matched region: the lines of each side that share fingerprints. */
export interface Match {
  a: { file: string; line: number };
  b: { file: string; line: number };
}

/** Two students whose code for one exercise is alike. */
export interface SimilarPair {
  a: string;
  b: string;
  /** Shared fingerprints ÷ the fingerprints of the smaller side, 0 to 1. */
  score: number;
  /** Shared fingerprints. */
  shared: number;
  /** Where they match, in the order of `a`'s lines. */
  matches: Match[];
}

/** Why a file could not be compared (it does not tokenize), per student. */
export interface SimilarityReport {
  pairs: SimilarPair[];
  /** Fingerprints dropped as common ground (given or shared by most). */
  common: number;
  skipped: { student: string; file: string; reason: string }[];
}

/** The normalised tokens of `text`, with their lines. @throws {LexError} It does not tokenize. */
export function normalisedTokens(text: string): { value: string; line: number }[] {
  return tokenize(text).map((token) => {
    switch (token.type) {
      case "name":
        return { value: KEYWORDS.has(token.value) ? token.value : "N", line: token.line };
      case "string":
      case "template":
        return { value: "S", line: token.line };
      case "number":
        return { value: "0", line: token.line };
      case "regex":
        return { value: "R", line: token.line };
      case "punct":
        return { value: token.value, line: token.line };
    }
  });
}

/** FNV-1a over the k-gram's tokens (32 bits): cheap, and collisions only cost a false match. */
function hashRun(tokens: readonly { value: string }[], start: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < start + K_GRAM; i++) {
    const value = (tokens[i] as { value: string }).value;
    for (let c = 0; c < value.length; c++) {
      hash ^= value.charCodeAt(c);
      hash = Math.imul(hash, 0x01000193);
    }
    hash ^= 0x20; // a separator, so "a","bc" and "ab","c" differ
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Winnowing: the rightmost minimum of every window of `WINDOW` consecutive k-gram hashes. */
export function fingerprints(file: SourceFile): Fingerprint[] {
  const tokens = normalisedTokens(file.text);
  const hashes: number[] = [];
  for (let i = 0; i + K_GRAM <= tokens.length; i++) hashes.push(hashRun(tokens, i));
  const lineOf = (index: number) => (tokens[index] as { line: number }).line;
  const kept: Fingerprint[] = [];
  if (hashes.length === 0) return kept;
  if (hashes.length <= WINDOW) {
    const min = Math.min(...hashes);
    const at = hashes.lastIndexOf(min);
    return [{ hash: min, file: file.name, line: lineOf(at) }];
  }
  let last = -1;
  for (let start = 0; start + WINDOW <= hashes.length; start++) {
    let at = start;
    for (let i = start; i < start + WINDOW; i++) {
      if ((hashes[i] as number) <= (hashes[at] as number)) at = i;
    }
    if (at !== last) {
      kept.push({ hash: hashes[at] as number, file: file.name, line: lineOf(at) });
      last = at;
    }
  }
  return kept;
}

/** How many students may share a fingerprint before it is common ground. */
export function commonLimit(students: number): number {
  return students <= 3 ? students : Math.max(2, Math.floor(students * COMMON_SHARE));
}

/**
 * Scores every pair of `submissions` (one exercise's), most alike first.
 * `given` is what every student started from (the stub's files).
 */
export function compareSubmissions(
  submissions: readonly Submission[],
  given: readonly SourceFile[],
): SimilarityReport {
  const skipped: SimilarityReport["skipped"] = [];
  const givenHashes = new Set<number>();
  for (const file of given) {
    try {
      for (const print of fingerprints(file)) givenHashes.add(print.hash);
    } catch {
      // A stub that does not tokenize gives no common ground; students' files still compare.
    }
  }
  const perStudent = new Map<string, Map<number, Fingerprint>>();
  for (const submission of submissions) {
    const prints = new Map<number, Fingerprint>();
    for (const file of submission.files) {
      try {
        for (const print of fingerprints(file)) {
          if (!givenHashes.has(print.hash) && !prints.has(print.hash)) {
            prints.set(print.hash, print);
          }
        }
      } catch (thrown) {
        skipped.push({
          student: submission.student,
          file: file.name,
          reason: (thrown as Error).message,
        });
      }
    }
    perStudent.set(submission.student, prints);
  }
  // Common ground: fingerprints most of the class shares.
  const holders = new Map<number, number>();
  for (const prints of perStudent.values()) {
    for (const hash of prints.keys()) holders.set(hash, (holders.get(hash) ?? 0) + 1);
  }
  const limit = commonLimit(perStudent.size);
  const common = new Set([...holders].filter(([, count]) => count > limit).map(([h]) => h));
  for (const prints of perStudent.values()) {
    for (const hash of common) prints.delete(hash);
  }

  const students = [...perStudent.keys()].sort();
  const pairs: SimilarPair[] = [];
  for (let i = 0; i < students.length; i++) {
    for (let j = i + 1; j < students.length; j++) {
      const a = students[i] as string;
      const b = students[j] as string;
      const printsA = perStudent.get(a) as Map<number, Fingerprint>;
      const printsB = perStudent.get(b) as Map<number, Fingerprint>;
      const smaller = Math.min(printsA.size, printsB.size);
      if (smaller === 0) continue;
      const matches: Match[] = [];
      for (const [hash, printA] of printsA) {
        const printB = printsB.get(hash);
        if (printB !== undefined) {
          matches.push({
            a: { file: printA.file, line: printA.line },
            b: { file: printB.file, line: printB.line },
          });
        }
      }
      if (matches.length === 0) continue;
      matches.sort((x, y) => x.a.file.localeCompare(y.a.file) || x.a.line - y.a.line);
      pairs.push({ a, b, score: matches.length / smaller, shared: matches.length, matches });
    }
  }
  // Flagged pairs first: a one-line answer shared whole scores 1 on almost nothing.
  pairs.sort((x, y) =>
    Number(isFlagged(y)) - Number(isFlagged(x)) || y.score - x.score || y.shared - x.shared ||
    x.a.localeCompare(y.a)
  );
  return { pairs, common: common.size, skipped };
}

/** Line ranges (`[first, last]`, 1-based) covered by a side of `matches`, merged when close. */
export function matchedRanges(
  matches: readonly Match[],
  side: "a" | "b",
  file: string,
): [number, number][] {
  const lines = matches.filter((m) => m[side].file === file).map((m) => m[side].line)
    .sort((x, y) => x - y);
  const ranges: [number, number][] = [];
  for (const line of lines) {
    const last = ranges.at(-1);
    // A fingerprint stands for a run of K_GRAM tokens: about two lines past its start.
    if (last !== undefined && line <= last[1] + 3) last[1] = Math.max(last[1], line + 2);
    else ranges.push([line, line + 2]);
  }
  return ranges;
}
