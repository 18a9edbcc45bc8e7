/**
 * What a module refers to: its imports (static, `export … from`, literal and
 * computed `import(…)`), the files it names with `new URL("…", import.meta.url)`,
 * its Worker scripts, and code it builds from strings (`eval`, `Function`).
 * Read from tokens (`lexer.ts`), so strings and comments that merely
 * mention `import` are not counted.
 *
 * @module
 */
import { type Token, tokenize } from "./lexer.ts";

/** How a module refers to another (or to code it builds at run time). */
export type ReferenceKind =
  /** `import … from "x"`, `import "x"`, `export … from "x"` */
  | "static"
  /** `import("x")` or `require("x")`; `specifier` null when computed */
  | "dynamic"
  /** `new Worker("x")` */
  | "worker"
  /** `new URL("x", import.meta.url)` */
  | "url"
  /** `eval` (any mention), `Function(…)`, `new Function(…)` */
  | "code-from-string";

/** One reference of a module, where it is written. */
export interface Reference {
  /** Which form it takes. */
  kind: ReferenceKind;
  /** The specifier as written (escapes decoded); null when it is computed at run time. */
  specifier: string | null;
  /** 1-based line where it is written. */
  line: number;
}

/** Code file extensions whose imports are read. */
export const CODE_FILE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

/**
 * Every reference `source` makes, in order.
 *
 * @throws {LexError} The source cannot be tokenized (an unterminated string, …).
 */
export function findReferences(source: string): Reference[] {
  const tokens = tokenize(source);
  const urls = urlConstants(tokens);
  const found: Reference[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.type !== "name") continue;
    if (token.value === "eval") {
      // Direct, indirect (`(0, eval)(…)`) or as a property (`globalThis.eval`): all run strings.
      found.push({ kind: "code-from-string", specifier: null, line: token.line });
      continue;
    }
    if (isProperty(tokens, i)) continue;
    const next = tokens[i + 1];
    switch (token.value) {
      case "import":
        if (next?.value === "(") found.push(callReference(tokens, i, urls));
        else if (next?.value !== ".") pushStatic(found, tokens, i);
        break;
      case "export":
        pushReexport(found, tokens, i);
        break;
      case "require":
        if (next?.value === "(") found.push(callReference(tokens, i, urls));
        break;
      case "Function":
        if (next?.value === "(" && tokens[i - 1]?.value !== "new") {
          found.push({ kind: "code-from-string", specifier: null, line: token.line });
        }
        break;
      case "new":
        pushConstructed(found, tokens, i);
        break;
    }
  }
  return found;
}

/** True when tokens[i] follows a `.` or `?.`: a property (`x.import`), not a keyword. */
function isProperty(tokens: Token[], i: number): boolean {
  const before = tokens[i - 1];
  return before?.type === "punct" && (before.value === "." || before.value === "?.");
}

/** A literal string argument: a string, or a template without substitutions. */
function literal(token: Token | undefined): string | null {
  if (token === undefined) return null;
  if (token.type === "string") return token.value;
  if (token.type === "template" && token.substituted === false) return token.value;
  return null;
}

/**
 * `const NAME = new URL("x", import.meta.url)` declarations: NAME → "x". An
 * import of `NAME` or `NAME.href` is then as literal as `import("x")`.
 */
function urlConstants(tokens: Token[]): Map<string, string> {
  const constants = new Map<string, string>();
  for (let i = 0; i + 13 < tokens.length; i++) {
    const [keyword, name, equals, create, url, open, argument] = tokens.slice(i, i + 7);
    const base = tokens.slice(i + 7, i + 14).map((t) => t.value).join("");
    if (
      keyword?.value === "const" && name?.type === "name" && equals?.value === "=" &&
      create?.value === "new" && url?.value === "URL" && open?.value === "(" &&
      literal(argument) !== null && base === ",import.meta.url)"
    ) {
      constants.set(name.value, literal(argument) as string);
    }
  }
  return constants;
}

/** `import(` or `require(` at tokens[i]: the reference its first argument makes. */
function callReference(tokens: Token[], i: number, urls: Map<string, string>): Reference {
  const line = (tokens[i] as Token).line;
  const first = tokens[i + 2];
  let argument = literal(first);
  let after = tokens[i + 3]?.value;
  if (argument === null && first?.type === "name" && urls.has(first.value)) {
    // import(KERNEL_URL) or import(KERNEL_URL.href), KERNEL_URL a constant URL.
    const href = tokens[i + 3]?.value === "." && tokens[i + 4]?.value === "href";
    argument = urls.get(first.value) as string;
    after = tokens[i + (href ? 5 : 3)]?.value;
  }
  const isLiteral = argument !== null && (after === ")" || after === ",");
  return { kind: "dynamic", specifier: isLiteral ? argument : null, line };
}

/** `import …` (not a call, not `import.meta`): the module it loads, if any. */
function pushStatic(found: Reference[], tokens: Token[], i: number): void {
  const line = (tokens[i] as Token).line;
  const next = tokens[i + 1];
  if (next?.type === "string") {
    found.push({ kind: "static", specifier: next.value, line });
    return;
  }
  // `import x from "y"`, `import { a } from "y"`, TypeScript's `import x = require("y")`.
  for (let j = i + 1; j < tokens.length; j++) {
    const t = tokens[j] as Token;
    if (t.value === ";" || (t.type === "name" && (t.value === "import" || t.value === "export"))) {
      return;
    }
    const before = tokens[j - 1]?.value;
    if (t.type === "string" && (before === "from" || before === "(")) {
      found.push({ kind: "static", specifier: t.value, line });
      return;
    }
  }
}

/** `export * from "x"`, `export * as y from "x"`, `export { a } from "x"`. */
function pushReexport(found: Reference[], tokens: Token[], i: number): void {
  let j = i + 1;
  if (tokens[j]?.value === "type") j++;
  if (tokens[j]?.value === "*") {
    j++;
    if (tokens[j]?.value === "as") j += 2;
  } else if (tokens[j]?.value === "{") {
    // Only names, strings and commas stand between the braces of a re-export;
    // stopping at anything else keeps reading linear (`export{export{…` would
    // otherwise scan to the end of the file once per `export{`).
    j++;
    while (j < tokens.length && isReexportPart(tokens[j] as Token)) j++;
    if (tokens[j]?.value !== "}") return;
    j++;
  } else {
    return;
  }
  if (tokens[j]?.value === "from" && tokens[j + 1]?.type === "string") {
    found.push({
      kind: "static",
      specifier: (tokens[j + 1] as Token).value,
      line: tokens[i]!.line,
    });
  }
}

function isReexportPart(token: Token): boolean {
  return token.type === "name" || token.type === "string" || token.value === ",";
}

/** `new Worker("x")`, `new URL("x", import.meta.url)`, `new Function(…)`. */
function pushConstructed(found: Reference[], tokens: Token[], i: number): void {
  const name = tokens[i + 1];
  if (name?.type !== "name" || tokens[i + 2]?.value !== "(") return;
  const line = name.line;
  if (name.value === "Function") {
    found.push({ kind: "code-from-string", specifier: null, line });
    return;
  }
  const argument = literal(tokens[i + 3]);
  if (argument === null) return;
  if (name.value === "Worker") {
    found.push({ kind: "worker", specifier: argument, line });
    return;
  }
  const base = tokens.slice(i + 4, i + 10).map((t) => t.value).join("");
  if (name.value === "URL" && base.startsWith(",import.meta.url")) {
    found.push({ kind: "url", specifier: argument, line });
  }
}
