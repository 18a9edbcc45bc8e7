/**
 * Grading past one machine: `grade --shard I/N` deals the class into N parts
 * (stable under re-ordering, balanced by size), `grade --merge` combines the
 * parts into the gradebook one run would have written, refusing parts that do
 * not belong together; the Slurm and GitHub Actions launchers submit what they
 * should.
 *
 * The end-to-end test grades exercise 10 only, which has no timed part.
 *
 * @module
 */
import { parse } from "yaml";
import { parseShard, ShardError, shareOf } from "../../lib/grade/shard.ts";
import type { Gradebook } from "../../lib/grade/result.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { zipBytes } from "../_helpers/zip.ts";
import { assert, assertEquals } from "../_helpers/helpers.ts";

Deno.test("shareOf: a partition, the same whatever the order, balanced by size", () => {
  const paths = Array.from({ length: 20 }, (_, i) => `/class/s${String(i).padStart(2, "0")}`);
  const sizes = new Map(paths.map((p, i) => [p, (i * 7919) % 1000]));
  const shares = [1, 2, 3].map((index) => shareOf(paths, sizes, { index, count: 3 }));
  assertEquals(shares.flat().sort(), [...paths].sort(), "every submission once");
  const reversed = [1, 2, 3].map((index) =>
    shareOf([...paths].reverse(), sizes, { index, count: 3 })
  );
  assertEquals(reversed, shares, "stable under re-ordering");
  const loads = shares.map((s) => s.reduce((n, p) => n + (sizes.get(p) ?? 0), 0));
  const total = loads.reduce((a, b) => a + b, 0);
  assert(Math.max(...loads) - Math.min(...loads) <= 1000, `balanced: ${loads} of ${total}`);
  assertEquals(shareOf(paths, sizes, { index: 1, count: 1 }), [...paths].sort(), "one shard: all");
});

Deno.test("parseShard: I/N with 1 ≤ I ≤ N, else one line", () => {
  assertEquals(parseShard("2/3"), { index: 2, count: 3 }, "2/3");
  for (const bad of ["0/3", "4/3", "3", "a/b", "1/0"]) {
    let message = "";
    try {
      parseShard(bad);
    } catch (thrown) {
      assert(thrown instanceof ShardError, "a ShardError");
      message = thrown.message;
    }
    assert(message.startsWith(`Cannot use --shard ${bad}`), `${bad}: ${message}`);
  }
});

async function run(args: string[], env: Record<string, string> = {}) {
  const out = await new Deno.Command(args[0] as string, {
    args: args.slice(1),
    cwd: REPO_ROOT,
    env: { NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}

const grade = (args: string[]) =>
  run([Deno.execPath(), "run", "-A", `${REPO_ROOT}/lib/cli/grade.ts`, ...args]);

Deno.test("the Slurm launcher: an array of N shards, then a merge that waits for them", async () => {
  for (const script of ["submit.sh", "grade_shard.sbatch", "merge.sbatch"]) {
    assertEquals(
      (await run(["bash", "-n", `platforms/slurm/${script}`])).code,
      0,
      `${script} parses`,
    );
  }
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/class/alice`, { recursive: true });
    const stub = `${dir}/sbatch`;
    await Deno.writeTextFile(
      stub,
      [
        "#!/usr/bin/env bash",
        'n=$(( $(wc -l < "$LOG" 2>/dev/null || echo 0) + 100 ))',
        'echo "sbatch $* seed=$WORKBOOK_SEED shards=$WORKBOOK_SHARDS" >> "$LOG"',
        'echo "$n"',
      ].join("\n"),
    );
    await Deno.chmod(stub, 0o755);
    const submitted = await run(
      [
        "bash",
        "platforms/slurm/submit.sh",
        "--shards",
        "4",
        "--seed",
        "42",
        "--out",
        `${dir}/out`,
        `${dir}/class`,
      ],
      { SBATCH: stub, LOG: `${dir}/log`, PATH: Deno.env.get("PATH") ?? "" },
    );
    assertEquals(submitted.code, 0, `submit.sh: ${submitted.stderr}`);
    const jobs = (await Deno.readTextFile(`${dir}/log`)).trim().split("\n");
    assertEquals(jobs.length, 2, `two submissions: ${jobs.join(" | ")}`);
    assert(
      jobs[0]?.includes("--array=1-4") && jobs[0].includes("grade_shard.sbatch"),
      jobs[0] ?? "",
    );
    assert(jobs[0]?.includes("seed=42 shards=4"), `the seed and count reach the tasks: ${jobs[0]}`);
    assert(
      jobs[1]?.includes("--dependency=afterany:100") && jobs[1].includes("merge.sbatch"),
      jobs[1] ?? "",
    );
    assert(submitted.stdout.includes("seed 42"), submitted.stdout);
    const refused = await run(["bash", "platforms/slurm/submit.sh", "--out", dir, `${dir}/class`], {
      SBATCH: stub,
      LOG: `${dir}/log`,
      PATH: Deno.env.get("PATH") ?? "",
    });
    assertEquals(refused.code, 2, "no --shards: a usage error");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the GitHub Actions launcher: a matrix of shards with one seed, then the merge", async () => {
  const doc = parse(
    await Deno.readTextFile(`${REPO_ROOT}/platforms/github-actions/grade-matrix.yml`),
  );
  const shard = doc.jobs.shard;
  const numbers: number[] = shard.strategy.matrix.shard;
  assertEquals(numbers, Array.from({ length: shard.env.SHARDS }, (_, i) => i + 1), "1..SHARDS");
  assertEquals(shard.env.SEED, "${{ inputs.seed }}", "one seed for every shard");
  const gradeStep = shard.steps.find((s: { run?: string }) => s.run?.includes("task grade"));
  assert(gradeStep.run.includes('--shard "$SHARD/$SHARDS"'), gradeStep.run);
  assertEquals(doc.jobs.merge.needs, "shard", "the merge waits for the shards");
  const mergeStep = doc.jobs.merge.steps.find((s: { run?: string }) => s.run?.includes("--merge"));
  assert(mergeStep !== undefined, "a merge step");
});

/** The class of the end-to-end test: 12 submissions of exercise 10, of every kind. */
async function writeClass(dir: string): Promise<string[]> {
  const honest = await Deno.readTextFile(`${REPO_ROOT}/solutions/10_kempner/kempner.ts`);
  const stub = await Deno.readTextFile(`${REPO_ROOT}/exercises/10_kempner/kempner.ts`);
  const kinds: [string, string | null][] = [
    ["ada", honest],
    ["bob", honest],
    ["cyd", honest],
    ["dee", honest],
    ["eve", stub],
    ["fay", stub],
    ["gus", stub],
    ["hal", "export function kempnerSum(): number { throw new Error('no'); }\n"],
    ["ivy", "export function kempnerSum(): number { return 22.92067661926415; }\n"],
    ["jon", "this is not TypeScript {"],
    ["kim", null], // an empty folder
  ];
  const paths: string[] = [];
  for (const [name, text] of kinds) {
    const root = `${dir}/${name}`;
    await Deno.mkdir(`${root}/exercises/10_kempner`, { recursive: true });
    if (text !== null) await Deno.writeTextFile(`${root}/exercises/10_kempner/kempner.ts`, text);
    if (text === null) await Deno.remove(`${root}/exercises`, { recursive: true });
    paths.push(root);
  }
  await Deno.writeFile(
    `${dir}/lea.zip`,
    zipBytes([{ name: "exercises/10_kempner/kempner.ts", data: honest }]),
  );
  paths.push(`${dir}/lea.zip`);
  return paths;
}

function rows(book: Gradebook) {
  return book.students
    .map((s) => ({ student: s.student, status: s.status, points: s.points, total: s.total }))
    .sort((a, b) => (a.student < b.student ? -1 : 1));
}

Deno.test("3 shards merged give the gradebook of one run, row for row", async () => {
  const dir = await Deno.makeTempDir({ prefix: "workbook-shards-" });
  try {
    const paths = await writeClass(`${dir}/class`);
    assertEquals(paths.length, 12, "12 submissions");
    const common = ["--exercises", "10", "--seed", "7"];
    const single = await grade(["--out", `${dir}/single`, ...common, ...paths]);
    assertEquals(single.code, 0, `one run: ${single.stderr}`);
    for (const i of [1, 2, 3]) {
      // Each shard is given the class in another order: the share must not depend on it.
      const order = i === 2 ? [...paths].reverse() : paths;
      const part = await grade([
        "--out",
        `${dir}/parts/${i}`,
        "--shard",
        `${i}/3`,
        ...common,
        ...order,
      ]);
      assertEquals(part.code, 0, `shard ${i}: ${part.stderr}`);
    }
    const merged = await grade([
      "--merge",
      `${dir}/merged`,
      `${dir}/parts/1`,
      `${dir}/parts/2`,
      `${dir}/parts/3`,
    ]);
    assertEquals(merged.code, 0, `merge: ${merged.stderr}`);
    const read = async (p: string) => JSON.parse(await Deno.readTextFile(p)) as Gradebook;
    const one = await read(`${dir}/single/gradebook.json`);
    const three = await read(`${dir}/merged/gradebook.json`);
    assertEquals(rows(three), rows(one), "the same points and statuses, row for row");
    assert(rows(one).some((r) => r.total === 10) && rows(one).some((r) => r.total === 0), "mixed");
    const sizes = [] as number[];
    for (const i of [1, 2, 3]) {
      sizes.push((await read(`${dir}/parts/${i}/gradebook.json`)).students.length);
    }
    assert(sizes.every((n) => n >= 2), `every shard has work: ${sizes}`);

    // A shard missing: said. A part graded with another seed: refused.
    const partial = await grade(["--merge", `${dir}/merged2`, `${dir}/parts/1`, `${dir}/parts/3`]);
    assertEquals(partial.code, 0, `merge of two: ${partial.stderr}`);
    assert(partial.stdout.includes("shard 2/3 is missing"), partial.stdout);
    assert(partial.stdout.includes("was graded in no part"), partial.stdout);
    const other = await grade([
      "--out",
      `${dir}/other`,
      "--shard",
      "2/3",
      "--exercises",
      "10",
      "--seed",
      "8",
      ...paths,
    ]);
    assertEquals(other.code, 0, `shard with another seed: ${other.stderr}`);
    const refused = await grade(["--merge", `${dir}/merged3`, `${dir}/parts/1`, `${dir}/other`]);
    assertEquals(refused.code, 2, "refused");
    assert(refused.stderr.includes("graded with seed 8, not 7"), refused.stderr);
    const noSeed = await grade(["--out", `${dir}/x`, "--shard", "1/3", ...paths]);
    assertEquals(noSeed.code, 2, "a shard needs --seed");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
