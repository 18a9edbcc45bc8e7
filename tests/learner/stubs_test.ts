/**
 * The pristine stubs that `deno task reset` restores are the stubs in
 * `exercises/`, file for file (a maintainer who changes a stub runs
 * `deno run -A lib/maintain/stubs.ts`).
 *
 * @module
 */
import { refreshStubs } from "../../lib/maintain/stubs.ts";
import { assertEquals } from "../_helpers/helpers.ts";

Deno.test("the pristine stubs in checks/NN_slug/stub/ equal exercises/", async () => {
  const stale = await refreshStubs(false);
  assertEquals(stale, [], "stale copies (run: deno run -A lib/maintain/stubs.ts)");
});
