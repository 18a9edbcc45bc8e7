/**
 * The Slurm launcher (`platforms/slurm/`): its scripts parse (`bash -n`), and
 * with a stub `sbatch` on the PATH it submits the shard array and then the
 * merge, which waits for the array (afterok). Nothing runs on a cluster here.
 *
 * @module
 */
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";

const SLURM = `${REPO_ROOT}/platforms/slurm`;

async function run(args: string[], env: Record<string, string> = {}) {
  const output = await new Deno.Command("bash", {
    args,
    env: { ...env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

Deno.test("the Slurm scripts parse (bash -n)", async () => {
  for (const file of ["grade_class.sh", "shard.sbatch", "merge.sbatch"]) {
    const checked = await run(["-n", `${SLURM}/${file}`]);
    assertEquals(checked.code, 0, `${file}: ${checked.stderr}`);
  }
});

Deno.test("grade_class.sh submits the shard array, then the merge after it (stub sbatch)", async () => {
  const dir = await Deno.makeTempDir({ prefix: "workbook-slurm-" });
  try {
    // A stub sbatch: records its arguments, answers a job id as --parsable does.
    await Deno.writeTextFile(
      `${dir}/sbatch`,
      `#!/usr/bin/env bash\necho "$*" >> "${dir}/jobs.txt"\necho "$(( 4242 + $(wc -l < "${dir}/jobs.txt") ))"\n`,
    );
    await Deno.chmod(`${dir}/sbatch`, 0o755);
    const ran = await run(
      [
        `${SLURM}/grade_class.sh`,
        "--shards",
        "3",
        "--seed",
        "7",
        "--out",
        `${dir}/grades`,
        "--",
        "a",
        "b c",
      ],
      { PATH: `${dir}:${Deno.env.get("PATH") ?? ""}`, HOME: dir },
    );
    assertEquals(ran.code, 0, `exit code: ${ran.stderr}`);
    const jobs = (await Deno.readTextFile(`${dir}/jobs.txt`)).trim().split("\n");
    assertEquals(jobs.length, 2, "two submissions");
    assertIncludes(jobs[0] ?? "", "--array 1-3", "the shard array");
    assertIncludes(jobs[0] ?? "", "--cpus-per-task 4", "CPUs for the parallel exercises");
    assertIncludes(jobs[0] ?? "", "SEED=7", "one seed for every shard");
    assertIncludes(jobs[0] ?? "", "shard.sbatch", "the shard script");
    assertIncludes(jobs[1] ?? "", "--dependency afterok:4243", "the merge waits for the array");
    assertIncludes(jobs[1] ?? "", "merge.sbatch", "the merge script");
    const list = await Deno.readTextFile(`${dir}/grades.parts/submissions.txt`);
    assertEquals(list, "a\nb c\n", "submissions kept whole, one a line");
    assertIncludes(ran.stdout, "Submitted shards as job 4243", "says what it did");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("grade_class.sh refuses one CPU, a missing --out and no submissions, in one line", async () => {
  const cases: [string[], string][] = [
    [["--cpus", "1", "--out", "/tmp/x", "a"], "--cpus must be 2 or more"],
    [["a"], "give --out DIR"],
    [["--out", "/tmp/x"], "name the submissions"],
  ];
  for (const [args, part] of cases) {
    const ran = await run([`${SLURM}/grade_class.sh`, ...args]);
    assertEquals(ran.code, 2, `exit code of ${args.join(" ")}`);
    assert(ran.stderr.trim().split("\n").length === 1, `one line: ${ran.stderr}`);
    assertIncludes(ran.stderr, part, args.join(" "));
  }
});
