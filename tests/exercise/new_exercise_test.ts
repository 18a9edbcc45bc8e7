/**
 * Adding an exercise takes four things: its exercise folder, its solution
 * folder, its check folder and one catalogue entry. This test adds exercise 12
 * (a tiny fixture) to a copy of the repository, and nothing else, then runs it
 * through `check`, `hint`, `status` and `grade` there. It spawns checks (no
 * timing: the fixture has no speed part), so it is not a unit test.
 *
 * @module
 */
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { CATALOGUE } from "../../lib/exercise/catalogue.ts";
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";

/** What the copy needs to run the tasks: the code, the data, the config (not tests, not .git). */
const COPIED = ["lib", "checks", "exercises", "solutions", "data", "deno.json", "deno.lock"];
const NUMBER = CATALOGUE.length + 1;
const DIR = `${String(NUMBER).padStart(2, "0")}_square_sum`;

const STUB = `/** Exercise ${NUMBER}: the sum of the squares 1² + 2² + … + n². */
export function sumOfSquares(_n: number): number {
  throw new Error("Not implemented: sumOfSquares()");
}
`;
const SOLUTION = `/** Exercise ${NUMBER}: the sum of the squares 1² + 2² + … + n². */
export function sumOfSquares(n: number): number {
  let sum = 0;
  for (let k = 1; k <= n; k++) sum += k * k;
  return sum;
}
`;
/** The check writes only what is its own: defineCheck() supplies the rest. */
const CHECK = `import { defineCheck } from "../../lib/check/define.ts";
import { finiteNumber, relativeMismatch } from "../../lib/check/kit.ts";

export const check = defineCheck<{ n: number }, number>({
  cases(rng) {
    const random = [1, 2, 3].map((i) => {
      const n = rng.int(2, 10_000);
      return { name: \`random \${i}: n = \${n}\`, input: { n } };
    });
    return [{ name: "n = 0", input: { n: 0 } }, { name: "n = 1", input: { n: 1 } }, ...random];
  },
  expected: ({ n }) => (n * (n + 1) * (2 * n + 1)) / 6,
  prepare: ({ n }) => [n],
  validate: (value) => finiteNumber(value),
  compare(expected, actual, { n }) {
    const mismatch = relativeMismatch(expected, actual, 1e-12);
    return mismatch === null ? null : \`sumOfSquares(\${n}): expected \${expected}, got \${actual} (\${mismatch})\`;
  },
  describe: ({ n }) => \`n = \${n}\`,
});
`;
const ENTRY = `  {
    number: ${NUMBER},
    slug: "square-sum",
    title: "A fixture: the sum of squares",
    section: "None (a test fixture)",
    files: ["square_sum.ts"],
    entry: "sumOfSquares",
    hints: [
      "Add k * k for k from 1 to n, starting from 0 so that n = 0 gives 0.",
      "Or use the closed form n(n + 1)(2n + 1) / 6, exact in doubles for these n.",
    ],
    points: { pass: 10, silver: 0, gold: 0 },
    speed: { kind: "none", why: "A fixture exercise: correctness only." },
  },
`;

interface Ran {
  code: number;
  out: string;
  err: string;
}

async function task(root: string, file: string, args: string[]): Promise<Ran> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `lib/cli/${file}`, ...args],
    cwd: root,
    env: { NO_COLOR: "1", INIT_CWD: root },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    out: decoder.decode(output.stdout),
    err: decoder.decode(output.stderr),
  };
}

async function write(path: string, text: string): Promise<void> {
  await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  await Deno.writeTextFile(path, text);
}

/** A copy of the repository with the fixture exercise added the documented way. */
async function copyWithFixture(root: string): Promise<void> {
  const copy = await new Deno.Command("cp", {
    args: ["-r", ...COPIED.map((name) => `${REPO_ROOT}/${name}`), root],
  }).output();
  assert(copy.success, `cp: ${new TextDecoder().decode(copy.stderr)}`);
  await write(`${root}/exercises/${DIR}/square_sum.ts`, STUB);
  await write(`${root}/exercises/${DIR}/README.md`, `# Exercise ${NUMBER}: the sum of squares\n`);
  await write(`${root}/solutions/${DIR}/square_sum.ts`, SOLUTION);
  await write(`${root}/checks/${DIR}/check.ts`, CHECK);
  // One catalogue entry, after the last one.
  const catalogue = `${root}/lib/exercise/catalogue.ts`;
  const text = await Deno.readTextFile(catalogue);
  const start = text.indexOf("const ENTRIES");
  const end = text.indexOf("\n];\n", start);
  assert(start >= 0 && end > start, "the catalogue's list of entries");
  await Deno.writeTextFile(catalogue, text.slice(0, end + 1) + ENTRY + text.slice(end + 1));
}

Deno.test(`a new exercise ${NUMBER} takes three folders and one catalogue entry`, async () => {
  const root = await Deno.makeTempDir({ prefix: "workbook-new-exercise-" });
  try {
    await copyWithFixture(root);

    const reference = await task(root, "check.ts", [String(NUMBER), "--solution", "--json"]);
    assertEquals(reference.code, 0, `check --solution (stderr: ${reference.err})`);
    const result = JSON.parse(reference.out);
    assertEquals(result.status, "pass", `status: ${result.summary}`);
    assertEquals(result.tests.length, 5, "the fixture's five tests ran");

    const stub = await task(root, "check.ts", ["square-sum"]);
    assertEquals(stub.code, 1, "check on the stub exits 1");
    assertIncludes(stub.out + stub.err, "not implemented", "the stub says so");

    const unknown = await task(root, "check.ts", ["99"]);
    assertEquals(unknown.code, 2, "check 99 is a usage error");
    assertIncludes(unknown.err, `use a number from 1 to ${NUMBER}`, "the range grows");

    const hint = await task(root, "hint.ts", [String(NUMBER)]);
    assertEquals(hint.code, 0, `hint (stderr: ${hint.err})`);
    assertIncludes(hint.out, "hint 1 of 2", "the first hint");
    assertIncludes(hint.out, "Add k * k", "its text");

    // The learner solves it; check records the pass; status shows it.
    await Deno.writeTextFile(`${root}/exercises/${DIR}/square_sum.ts`, SOLUTION);
    const solved = await task(root, "check.ts", [String(NUMBER)]);
    assertEquals(solved.code, 0, `check on the learner's solution (stderr: ${solved.err})`);
    const status = await task(root, "status.ts", []);
    assertEquals(status.code, 0, `status (stderr: ${status.err})`);
    const row = status.out.split("\n").find((line) => line.includes("square-sum"));
    assert(row !== undefined, `status lists square-sum:\n${status.out}`);
    assertIncludes(row, "pass", "its row");

    // A class of one hands in the solution; the gradebook gives it the points.
    const submission = `${root}/class/ada`;
    await write(`${submission}/exercises/${DIR}/square_sum.ts`, SOLUTION);
    const out = `${root}/graded`;
    const grade = await task(root, "grade.ts", [
      "--out",
      out,
      "--exercises",
      String(NUMBER),
      "--seed",
      "7",
      submission,
    ]);
    assertEquals(grade.code, 0, `grade (stderr: ${grade.err})`);
    const book = JSON.parse(await Deno.readTextFile(`${out}/gradebook.json`));
    const text = JSON.stringify(book);
    assertIncludes(text, "square-sum", "the gradebook names the exercise");
    assertIncludes(grade.err, "ada: 10 of 10 points", "the student's total");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
