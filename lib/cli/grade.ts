/**
 * `deno task grade --out DIR [options] SUBMISSION...`: grades a class's
 * submissions (folders, .zip or .tar.gz) in the sandbox and writes the
 * gradebook, the reports and the platform formats (see lib/grade/formats/outputs.ts).
 *
 * Exit status: 0 when every submission was graded or reported as not gradable,
 * 2 on a usage error.
 *
 * @module
 */
import { CATALOGUE, type Exercise } from "../exercise/catalogue.ts";
import { parseOptions, runMain, seedOption, UsageError } from "./args.ts";
import {
  DEFAULT_EXERCISE_TIME_LIMIT_S,
  DEFAULT_MEMORY_MB,
  gradeClass,
  type GradeEvent,
} from "../grade/grade.ts";
import { earlierSeed } from "../grade/formats/outputs.ts";
import { exerciseColumn, type StudentGrade, terminalSafe } from "../grade/result.ts";
import { invocationDir } from "../exercise/paths.ts";
import { paint } from "../report/style.ts";
import { readRoster, RosterError } from "../grade/roster.ts";
import { writeExports } from "../grade/formats/exports.ts";
import {
  parseShard,
  selectShard,
  ShardError,
  type ShardSpec,
  writeShardRecord,
} from "../grade/shard.ts";
import { mergeParts } from "../grade/merge.ts";

const USAGE = `Usage: deno task -q grade --out DIR [options] [--] SUBMISSION...
       deno task -q grade --merge OUT [--roster FILE] [--leaderboard] PART...

  SUBMISSION          a student's folder (a copy of the workbook, or its exercises/),
                      or a .zip / .tar.gz of one; the student id is its name.
                      Put the submissions after -- when a name may start with -,
                      and run deno task -q grade: deno itself echoes the command
                      line, submission names and their escape sequences included
  --out DIR           where the gradebook and the reports go
  --exercises LIST    which exercises, e.g. 1,2,6 (default: every available one)
  --jobs J            submissions checked for correctness at once (default 1);
                      timing always runs alone
  --seed S            the hidden inputs (default: random, recorded in the gradebook)
  --resume            keep what DIR holds: a submission graded there before (same
                      path, same content, same seed) keeps its exercises, only those
                      it lacks are graded; other students' rows stay in the gradebook
  --regrade           with --resume: grade the --exercises named again, and merge
  --deadline S        seconds each submission may take in all (Gradescope's limit):
                      its results are written before then, exercises not reached
                      are marked "not-reached"
  --memory MB         memory limit of a submission's runner (default ${DEFAULT_MEMORY_MB})
  --time-limit S      wall-clock limit per exercise (default ${DEFAULT_EXERCISE_TIME_LIMIT_S})
  --allow-import SPEC an npm:/jsr:/https: import submissions may use (repeatable)
  --roster FILE       the class list (CSV: Canvas's gradebook export, Moodle's grading
                      worksheet, or id,name,email): matches submissions to students,
                      lists who is missing, and writes canvas.csv / moodle.csv
  --leaderboard       add the speed-ups to Gradescope's leaderboard (results.json)
  --shard I/N         grade only the I-th of N parts of the class (give every part the
                      same SUBMISSION list and --seed); writes DIR/shard.json
  --merge OUT         combine the parts' output folders (PART...) into one gradebook
  -h, --help          this text`;

/** Parses the exercise list: numbers or slugs, available ones only. */
function exercisesOption(value: string | undefined): Exercise[] {
  if (value === undefined) return CATALOGUE.filter((e) => e.available);
  const chosen: Exercise[] = [];
  for (const key of value.split(",").map((k) => k.trim()).filter((k) => k !== "")) {
    const exercise = CATALOGUE.find((e) => String(e.number) === key || e.slug === key);
    if (exercise === undefined) throw new UsageError(`Cannot find exercise "${key}" (--exercises)`);
    if (!exercise.available) {
      throw new UsageError(
        `Cannot grade exercise ${exercise.number} (${exercise.slug}): not available yet`,
      );
    }
    if (!chosen.includes(exercise)) chosen.push(exercise);
  }
  if (chosen.length === 0) throw new UsageError("Name at least one exercise with --exercises");
  return chosen.sort((a, b) => a.number - b.number);
}

function positiveInteger(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) {
    throw new UsageError(`Cannot use --${name} ${value}: give a positive integer`);
  }
  return n;
}

function absolute(path: string): string {
  return path.startsWith("/") ? path : `${invocationDir()}/${path}`;
}

/** "3 min", "45 s", "1 h 20 min": a duration as a person plans by. */
export function roughDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 90) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 90) return `${min} min`;
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}

/**
 * The time left, from the exercises graded so far in this run (resumed ones
 * cost nothing and are not counted): their mean time times those left, shared
 * among the jobs. Null until one exercise is done.
 */
export function estimateLeftMs(
  gradedMs: number,
  graded: number,
  left: number,
  jobs: number,
): number | null {
  if (graded === 0) return left === 0 ? 0 : null;
  return (gradedMs / graded) * left / Math.max(1, jobs);
}

/** A one-line progress bar on a terminal; a line per student elsewhere; both with the time left. */
function progressPrinter(exercises: number, jobs: number) {
  const terminal = Deno.stderr.isTerminal();
  const started = performance.now();
  let total = 0;
  let done = 0;
  let graded = 0;
  let students = 0;
  let finished = 0;
  const left = () => {
    const ms = estimateLeftMs(performance.now() - started, graded, total - done, jobs);
    return ms === null ? "estimating the time left" : `~${roughDuration(ms)} left`;
  };
  const bar = (current: string) => {
    const width = 30;
    const filled = total === 0 ? 0 : Math.round((done / total) * width);
    const line = `[${"█".repeat(filled)}${
      "░".repeat(width - filled)
    }] ${done}/${total} exercises · ${finished}/${students} students · ${left()} · ${current}`;
    Deno.stderr.writeSync(new TextEncoder().encode(`\r\x1b[2K${line.slice(0, 150)}`));
  };
  return (event: GradeEvent) => {
    switch (event.kind) {
      case "start":
        students = event.students.length;
        total = students * exercises;
        if (terminal) bar("starting");
        return;
      case "exercise":
        done++;
        graded++;
        if (terminal) {
          bar(`${event.student}: ${exerciseColumn(event.grade)} ${event.grade.status}`);
        }
        return;
      case "student": {
        finished++;
        // A student counts for the exercises asked for, whatever was kept from before.
        const counted = event.grade.exercises.length;
        done += Math.max(0, exercises - Math.min(exercises, counted)) +
          (event.resumed ? Math.min(exercises, counted) : 0);
        const g = event.grade;
        const text = terminalSafe(
          `${g.student}: ${g.total} of ${g.maxTotal} points${
            (g.bonus ?? 0) > 0 ? ` + ${g.bonus} extra credit` : ""
          }${event.resumed ? " (from an earlier run)" : ""}${
            g.problem === null ? "" : ` — ${g.problem}`
          }`,
        );
        if (terminal) {
          Deno.stderr.writeSync(new TextEncoder().encode("\r\x1b[2K"));
          console.error(text);
          bar("");
        } else {
          console.error(`${text} · ${finished}/${students} students · ${left()}`);
        }
        return;
      }
    }
  };
}

/** The summary table: a row per student, a column of points per exercise. */
function summaryTable(grades: readonly StudentGrade[], exercises: readonly Exercise[]): string[] {
  const head = [
    "student",
    ...exercises.map((e) => String(e.number).padStart(2, "0")),
    "total",
    "status",
  ];
  const rows = grades.map((g) => [
    terminalSafe(g.student),
    ...g.exercises.map((e) => {
      // Inconclusive is not graded (a busy machine, or one core for a parallel part): not a fail.
      const mark = e.status === "pass"
        ? "✓"
        : e.status === "not-reached"
        ? "–"
        : e.status === "inconclusive"
        ? "?"
        : "✗";
      return `${mark}${e.points}${(e.bonus ?? 0) > 0 ? `+${e.bonus}` : ""}`;
    }),
    `${g.total}/${g.maxTotal}${(g.bonus ?? 0) > 0 ? ` +${g.bonus}` : ""}`,
    g.status === "graded" ? "graded" : g.status === "incomplete" ? "incomplete" : "not graded",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => c.padEnd(widths[i] as number)).join("  ").trimEnd();
  return [paint("bold", line(head)), ...rows.map(line), ...ungradedReasons(grades)];
}

/**
 * One line per distinct reason an exercise was left ungraded (`?`): a parallel
 * part with one usable core says how to fix it (give the grader ≥ 2 CPUs).
 */
function ungradedReasons(grades: readonly StudentGrade[]): string[] {
  const reasons = new Set<string>();
  for (const e of grades.flatMap((g) => g.exercises)) {
    if (e.status !== "inconclusive") continue;
    for (const part of [e.performance, e.parallel]) {
      if (part?.status === "inconclusive") reasons.add(terminalSafe(part.reason));
    }
  }
  return [...reasons].map((reason) => `? not graded: ${reason}`);
}

/**
 * Refuses an option that is also the name of a file or folder here: a class
 * folder may hold a submission called `--time-limit=1`, and `grade *` would
 * otherwise take it as an option. After `--` nothing is an option.
 */
async function refuseAmbiguous(args: readonly string[]): Promise<void> {
  for (const arg of args) {
    if (arg === "--") return;
    if (!arg.startsWith("-")) continue;
    try {
      await Deno.lstat(absolute(arg));
    } catch {
      continue;
    }
    throw new UsageError(
      `Cannot tell whether ${
        JSON.stringify(terminalSafe(arg))
      } is an option or a submission (a file of that name is here): put the submissions after --, or name it ./${
        terminalSafe(arg)
      }`,
    );
  }
}

/** Exit status after Ctrl-C, as shells report a process ended by SIGINT. */
const INTERRUPTED_EXIT = 130;

async function main(args: string[]): Promise<number> {
  await refuseAmbiguous(args);
  const { values, positionals } = parseOptions(args, {
    out: { type: "string" },
    exercises: { type: "string" },
    jobs: { type: "string" },
    seed: { type: "string" },
    resume: { type: "boolean", default: false },
    regrade: { type: "boolean", default: false },
    deadline: { type: "string" },
    memory: { type: "string" },
    "time-limit": { type: "string" },
    "allow-import": { type: "string", multiple: true },
    roster: { type: "string" },
    leaderboard: { type: "boolean", default: false },
    shard: { type: "string" },
    merge: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  // A roster or shard problem is the caller's to fix: said as a usage error (exit 2).
  const asUsage = (thrown: unknown): never => {
    throw thrown instanceof ShardError || thrown instanceof RosterError
      ? new UsageError(thrown.message)
      : thrown;
  };
  if (values.merge !== undefined) {
    const roster = values.roster === undefined
      ? null
      : await readRoster(absolute(values.roster)).catch(asUsage);
    const outDir = absolute(values.merge);
    const merged = await mergeParts(outDir, positionals.map(absolute)).catch(asUsage);
    const exported = await writeExports(outDir, merged.grades, {
      roster,
      leaderboard: values.leaderboard,
    });
    const numbers = merged.grades[0]?.exercises.map((e) => e.number) ?? [];
    const table = summaryTable(merged.grades, CATALOGUE.filter((e) => numbers.includes(e.number)));
    for (const line of [...merged.notes, ...table, ...exported]) console.log(line);
    console.log(`\nMerged ${positionals.length} part(s) into ${outDir}`);
    return 0;
  }
  if (values.out === undefined) throw new UsageError("Name the output folder with --out DIR");
  if (positionals.length === 0) throw new UsageError("Name at least one submission to grade");
  if (values.regrade && !values.resume) {
    throw new UsageError("Use --regrade with --resume (it re-grades into an existing DIR)");
  }
  const outDir = absolute(values.out);
  const exercises = exercisesOption(values.exercises);
  const earlier = values.resume ? await earlierSeed(outDir) : null;
  const seed = values.seed === undefined
    ? earlier ?? seedOption(undefined)
    : seedOption(values.seed);
  if (earlier !== null && seed !== earlier) {
    throw new UsageError(
      `Cannot resume with --seed ${seed}: ${values.out} was graded with seed ${earlier}`,
    );
  }
  const jobs = positiveInteger(values.jobs, "jobs", 1);
  const deadline = values.deadline === undefined
    ? undefined
    : positiveInteger(values.deadline, "deadline", 0);
  let shard: ShardSpec | null = null;
  try {
    shard = values.shard === undefined ? null : parseShard(values.shard);
  } catch (thrown) {
    asUsage(thrown);
  }
  if (shard !== null && values.seed === undefined && earlier === null) {
    throw new UsageError(
      "Give --seed S with --shard: every shard must grade the same hidden inputs",
    );
  }
  const classPaths = positionals.map(absolute);
  const submissions = shard === null ? classPaths : await selectShard(classPaths, shard);
  // Paths that do not exist, each in one line before anything starts; they get a row at 0.
  for (const path of submissions) {
    try {
      await Deno.stat(path);
    } catch {
      console.error(`${terminalSafe(path)} does not exist: it gets a row at 0, the rest goes on`);
    }
  }
  // Read before grading: a roster that does not parse is said now, not after hours of grading.
  const roster = values.roster === undefined
    ? null
    : await readRoster(absolute(values.roster)).catch(asUsage);
  const onEvent = progressPrinter(exercises.length, jobs);
  console.error(
    `Grading ${submissions.length} submission(s)${
      shard === null ? "" : ` (shard ${shard.index}/${shard.count} of ${classPaths.length})`
    }, exercises ${exercises.map((e) => e.number).join(",")}, seed ${seed}, ${jobs} at a time${
      deadline === undefined ? "" : `, ${deadline} s each`
    }`,
  );
  // Ctrl-C: the runners are stopped, the unpacked code removed, what is done stays
  // written (resumable); a second Ctrl-C ends at once.
  const interrupt = new AbortController();
  const onSigint = () => {
    if (interrupt.signal.aborted) Deno.exit(INTERRUPTED_EXIT);
    console.error(
      "\nInterrupted: stopping, removing the unpacked submissions (Ctrl-C again to quit now)",
    );
    interrupt.abort("interrupted (Ctrl-C)");
  };
  Deno.addSignalListener("SIGINT", onSigint);
  let grades: StudentGrade[];
  try {
    grades = await gradeClass({
      outDir,
      submissions,
      exercises,
      seed,
      jobs,
      resume: values.resume,
      regrade: values.regrade,
      ...(deadline === undefined ? {} : { deadlineS: deadline }),
      signal: interrupt.signal,
      allowImports: values["allow-import"] ?? [],
      memoryLimitMb: positiveInteger(values.memory, "memory", DEFAULT_MEMORY_MB),
      exerciseTimeLimitS: positiveInteger(
        values["time-limit"],
        "time-limit",
        DEFAULT_EXERCISE_TIME_LIMIT_S,
      ),
      onEvent,
    });
  } finally {
    Deno.removeSignalListener("SIGINT", onSigint);
  }
  if (shard !== null) {
    await writeShardRecord(outDir, shard, classPaths, grades, seed, exercises.map((e) => e.number));
  }
  const exported = await writeExports(outDir, grades, { roster, leaderboard: values.leaderboard });
  console.log();
  for (const line of summaryTable(grades, exercises)) console.log(line);
  for (const line of exported) console.log(line);
  console.log(`\nWritten to ${terminalSafe(outDir)}: gradebook.csv, gradebook.json, students/*/`);
  if (interrupt.signal.aborted) {
    console.error(
      `Interrupted: ${grades.length} of ${submissions.length} submission(s) written; the same command with --resume goes on`,
    );
    return INTERRUPTED_EXIT;
  }
  return 0;
}

if (import.meta.main) await runMain("grade", () => main(Deno.args));
