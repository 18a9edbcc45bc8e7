/**
 * The course's own prose, as runs of words, for Question 6's check to tell a
 * pasted README from a reflection. Judge data (the catalogue's `judgeData`):
 * only the judge loads it, because it reads files and names the workbook's
 * root, which a module in the check's import graph must not do (the grading
 * sandbox lets the learner's process read every file of that graph).
 *
 * @module
 */
import { CATALOGUE } from "../../lib/exercise/catalogue.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { proseOf, shingles, wordsOf } from "./reflection.ts";

let runs: Set<string> | undefined;

/** The word runs of every exercise's README (what every learner has at hand to paste). */
export function courseRuns(): ReadonlySet<string> {
  if (runs !== undefined) return runs;
  runs = new Set();
  for (const exercise of CATALOGUE) {
    let text: string;
    try {
      text = Deno.readTextFileSync(`${REPO_ROOT}/exercises/${exercise.dir}/README.md`);
    } catch {
      continue; // An exercise without a README yet: nothing to copy from.
    }
    for (const run of shingles(wordsOf(proseOf(text)))) runs.add(run);
  }
  return runs;
}
