/**
 * The learner's progress: what each check of their own code found, kept in
 * `.workbook/progress.json` (git ignores `.workbook/`). `deno task check` records
 * every result; `status`, `watch`, `compare` and `report` read it.
 *
 * The file is written through a temporary file and a rename, so a reader never
 * sees half of it. A file that cannot be read is reported in one line and
 * treated as empty; before it is replaced, it is kept aside, never overwritten.
 *
 * @module
 */
import { CATALOGUE, type Exercise } from "../exercise/catalogue.ts";
import { fileStamp, writeAtomically } from "../cli/args.ts";
import { REPO_ROOT, type Source } from "../exercise/paths.ts";
import type { CheckResult, SpeedupStats, Tier } from "../check/types.ts";
import { overallTier, TIERS } from "../check/verdict.ts";

export const PROGRESS_SCHEMA = "workbook-progress/1";
/** Where the learner's state lives (git ignores it). */
export const STATE_DIR = `${REPO_ROOT}/.workbook`;
export const PROGRESS_FILE = `${STATE_DIR}/progress.json`;

/** One point of a scaling curve (the shape of a row of `lib/learner/scaling.ts`'s tables). */
export interface ScalingPoint {
  /** Workers. */
  threads: number;
  /** Median time of one call, ms. */
  ms: number;
  /** Time on one Worker ÷ time on `threads`. */
  speedup: number;
  /** The best speed-up possible here: min(threads, cores). */
  ideal: number;
}

/** A scaling curve as measured on one machine. */
export interface ScalingRecord {
  at: string;
  cores: number;
  /** The benchmark size, in words. */
  size: string;
  rows: ScalingPoint[];
}

/** The latest check of the learner's code. */
export interface LastCheck {
  /** ISO time. */
  at: string;
  status: CheckResult["status"];
  quick: boolean;
  summary: string;
  seed: number;
  tests: { passed: number; total: number };
  /** The tier the check earned (the lowest of its measured speed parts), or null. */
  tier: Tier | null;
  /** The main speed part's per-pair speed-ups, or null. */
  speedup: SpeedupStats | null;
}

/** One measured speed part of a check. */
export interface SpeedPart {
  speedup: SpeedupStats;
  tier: Tier | null;
  /** The speed-up each tier needed on the machine that ran the check. */
  tiers: Record<Tier, number> | null;
}

/** A check in which the speed was measured. */
export interface MeasuredCheck extends SpeedPart {
  at: string;
  seed: number;
  baselineMs: number | null;
  candidateMs: number | null;
  pairs: number;
  size: string;
  /** The tier the whole check earned: the lowest of its measured parts. */
  overallTier: Tier | null;
  /** The second, parallel part (own code on Workers against one), where the exercise has one. */
  parallel: SpeedPart | null;
}

export interface ExerciseProgress {
  number: number;
  /** How many checks of the learner's code were recorded. */
  checks: number;
  /** True once a full check (not `--quick`) passed. */
  passed: boolean;
  firstPassedAt: string | null;
  last: LastCheck;
  /** The measured check with the highest median speed-up (main part), or null. */
  best: MeasuredCheck | null;
  /** Workers against speed-up, for parallel exercises (see `recordScaling`). */
  scaling?: ScalingRecord;
}

export interface ProgressState {
  schema: typeof PROGRESS_SCHEMA;
  /** By slug: numbers may move when exercises are added, slugs do not. */
  exercises: Record<string, ExerciseProgress>;
}

export function emptyProgress(): ProgressState {
  return { schema: PROGRESS_SCHEMA, exercises: {} };
}

export interface StateFileOptions {
  /** The state file (default: `.workbook/progress.json`; tests use another). */
  file?: string;
}

/** The state, and why the file on disk could not be used (null when it could, or is absent). */
export interface LoadedProgress {
  state: ProgressState;
  problem: string | null;
}

/** Reads the state file; never throws. */
export async function loadProgress(file = PROGRESS_FILE): Promise<LoadedProgress> {
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (thrown) {
    if (thrown instanceof Deno.errors.NotFound) return { state: emptyProgress(), problem: null };
    return { state: emptyProgress(), problem: `cannot read it (${(thrown as Error).message})` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { state: emptyProgress(), problem: "it is not valid JSON" };
  }
  const state = asProgress(parsed);
  if (state === null) {
    return { state: emptyProgress(), problem: `it is not a ${PROGRESS_SCHEMA} document` };
  }
  return { state, problem: null };
}

/**
 * The progress state, for a command that only reads it. A file that cannot be
 * used gives one line on stderr and counts as empty.
 */
export async function readProgress(file = PROGRESS_FILE): Promise<ProgressState> {
  const { state, problem } = await loadProgress(file);
  if (problem !== null) {
    console.error(`Warning: ignoring ${shownState(file)}: ${problem}; treating it as empty`);
  }
  return state;
}

/** Writes the state atomically. */
export async function writeProgress(state: ProgressState, file = PROGRESS_FILE): Promise<void> {
  await writeAtomically(file, JSON.stringify(state, null, 2) + "\n");
}

/** The state after one more check of the learner's code (pure: `state` is not changed). */
export function withResult(state: ProgressState, result: CheckResult): ProgressState {
  const slug = result.exercise.slug;
  const previous = state.exercises[slug];
  const at = new Date().toISOString();
  const perf = result.performance;
  const passedNow = result.status === "pass" && !result.quick;
  let best = previous?.best ?? null;
  if (perf?.speedup && (best === null || perf.speedup.median > best.speedup.median)) {
    const parallel = result.parallel;
    best = {
      at,
      seed: result.seed,
      speedup: perf.speedup,
      baselineMs: perf.baselineMs,
      candidateMs: perf.candidateMs,
      tier: perf.tier,
      tiers: perf.tiers,
      pairs: perf.pairs,
      size: perf.size,
      overallTier: overallTier(result),
      parallel: parallel?.speedup
        ? { speedup: parallel.speedup, tier: parallel.tier, tiers: parallel.tiers }
        : null,
    };
  }
  const entry: ExerciseProgress = {
    number: result.exercise.number,
    checks: (previous?.checks ?? 0) + 1,
    passed: (previous?.passed ?? false) || passedNow,
    firstPassedAt: previous?.firstPassedAt ?? (passedNow ? at : null),
    last: {
      at,
      status: result.status,
      quick: result.quick,
      summary: result.summary,
      seed: result.seed,
      tests: {
        passed: result.tests.filter((t) => t.status === "pass").length,
        total: result.tests.length,
      },
      tier: overallTier(result),
      speedup: perf?.speedup ?? null,
    },
    best,
    ...(previous?.scaling === undefined ? {} : { scaling: previous.scaling }),
  };
  return { ...state, exercises: { ...state.exercises, [slug]: entry } };
}

/**
 * Records a check of the learner's own code (`source` is `exercises/`); checks
 * of the reference or of another folder are not the learner's progress and are
 * ignored. Never throws: a state that cannot be written costs a warning, not the check.
 */
export async function recordResult(
  result: CheckResult,
  source: Source,
  options: StateFileOptions = {},
): Promise<void> {
  const file = options.file ?? PROGRESS_FILE;
  if (source.kind !== "exercises") return;
  try {
    const { state, problem } = await loadProgress(file);
    if (problem !== null) {
      const kept = `${file}.unreadable-${fileStamp(new Date())}`;
      await Deno.rename(file, kept);
      console.error(
        `Warning: ${shownState(file)} was unreadable (${problem}): kept as ${
          shownState(kept)
        }, starting afresh`,
      );
    }
    await writeProgress(withResult(state, result), file);
  } catch (thrown) {
    console.error(
      `Warning: cannot record this result in ${shownState(file)}: ${(thrown as Error).message}`,
    );
  }
}

/**
 * Records a scaling curve of the learner's code for `exercise` (its latest one
 * replaces the one before). Only for an exercise already checked: the curve
 * belongs beside a check's result. Never throws; a failure costs a warning.
 *
 * @returns Whether it was recorded.
 */
export async function recordScaling(
  exercise: Exercise,
  table: { cores: number; size: string; rows: readonly ScalingPoint[] },
  options: StateFileOptions = {},
): Promise<boolean> {
  const file = options.file ?? PROGRESS_FILE;
  try {
    const { state, problem } = await loadProgress(file);
    const entry = state.exercises[exercise.slug];
    if (problem !== null || entry === undefined) return false;
    const scaling: ScalingRecord = {
      at: new Date().toISOString(),
      cores: table.cores,
      size: table.size,
      rows: table.rows.map(({ threads, ms, speedup, ideal }) => ({ threads, ms, speedup, ideal })),
    };
    const exercises = { ...state.exercises, [exercise.slug]: { ...entry, scaling } };
    await writeProgress({ ...state, exercises }, file);
    return true;
  } catch (thrown) {
    console.error(
      `Warning: cannot record the scaling table in ${shownState(file)}: ${
        (thrown as Error).message
      }`,
    );
    return false;
  }
}

/** The first available exercise, in course order, that has not passed yet. */
export function firstNotPassed(state: ProgressState): Exercise | undefined {
  return CATALOGUE.find((e) => e.available && state.exercises[e.slug]?.passed !== true);
}

function shownState(file: string): string {
  return file.startsWith(REPO_ROOT + "/") ? file.slice(REPO_ROOT.length + 1) : file;
}

// ---- Reading a state file defensively: anything odd is dropped, not trusted.

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function isTier(value: unknown): value is Tier {
  return typeof value === "string" && (TIERS as readonly string[]).includes(value);
}

function isStats(value: unknown): value is SpeedupStats {
  return isRecord(value) && isNumber(value.median) && isNumber(value.min) && isNumber(value.max);
}

function isTiers(value: unknown): value is Record<Tier, number> {
  return isRecord(value) && TIERS.every((t) => isNumber(value[t]));
}

function isLast(value: unknown): value is LastCheck {
  return isRecord(value) && typeof value.at === "string" &&
    ["pass", "fail", "error", "inconclusive"].includes(value.status as string) &&
    typeof value.quick === "boolean" && typeof value.summary === "string" &&
    isNumber(value.seed) && isRecord(value.tests) && isNumber(value.tests.passed) &&
    isNumber(value.tests.total) && (value.tier === null || isTier(value.tier)) &&
    (value.speedup === null || isStats(value.speedup));
}

function isPart(value: Record<string, unknown>): boolean {
  return isStats(value.speedup) &&
    (value.tier === null || isTier(value.tier)) && (value.tiers === null || isTiers(value.tiers));
}

function isMeasured(value: unknown): value is MeasuredCheck {
  if (!isRecord(value) || !isPart(value) || typeof value.at !== "string") return false;
  // Written before checks had a second, parallel part: one part, its tier the overall one.
  value.overallTier ??= value.tier;
  value.parallel ??= null;
  return (value.overallTier === null || isTier(value.overallTier)) &&
    (value.parallel === null || (isRecord(value.parallel) && isPart(value.parallel)));
}

function isScaling(value: unknown): value is ScalingRecord {
  return isRecord(value) && typeof value.at === "string" && isNumber(value.cores) &&
    typeof value.size === "string" && Array.isArray(value.rows) &&
    value.rows.every((p) =>
      isRecord(p) && isNumber(p.threads) && isNumber(p.ms) && isNumber(p.speedup) &&
      isNumber(p.ideal)
    );
}

function isEntry(value: unknown): value is ExerciseProgress {
  return isRecord(value) && isNumber(value.number) && isNumber(value.checks) &&
    typeof value.passed === "boolean" &&
    (value.firstPassedAt === null || typeof value.firstPassedAt === "string") &&
    isLast(value.last) && (value.best === null || isMeasured(value.best)) &&
    (value.scaling === undefined || isScaling(value.scaling));
}

/** `value` as a progress state, or null when it is not one. */
function asProgress(value: unknown): ProgressState | null {
  if (!isRecord(value) || value.schema !== PROGRESS_SCHEMA || !isRecord(value.exercises)) {
    return null;
  }
  const exercises: Record<string, ExerciseProgress> = {};
  for (const [slug, entry] of Object.entries(value.exercises)) {
    if (!isEntry(entry)) return null;
    exercises[slug] = entry;
  }
  return { schema: PROGRESS_SCHEMA, exercises };
}
