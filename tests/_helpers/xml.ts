/**
 * A strict little XML 1.0 reader for the grader's tests: it accepts only
 * well-formed documents (one root, properly nested elements, quoted and unique
 * attributes, known entities, no forbidden characters) and returns the element
 * tree, so a test can check a JUnit report's structure too.
 *
 * @module
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][\w.:-]*/;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
// deno-lint-ignore no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/**
 * Parses `text` as an XML document.
 *
 * @throws {SyntaxError} The document is not well-formed; the message says where.
 */
export function parseXml(text: string): XmlElement {
  if (FORBIDDEN.test(text)) throw new SyntaxError("a character XML 1.0 forbids");
  let pos = 0;
  const fail = (why: string): never => {
    throw new SyntaxError(`${why} at offset ${pos}: ${JSON.stringify(text.slice(pos, pos + 30))}`);
  };
  const skipSpace = () => {
    while (/\s/.test(text[pos] ?? "")) pos++;
  };
  const decode = (raw: string): string =>
    raw.replace(/&([^;]*);|&/g, (whole, ref: string | undefined) => {
      if (ref === undefined) return fail("a bare &");
      if (ref in ENTITIES) return ENTITIES[ref] as string;
      const code = /^#x[0-9a-fA-F]+$/.test(ref)
        ? parseInt(ref.slice(2), 16)
        : /^#\d+$/.test(ref)
        ? parseInt(ref.slice(1), 10)
        : NaN;
      return Number.isNaN(code) ? fail(`an unknown entity ${whole}`) : String.fromCodePoint(code);
    });
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (text.startsWith("<!--", pos)) {
        const end = text.indexOf("-->", pos + 4);
        if (end < 0) fail("an unterminated comment");
        pos = end + 3;
      } else if (text.startsWith("<?", pos)) {
        const end = text.indexOf("?>", pos + 2);
        if (end < 0) fail("an unterminated processing instruction");
        pos = end + 2;
      } else return;
    }
  };
  const element = (): XmlElement => {
    if (text[pos] !== "<") fail("expected an element");
    pos++;
    const name = text.slice(pos).match(NAME)?.[0] ?? fail("expected an element name");
    pos += name.length;
    const node: XmlElement = { name, attributes: {}, children: [], text: "" };
    for (;;) {
      const before = pos;
      skipSpace();
      if (text.startsWith("/>", pos)) {
        pos += 2;
        return node;
      }
      if (text[pos] === ">") {
        pos++;
        break;
      }
      if (pos === before) fail("expected a space before an attribute");
      const attribute = text.slice(pos).match(NAME)?.[0] ?? fail("expected an attribute name");
      pos += attribute.length;
      skipSpace();
      if (text[pos] !== "=") fail("expected =");
      pos++;
      skipSpace();
      const quote = text[pos];
      if (quote !== '"' && quote !== "'") fail("expected a quoted value");
      const end = text.indexOf(quote as string, pos + 1);
      if (end < 0) fail("an unterminated attribute value");
      const raw = text.slice(pos + 1, end);
      if (raw.includes("<")) fail("< in an attribute value");
      if (attribute in node.attributes) fail(`a repeated attribute ${attribute}`);
      node.attributes[attribute] = decode(raw);
      pos = end + 1;
    }
    for (;;) {
      const next = text.indexOf("<", pos);
      if (next < 0) fail(`no end tag for <${name}>`);
      node.text += decode(text.slice(pos, next));
      pos = next;
      if (text.startsWith("</", pos)) {
        pos += 2;
        const closing = text.slice(pos).match(NAME)?.[0];
        if (closing !== name) fail(`</${closing}> closes <${name}>`);
        pos += name.length;
        skipSpace();
        if (text[pos] !== ">") fail("expected >");
        pos++;
        return node;
      }
      if (text.startsWith("<!--", pos)) {
        skipMisc();
        continue;
      }
      node.children.push(element());
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (pos !== text.length) fail("content after the root element");
  return root;
}
