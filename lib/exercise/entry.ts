/**
 * What an exercise is: the shape of a catalogue entry, and how an entry's
 * paths follow from its number and slug (`exerciseDir`, `describeExercise`,
 * `createCatalogue`). The entries themselves are in `catalogue.ts`.
 *
 * @module
 */
import type { Tier } from "../check/types.ts";

/** How an exercise's speed is judged. */
export type SpeedRule =
  /** A speed-up over the baseline, the same on any machine (serial code). */
  | { kind: "fixed"; tiers: Record<Tier, number>; why: string }
  /**
   * A parallel speed-up: each tier is an efficiency, and the speed-up required is
   * efficiency × min(threads, cores the process can use). With one core the speed
   * part is skipped.
   */
  | { kind: "parallel"; threads: number; efficiency: Record<Tier, number>; why: string }
  /** No speed part (quizzes, sleep-based bounds checked by the tests themselves). */
  | { kind: "none"; why: string };

/** The code a candidate's speed is compared with, as an entry declares it. */
export type BaselineEntry =
  /** An export of the exercise's `checks/NN_slug/baseline.ts`. */
  | {
    kind: "module";
    exportName: string;
    /** A few words for the results table. */
    label: string;
  }
  /**
   * The learner's own code, on the input `benchmark.baselineInput` gives (one
   * Worker): a parallel speed-up that another algorithm cannot stand in for.
   */
  | { kind: "own"; label: string };

/** The code a candidate's speed is compared with, its module's path derived. */
export type Baseline =
  | (Extract<BaselineEntry, { kind: "module" }> & {
    /** Repository-relative path of the module: `checks/NN_slug/baseline.ts`. */
    module: string;
  })
  | Extract<BaselineEntry, { kind: "own" }>;

/** An exercise as the catalogue declares it: what cannot be derived from its number and slug. */
export interface ExerciseEntry {
  /** Its place in the course, from 1; the `NN` of its folders. */
  number: number;
  /** Lowercase words joined by `-`; the folder name is `NN_` and the slug with `_`. */
  slug: string;
  /** The title learners read. */
  title: string;
  /** The section of the original course this exercise ports. */
  section: string;
  /** Files the learner edits (mirrored in `solutions/`); the first holds the entry point. */
  files: readonly string[];
  /** The function the check calls. */
  entry: string;
  /** Progressive hints, vaguest first. */
  hints: readonly string[];
  /** Points for a pass; silver and gold add the bonus. */
  points: { pass: number; silver: number; gold: number };
  /** How its speed is judged (or that it has none). */
  speed: SpeedRule;
  /**
   * A second speed verdict, for exercises whose code runs on Workers as well as
   * fast on one: the learner's code on `threads` Workers against the same code on
   * one, judged like a `parallel` rule.
   */
  parallel?: { threads: number; efficiency: Record<Tier, number>; why: string };
  /**
   * An optional stretch part, timed like `speed` (the check's `benchmark.stretch`
   * says what): each tier it reaches adds its bonus points on top of the
   * exercise's own, and skipping it costs nothing.
   */
  stretch?: {
    /** Its source, one of `files`: a build error there skips the stretch, never fails the check. */
    file: string;
    tiers: Record<Tier, number>;
    /** Bonus points: the pass tier adds `pass`, silver adds `silver` more, gold `gold` more. */
    points: { pass: number; silver: number; gold: number };
    /** What the stretch is, in a few words. */
    title: string;
    why: string;
  };
  /** Modules only the judge loads, such as an answer key: file names in the check's folder. */
  judgeData?: readonly string[];
  /** AssemblyScript sources the baseline needs built: file names (`*.as.ts`) in the check's folder. */
  baselineSources?: readonly string[];
  /** Files of the learner's own prose (of `files`) that the instructor reads: the grade report shows them. */
  written?: readonly string[];
  /** True when the grade is the mean credit of the tests (a quiz), not all or nothing. */
  partialCredit?: boolean;
  /**
   * True when the stub is a correct but slow program (exercise 4: profile it,
   * then fix it), so it fails on speed rather than as "not implemented".
   */
  slowStub?: boolean;
  /** False until the exercise ships; `check` then says so and exits 1. Default true. */
  available?: boolean;
  /** The code its speed is compared with; absent when there is no speed part. */
  baseline?: BaselineEntry;
}

/** An exercise with every path derived (what commands read). */
export interface Exercise
  extends Omit<ExerciseEntry, "available" | "baseline" | "judgeData" | "baselineSources"> {
  /** Folder name under `exercises/`, `solutions/` and `checks/`: `03_shared_memory`. */
  dir: string;
  /** False until the exercise ships; `check` then says so and exits 1. */
  available: boolean;
  /** Repository-relative path of the hidden check definition: `checks/<dir>/check.ts`. */
  check: string;
  /** The code its speed is compared with, its module's path derived. */
  baseline?: Baseline;
  /** Modules only the judge loads, repository-relative (see `loadJudgeData`). */
  judgeData?: readonly string[];
  /** AssemblyScript sources the baseline needs built, repository-relative. */
  baselineSources?: readonly string[];
}

/** A slug: lowercase letters and digits, words joined by `-`. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The folder of an exercise under `exercises/`, `solutions/` and `checks/`.
 *
 * @example
 * ```ts
 * import { exerciseDir } from "./catalogue.ts";
 * if (exerciseDir(3, "shared-memory") !== "03_shared_memory") throw new Error("wrong folder");
 * ```
 */
export function exerciseDir(number: number, slug: string): string {
  return `${String(number).padStart(2, "0")}_${slug.replaceAll("-", "_")}`;
}

/**
 * An exercise with its paths derived from its number and slug.
 *
 * @throws {RangeError} A slug that is not lowercase words joined by `-`, or no files.
 */
export function describeExercise(entry: ExerciseEntry): Exercise {
  if (!SLUG.test(entry.slug)) {
    throw new RangeError(
      `Cannot describe exercise ${entry.number}: slug "${entry.slug}" is not lowercase words joined by -`,
    );
  }
  if (entry.files.length === 0) {
    throw new RangeError(`Cannot describe exercise ${entry.number}: it lists no files`);
  }
  const dir = exerciseDir(entry.number, entry.slug);
  const inCheck = (file: string) => `checks/${dir}/${file}`;
  const { baseline, judgeData, baselineSources, available, ...rest } = entry;
  return {
    ...rest,
    dir,
    available: available ?? true,
    check: inCheck("check.ts"),
    ...(baseline === undefined ? {} : {
      baseline: baseline.kind === "module"
        ? { ...baseline, module: inCheck("baseline.ts") }
        : baseline,
    }),
    ...(judgeData === undefined ? {} : { judgeData: judgeData.map(inCheck) }),
    ...(baselineSources === undefined ? {} : { baselineSources: baselineSources.map(inCheck) }),
  };
}

/**
 * The catalogue from its entries, each with its paths derived.
 *
 * @throws {RangeError} Numbers that do not run 1, 2, 3… in order, or a slug used twice.
 */
export function createCatalogue(entries: readonly ExerciseEntry[]): readonly Exercise[] {
  const slugs = new Set<string>();
  entries.forEach((entry, index) => {
    if (entry.number !== index + 1) {
      throw new RangeError(
        `Cannot build the catalogue: entry ${
          index + 1
        } is numbered ${entry.number}; number them 1, 2, 3… in order`,
      );
    }
    if (slugs.has(entry.slug)) {
      throw new RangeError(`Cannot build the catalogue: slug "${entry.slug}" is used twice`);
    }
    slugs.add(entry.slug);
  });
  return Object.freeze(entries.map(describeExercise));
}
