/**
 * Tiers by machine (issue 13): the README's measured table is the shipped
 * calibration's, the shipped tiers keep gold ≥ 25% below the lowest median, a
 * check takes this machine's calibration before the shipped one, and the
 * proposal of `deno task calibrate` keeps its margin. No timing.
 *
 * @module
 */
import {
  calibratedRule,
  type CalibrationFile,
  fingerprint,
  loadCalibration,
  parseCalibration,
} from "../../lib/check/speed/calibration.ts";
import { findExercise } from "../../lib/exercise/catalogue.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import {
  GOLD_MARGIN,
  markdownTable,
  propose,
  readmeTable,
  readmeTableLines,
  timedExercises,
} from "../../lib/maintain/calibrate.ts";
import { assert, assertEquals } from "../_helpers/helpers.ts";

const FILE = loadCalibration() as CalibrationFile;

Deno.test("the README's measured table is generated from data/calibration.json", () => {
  assert(FILE !== null, "data/calibration.json loads");
  const readme = Deno.readTextFileSync(`${REPO_ROOT}/README.md`);
  assertEquals(
    readmeTableLines(readme).lines.join("\n"),
    readmeTable(FILE).join("\n"),
    "README table (regenerate with: deno task calibrate --readme)",
  );
});

Deno.test("every exercise with a speed part has a shipped calibration, gold ≥ 25% below its lowest median", () => {
  const shipped = FILE.machines[FILE.shipped];
  assert(shipped !== undefined, "shipped entry");
  for (const exercise of timedExercises()) {
    const entry = shipped.exercises[String(exercise.number)];
    assert(entry?.speed !== undefined, `exercise ${exercise.number} has a shipped calibration`);
    for (const [name, part] of Object.entries(entry)) {
      const parallel = name === "parallel" || exercise.speed.kind === "parallel";
      // The development machine had 2 cores: a parallel gold is efficiency × 2.
      const gold = parallel ? part.tiers.gold * 2 : part.tiers.gold;
      assert(
        gold <= part.medians[0] * (1 - GOLD_MARGIN) + 0.005,
        `exercise ${exercise.number} ${name}: gold ${gold} vs lowest median ${part.medians[0]}`,
      );
    }
  }
});

Deno.test("a check takes this machine's calibration, else the shipped one, else the catalogue", () => {
  const exercise = findExercise("1")!;
  const here = { cpu: "Test CPU", cores: 4, os: "linux x86_64" };
  const file: CalibrationFile = {
    ...FILE,
    machines: {
      ...FILE.machines,
      [fingerprint(here)]: {
        machine: "test",
        how: "test",
        measuredAt: "2026-11-30",
        exercises: {
          "1": {
            speed: {
              what: "x",
              medians: [4, 5],
              checks: 3,
              tiers: { pass: 2, silver: 2.5, gold: 3 },
            },
          },
        },
      },
    },
  };
  const mine = calibratedRule(exercise, "speed", here, file);
  assert(mine.rule.kind === "fixed", "fixed");
  assertEquals(mine.rule.tiers.gold, 3, "this machine's gold");
  assert(mine.source.startsWith("this machine"), mine.source);
  const other = calibratedRule(exercise, "speed", { ...here, cpu: "Other" }, file);
  assert(other.source.startsWith("shipped"), other.source);
  const none = calibratedRule(exercise, "speed", here, null);
  assertEquals(none.source, "catalogue", "no file: the catalogue");
  // A parallel part's calibration is an efficiency.
  const seven = calibratedRule(findExercise("7")!, "parallel", here, FILE);
  assert(seven.rule.kind === "parallel", "parallel");
});

Deno.test("propose(): gold (1 − 25%) × the lowest median, silver and pass in proportion", () => {
  const { proposed, margin } = propose([2.2, 2.52, 2.3], { pass: 1.5, silver: 1.8, gold: 2.1 });
  assertEquals(proposed, { pass: 1.17, silver: 1.41, gold: 1.65 }, "tiers");
  assert((margin ?? 0) >= GOLD_MARGIN, `margin ${margin}`);
  assertEquals(propose([], { pass: 1, silver: 2, gold: 3 }).proposed, null, "nothing measured");
});

Deno.test("propose(…, lowerOnly): a tier with its margin stays; one without it is lowered", () => {
  const current = { pass: 2.7, silver: 3.05, gold: 3.4 };
  // Exercise 4's 20 quiet runs: lowest median 4.33×, so gold 3.4 sat only 21% below it.
  const lowered = propose([4.33, 5.1], current, true);
  assertEquals(lowered.proposed, { pass: 2.57, silver: 2.9, gold: 3.24 }, "lowered in proportion");
  assertEquals(lowered.margin, 0.25, "the margin it now has");
  // Exercise 1's: lowest 3.35×, gold 2.1 already 37% below: kept, though 2.51 would be proposed.
  const kept = propose([3.35, 4.46], { pass: 1.5, silver: 1.8, gold: 2.1 }, true);
  assertEquals(kept.proposed, { pass: 1.5, silver: 1.8, gold: 2.1 }, "never raised");
  assertEquals(kept.margin, 0.37, "its margin");
  assertEquals(
    propose([3.35], { pass: 1.5, silver: 1.8, gold: 2.1 }).proposed?.gold,
    2.51,
    "plain",
  );
});

Deno.test("a calibration file with the wrong schema or no shipped entry is refused in one line", () => {
  let message = "";
  try {
    parseCalibration(JSON.stringify({ schema: "x", shipped: "a", machines: {} }));
  } catch (thrown) {
    message = (thrown as Error).message;
  }
  assert(message.startsWith("data/calibration.json:") && !message.includes("\n"), message);
});

Deno.test("markdownTable() pads like deno fmt", () => {
  assertEquals(markdownTable([["a", "bb"], ["ccc", "d"]]), [
    "| a   | bb  |",
    "| --- | --- |",
    "| ccc | d   |",
  ], "table");
});
