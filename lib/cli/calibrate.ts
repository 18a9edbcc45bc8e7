/**
 * `deno task calibrate [N...] [--runs R] [--write] [--ship] [--lower-only] [--lock PATH] [--busy] [--readme]`
 *
 * Runs each reference check R times (default 5), one at a time, prints the
 * medians with the tiers in force and the tiers proposed from them (gold ≥ 25%
 * below the lowest median), and with `--write` stores them in
 * data/calibration.json under this machine's fingerprint, where checks on this
 * machine find them. `--ship` also makes them the shipped calibration (the
 * fallback of every other machine; a maintainer's step). `--lower-only` keeps
 * every tier that already sits 25% below the lowest median: it only lowers. `--readme` rewrites
 * README.md's measured table from the shipped calibration, timing nothing.
 *
 * Timing needs the machine to itself: `--lock PATH` holds an exclusive lock on
 * PATH (flock(2), as the `flock` command takes) while the checks run; without
 * it, run nothing else meanwhile.
 *
 * The table also gives the series issue 13 closes on: per exercise, how the runs
 * ended (tier or status, counted), the median timed share of the pairs' wall time
 * and the median duration of one check. `--busy` runs the series beside a busy
 * process of this command's own (one core, a loop), to show that a busy
 * neighbour makes checks inconclusive, never failed; it stores nothing.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { findExercise } from "../exercise/catalogue.ts";
import { REPO_ROOT } from "../exercise/paths.ts";
import { describeMachine } from "../check/machine.ts";
import {
  CALIBRATION_PATH,
  CALIBRATION_SCHEMA,
  type CalibrationFile,
  fingerprint,
  parseCalibration,
} from "../check/speed/calibration.ts";
import {
  calibrateExercise,
  type ExerciseRuns,
  machineEntry,
  readmeTable,
  runsTable,
  timedExercises,
  withReadmeTable,
} from "../maintain/calibrate.ts";
import { UsageError } from "./args.ts";

const USAGE = `Usage: deno task calibrate [N...] [options]

  N...          the exercises to calibrate (default: every one with a speed part)
  --runs R      reference checks per exercise (default 5)
  --write       store the result in data/calibration.json for this machine
  --ship        also make it the shipped calibration (every other machine's fallback)
  --lower-only  propose no tier above the one in force: only lower a bar the margin needs
  --lock PATH   hold an exclusive lock on PATH while timing (e.g. /tmp/workbook-timing.lock)
  --busy        time beside a busy process (one core): the series for a busy neighbour;
                stores nothing
  --readme      rewrite README.md's measured table from the shipped calibration (no timing)
  -h, --help    this text`;

const DEFAULT_RUNS = 5;

function parse(args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        runs: { type: "string", default: String(DEFAULT_RUNS) },
        write: { type: "boolean", default: false },
        ship: { type: "boolean", default: false },
        "lower-only": { type: "boolean", default: false },
        lock: { type: "string" },
        busy: { type: "boolean", default: false },
        readme: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (thrown) {
    throw new UsageError((thrown as Error).message);
  }
  const { values, positionals } = parsed;
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 100) {
    throw new UsageError(`--runs takes a whole number from 1 to 100, got "${values.runs}"`);
  }
  if (values.busy && (values.write || values.ship)) {
    throw new UsageError("--busy measures beside a busy process: it cannot --write or --ship");
  }
  const exercises = positionals.length === 0 ? timedExercises() : positionals.map((key) => {
    const exercise = findExercise(key);
    if (exercise === undefined || exercise.speed.kind === "none") {
      throw new UsageError(`Cannot calibrate "${key}": name an exercise with a speed part`);
    }
    return exercise;
  });
  return { ...values, runs, exercises };
}

async function main(args: string[]): Promise<number> {
  let options;
  try {
    options = parse(args);
  } catch (thrown) {
    if (!(thrown instanceof UsageError)) throw thrown;
    console.error(`calibrate: ${thrown.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const file = parseCalibration(await Deno.readTextFile(CALIBRATION_PATH));
  if (options.readme) {
    const path = `${REPO_ROOT}/README.md`;
    await Deno.writeTextFile(
      path,
      withReadmeTable(await Deno.readTextFile(path), readmeTable(file)),
    );
    console.log("README.md: measured table rewritten from the shipped calibration");
    return 0;
  }
  const lock = options.lock === undefined
    ? undefined
    : await Deno.open(options.lock, { create: true, write: true });
  if (lock !== undefined) {
    console.log(`waiting for the lock on ${options.lock}…`);
    await lock.lock(true);
  }
  const machine = describeMachine();
  const load = () => Deno.loadavg().map((x) => x.toFixed(2)).join(" ");
  // A neighbour that keeps one core busy, for the --busy series; killed at the end.
  const busy = options.busy
    ? new Deno.Command(Deno.execPath(), {
      args: ["eval", "for (;;) {}"],
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn()
    : undefined;
  console.log(
    `Calibrating on ${fingerprint(machine)} · ${options.runs} runs each · load ${load()}${
      busy === undefined ? "" : " · beside a busy process (one core)"
    }`,
  );
  const runs: ExerciseRuns[] = [];
  try {
    for (const exercise of options.exercises) {
      runs.push(
        await calibrateExercise(exercise, options.runs, {
          seed: Date.now() >>> 0,
          lowerOnly: options["lower-only"],
          onRun: (run, result) => {
            const parts = [result.performance, result.parallel, result.stretch ?? null].filter((
              p,
            ) => p !== null).map((p) =>
              p.speedup === null
                ? p.status
                : `${p.speedup.median.toFixed(2)}× ${p.status}${p.tier ? ` ${p.tier}` : ""}`
            );
            console.log(
              `  ${exercise.number} ${exercise.slug} run ${run}/${options.runs}: ${
                parts.join(", ")
              } · ${(result.durationMs / 1000).toFixed(1)} s · load ${load()}`,
            );
          },
        }),
      );
    }
  } finally {
    lock?.close();
    if (busy !== undefined) {
      busy.kill("SIGKILL");
      await busy.status;
    }
  }
  console.log();
  for (const line of runsTable(runs)) console.log(line);
  if (!options.write) {
    console.log(
      "\n(not stored: --write stores this machine's calibration in data/calibration.json)",
    );
    return 0;
  }
  const key = fingerprint(machine);
  const entry = machineEntry(
    runs,
    machine,
    `${options.runs} runs of \`deno task check N --solution\` each, load ${load()} at the end`,
  );
  const previous = file.machines[key];
  // Exercises not calibrated this time keep what this machine had.
  const merged = { ...entry, exercises: { ...previous?.exercises, ...entry.exercises } };
  const next: CalibrationFile = {
    schema: CALIBRATION_SCHEMA,
    shipped: options.ship ? key : file.shipped,
    machines: { ...file.machines, [key]: merged },
  };
  await Deno.writeTextFile(CALIBRATION_PATH, JSON.stringify(next, null, 2) + "\n");
  console.log(`\nStored for "${key}" in data/calibration.json${options.ship ? " (shipped)" : ""}`);
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
