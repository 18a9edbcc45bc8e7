/**
 * One-line descriptions of values a candidate returned or threw. Used on both
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
