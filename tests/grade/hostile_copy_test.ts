/**
 * Hostile submissions against copying (issue 12.2): links are never followed
 * (30 folders with two links each to the next would be 2^30 copies), and a
 * copy holds at most so many entries and bytes; each refusal is the
 * exercise's one-line problem.
 *
 * @module
 */
import { copyExercise, MAX_EXERCISE_ENTRIES } from "../../lib/grade/submission.ts";
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";
import { exercisesNumbered } from "../_helpers/grade_helpers.ts";

const [SLOW_SERIES] = exercisesNumbered([1]);

async function copied(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (at: string, prefix: string) => {
    for await (const entry of Deno.readDir(at)) {
      found.push(`${prefix}${entry.name}`);
      if (entry.isDirectory) await walk(`${at}/${entry.name}`, `${prefix}${entry.name}/`);
    }
  };
  await walk(dir, "");
  return found.sort();
}

Deno.test("hostile: a ladder of links inside the submission is not followed", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const exercise = `${dir}/exercises/01_slow_series`;
    await Deno.mkdir(exercise, { recursive: true });
    await Deno.writeTextFile(`${exercise}/slow_series.ts`, "export {};\n");
    const depth = 30;
    for (let i = 0; i <= depth; i++) await Deno.mkdir(`${exercise}/d${i}`);
    for (let i = 0; i < depth; i++) {
      await Deno.symlink(`../d${i + 1}`, `${exercise}/d${i}/a`);
      await Deno.symlink(`../d${i + 1}`, `${exercise}/d${i}/b`);
    }
    await Deno.symlink("/etc/passwd", `${exercise}/outside.ts`);
    const result = await copyExercise(SLOW_SERIES!, `${dir}/exercises`, `${dir}/copy`);
    assert(result.ok, JSON.stringify(result));
    const files = await copied(`${dir}/copy/01_slow_series`);
    assert(files.includes("slow_series.ts"), "the entry file is copied");
    assert(!files.some((f) => f.endsWith("/a") || f === "outside.ts"), `no link: ${files}`);
    assert(result.notes.length <= 3, `a few notes, not one per link: ${result.notes.length}`);
    assertIncludes(result.notes.join("\n"), "is a link: not copied", "said so");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("hostile: an entry file that is a link, and too many entries, are the exercise's problem", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const exercise = `${dir}/exercises/01_slow_series`;
    await Deno.mkdir(exercise, { recursive: true });
    await Deno.symlink(
      "/work/main/solutions/01_slow_series/slow_series.ts",
      `${exercise}/slow_series.ts`,
    );
    const link = await copyExercise(SLOW_SERIES!, `${dir}/exercises`, `${dir}/copy-1`);
    assert(!link.ok, "refused");
    assertIncludes(link.problem, "slow_series.ts is a link", "why");

    await Deno.mkdir(`${dir}/elsewhere/01_slow_series`, { recursive: true });
    await Deno.writeTextFile(`${dir}/elsewhere/01_slow_series/slow_series.ts`, "export {};\n");
    await Deno.mkdir(`${dir}/linked`);
    await Deno.symlink(`${dir}/elsewhere/01_slow_series`, `${dir}/linked/01_slow_series`);
    const folder = await copyExercise(SLOW_SERIES!, `${dir}/linked`, `${dir}/copy-3`);
    assert(!folder.ok, "a linked exercise folder is refused");
    assertIncludes(folder.problem, "01_slow_series is a link", "why");

    await Deno.remove(`${exercise}/slow_series.ts`);
    await Deno.writeTextFile(`${exercise}/slow_series.ts`, "export {};\n");
    await Deno.mkdir(`${exercise}/many`);
    for (let i = 0; i <= MAX_EXERCISE_ENTRIES; i++) {
      await Deno.writeTextFile(`${exercise}/many/${i}`, "");
    }
    const many = await copyExercise(SLOW_SERIES!, `${dir}/exercises`, `${dir}/copy-2`);
    assert(!many.ok, "refused");
    assertEquals(
      many.problem,
      `01_slow_series holds more than ${MAX_EXERCISE_ENTRIES} files and folders`,
      "why",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
