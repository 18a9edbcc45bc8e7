/**
 * A process that runs candidate code must not outlive its judge, nor burn CPU
 * without bound: a grading run killed with SIGKILL once left its runner
 * spinning for 15 minutes, holding the timing lock's file descriptor.
 *
 * The hostile submission spins on its main thread and in two Workers, for
 * ever. A judge (a small script, the way `check` and `grade` start sandboxed
 * processes: `spawnSandboxed`) starts it and is then killed with SIGKILL.
 *
 * @module
 */
import { assert } from "../_helpers/helpers.ts";
import { crashFailure, spawnSandboxed } from "../../lib/sandbox/spawn.ts";
import { processTree, signalTree } from "../../lib/sandbox/process_tree.ts";
import { startSampleProcess } from "../../lib/sandbox/sample_process.ts";
import { findExercise } from "../../lib/exercise/catalogue.ts";
import { candidateReadPaths, repoUrl } from "../../lib/exercise/paths.ts";

const HOSTILE = `
const SPIN = "for (;;) {}";
for (let i = 0; i < 2; i++) {
  new Worker(URL.createObjectURL(new Blob([SPIN], { type: "text/javascript" })), { type: "module" });
}
console.log("spinning");
for (;;) { /* the candidate's work, for ever */ }
`;

const SPAWN_URL = new URL("../../lib/sandbox/spawn.ts", import.meta.url).href;

/** The judge: starts the hostile script sandboxed, prints its pid, then waits to be killed. */
function judgeSource(script: string, dir: string): string {
  return `
import { spawnSandboxed } from ${JSON.stringify(SPAWN_URL)};
const { child } = await spawnSandboxed({ script: ${JSON.stringify(script)}, readPaths: [${
    JSON.stringify(dir)
  }] });
const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
while (!(((await reader.read()).value ?? "").includes("spinning"))) { /* starting */ }
console.log("child " + child.pid);
await new Promise(() => {}); // until killed
`;
}

/** Whether `pid` is a live process (a zombie or a missing one is not). */
function alive(pid: number): boolean {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X";
  } catch {
    return false;
  }
}

/** Resolves once `child` printed "spinning" (it runs the hostile script, not a launcher). */
async function started(child: Deno.ChildProcess): Promise<void> {
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  while (!(((await reader.read()).value ?? "").includes("spinning"))) {
    // starting
  }
  reader.releaseLock();
}

const LINUX = Deno.build.os === "linux";

Deno.test({
  name: "a sandboxed process whose judge is killed with SIGKILL does not keep running",
  ignore: !LINUX,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "workbook-orphan-" });
    let orphan: number | undefined;
    try {
      const script = `${dir}/hostile.ts`;
      await Deno.writeTextFile(script, HOSTILE);
      await Deno.writeTextFile(`${dir}/judge.ts`, judgeSource(script, dir));
      const judge = new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", `${dir}/judge.ts`],
        stdout: "piped",
        stderr: "inherit",
      }).spawn();
      const reader = judge.stdout.pipeThrough(new TextDecoderStream()).getReader();
      let text = "";
      while (!/child \d+/.test(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
      }
      orphan = Number(/child (\d+)/.exec(text)?.[1]);
      assert(Number.isSafeInteger(orphan) && alive(orphan), `the judge started a child: ${text}`);
      judge.kill("SIGKILL");
      await judge.status;
      reader.releaseLock();
      const deadline = performance.now() + 3000;
      while (alive(orphan) && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert(!alive(orphan), `process ${orphan} still runs the candidate after its judge died`);
    } finally {
      if (orphan !== undefined && alive(orphan)) signalTree(orphan, "SIGKILL");
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "a sandboxed process has a CPU-time limit, and passing it is a one-line reason",
  ignore: !LINUX,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "workbook-cpu-" });
    try {
      const script = `${dir}/hostile.ts`;
      await Deno.writeTextFile(script, HOSTILE);
      // The default limit is there (read from /proc while the process runs).
      const plain = await spawnSandboxed({ script, readPaths: [dir] });
      await started(plain.child); // past the launcher's exec
      const limits = Deno.readTextFileSync(`/proc/${plain.child.pid}/limits`);
      plain.child.kill("SIGKILL");
      await plain.child.status;
      const line = limits.split("\n").find((l) => l.startsWith("Max cpu time")) ?? "";
      assert(!/unlimited\s+unlimited/.test(line), `no CPU-time limit: ${line}`);
      // A small one ends the hostile process, with its own reason.
      const start = performance.now();
      const small = await spawnSandboxed({ script, readPaths: [dir], cpuLimitSeconds: 1 });
      const timer = setTimeout(() => small.child.kill("SIGKILL"), 20_000);
      const status = await small.child.status;
      clearTimeout(timer);
      const seconds = (performance.now() - start) / 1000;
      assert(seconds < 10, `a 1 s CPU limit ended it after ${seconds.toFixed(1)} s of wall time`);
      const failure = crashFailure(status, small.stderr);
      assert(/CPU time/.test(failure.detail), `the reason: ${JSON.stringify(failure)}`);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

/** CPU clock ticks used so far by every process this test process started. */
function childrenTicks(): number {
  let ticks = 0;
  for (const pid of processTree(Deno.pid).slice(1)) {
    try {
      const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // Gone meanwhile.
    }
  }
  return ticks;
}

// A pair in sample processes times its second side while the first, timed already, waits to be
// read (sample_process.ts, `time`). A candidate that went first and left a Worker spinning
// would slow the baseline after it, were it not held frozen until the pair is over.
Deno.test({
  name: "process mode: a timed sample stays frozen, its spinning Worker too, until it is read",
  ignore: Deno.build.os !== "linux",
  async fn() {
    const exercise = findExercise("6");
    assert(exercise?.check !== undefined, "exercise 6 has a check");
    const dir = await Deno.makeTempDir({ prefix: "workbook-frozen-" });
    try {
      await Deno.mkdir(`${dir}/${exercise.dir}`);
      const file = `${dir}/${exercise.dir}/${exercise.files[0]}`;
      await Deno.writeTextFile(
        file,
        `const SPIN = "for (;;) {}";
export function slowSeriesParallel(_n: number, _workers: number): number {
  new Worker(URL.createObjectURL(new Blob([SPIN], { type: "text/javascript" })), { type: "module" });
  const end = Date.now() + 300; // the spinning Worker is running by then
  while (Date.now() < end) { /* wait */ }
  return 0;
}
export function intervals(): [number, number][] { return []; }
`,
      );
      const sample = await startSampleProcess({
        checkUrl: repoUrl(exercise.check),
        target: { url: new URL(`file://${file}`).href, exportName: exercise.entry },
        input: { kind: "sum", n: 10, workers: 1 },
        readPaths: candidateReadPaths(exercise, { kind: "dir", path: dir }),
        timeoutMs: 20_000,
      });
      try {
        const timed = await sample.time();
        assert(!timed.failed, "it answered");
        const before = childrenTicks();
        await new Promise((resolve) => setTimeout(resolve, 500));
        const used = childrenTicks() - before;
        // Spinning, its Worker would use ~50 ticks (100 a second) in that half second.
        assert(used <= 5, `its processes used ${used} clock ticks while held`);
        const read = await timed.collect();
        assert(read.ok, "its output is read once the pair is over");
      } finally {
        await sample.close();
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
