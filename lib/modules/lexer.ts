/**
 * Kept only for the class similarity report's fingerprints (`lib/grade/class/similarity.ts`), which is no security boundary: vetting reads imports with a parser (`imports.ts`).
 *
 * A small JavaScript/TypeScript tokenizer. It is not a parser. Where
 * JavaScript is ambiguous (is this `/` a division or a regular expression?) it
 * follows the rules real parsers use: a `/` after a value is a division, after
 * an operator, a keyword or the `)` of an `if (…)` header it starts a regular
 * expression, and it can still be wrong (a `/` after `export default`), which
 * costs a fingerprint a few tokens and nothing else.
 *
 * @module
 */

export type TokenType = "name" | "string" | "template" | "number" | "regex" | "punct";

/** One token of JavaScript or TypeScript source. */
export interface Token {
  /** What kind of token it is. */
  type: TokenType;
  /** Names and punctuation as written; strings and templates decoded. */
  value: string;
  /** 1-based line of the token's first character. */
  line: number;
  /** For templates: true when it has `${…}` substitutions (then `value` is only its first part). */
  substituted?: boolean;
}

/** Why a file could not be tokenized: an unterminated string, comment or template. */
export class LexError extends Error {
  /** Its name, so a stack trace says what kind of error it was. */
  override name = "LexError";
  /** 1-based line where the unterminated token starts. */
  readonly line: number;
  /**
   * Records why tokenizing stopped, and where.
   *
   * @param message What is unterminated, in a sentence.
   * @param line 1-based line where it starts.
   */
  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

/** Sticky patterns: each matches at the lexer's position only (no copy of the rest of the file). */
const NUMBER = /[0-9a-zA-Z_.]+/y;
const NAME =
  /(?:[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$_\u200c\u200d]|\\u[0-9a-fA-F]{4}|\\u\{[0-9a-fA-F]+\})+/uy;
const FLAGS = /[a-z]*/y;

/** The character of a hex escape's digits; a LexError when they are none or out of range. */
function codePoint(hex: string, line: number): string {
  const value = hex === "" ? NaN : parseInt(hex, 16);
  if (!(value >= 0 && value <= 0x10ffff)) throw new LexError("invalid escape sequence", line);
  return String.fromCodePoint(value);
}

/** Keywords after which a `/` starts a regular expression, not a division. */
const BEFORE_REGEX = new Set([
  "return",
  "typeof",
  "instanceof",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "case",
  "do",
  "else",
  "yield",
  "await",
]);
/** Statements whose `( … )` header may be followed by a regular expression. */
const CONTROL_HEADERS = new Set(["if", "while", "for", "with"]);
const PUNCTUATORS = [
  ">>>=",
  "...",
  "===",
  "!==",
  "**=",
  "<<=",
  ">>=",
  ">>>",
  "&&=",
  "||=",
  "??=",
  "=>",
  "==",
  "!=",
  "<=",
  ">=",
  "&&",
  "||",
  "??",
  "?.",
  "++",
  "--",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "^=",
  "**",
  "<<",
  ">>",
];

/**
 * The tokens of `source`, comments and whitespace dropped.
 *
 * @throws {LexError} An unterminated string, template, comment or regular expression.
 */
export function tokenize(source: string): Token[] {
  return new Lexer(source).run();
}

class Lexer {
  #pos = 0;
  #line = 1;
  readonly #tokens: Token[] = [];
  /** For each open `(`: whether it began a control header (`if (`). */
  readonly #parens: boolean[] = [];
  /** For each open `{`: whether it is a template substitution `${`. */
  readonly #braces: boolean[] = [];
  /** Set when the last `)` closed a control header. */
  #afterHeader = false;

  constructor(readonly source: string) {}

  run(): Token[] {
    const s = this.source;
    while (this.#pos < s.length) {
      const c = s[this.#pos] as string;
      if (c === "\n") {
        this.#line++;
        this.#pos++;
      } else if (/\s/.test(c)) {
        this.#pos++;
      } else if (c === "/" && s[this.#pos + 1] === "/") {
        this.#skipTo("\n");
      } else if (c === "/" && s[this.#pos + 1] === "*") {
        this.#blockComment();
      } else if (c === '"' || c === "'") {
        this.#push("string", this.#string(c));
      } else if (c === "`") {
        this.#pos++;
        this.#template();
      } else if (c === "}" && this.#braces.at(-1) === true) {
        // The end of a `${…}`: the template goes on.
        this.#braces.pop();
        this.#pos++;
        this.#template(true);
      } else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(s[this.#pos + 1] ?? ""))) {
        this.#push("number", this.#match(NUMBER));
      } else if (/[\p{L}\p{Nl}$_\\]/u.test(c)) {
        this.#push("name", this.#name());
      } else if (c === "/" && this.#regexAllowed()) {
        this.#push("regex", this.#regex());
      } else {
        this.#punct();
      }
    }
    if (this.#braces.includes(true)) {
      throw new LexError("unterminated template literal", this.#line);
    }
    return this.#tokens;
  }

  #push(type: TokenType, value: string, substituted?: boolean): void {
    const token: Token = { type, value, line: this.#line };
    if (substituted !== undefined) token.substituted = substituted;
    this.#tokens.push(token);
    this.#afterHeader = false;
  }

  #skipTo(end: string): void {
    const at = this.source.indexOf(end, this.#pos);
    this.#pos = at < 0 ? this.source.length : at;
  }

  #blockComment(): void {
    const end = this.source.indexOf("*/", this.#pos + 2);
    if (end < 0) throw new LexError("unterminated comment", this.#line);
    for (let i = this.#pos; i < end; i++) if (this.source[i] === "\n") this.#line++;
    this.#pos = end + 2;
  }

  /** The text `pattern` (sticky: it matches at the current position only) matches here. */
  #match(pattern: RegExp): string {
    pattern.lastIndex = this.#pos;
    const found = pattern.exec(this.source)?.[0] ?? this.source[this.#pos] ?? "";
    this.#pos += Math.max(1, found.length);
    return found;
  }

  /** An identifier, with `\u` escapes decoded (`\u0069mport` is `import`). */
  #name(): string {
    const raw = this.#match(NAME);
    return raw.replace(
      /\\u\{([0-9a-fA-F]+)\}|\\u([0-9a-fA-F]{4})/g,
      (_, a, b) => codePoint(a ?? b, this.#line),
    );
  }

  /** A quoted string from its opening quote; returns its decoded value. */
  #string(quote: string): string {
    const s = this.source;
    let value = "";
    this.#pos++;
    while (this.#pos < s.length) {
      const c = s[this.#pos] as string;
      if (c === quote) {
        this.#pos++;
        return value;
      }
      if (c === "\n") break;
      if (c === "\\") value += this.#escape();
      else {
        value += c;
        this.#pos++;
      }
    }
    throw new LexError("unterminated string", this.#line);
  }

  /** A backslash escape at the current position; returns what it stands for. */
  #escape(inTemplate = false): string {
    const s = this.source;
    const next = s[this.#pos + 1] ?? "";
    this.#pos += 2;
    const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v" };
    if (next in simple) return simple[next] as string;
    if (next === "\n") {
      this.#line++;
      return "";
    }
    if (next === "x") {
      const hex = s.slice(this.#pos, this.#pos + 2);
      this.#pos += 2;
      return this.#codePoint(/^[0-9a-fA-F]{2}$/.test(hex) ? hex : "", inTemplate);
    }
    if (next === "u") {
      if (s[this.#pos] === "{") {
        // At most 6 hex digits and the brace: never a search to the end of the file.
        const found = /^\{([0-9a-fA-F]{1,6})\}/.exec(s.slice(this.#pos, this.#pos + 8));
        this.#pos += found === null ? 1 : found[0].length;
        return this.#codePoint(found?.[1] ?? "", inTemplate);
      }
      const hex = s.slice(this.#pos, this.#pos + 4);
      this.#pos += 4;
      return this.#codePoint(/^[0-9a-fA-F]{4}$/.test(hex) ? hex : "", inTemplate);
    }
    if (next === "0" && !/[0-9]/.test(s[this.#pos] ?? "")) return "\0";
    return next;
  }

  /**
   * An escape's character. In a template a bad escape is legal when the
   * template is tagged (`String.raw`), so it stands for nothing there instead
   * of failing the file.
   */
  #codePoint(hex: string, inTemplate: boolean): string {
    try {
      return codePoint(hex, this.#line);
    } catch (thrown) {
      if (inTemplate) return "";
      throw thrown;
    }
  }

  /**
   * A template literal's text up to its end or its first `${`. `resumed`: after
   * a substitution, the part that follows it (not a new token).
   */
  #template(resumed = false): void {
    const s = this.source;
    let value = "";
    const line = this.#line;
    while (this.#pos < s.length) {
      const c = s[this.#pos] as string;
      if (c === "`") {
        this.#pos++;
        if (!resumed) this.#tokens.push({ type: "template", value, line, substituted: false });
        this.#afterHeader = false;
        return;
      }
      if (c === "$" && s[this.#pos + 1] === "{") {
        this.#pos += 2;
        if (!resumed) this.#tokens.push({ type: "template", value, line, substituted: true });
        this.#afterHeader = false;
        this.#braces.push(true);
        return;
      }
      if (c === "\n") this.#line++;
      if (c === "\\") value += this.#escape(true);
      else {
        value += c;
        this.#pos++;
      }
    }
    throw new LexError("unterminated template literal", line);
  }

  #regexAllowed(): boolean {
    const last = this.#tokens.at(-1);
    if (last === undefined) return true;
    if (last.type === "name") return BEFORE_REGEX.has(last.value);
    if (last.type !== "punct") return false;
    if (last.value === ")") return this.#afterHeader;
    return last.value !== "]";
  }

  #regex(): string {
    const s = this.source;
    const start = this.#pos;
    let inClass = false;
    this.#pos++;
    while (this.#pos < s.length) {
      const c = s[this.#pos] as string;
      if (c === "\n") break;
      if (c === "\\") this.#pos += 2;
      else {
        if (c === "[") inClass = true;
        else if (c === "]") inClass = false;
        else if (c === "/" && !inClass) {
          this.#pos++;
          this.#match(FLAGS);
          return s.slice(start, this.#pos);
        }
        this.#pos++;
      }
    }
    throw new LexError("unterminated regular expression", this.#line);
  }

  #punct(): void {
    const s = this.source;
    const multi = PUNCTUATORS.find((p) => s.startsWith(p, this.#pos));
    const value = multi ?? (s[this.#pos] as string);
    this.#pos += value.length;
    if (value === "(") {
      const before = this.#tokens.at(-1);
      this.#parens.push(before?.type === "name" && CONTROL_HEADERS.has(before.value));
      this.#push("punct", value);
      return;
    }
    if (value === ")") {
      const header = this.#parens.pop() ?? false;
      this.#push("punct", value);
      this.#afterHeader = header;
      return;
    }
    if (value === "{") this.#braces.push(false);
    if (value === "}") this.#braces.pop();
    this.#push("punct", value);
  }
}
