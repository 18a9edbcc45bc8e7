/**
 * Grading never turns "could not measure" into points or into a 0 (issues 13
 * and 11 class 4): an exercise a busy machine left inconclusive is graded again
 * at the end of the run; one still inconclusive is marked not graded; a
 * parallel exercise on one core is never paid its pass points. Grades the
 * reference solutions with an injected contention probe and core count: run
 * under the timing lock (nothing here asserts a time).
 *
 * @module
 */
import { pointsFor } from "../../lib/grade/points.ts";
import { findExercise } from "../../lib/exercise/catalogue.ts";
import type { ContentionReading } from "../../lib/check/types.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { cleanup, entryPath, explain, gradeSamples } from "../_helpers/grade_helpers.ts";
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";

const QUIET: ContentionReading = {
  source: "proc",
  wallMs: 500,
  othersCores: 0.05,
  psiSome: 0.03,
  ownCores: 1,
};
const BUSY: ContentionReading = { ...QUIET, othersCores: 1.6, psiSome: 0.24 };

/** Busy for the first `busyReadings` pairs, quiet after. */
function probeBusyFor(busyReadings: number) {
  let pairs = 0;
  return { begin: () => () => (pairs++ < busyReadings ? BUSY : QUIET) };
}

const SLOW_SERIES = Deno.readTextFileSync(`${REPO_ROOT}/solutions/01_slow_series/slow_series.ts`);
const REFERENCE = [{ id: "reference", files: { [entryPath(1)]: SLOW_SERIES } }];

Deno.test("pointsFor(): inconclusive is not graded (null), never 0 and never a pass", () => {
  const exercise = findExercise("3")!;
  assertEquals(pointsFor(exercise, { status: "inconclusive", tier: null, credit: null }), null, "");
});

Deno.test("grading: an exercise a busy machine left inconclusive is graded again at the end", async () => {
  // The first check: warm-up + 3 busy pairs → inconclusive; the re-run is quiet.
  const graded = await gradeSamples(REFERENCE, {
    exercises: [1],
    contentionProbe: probeBusyFor(4),
  });
  try {
    const grade = graded.grades.get("reference");
    const exercise = grade?.exercises[0];
    assertEquals(exercise?.status, "pass", explain(grade));
    assert((exercise?.points ?? 0) > 0, "points once measured");
    assert(grade?.notes.some((n) => n.includes("re-graded at the end")) === true, "noted");
  } finally {
    await cleanup(graded);
  }
});

Deno.test("grading: an exercise still inconclusive is marked not graded, not failed", async () => {
  const graded = await gradeSamples(REFERENCE, {
    exercises: [1],
    contentionProbe: probeBusyFor(Number.POSITIVE_INFINITY),
  });
  try {
    const grade = graded.grades.get("reference");
    const exercise = grade?.exercises[0];
    assertEquals(exercise?.status, "inconclusive", explain(grade));
    assertEquals(exercise?.graded, false, "not graded");
    assertIncludes(exercise?.summary ?? "", "run again", "says to run again");
    const junit = await Deno.readTextFile(`${graded.outDir}/students/reference/junit.xml`)
      .catch(() => "");
    assert(!junit.includes("<failure"), "no failure in JUnit");
  } finally {
    await cleanup(graded);
  }
});

Deno.test("grading on one core: a parallel exercise is not paid its pass points", async () => {
  // Before issue 11 class 4: status pass, 6 of 10 points for a part never measured.
  const files: Record<string, string> = {};
  for (const name of findExercise("3")!.files) {
    files[entryPath(3, name)] = Deno.readTextFileSync(
      `${REPO_ROOT}/solutions/03_shared_memory/${name}`,
    );
  }
  const graded = await gradeSamples([{ id: "reference", files }], { exercises: [3], cores: 1 });
  try {
    const grade = graded.grades.get("reference");
    const exercise = grade?.exercises[0];
    assertEquals(exercise?.status, "inconclusive", explain(grade));
    assertEquals(exercise?.graded, false, "not graded");
    assertIncludes(exercise?.summary ?? "", "≥ 2 CPUs", "how to fix it");
    assert(grade?.notes.every((n) => !n.includes("re-graded")) === true, "one core is not re-run");
  } finally {
    await cleanup(graded);
  }
});
