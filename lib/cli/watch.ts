/**
 * `deno task watch [N|slug] [--quick] [--poll]`: checks an exercise, then checks
 * it again each time one of its files is saved. Without N, it watches the first
 * exercise you have not passed yet (from `.workbook/progress.json`).
 *
 * Each check is `deno task check` in a subprocess, so it prints what `check`
 * prints and records the result. A save during a check queues one more check
 * after it. File events come from `Deno.watchFs`; where they fail (some network
 * and container file systems), or with `--poll`, the files' modification times
 * are compared every second instead. Ctrl-C stops cleanly.
 *
 * Exit status: 0 when stopped, 1 for an exercise not available yet, 2 on a usage error.
 *
 * @module
 */
import type { Exercise } from "../exercise/catalogue.ts";
import { atMostPositionals, exerciseArg, notAvailable, parseOptions, runMain } from "./args.ts";
import { REPO_ROOT, shown } from "../exercise/paths.ts";
import { firstNotPassed, readProgress } from "../learner/progress.ts";
import { paint } from "../report/style.ts";

const USAGE = `Usage: deno task watch [N|slug] [options]

  N|slug      the exercise (default: the first one you have not passed yet)
  --quick     correctness only on each save, no speed measurement
  --poll      look for changes every second instead of waiting for file events
  -h, --help  this text`;

/** Saves closer together than this count as one (editors write a file in several steps). */
const DEBOUNCE_MS = 300;
/** How often polling compares modification times. */
const POLL_MS = 1000;

/** Whether a changed path is one of the exercise's sources (not an editor's swap or temp file). */
function isSource(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return !name.startsWith(".") && /\.(ts|md)$/.test(name) && !name.endsWith("~");
}

/** Modification time and size of each source file in `dir`. */
async function snapshot(dir: string): Promise<string> {
  const parts: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (!entry.isFile || !isSource(entry.name)) continue;
      try {
        const info = await Deno.stat(`${dir}/${entry.name}`);
        parts.push(`${entry.name}:${info.mtime?.getTime()}:${info.size}`);
      } catch {
        parts.push(`${entry.name}:gone`);
      }
    }
  } catch {
    return "missing";
  }
  return parts.sort().join("|");
}

class Watch {
  #exercise: Exercise;
  #quick: boolean;
  #dir: string;
  #child: Deno.ChildProcess | undefined;
  #pending = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopping = false;
  #watcher: Deno.FsWatcher | undefined;
  #pollTimer: ReturnType<typeof setInterval> | undefined;
  #done: PromiseWithResolvers<void> = Promise.withResolvers();

  constructor(exercise: Exercise, quick: boolean) {
    this.#exercise = exercise;
    this.#quick = quick;
    this.#dir = `${REPO_ROOT}/exercises/${exercise.dir}`;
  }

  /** Runs until stopped. */
  async run(poll: boolean): Promise<void> {
    const onSignal = () => this.stop();
    Deno.addSignalListener("SIGINT", onSignal);
    Deno.addSignalListener("SIGTERM", onSignal);
    try {
      if (poll) this.#startPolling();
      else this.#startEvents();
      await this.#check();
      await this.#done.promise;
    } finally {
      Deno.removeSignalListener("SIGINT", onSignal);
      Deno.removeSignalListener("SIGTERM", onSignal);
    }
  }

  stop(): void {
    if (this.#stopping) return;
    this.#stopping = true;
    clearTimeout(this.#timer);
    clearInterval(this.#pollTimer);
    try {
      this.#watcher?.close();
    } catch {
      // Already closed.
    }
    const child = this.#child;
    if (child === undefined) {
      this.#finish();
      return;
    }
    // A Ctrl-C in a terminal reaches the check too; a signal sent to this process alone does not.
    try {
      child.kill("SIGINT");
    } catch {
      // It has just ended.
    }
    child.status.finally(() => this.#finish());
  }

  #finish(): void {
    console.log(`\nStopped watching ${shown(this.#dir)}/.`);
    this.#done.resolve();
  }

  #startEvents(): void {
    let watcher: Deno.FsWatcher;
    try {
      watcher = Deno.watchFs(this.#dir, { recursive: false });
    } catch (thrown) {
      console.log(
        paint("dim", `File events are not available (${(thrown as Error).message}): polling.`),
      );
      this.#startPolling();
      return;
    }
    this.#watcher = watcher;
    (async () => {
      try {
        for await (const event of watcher) {
          if (event.kind === "access") continue;
          if (event.paths.some(isSource)) this.#changed();
        }
      } catch (thrown) {
        if (this.#stopping) return;
        console.log(
          paint("dim", `File events stopped (${(thrown as Error).message}): polling instead.`),
        );
        this.#startPolling();
      }
    })();
  }

  #startPolling(): void {
    let last: string | undefined;
    let busy = false;
    snapshot(this.#dir).then((first) => last = first);
    this.#pollTimer = setInterval(async () => {
      if (busy || last === undefined) return;
      busy = true;
      try {
        const now = await snapshot(this.#dir);
        if (now !== last) {
          last = now;
          this.#changed();
        }
      } finally {
        busy = false;
      }
    }, POLL_MS);
  }

  #changed(): void {
    if (this.#stopping) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      if (this.#child !== undefined) this.#pending = true;
      else this.#check();
    }, DEBOUNCE_MS);
  }

  async #check(): Promise<void> {
    do {
      this.#pending = false;
      if (this.#stopping) return;
      const time = new Date().toTimeString().slice(0, 8);
      console.log(paint("dim", `\n── ${time} · checking exercise ${this.#exercise.number} ──`));
      const args = ["run", "-A", `${REPO_ROOT}/lib/cli/check.ts`, String(this.#exercise.number)];
      if (this.#quick) args.push("--quick");
      const child = new Deno.Command(Deno.execPath(), {
        args,
        cwd: REPO_ROOT,
        stdin: "null",
        stdout: "inherit",
        stderr: "inherit",
      }).spawn();
      this.#child = child;
      const status = await child.status;
      this.#child = undefined;
      if (this.#stopping) return;
      if (status.success && !this.#quick) {
        console.log(paint("green", `Exercise ${this.#exercise.number} passes.`));
      }
    } while (this.#pending);
    console.log(
      paint(
        "dim",
        `Watching ${shown(this.#dir)}/ · save a file to check again · Ctrl-C to stop`,
      ),
    );
  }
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    quick: { type: "boolean", default: false },
    poll: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  atMostPositionals(positionals, 1, "watch");
  let exercise: Exercise | undefined;
  if (positionals.length === 1) {
    exercise = exerciseArg(positionals[0], "watch");
  } else {
    exercise = firstNotPassed(await readProgress());
    if (exercise === undefined) {
      console.log("Every available exercise passes. Name one to watch it: deno task watch 1");
      return 0;
    }
    console.log(`Watching the first exercise you have not passed yet: ${exercise.number}`);
  }
  if (!exercise.available) {
    console.error(notAvailable(exercise));
    return 1;
  }
  await new Watch(exercise, values.quick).run(values.poll);
  return 0;
}

if (import.meta.main) await runMain("watch", () => main(Deno.args));
