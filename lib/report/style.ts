/**
 * Terminal colours that switch themselves off when output is not a terminal or
 * NO_COLOR is set, so piped output and logs stay plain.
 *
 * @module
 */
import { styleText } from "node:util";

/** A style `node:util`'s `styleText` knows: `"bold"`, `"dim"`, `"red"`, `"green"`… */
export type Format = Parameters<typeof styleText>[0];

function colourWanted(): boolean {
  try {
    if (Deno.env.get("NO_COLOR")) return false;
  } catch {
    // No env permission: decide from the terminal alone.
  }
  return Deno.stdout.isTerminal();
}

const COLOUR = colourWanted();

/** `text` in `format` when colour is wanted, else `text` unchanged. */
export function paint(format: Format, text: string): string {
  return COLOUR ? styleText(format, text, { validateStream: false }) : text;
}
