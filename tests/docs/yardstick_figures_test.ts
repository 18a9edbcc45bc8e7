/**
 * The compiled yardstick's figures in the READMEs are the recorded ones: any
 * table row of a README whose first cell names a yardstick problem must read
 * as `deno task yardstick --recorded` prints that row (`data/yardstick.json`),
 * so that a figure re-recorded with `--write` cannot leave a stale copy behind.
 *
 * @module
 */
import { formatTable } from "../../lib/learner/yardstick/table.ts";
import { readRecorded, recordedRows } from "../../lib/learner/yardstick/yardstick.ts";
import { CATALOGUE } from "../../lib/exercise/catalogue.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { assert, assertEquals } from "../_helpers/helpers.ts";

/** A Markdown table line as its trimmed cells. */
function cells(line: string): string[] {
  return line.trim().replace(/^\|/, "").replace(/\|$/, "").split("|").map((c) => c.trim());
}

Deno.test("READMEs quote the yardstick's rows as `deno task yardstick --recorded` prints them", async () => {
  const printed = formatTable(recordedRows(await readRecorded())).split("\n").slice(2).map(cells);
  const byProblem = new Map(printed.map((row) => [row[0] as string, row]));
  const files = [
    `${REPO_ROOT}/README.md`,
    ...CATALOGUE.map((e) => `${REPO_ROOT}/exercises/${e.dir}/README.md`),
  ];
  let quoted = 0;
  for (const file of files) {
    for (const line of Deno.readTextFileSync(file).split("\n")) {
      if (!line.startsWith("|")) continue;
      const row = cells(line);
      const want = byProblem.get(row[0] ?? "");
      if (want === undefined) continue;
      quoted++;
      assertEquals(row.join(" | "), want.join(" | "), `${file}: ${row[0]}`);
    }
  }
  assert(quoted > 0, "exercise 8's README quotes the yardstick");
});
