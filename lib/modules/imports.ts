/**
 * What a module refers to: its imports (static, `export … from`, literal and
 * computed `import(…)`, `require(…)`), the files it names with
 * `new URL("…", import.meta.url)`, its Worker scripts, and code it builds from
 * strings (`eval`, `Function`).
 *
 * Read from the syntax tree of a real parser (`@babel/parser`, TypeScript and
 * the syntax Deno runs), walked node by node through every child, so strings,
 * comments and regular expressions that merely mention `import` are not
 * counted and no form hides in a place a token reader would misjudge (a `/`
 * read as a division, a type argument, a decorator).
 *
 * @module
 */
import { parse, type ParserPlugin } from "@babel/parser";

/** How a module refers to another (or to code it builds at run time). */
export type ReferenceKind =
  /** `import … from "x"`, `import "x"`, `export … from "x"`, TypeScript's `import x = require("x")` */
  | "static"
  /** `import("x")` (also in a type) or `require("x")`; `specifier` null when computed */
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

/** Why a file could not be read: it does not parse (or nests deeper than the parser goes). */
export class ParseError extends Error {
  /** Its name, so a stack trace says what kind of error it was. */
  override name = "ParseError";
  /** 1-based line where parsing stopped. */
  readonly line: number;
  /**
   * Records why parsing stopped, and where.
   *
   * @param message Why, in one line.
   * @param line 1-based line where it stopped.
   */
  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

/** A node of the syntax tree, as far as the walk needs to know it. */
interface Node {
  type: string;
  start?: number | null;
  loc?: { start: { line: number } } | null;
  [key: string]: unknown;
}

/** Proposals Deno runs that the parser does not read by default. */
const PLUGINS: ParserPlugin[] = [
  "decorators",
  "sourcePhaseImports",
  "deferredImportEvaluation",
];

/** Keys that hold positions, parse details and comments: never a child node. */
const NOT_CHILDREN = new Set([
  "loc",
  "range",
  "extra",
  "leadingComments",
  "trailingComments",
  "innerComments",
  "comments",
  "tokens",
  "errors",
]);

/**
 * Every reference `source` makes, in order.
 *
 * @param source The module's text.
 * @param fileName Its name, when known: `.js`, `.mjs`, `.cjs` and `.jsx` are read as
 *   JavaScript, `.tsx` and `.jsx` with JSX, `.cjs` and `.cts` as scripts; anything else
 *   as a TypeScript module; `.as.ts` (AssemblyScript) without its decorators.
 * @throws {ParseError} The source does not parse (a syntax error, an unterminated string, …).
 */
export function findReferences(source: string, fileName = "module.ts"): Reference[] {
  const root = parseModule(source, fileName);
  const nodes = allNodes(root);
  const urls = urlConstants(nodes);
  const found: { at: number; reference: Reference }[] = [];
  for (const node of nodes) {
    const made = referenceOf(node, urls);
    if (made === null) continue;
    const [kind, specifier] = made;
    found.push({ at: node.start ?? 0, reference: { kind, specifier, line: lineOf(node) } });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.reference);
}

/**
 * An AssemblyScript decorator alone on its line (`@inline`, `@external("env", "log")`):
 * string arguments at most, so it names nothing and calls nothing.
 */
const ASSEMBLYSCRIPT_DECORATOR =
  /^[ \t]*@[A-Za-z_$][\w$.]*(?:\([ \t]*(?:"[^"\\\n]*"(?:[ \t]*,[ \t]*"[^"\\\n]*")*[ \t]*)?\))?[ \t]*$/gm;

/**
 * An AssemblyScript file (`*.as.ts`, compiled by asc) with its decorators blanked:
 * AssemblyScript puts them on functions and globals, where TypeScript has none. Only
 * balanced text turns to spaces, so a line that was inside a string, template or
 * comment stays inside it, and every line keeps its number.
 */
function withoutAssemblyScriptDecorators(source: string): string {
  return source.replace(ASSEMBLYSCRIPT_DECORATOR, (line) => " ".repeat(line.length));
}

/** The syntax tree of `source`. @throws {ParseError} It does not parse. */
function parseModule(text: string, fileName: string): Node {
  const source = fileName.endsWith(".as.ts") ? withoutAssemblyScriptDecorators(text) : text;
  const javascript = /\.(js|jsx|mjs|cjs)$/.test(fileName);
  const jsx = /\.(tsx|jsx)$/.test(fileName);
  const plugins: ParserPlugin[] = [...PLUGINS];
  if (!javascript) plugins.push("typescript");
  if (jsx) plugins.push("jsx");
  try {
    return parse(source, {
      sourceType: /\.(cjs|cts)$/.test(fileName) ? "script" : "module",
      errorRecovery: false,
      plugins,
    }) as unknown as Node;
  } catch (thrown) {
    if (thrown instanceof RangeError) {
      throw new ParseError("nested too deeply to read", 1);
    }
    const error = (thrown ?? {}) as { message?: unknown; loc?: { line?: number; column?: number } };
    const line = error.loc?.line ?? 1;
    const column = error.loc?.column;
    // The parser ends its messages with "(line:column)", some after a full stop: said once, in
    // words, and the sentence goes on.
    const why = String(error.message ?? thrown).replace(/\s*\(\d+:\d+\)\s*$/, "")
      .replace(/\s*\n\s*/g, " ").replace(/\.$/, "");
    throw new ParseError(column === undefined ? why : `${why} (column ${column + 1})`, line);
  }
}

/** Every node under `root` (itself included), in no particular order. */
function allNodes(root: Node): Node[] {
  const nodes: Node[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    nodes.push(node);
    for (const key in node) {
      if (NOT_CHILDREN.has(key)) continue;
      const value = node[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) stack.push(item);
      } else if (isNode(value)) {
        stack.push(value);
      }
    }
  }
  return nodes;
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null &&
    typeof (value as { type?: unknown }).type === "string";
}

function lineOf(node: Node): number {
  return node.loc?.start.line ?? 1;
}

/** The reference `node` makes by itself, or null. */
function referenceOf(
  node: Node,
  urls: ReadonlyMap<string, string>,
): [ReferenceKind, string | null] | null {
  switch (node.type) {
    case "ImportDeclaration":
    case "ExportAllDeclaration":
    case "ExportNamedDeclaration":
      // `import type`, `export type … from` too: the grader reads what is written.
      return isNode(node.source) ? ["static", literal(node.source)] : null;
    case "TSExternalModuleReference": // import x = require("y")
      return ["static", literal(node.expression as Node)];
    case "ImportExpression": // import("x"), import.source("x"), import.defer("x")
      return ["dynamic", argumentOf(node.source as Node, urls)];
    case "TSImportType": // typeof import("x"), import("x").T: reported as a dynamic import
      return ["dynamic", literal((node.source ?? node.argument) as Node)];
    case "Identifier":
      // Direct, indirect (`(0, eval)(…)`) or as a property (`globalThis.eval`): all run strings.
      return node.name === "eval" ? ["code-from-string", null] : null;
    case "CallExpression":
    case "OptionalCallExpression":
    case "NewExpression":
      return callOf(node, urls);
  }
  return null;
}

/** `import(…)` (older trees), `require(…)`, `Function(…)`, `new Worker(…)`, `new URL(…)`. */
function callOf(
  node: Node,
  urls: ReadonlyMap<string, string>,
): [ReferenceKind, string | null] | null {
  const callee = node.callee as Node;
  const args = node.arguments as Node[];
  const first = args[0];
  const name = calleeName(callee);
  if (callee.type === "Import") return ["dynamic", argumentOf(first, urls)];
  if (name === "Function") return ["code-from-string", null];
  if (callee.type === "Identifier" && name === "require" && node.type !== "NewExpression") {
    return ["dynamic", argumentOf(first, urls)];
  }
  if (node.type !== "NewExpression") return null;
  const specifier = first === undefined ? null : literal(first);
  if (specifier === null) return null;
  if (name === "Worker") return ["worker", specifier];
  if (callee.type === "Identifier" && name === "URL" && isImportMetaUrl(args[1])) {
    return ["url", specifier];
  }
  return null;
}

/** `X` of a callee `X` or `globalThis.X` (`self.X`, `window.X`); null for anything else. */
function calleeName(callee: Node): string | null {
  if (callee.type === "Identifier") return callee.name as string;
  if (callee.type !== "MemberExpression" || callee.computed === true) return null;
  const object = callee.object as Node;
  const property = callee.property as Node;
  if (object.type !== "Identifier" || property.type !== "Identifier") return null;
  return ["globalThis", "self", "window"].includes(object.name as string)
    ? property.name as string
    : null;
}

/** A string literal's value, or a template's without substitutions; else null. */
function literal(node: Node | undefined): string | null {
  if (node === undefined) return null;
  if (node.type === "StringLiteral") return node.value as string;
  if (node.type === "TSLiteralType") return literal(node.literal as Node);
  if (node.type === "TemplateLiteral" && (node.expressions as Node[]).length === 0) {
    const quasi = (node.quasis as Node[])[0];
    const cooked = (quasi?.value as { cooked?: string | null } | undefined)?.cooked;
    return typeof cooked === "string" ? cooked : null;
  }
  return null;
}

/** The first argument of `import(…)` or `require(…)`: a literal, or `NAME` / `NAME.href` of a URL constant. */
function argumentOf(node: Node | undefined, urls: ReadonlyMap<string, string>): string | null {
  if (node === undefined) return null;
  const direct = literal(node);
  if (direct !== null) return direct;
  let name = node;
  if (
    node.type === "MemberExpression" && node.computed !== true &&
    (node.property as Node).type === "Identifier" && (node.property as Node).name === "href"
  ) {
    name = node.object as Node;
  }
  return name.type === "Identifier" ? urls.get(name.name as string) ?? null : null;
}

/** `import.meta.url` (or `import.meta["url"]`). */
function isImportMetaUrl(node: Node | undefined): boolean {
  if (node?.type !== "MemberExpression") return false;
  const object = node.object as Node;
  const property = node.property as Node;
  const url = node.computed === true
    ? literal(property) === "url"
    : property.type === "Identifier" && property.name === "url";
  return url && object.type === "MetaProperty" && (object.meta as Node).name === "import" &&
    (object.property as Node).name === "meta";
}

/**
 * `const NAME = new URL("x", import.meta.url)` (or its `.href`) declarations: NAME → "x".
 * An import of `NAME` or `NAME.href` is then as literal as `import("x")`. Only when no
 * other declaration, parameter or import anywhere in the file binds NAME: a
 * shadowing `let NAME = …` in some function would otherwise pass for the constant.
 */
function urlConstants(nodes: readonly Node[]): Map<string, string> {
  const candidates = new Map<string, string>();
  const bound = new Map<string, number>();
  const bind = (pattern: Node | undefined) => {
    for (const name of boundNames(pattern)) bound.set(name, (bound.get(name) ?? 0) + 1);
  };
  for (const node of nodes) {
    switch (node.type) {
      case "VariableDeclaration":
        for (const declarator of node.declarations as Node[]) {
          bind(declarator.id as Node);
          const id = declarator.id as Node;
          const target = urlOf(declarator.init as Node | null);
          if (node.kind === "const" && id.type === "Identifier" && target !== null) {
            candidates.set(id.name as string, target);
          }
        }
        break;
      case "FunctionDeclaration":
      case "FunctionExpression":
      case "ArrowFunctionExpression":
      case "ObjectMethod":
      case "ClassMethod":
      case "ClassPrivateMethod":
      case "TSDeclareFunction":
      case "TSDeclareMethod":
        bind(node.id as Node | undefined);
        for (const param of (node.params as Node[] | undefined) ?? []) bind(param);
        break;
      case "ClassDeclaration":
      case "ClassExpression":
      case "TSEnumDeclaration":
      case "TSModuleDeclaration":
      case "TSImportEqualsDeclaration":
        bind(node.id as Node | undefined);
        break;
      case "CatchClause":
        bind(node.param as Node | undefined);
        break;
      case "ImportSpecifier":
      case "ImportDefaultSpecifier":
      case "ImportNamespaceSpecifier":
        bind(node.local as Node);
        break;
    }
  }
  for (const name of [...candidates.keys()]) {
    if (bound.get(name) !== 1) candidates.delete(name);
  }
  return candidates;
}

/** The file `new URL("x", import.meta.url)` or its `.href` names, or null. */
function urlOf(init: Node | null | undefined): string | null {
  if (init === null || init === undefined) return null;
  let expression = init;
  if (
    expression.type === "MemberExpression" && expression.computed !== true &&
    (expression.property as Node).name === "href"
  ) {
    expression = expression.object as Node;
  }
  if (expression.type !== "NewExpression") return null;
  const callee = expression.callee as Node;
  const args = expression.arguments as Node[];
  if (callee.type !== "Identifier" || callee.name !== "URL" || args.length !== 2) return null;
  return isImportMetaUrl(args[1]) ? literal(args[0]) : null;
}

/** The names a binding pattern (`x`, `{ a, b: [c] }`, `...rest`, `x = 1`) declares. */
function boundNames(pattern: Node | null | undefined): string[] {
  if (pattern === null || pattern === undefined) return [];
  switch (pattern.type) {
    case "Identifier":
      return [pattern.name as string];
    case "ObjectPattern":
      return (pattern.properties as Node[]).flatMap((p) =>
        boundNames((p.type === "RestElement" ? p.argument : p.value) as Node)
      );
    case "ArrayPattern":
      return (pattern.elements as (Node | null)[]).flatMap((e) => boundNames(e));
    case "RestElement":
      return boundNames(pattern.argument as Node);
    case "AssignmentPattern":
      return boundNames(pattern.left as Node);
    case "TSParameterProperty":
      return boundNames(pattern.parameter as Node);
  }
  return [];
}
