/**
 * Where each exercise stands for the learner (`status`, `report`, `watch`,
 * `hint` read it), and the hand-ins: in the student copy the quiz has no
 * answer key, so its `check` records that the answers were handed in, for the
 * instructor to grade. A hand-in is never a pass; it is counted apart.
 *
 * @module
 */
import { CATALOGUE, type Exercise } from "../exercise/catalogue.ts";
import {
  type HandIn,
  loadProgress,
  PROGRESS_FILE,
  type ProgressState,
  shownState,
  type StateFileOptions,
  writeProgress,
} from "./progress.ts";

/** The state after answers were handed in for the instructor (pure: `state` is not changed). */
export function withHandIn(
  state: ProgressState,
  exercise: Pick<Exercise, "slug" | "files">,
  at: Date = new Date(),
): ProgressState {
  const handIn: HandIn = { at: at.toISOString(), files: [...exercise.files] };
  return { ...state, handedIn: { ...state.handedIn, [exercise.slug]: handIn } };
}

/**
 * Records that the learner handed in `exercise`'s answers for the instructor to
 * grade (see `HandIn`). Never throws; a failure costs a warning.
 *
 * @returns Whether it was recorded.
 */
export async function recordHandIn(
  exercise: Pick<Exercise, "slug" | "files">,
  options: StateFileOptions = {},
): Promise<boolean> {
  const file = options.file ?? PROGRESS_FILE;
  try {
    const { state, problem } = await loadProgress(file);
    if (problem !== null) throw new Error(`it is unreadable (${problem})`);
    await writeProgress(withHandIn(state, exercise), file);
    return true;
  } catch (thrown) {
    console.error(
      `Warning: cannot record the hand-in in ${shownState(file)}: ${(thrown as Error).message}`,
    );
    return false;
  }
}

/** Where an exercise stands, for `status` and `report` alike. */
export type Standing =
  | "passed"
  | "handed-in"
  | "correct"
  | "failing"
  | "not-started"
  | "unavailable";

/**
 * Where `exercise` stands: passed (a full check passed), handed in (answers
 * written for the instructor to grade, no pass recorded), correct (a quick check
 * passed), failing, not started, or not yet available.
 */
export function standing(exercise: Exercise, state: ProgressState): Standing {
  if (!exercise.available) return "unavailable";
  const entry = state.exercises[exercise.slug];
  if (entry?.passed === true) return "passed";
  if (state.handedIn?.[exercise.slug] !== undefined) return "handed-in";
  if (entry === undefined) return "not-started";
  if (entry.last.status === "pass" && entry.last.quick) return "correct";
  return "failing";
}

/**
 * The first available exercise, in course order, still to do: not passed, and
 * not handed in (what the instructor grades leaves the learner nothing to do).
 */
export function firstNotPassed(state: ProgressState): Exercise | undefined {
  return CATALOGUE.find((e) => {
    const where = standing(e, state);
    return where !== "passed" && where !== "handed-in" && where !== "unavailable";
  });
}
