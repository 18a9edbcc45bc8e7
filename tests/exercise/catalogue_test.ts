/**
 * The catalogue keeps its promises: course order and slugs, enough hints, sane
 * tiers, paths derived by convention, and for every available exercise the
 * files, check and baseline exist.
 *
 * @module
 */
import {
  CATALOGUE,
  createCatalogue,
  type ExerciseEntry,
  findExercise,
  unknownExercise,
} from "../../lib/exercise/catalogue.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { assert, assertEquals } from "../_helpers/helpers.ts";

/** The numbering every other part of the workbook depends on (the READMEs, the original course). */
const WORKBOOK_ORDER = [
  "slow-series",
  "velocity",
  "shared-memory",
  "bottleneck",
  "worker-pool",
  "split-series",
  "jit-tiers",
  "wasm-kernel",
  "beyond-brute-force",
  "kempner",
  "which-tool",
];

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

Deno.test("the catalogue lists the 11 exercises in course order", () => {
  assertEquals(CATALOGUE.map((e) => e.slug), WORKBOOK_ORDER, "slugs");
  assertEquals(CATALOGUE.map((e) => e.number), WORKBOOK_ORDER.map((_, i) => i + 1), "numbers");
  for (const e of CATALOGUE) {
    assertEquals(
      e.dir,
      `${String(e.number).padStart(2, "0")}_${e.slug.replaceAll("-", "_")}`,
      e.slug,
    );
  }
});

Deno.test("every exercise has at least two non-empty hints, points and a title", () => {
  for (const e of CATALOGUE) {
    assert(e.hints.length >= 2, `${e.slug}: ${e.hints.length} hints`);
    assert(e.hints.every((h) => h.trim().length > 20), `${e.slug}: a hint is too short`);
    assert(e.title.length > 0 && e.section.length > 0, `${e.slug}: title and section`);
    assert(e.points.pass > 0, `${e.slug}: points`);
  }
});

Deno.test("speed tiers rise from pass to gold", () => {
  for (const e of CATALOGUE) {
    const rule = e.speed;
    const tiers = rule.kind === "fixed"
      ? rule.tiers
      : rule.kind === "parallel"
      ? rule.efficiency
      : null;
    if (tiers === null) continue;
    assert(
      tiers.pass > 0 && tiers.pass < tiers.silver && tiers.silver < tiers.gold,
      `${e.slug}: ${JSON.stringify(tiers)}`,
    );
    if (rule.kind === "parallel") assert(tiers.gold <= 1, `${e.slug}: efficiency above 1`);
  }
});

Deno.test("every available exercise has its stub, reference, check and baseline", async () => {
  for (const e of CATALOGUE.filter((x) => x.available)) {
    for (const file of e.files) {
      assert(
        await exists(`${REPO_ROOT}/exercises/${e.dir}/${file}`),
        `${e.slug}: exercises/${file}`,
      );
      assert(
        await exists(`${REPO_ROOT}/solutions/${e.dir}/${file}`),
        `${e.slug}: solutions/${file}`,
      );
    }
    assert(await exists(`${REPO_ROOT}/exercises/${e.dir}/README.md`), `${e.slug}: README.md`);
    assert(e.check !== undefined && await exists(`${REPO_ROOT}/${e.check}`), `${e.slug}: check`);
    if (e.speed.kind !== "none") {
      const baseline = e.baseline;
      assert(baseline !== undefined, `${e.slug}: a baseline`);
      if (baseline.kind === "module") {
        assert(await exists(`${REPO_ROOT}/${baseline.module}`), `${e.slug}: baseline module`);
      }
    }
  }
});

Deno.test("findExercise() takes a number or a slug", () => {
  assertEquals(findExercise("2")?.slug, "velocity", "number");
  assertEquals(findExercise("velocity")?.number, 2, "slug");
  assertEquals(findExercise(" Slow-Series ")?.number, 1, "case and spaces");
  assertEquals(findExercise("12"), undefined, "out of range");
  assertEquals(findExercise("nope"), undefined, "unknown slug");
});

Deno.test("createCatalogue() derives every path from the number and the slug", () => {
  const entry: ExerciseEntry = {
    number: 1,
    slug: "tiny-thing",
    title: "t",
    section: "s",
    files: ["tiny.ts"],
    entry: "tiny",
    hints: [],
    points: { pass: 1, silver: 0, gold: 0 },
    speed: { kind: "none", why: "w" },
    baseline: { kind: "module", exportName: "slow", label: "l" },
    judgeData: ["key.ts"],
    baselineSources: ["k.as.ts"],
  };
  const [tiny] = createCatalogue([entry]);
  assertEquals(tiny?.dir, "01_tiny_thing", "dir");
  assertEquals(tiny?.check, "checks/01_tiny_thing/check.ts", "check");
  assertEquals(
    tiny?.baseline?.kind === "module" ? tiny.baseline.module : "",
    "checks/01_tiny_thing/baseline.ts",
    "baseline module",
  );
  assertEquals(tiny?.judgeData, ["checks/01_tiny_thing/key.ts"], "judge data");
  assertEquals(tiny?.baselineSources, ["checks/01_tiny_thing/k.as.ts"], "baseline sources");
  assertEquals(tiny?.available, true, "available by default");
  for (
    const [entries, part] of [
      [[{ ...entry, number: 2 }], "numbered 2"],
      [[entry, { ...entry, number: 2 }], 'slug "tiny-thing" is used twice'],
      [[{ ...entry, slug: "Tiny_Thing" }], "not lowercase words"],
      [[{ ...entry, files: [] }], "lists no files"],
    ] as const
  ) {
    let message = "";
    try {
      createCatalogue(entries);
    } catch (thrown) {
      message = (thrown as Error).message;
    }
    assert(message.includes(part), `expected "${part}", got "${message}"`);
  }
});

Deno.test("unknownExercise() takes its range from the catalogue", () => {
  assert(
    unknownExercise("99").includes(`from 1 to ${CATALOGUE.length} `),
    unknownExercise("99"),
  );
});

Deno.test("unknownExercise() answers a misspelt slug with the closest exercise, and only then", () => {
  const cases: [string, string | null][] = [
    ["velocty", "did you mean 2 (velocity)?"],
    ["slow_series", "did you mean 1 (slow-series)?"],
    ["Kempnr", "did you mean 10 (kempner)?"],
    ["worker-pol", "did you mean 5 (worker-pool)?"],
    ["99", null],
    ["wasm", null],
    ["nope", null],
  ];
  for (const [key, expected] of cases) {
    const message = unknownExercise(key);
    assert(message.startsWith(`Cannot find exercise "${key}": `), message);
    if (expected === null) assert(!message.includes("did you mean"), `${key}: ${message}`);
    else assert(message.includes(expected), `${key}: ${message}`);
  }
});
