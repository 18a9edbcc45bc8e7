/**
 * `deno task yardstick`: the table's text, the recorded figures standing in
 * where no compiler is on PATH (simulated with an empty PATH), and one C
 * program built and run at a tiny n. No timing is asserted.
 *
 * @module
 */
import {
  absentNote,
  formatSums,
  formatTable,
  type Row,
} from "../../lib/learner/yardstick/table.ts";
import {
  findCompilers,
  measure,
  readRecorded,
  recordedRows,
} from "../../lib/learner/yardstick/yardstick.ts";
import {
  compile,
  findOnPath,
  runProgram,
  sourcePath,
} from "../../lib/learner/yardstick/compiled.ts";
import { PROBLEMS, SIGNED_SERIES_SEED } from "../../lib/learner/yardstick/problems.ts";
import { termSign } from "../../checks/shared/term_sign.ts";
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";

const ROW: Row = {
  problem: "slow series",
  c: { ms: 400, sum: 13.277605949858103, recorded: false },
  rust: { ms: 500, sum: 13.277605949858103, recorded: true },
  reference: { ms: 440, sum: 13.277605949858103, owner: "reference" },
  sameOrder: true,
};

Deno.test("the table: medians, * for recorded figures, the ratio to the best compiled", () => {
  const text = formatTable([ROW, {
    ...ROW,
    problem: "yours",
    reference: { ms: 800, sum: 1, owner: "yours" },
  }, {
    ...ROW,
    problem: "missing",
    reference: { ms: null, sum: null, owner: "yours", missing: "no block_kernel.as.ts" },
  }]);
  const lines = text.split("\n");
  assertEquals(lines.length, 5, "header, rule, three rows");
  assertIncludes(lines[0] as string, "| problem", "the header");
  assertIncludes(lines[0] as string, "ratio to best", "the ratio column");
  assertIncludes(lines[2] as string, "400.0 ms", "C's median");
  assertIncludes(lines[2] as string, "500.0 ms *", "Rust's recorded median, marked");
  assertIncludes(lines[2] as string, "1.10×", "440 / 400");
  assertIncludes(lines[3] as string, "800.0 ms (yours)", "the learner's code, labelled");
  assertIncludes(lines[4] as string, "– (no block_kernel.as.ts)", "what is missing");
  assert(lines.every((l) => l.length === (lines[0] as string).length), "columns padded");
});

Deno.test("the sums: bit for bit, or why not", () => {
  assertIncludes(formatSums([ROW]), "| yes", "equal sums");
  const other = { ...ROW, c: { ...ROW.c, sum: 13.277605949858101 } };
  assertIncludes(formatSums([other]), "NO (same order: a bug)", "same order, other sum");
  assertIncludes(formatSums([{ ...other, sameOrder: false }]), "no (another order", "libm");
});

Deno.test("no compiler on PATH: the recorded figures, marked, and a note that says so", async () => {
  assertEquals(findCompilers(""), { c: null, rust: null }, "an empty PATH has no compiler");
  const recorded = await readRecorded();
  const rows = recordedRows(recorded);
  assertEquals(rows.length, PROBLEMS.length, "every problem is recorded");
  for (const row of rows) assert(row.c.recorded && row.c.ms !== null, `${row.problem}: C`);
  const text = formatTable(rows);
  assertIncludes(text, " *", "recorded figures are marked");
  const note = absentNote(["c", "rust"], recorded) as string;
  assertIncludes(note, "no C compiler (cc) and no rustc on PATH", "what is missing");
  assertIncludes(note, recorded.machine, "where the figures come from");
  assertEquals(absentNote([], recorded), null, "nothing to say with both compilers");

  // measure() with an empty PATH: the compiled cells come from the recorded file;
  // the workbook's code still runs (here at a tiny n, where no recorded figure holds).
  const measured = await measure(recorded, {
    path: "",
    only: ["slow_series_js"],
    n: 1000,
    log: () => {},
  });
  const row = measured.rows[0] as Row;
  assert(row.c.recorded && row.rust.recorded, "marked as recorded");
  assertEquals(row.c.ms, null, "no recorded figure for n = 1000");
  assert(row.reference.ms !== null, "the reference was timed");
});

Deno.test("the --recorded table, from the command with no compiler on PATH", async () => {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "lib/cli/yardstick.ts", "--recorded"],
    cwd: new URL("../..", import.meta.url).pathname,
    env: { PATH: "", NO_COLOR: "1" },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stdout = new TextDecoder().decode(output.stdout);
  assertEquals(output.code, 0, new TextDecoder().decode(output.stderr));
  assertIncludes(stdout, "Recorded on", "says where the figures come from");
  assertIncludes(stdout, "| slow series, integer digit test", "a row");
});

Deno.test("smoke: slow_series.c builds with cc and agrees with JavaScript at n = 1000", async () => {
  const cc = findOnPath("cc");
  if (cc === null) {
    console.log("skipped: no cc on PATH");
    return;
  }
  const dir = await Deno.makeTempDir();
  try {
    const executable = await compile("c", "slow_series", cc, dir);
    const run = await runProgram(executable, 1000, 2);
    assertEquals(run.times.length, 2, "one time per run");
    let expected = 0;
    for (let k = 1; k <= 1000; k++) if (!String(k).includes("9")) expected += 1 / k;
    assertEquals(run.sum, expected, "the same double, bit for bit");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the ratio column: the median of the same-round ratios, where there are some", () => {
  const text = formatTable([{ ...ROW, ratio: 1.234, roundRatios: [1.2, 1.234, 1.3] }]);
  assertIncludes(text, "1.23×", "the rounds' median, not 440 / 400");
  assertIncludes(formatTable([ROW]), "1.10×", "without rounds: the ratio of the medians");
});

Deno.test("rounds: C, Rust and the workbook's code back to back, one ratio per round", async () => {
  if (findOnPath("cc") === null) {
    console.log("skipped: no cc on PATH");
    return;
  }
  const { rows } = await measure(null, {
    only: ["slow_series_js"],
    n: 100_000,
    rounds: 3,
    path: Deno.env.get("PATH") ?? "",
    log: () => {},
  });
  const row = rows[0] as Row;
  assertEquals(row.roundRatios?.length, 3, "one ratio per round");
  const sorted = [...(row.roundRatios as number[])].sort((a, b) => a - b);
  assertEquals(row.ratio, sorted[1], "the median round's");
  assertEquals(row.c.sum, row.reference.sum, "the same sum");
});

Deno.test("exercise 1's row: C and Rust sum the signed series with the problem's seed", async () => {
  const c = Deno.readTextFileSync(sourcePath("c", "slow_series_signed"));
  const rust = Deno.readTextFileSync(sourcePath("rust", "slow_series_signed"));
  assertIncludes(c, `#define SEED ${SIGNED_SERIES_SEED}u`, "C's seed");
  assertIncludes(rust, `const SEED: u32 = ${SIGNED_SERIES_SEED};`, "Rust's seed");
  const cc = findOnPath("cc");
  if (cc === null) {
    console.log("skipped the build: no cc on PATH");
    return;
  }
  const dir = await Deno.makeTempDir();
  try {
    const run = await runProgram(await compile("c", "slow_series_signed", cc, dir), 1000, 1);
    let expected = 0;
    for (let k = 1; k <= 1000; k++) {
      if (!String(k).includes("9")) expected += termSign(SIGNED_SERIES_SEED, k) / k;
    }
    assertEquals(run.sum, expected, "the checks' termSign, bit for bit");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
