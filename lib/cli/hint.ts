/**
 * `deno task hint [N|slug] [--all]`: the next hint for an exercise each time it is
 * run (the position is kept in `.workbook/hints.json`, which git ignores), or
 * every hint with `--all`. Without an exercise, the learner's current one: the
 * first not passed yet (rustlings' `hint`), named so they know which it chose.
 *
 * @module
 */
import { atMostPositionals, exerciseArg, parseOptions, runMain, underWatch } from "./args.ts";
import { writeAtomically } from "../exercise/files.ts";
import type { Exercise } from "../exercise/catalogue.ts";
import { readProgress } from "../learner/progress.ts";
import { firstNotPassed } from "../learner/standing.ts";
import { WORKBOOK_PATHS } from "../exercise/workbook_dir.ts";

const STATE_FILE = WORKBOOK_PATHS.hints;

/** How many hints each exercise has been shown, by slug. */
type HintState = Record<string, number>;

async function readState(): Promise<HintState> {
  try {
    const parsed = JSON.parse(await Deno.readTextFile(STATE_FILE));
    return parsed !== null && typeof parsed === "object" ? parsed as HintState : {};
  } catch {
    return {}; // No file yet, or unreadable: start from the first hint.
  }
}

async function writeState(state: HintState): Promise<void> {
  await writeAtomically(STATE_FILE, JSON.stringify(state, null, 2) + "\n");
}

const USAGE = `Usage: deno task hint [N|slug] [--all]

  Shows the next hint for the exercise each time it is run (vaguest first).
  Without N: the first exercise you have not passed yet (deno task status).

Options:
  --all         every hint at once
  -h, --help    this text`;

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    all: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  atMostPositionals(positionals, 1, "hint");
  let exercise: Exercise;
  if (positionals.length === 1) {
    exercise = exerciseArg(positionals[0], "hint");
  } else {
    const current = firstNotPassed(await readProgress());
    if (current === undefined) {
      console.log(
        "Every available exercise passes or is handed in: name one for its hints, e.g. deno task hint 1",
      );
      return 0;
    }
    exercise = current;
    console.log(
      `No exercise named: hints for exercise ${exercise.number} (${exercise.slug}), the first you have not passed yet.\n`,
    );
  }
  const { hints } = exercise;
  const title = `Exercise ${exercise.number} · ${exercise.slug}`;
  if (values.all) {
    console.log(`${title}: all ${hints.length} hints`);
    hints.forEach((hint, i) => console.log(`\n${i + 1}. ${hint}`));
    return 0;
  }
  const state = await readState();
  const seen = Math.min(state[exercise.slug] ?? 0, hints.length);
  const index = seen < hints.length ? seen : hints.length - 1;
  console.log(`${title}: hint ${index + 1} of ${hints.length}\n\n${hints[index]}`);
  if (seen < hints.length) {
    state[exercise.slug] = seen + 1;
    await writeState(state);
  }
  // Inside watch the learner presses a key, not a command.
  const again = underWatch()
    ? "Press h again for the next hint"
    : "Run it again for the next hint (or --all for every hint)";
  console.log(
    index + 1 < hints.length
      ? `\n${again}.`
      : `\nThat was the last hint. The README of the exercise has more: exercises/${exercise.dir}/README.md`,
  );
  return 0;
}

if (import.meta.main) await runMain("hint", () => main(Deno.args));
