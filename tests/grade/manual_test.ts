/**
 * The instructor's manual points (`lib/grade/formats/manual.ts`): the file is
 * made once, never overwritten by a later gradebook (a `--resume`, a
 * re-grade, a merge), and its points reach the gradebook's `manual` and
 * `final` columns; a line that is not a number is named.
 *
 * @module
 */
import { writeGradebook } from "../../lib/grade/formats/outputs.ts";
import { MANUAL_FILE, readManualPoints } from "../../lib/grade/formats/manual.ts";
import type { Gradebook } from "../../lib/grade/result.ts";
import { assertEquals, assertIncludes } from "../_helpers/helpers.ts";

function book(students: string[]): Gradebook {
  return {
    schema: "workbook-gradebook/1",
    seed: 1,
    exercises: [{ number: 11, slug: "which-tool", maxPoints: 10 }],
    machine: {
      cores: 2,
      cpu: "c",
      deno: "2.9.6",
      v8: "v",
      os: "linux",
      memoryMb: 1,
      loadAverage: [],
    },
    settings: {
      jobs: 1,
      memoryLimitMb: 1024,
      exerciseTimeLimitS: 300,
      deadlineS: null,
      allowImports: [],
    },
    students: students.map((student) => ({
      student,
      status: "graded",
      problem: null,
      points: { "11": 6 },
      total: 6,
      maxTotal: 10,
    })),
    updatedAt: "now",
  };
}

Deno.test("manual points survive a new gradebook and reach the manual and final columns", async () => {
  const out = await Deno.makeTempDir({ prefix: "workbook-manual-" });
  try {
    await writeGradebook(out, book(["ann", "Zoë Smith"]));
    const made = await Deno.readTextFile(`${out}/${MANUAL_FILE}`);
    assertEquals(made, "student,points,note\r\nann,,\r\nZoë Smith,,\r\n", "a row per student");
    // The instructor reads the reflections and gives points by hand.
    await Deno.writeTextFile(
      `${out}/${MANUAL_FILE}`,
      'student,points,note\r\nann,2.5,"clear, measured"\r\nZoë Smith,1,\r\n',
    );
    // A re-grade writes the gradebook again, with a new student.
    await writeGradebook(out, book(["ann", "Zoë Smith", "bo"]));
    const kept = await Deno.readTextFile(`${out}/${MANUAL_FILE}`);
    assertIncludes(kept, 'ann,2.5,"clear, measured"', "the instructor's row is kept");
    assertIncludes(kept, "bo,,", "the new student is appended");
    const json = JSON.parse(await Deno.readTextFile(`${out}/gradebook.json`)) as Gradebook;
    assertEquals(
      json.students.map((s) => [s.student, s.manual, s.final]),
      [["ann", 2.5, 8.5], ["Zoë Smith", 1, 7], ["bo", null, 6]],
      "manual and final",
    );
    const csv = await Deno.readTextFile(`${out}/gradebook.csv`);
    assertIncludes(
      csv.split("\r\n")[0] ?? "",
      "total,max,bonus,manual,final,status,note",
      "header",
    );
    assertIncludes(csv, "ann,6,6,10,0,2.5,8.5,graded", "a row");
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("readManualPoints() names a line whose points are not a number", async () => {
  const out = await Deno.makeTempDir({ prefix: "workbook-manual-" });
  try {
    await Deno.writeTextFile(`${out}/${MANUAL_FILE}`, "student,points,note\nann,lots,\nbo,3,\n");
    const { points, problems } = await readManualPoints(out);
    assertEquals([...points.keys()], ["bo"], "the readable row");
    assertEquals(problems, [`${MANUAL_FILE}:2: "lots" is not a number of points`], "named");
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
