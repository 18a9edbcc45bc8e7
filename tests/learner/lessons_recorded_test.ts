/**
 * Exercise 2's README quotes the velocity ladder and Question 1's matrices as
 * `deno task bench 2 --ladder --matrix --write` recorded them in
 * `data/lessons.json`, so that Task 3's table and the ladder's agree and
 * neither goes stale. No timing.
 *
 * @module
 */
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import {
  readRecordedLessons,
  type RecordedLesson,
  writeRecordedLesson,
} from "../../lib/learner/lessons/recorded.ts";
import { ladderTable, task3Table } from "../../lib/learner/lessons/velocity_lessons.ts";
import { assert, assertEquals } from "../_helpers/helpers.ts";

/** The Markdown table whose header line starts with `header`. */
function tableAt(text: string, header: string): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => line.startsWith(header));
  assert(start >= 0, `a table starting "${header}"`);
  let end = start;
  while (end < lines.length && (lines[end] as string).startsWith("|")) end++;
  return lines.slice(start, end);
}

Deno.test("exercise 2's Task 3 and ladder tables are the recorded figures (data/lessons.json)", async () => {
  const recorded = await readRecordedLessons();
  const ladder = recorded["ladder"], matrix = recorded["matrix"];
  assert(ladder !== undefined && matrix !== undefined, "ladder and matrix are recorded");
  const readme = Deno.readTextFileSync(`${REPO_ROOT}/exercises/02_velocity/README.md`);
  assertEquals(
    tableAt(readme, "| variant").join("\n"),
    task3Table(ladder, matrix).join("\n"),
    "Task 3's table (record with: deno task bench 2 --ladder --matrix --write)",
  );
  assertEquals(
    tableAt(readme, "| rung").join("\n"),
    ladderTable(ladder).join("\n"),
    "the ladder's table",
  );
  const prose = readme.replace(/\s+/g, " ");
  for (const entry of [ladder, matrix]) {
    assert(prose.includes(entry.loadAverage), `its load average ${entry.loadAverage} is quoted`);
  }
});

Deno.test("recorded lessons: a new key is added beside the others, a missing row is named", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/lessons.json`;
    const entry: RecordedLesson = {
      measured: "2026-11-30T00:00:00Z",
      machine: "test",
      loadAverage: "1 1 1",
      samples: 3,
      size: "tiny",
      rows: [{ label: "a", ms: 1 }],
    };
    await writeRecordedLesson("b", entry, path);
    await writeRecordedLesson("a", { ...entry, samples: 5 }, path);
    const all = await readRecordedLessons(path);
    assertEquals(Object.keys(all).join(), "a,b", "both, sorted");
    assertEquals(all["a"]?.samples, 5, "its own figures");
    assertEquals(Object.keys(await readRecordedLessons(`${dir}/absent.json`)).length, 0, "absent");
    let message = "";
    try {
      ladderTable(entry);
    } catch (error) {
      message = (error as Error).message;
    }
    assert(message.startsWith("Cannot find row"), message);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
