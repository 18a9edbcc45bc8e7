/**
 * One-line descriptions of values a candidate returned or threw, and the name a
 * misspelt one most likely meant (an export, an exercise's slug). Used on both
 * sides of the Worker boundary, so it imports nothing.
 *
 * @module
 */

/** A value's type in words, for "returned X; expected Y". */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing (undefined)";
  if (typeof value === "string") return `a string (${JSON.stringify(value.slice(0, 40))})`;
  if (typeof value === "number") return `the number ${value}`;
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return `a value of type ${typeof value}`;
}

/** One line describing a thrown value, whatever it is. */
export function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) return describeError(thrown);
  let shown: string;
  try {
    shown = typeof thrown === "string" ? JSON.stringify(thrown) : String(thrown);
  } catch {
    shown = Object.prototype.toString.call(thrown);
  }
  return `a non-Error value (${typeof thrown}): ${firstLine(shown).slice(0, 120)}`;
}

/** The first line of `text`: reports are one line per problem. */
export function firstLine(text: string): string {
  const end = text.indexOf("\n");
  return end < 0 ? text : text.slice(0, end);
}

/**
 * `Name: first line of the message`, plus where it happened when the message
 * says so. Deno reports a module that does not parse as a TypeError whose
 * message starts "SyntaxError: …" and ends with "at file:///…:line:col"; that
 * becomes "SyntaxError: … (at /path/file.ts:line:col)".
 */
function describeError(error: Error): string {
  const message = String(error.message);
  let text = `${error.name || "Error"}: ${firstLine(message)}`;
  if (/^(SyntaxError|TypeError|ReferenceError): /.test(message)) text = firstLine(message);
  const location = message.match(/\n\s*at (file:\/\/\S+:\d+:\d+)\s*$/);
  if (location?.[1]) text += ` (at ${decodeURIComponent(new URL(location[1]).pathname)})`;
  return text;
}

/** Edits (insert, delete, replace) from `a` to `b`, case ignored; stops counting past `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (Math.abs(x.length - y.length) > limit) return limit + 1;
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      const replace = (previous[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1);
      row.push(Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, replace));
    }
    previous = row;
  }
  return previous[y.length] as number;
}

/**
 * The name a misspelt one most likely meant (`slowseries` for `slowSeries`,
 * `velocity` for `velocty`): the closest of `names`, at most `maxEdits` edits
 * away, case ignored (the first of equals); null when none is that close. The
 * one did-you-mean of the workbook: a missing export, an unknown exercise.
 *
 * @example
 * ```ts
 * import { nearestName } from "./describe.ts";
 * if (nearestName("velocty", ["slow-series", "velocity"]) !== "velocity") throw new Error("1 edit");
 * ```
 */
export function nearestName(
  wanted: string,
  names: readonly string[],
  maxEdits = 2,
): string | null {
  let best: string | null = null;
  let bestDistance = maxEdits + 1;
  for (const name of names) {
    const distance = editDistance(wanted, name, maxEdits);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}
