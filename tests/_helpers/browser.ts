/**
 * Headless Chromium for the tests that look at a page the workbook writes
 * (the learner's report, the class dashboard). Debian's `chromium` at
 * /usr/bin/chromium (`.ci/run` installs it); without it those tests are
 * skipped, saying so.
 *
 * @module
 */
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/**
 * Flags for Chromium in a sandboxed, offline CI: no GPU, no QUIC, and no
 * background networking (without those, its connections are refused many at a
 * time on a closed network). Playwright adds --headless and a fresh, empty
 * --user-data-dir of its own.
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Whether Chromium is there; when not, says which test is skipped. */
export function chromiumPresent(test: string): boolean {
  try {
    Deno.statSync(CHROMIUM);
    return true;
  } catch {
    console.warn(
      `${test}: skipping the browser test: ${CHROMIUM} is missing (apt-get install chromium)`,
    );
    return false;
  }
}

/** A headless Chromium with the flags above. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
