/**
 * A real XSD validator for the tests: `xmllint --schema` from Debian's
 * libxml2-utils (.ci/run installs it). Where it is absent, `validateXml`
 * returns null and the caller skips with a message saying so.
 *
 * @module
 */

/** Why no validation ran, for a test's skip message. */
export const XMLLINT_MISSING =
  "xmllint is not installed (apt-get install libxml2-utils): the XSD validation is skipped";

/** True when `xmllint` can be run. */
export async function hasXmllint(): Promise<boolean> {
  try {
    return (await new Deno.Command("xmllint", { args: ["--version"], stderr: "null" }).output())
      .success;
  } catch {
    return false;
  }
}

/**
 * Validates `xml` against the schema at `xsdPath`: null where xmllint is
 * missing, else whether it is valid and xmllint's messages.
 */
export async function validateXml(
  xml: string,
  xsdPath: string,
): Promise<{ valid: boolean; messages: string } | null> {
  if (!(await hasXmllint())) return null;
  const file = await Deno.makeTempFile({ suffix: ".xml" });
  try {
    await Deno.writeTextFile(file, xml);
    const out = await new Deno.Command("xmllint", {
      args: ["--noout", "--nonet", "--schema", xsdPath, file],
      stdout: "piped",
      stderr: "piped",
    }).output();
    return { valid: out.success, messages: new TextDecoder().decode(out.stderr).trim() };
  } finally {
    await Deno.remove(file);
  }
}
