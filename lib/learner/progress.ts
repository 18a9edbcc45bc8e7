/**
 * The learner's progress: what each check of their own code found, kept in
 * `.workbook/progress.json` (git ignores `.workbook/`). `deno task check` records
 * every result; `status`, `watch`, `compare` and `report` read it (where each exercise stands:
 * `standing.ts`).
 *
 * The file is written through a temporary file and a rename, so a reader never
 * sees half of it. A file that cannot be read is reported in one line and
 * treated as empty; before it is replaced, it is kept aside, never overwritten.
 *
 * @module
 */
import type { Exercise } from "../exercise/catalogue.ts";
import { fileStamp, writeAtomically } from "../exercise/files.ts";
import { WORKBOOK_PATHS } from "../exercise/workbook_dir.ts";
import { REPO_ROOT, type Source } from "../exercise/paths.ts";
import type { CheckResult, SpeedupStats, Tier } from "../check/types.ts";
import { overallTier, TIERS } from "../check/verdict.ts";

/** The `schema` of the state file, raised when its shape changes. */
export const PROGRESS_SCHEMA = "workbook-progress/1";
/** Where the learner's state lives (git ignores it). */
export const PROGRESS_FILE: string = WORKBOOK_PATHS.progress;

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
  /** When it was measured (ISO time). */
  at: string;
  /** Cores the process could use. */
  cores: number;
  /** The benchmark size, in words. */
  size: string;
  /** One row per Worker count. */
  rows: ScalingPoint[];
}

/** The latest check of the learner's code. */
export interface LastCheck {
  /** ISO time. */
  at: string;
  /** The check's status. */
  status: CheckResult["status"];
  /** True for a correctness-only check (`--quick`). */
  quick: boolean;
  /** The check's one-line summary. */
  summary: string;
  /** The seed, to repeat it. */
  seed: number;
  /** Hidden tests passed, of those run. */
  tests: { passed: number; total: number };
  /** The tier the check earned (the lowest of its measured speed parts), or null. */
  tier: Tier | null;
  /** The main speed part's per-pair speed-ups, or null. */
  speedup: SpeedupStats | null;
}

/** One measured speed part of a check. */
export interface SpeedPart {
  /** Per-pair speed-ups: median, min, max. */
  speedup: SpeedupStats;
  /** The tier this part reached, or null. */
  tier: Tier | null;
  /** The speed-up each tier needed on the machine that ran the check. */
  tiers: Record<Tier, number> | null;
}

/** A check in which the speed was measured. */
export interface MeasuredCheck extends SpeedPart {
  /** When it ran (ISO time). */
  at: string;
  /** The seed, to repeat it. */
  seed: number;
  /** Median time of the baseline, ms. */
  baselineMs: number | null;
  /** Median time of the learner's code, ms. */
  candidateMs: number | null;
  /** Timed pairs. */
  pairs: number;
  /** The benchmark size. */
  size: string;
  /** The tier the whole check earned: the lowest of its measured parts. */
  overallTier: Tier | null;
  /** The second, parallel part (own code on Workers against one), where the exercise has one. */
  parallel: SpeedPart | null;
}

/** What is known of one exercise: checks, pass, the latest and the best. */
export interface ExerciseProgress {
  /** Its number in the course when last recorded. */
  number: number;
  /** How many checks of the learner's code were recorded. */
  checks: number;
  /** True once a full check (not `--quick`) passed. */
  passed: boolean;
  /** When a full check first passed (ISO time), or null. */
  firstPassedAt: string | null;
  /** The latest check. */
  last: LastCheck;
  /**
   * The best measured check, or null: the highest overall tier (every speed part
   * counts), then the highest median speed-up of the main part.
   */
  best: MeasuredCheck | null;
  /** Every measured check, oldest first (at most `HISTORY_LIMIT`): the learner's path. */
  history?: HistoryPoint[];
  /** Workers against speed-up, for parallel exercises (see `recordScaling`). */
  scaling?: ScalingRecord;
}

/** One measured check, as the report's history draws it. */
export interface HistoryPoint {
  /** When the check ran (ISO time). */
  at: string;
  /** The tier the whole check earned (every speed part), or null. */
  overallTier: Tier | null;
  /** Median speed-up of the main part. */
  speedup: number;
  /** Median speed-up of the parallel part, where there is one. */
  parallel: number | null;
}

/** Measured checks kept per exercise: enough for a path, small enough to read at a glance. */
export const HISTORY_LIMIT = 50;

/** A tier as a rank: no tier below pass below silver below gold. */
function tierRank(tier: Tier | null): number {
  return tier === null ? -1 : TIERS.indexOf(tier);
}

/**
 * Whether `candidate` is a better result than `best`: a higher overall tier
 * first (a check whose parallel part fell short is not better for a faster
 * single thread), then a higher median speed-up of the main part.
 */
export function isBetter(candidate: MeasuredCheck, best: MeasuredCheck | null): boolean {
  if (best === null) return true;
  const byTier = tierRank(candidate.overallTier) - tierRank(best.overallTier);
  if (byTier !== 0) return byTier > 0;
  return candidate.speedup.median > best.speedup.median;
}

/**
 * Written answers handed in where no check can judge them: the student copy has
 * no answer key for the quiz (exercise 11), so its `check` records that the
 * answers were written, for the instructor to grade. Never a pass.
 */
export interface HandIn {
  /** When the answers were last handed in (ISO time). */
  at: string;
  /** The files handed in, as the catalogue names them. */
  files: string[];
}

/** The learner's state file, `.workbook/progress.json`. */
export interface ProgressState {
  /** Which shape the file has. */
  schema: typeof PROGRESS_SCHEMA;
  /** By slug: numbers may move when exercises are added, slugs do not. */
  exercises: Record<string, ExerciseProgress>;
  /** Answers handed in for the instructor to grade, by slug (absent: none). */
  handedIn?: Record<string, HandIn>;
}

/** A state with nothing recorded yet. */
export function emptyProgress(): ProgressState {
  return { schema: PROGRESS_SCHEMA, exercises: {} };
}

/** Where the state file is. */
export interface StateFileOptions {
  /** The state file (default: `.workbook/progress.json`; tests use another). */
  file?: string;
}

/** The state, and why the file on disk could not be used (null when it could, or is absent). */
export interface LoadedProgress {
  /** The state (empty when the file could not be used). */
  state: ProgressState;
  /** Why the file could not be used, or null. */
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
  let history = previous?.history ?? [];
  if (perf?.speedup) {
    const parallel = result.parallel;
    const measured: MeasuredCheck = {
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
    if (isBetter(measured, best)) best = measured;
    history = [...history, {
      at,
      overallTier: measured.overallTier,
      speedup: perf.speedup.median,
      parallel: parallel?.speedup?.median ?? null,
    }].slice(-HISTORY_LIMIT);
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
    ...(history.length === 0 ? {} : { history }),
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

/** `file` relative to the workbook, when inside it (for messages). */
export function shownState(file: string): string {
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

function isHistory(value: unknown): value is HistoryPoint[] {
  return Array.isArray(value) &&
    value.every((p) =>
      isRecord(p) && typeof p.at === "string" &&
      (p.overallTier === null || isTier(p.overallTier)) &&
      isNumber(p.speedup) && (p.parallel === null || isNumber(p.parallel))
    );
}

function isEntry(value: unknown): value is ExerciseProgress {
  return isRecord(value) && isNumber(value.number) && isNumber(value.checks) &&
    typeof value.passed === "boolean" &&
    (value.firstPassedAt === null || typeof value.firstPassedAt === "string") &&
    isLast(value.last) && (value.best === null || isMeasured(value.best)) &&
    (value.scaling === undefined || isScaling(value.scaling)) &&
    (value.history === undefined || isHistory(value.history));
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
  // Hand-ins count for nothing but a row's word: an odd one is dropped, the rest kept.
  const handedIn = Object.entries(isRecord(value.handedIn) ? value.handedIn : {}).filter((
    [, h],
  ) =>
    isRecord(h) && typeof h.at === "string" && Array.isArray(h.files) &&
    h.files.every((f) => typeof f === "string")
  ) as [string, HandIn][];
  return {
    schema: PROGRESS_SCHEMA,
    exercises,
    ...(handedIn.length === 0 ? {} : { handedIn: Object.fromEntries(handedIn) }),
  };
}
