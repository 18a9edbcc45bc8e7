/**
 * Text made safe for HTML and SVG: one escaping for every page the workbook writes.
 *
 * @module
 */

/** `text` safe in HTML and SVG content and in quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}
