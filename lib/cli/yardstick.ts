/**
 * `deno task yardstick [--recorded] [--only ID,…] [--write]`: the workbook's
 * code beside C (`cc -O3 -march=native`) and Rust (`rustc -C opt-level=3
 * -C target-cpu=native`) on the same algorithms, measured in one run.
 *
 * Exit status: 0 printed, 1 a program failed to build or run, 2 a usage error.
 *
 * @module
 */
import { parseOptions, runMain, UsageError } from "./args.ts";
import {
  measure,
  readRecorded,
  type Recorded,
  RECORDED_PATH,
  recordedRows,
  ROUNDS,
} from "../learner/yardstick/yardstick.ts";
import { PROBLEMS } from "../learner/yardstick/problems.ts";
import { absentNote, formatSums, formatTable, type Row } from "../learner/yardstick/table.ts";
import { describeMachine } from "../check/machine.ts";

const USAGE = `Usage: deno task yardstick [options]

  --recorded    print the figures recorded on the development machine, measure nothing
  --only IDS    only these rows (comma-separated): ${PROBLEMS.map((p) => p.id).join(", ")}
  --n N         every row at size N (a quick look; the recorded figures hold
                for the default sizes only)
  --rounds R    rounds per row (default ${ROUNDS})
  --write       record this run's figures in data/yardstick.json (maintainers)
  -h, --help    this text

  Builds the C and Rust programs of yardstick/ (where cc and rustc are on PATH),
  runs them and the workbook's code (the references, or your code in the student
  copy) on the same problem, warmed, and prints the medians side by side with the
  ratio of the workbook's time to the fastest compiled one. Each row runs in
  rounds, C, Rust and the workbook's code back to back in each; the ratio is the
  median of the rounds' ratios, so that load which comes and goes slows the
  three sides of a round alike. Where a compiler is
  missing, its column shows the recorded figures, marked *. Run it on a quiet
  machine: the load average is printed before and after.`;

function loadAverage(): string {
  try {
    return Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3).join(" ");
  } catch {
    return "unknown";
  }
}

function machineLine(): string {
  const m = describeMachine();
  return `${m.cpu}, ${m.cores} cores, ${m.os}, Deno ${m.deno}`;
}

function toRecorded(
  rows: Row[],
  ids: string[],
  load: string,
  compilers: Record<string, string>,
): Recorded {
  const out: Recorded = {
    measured: new Date().toISOString(),
    machine: machineLine(),
    loadAverage: load,
    compilers: compilers as Recorded["compilers"],
    rows: {},
  };
  rows.forEach((row, i) => {
    const cell = (c: { ms: number | null; sum: number | null }) => ({
      ms: c.ms ?? NaN,
      sum: c.sum ?? NaN,
    });
    out.rows[ids[i] as string] = {
      c: cell(row.c),
      rust: cell(row.rust),
      reference: cell(row.reference),
      ...(row.ratio !== undefined ? { ratio: row.ratio } : {}),
    };
  });
  return out;
}

async function version(program: string): Promise<string> {
  try {
    const out = await new Deno.Command(program, {
      args: ["--version"],
      stdout: "piped",
      stderr: "null",
    }).output();
    return new TextDecoder().decode(out.stdout).split("\n")[0] ?? program;
  } catch {
    return "absent";
  }
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    recorded: { type: "boolean", default: false },
    only: { type: "string" },
    n: { type: "string" },
    rounds: { type: "string" },
    write: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length > 0) {
    throw new UsageError(`yardstick takes no argument: got ${positionals.join(", ")}`);
  }
  const only = values.only?.split(",").map((s) => s.trim()).filter((s) => s !== "");
  for (const id of only ?? []) {
    if (!PROBLEMS.some((p) => p.id === id)) {
      throw new UsageError(`--only: no row ${id} (rows: ${PROBLEMS.map((p) => p.id).join(", ")})`);
    }
  }
  let recorded: Recorded | null = null;
  try {
    recorded = await readRecorded();
  } catch (thrown) {
    console.error(`(no recorded figures: ${(thrown as Error).message.split("\n")[0]})`);
  }
  if (values.recorded) {
    if (recorded === null) return 1;
    console.log(
      `Recorded on ${recorded.machine}, ${
        recorded.measured.slice(0, 10)
      }, load average ${recorded.loadAverage} (medians, warmed, n = 10^8 unless said; ratio: the median of the rounds' ratios where recorded):\n`,
    );
    console.log(formatTable(recordedRows(recorded)));
    return 0;
  }
  const before = loadAverage();
  console.log(`Machine: ${machineLine()}; load average before: ${before}`);
  let n: number | undefined;
  if (values.n !== undefined) {
    n = Number(values.n);
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new UsageError(`--n: a positive integer, got ${values.n}`);
    }
    if (values.write) throw new UsageError("--write records the default sizes: drop --n");
  }
  let rounds: number | undefined;
  if (values.rounds !== undefined) {
    rounds = Number(values.rounds);
    if (!Number.isSafeInteger(rounds) || rounds < 1) {
      throw new UsageError(`--rounds: a positive integer, got ${values.rounds}`);
    }
  }
  const { rows, compilers } = await measure(recorded, {
    ...(only ? { only } : {}),
    ...(n !== undefined ? { n } : {}),
    ...(rounds !== undefined ? { rounds } : {}),
  });
  const after = loadAverage();
  const absent = (["c", "rust"] as const).filter((l) => compilers[l] === null);
  console.log("");
  // The student copy has no solutions/: the column then times the learner's code.
  const yours = rows.some((row) => row.reference.owner === "yours");
  console.log(formatTable(rows, yours ? "yours (no references here)" : "reference"));
  console.log("");
  console.log(formatSums(rows));
  console.log("");
  console.log(
    `Load average after: ${after}. Medians of warmed runs, in this process and in the programs;` +
      ` the ratio is the median of each round's ratio (C, Rust and the workbook's code back to back).`,
  );
  const spreads = rows.filter((row) => row.roundRatios !== undefined).map((row) => {
    const ratios = row.roundRatios as number[];
    return `  ${row.problem}: ${Math.min(...ratios).toFixed(2)}–${
      Math.max(...ratios).toFixed(2)
    }× over ${ratios.length} rounds`;
  });
  if (spreads.length > 0) console.log(["Same-round ratios:", ...spreads].join("\n"));
  const note = absentNote(absent, recorded);
  if (note !== null) console.log(note);
  if (values.write) {
    const ids = PROBLEMS.filter((p) => !only || only.includes(p.id)).map((p) => p.id);
    const data = toRecorded(rows, ids, `${before} / ${after}`, {
      c: await version("cc"),
      rust: await version("rustc"),
    });
    if (recorded !== null && only) data.rows = { ...recorded.rows, ...data.rows };
    await Deno.writeTextFile(RECORDED_PATH, JSON.stringify(data, null, 2) + "\n");
    console.log(`Wrote ${RECORDED_PATH}`);
  }
  return 0;
}

if (import.meta.main) await runMain("yardstick", () => main(Deno.args));
