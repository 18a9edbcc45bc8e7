/**
 * `deno task watch [N|slug] [--time] [--seed S] [--poll]`: checks an exercise,
 * then checks it again each time one of its files is saved, as rustlings'
 * watch does. Without N, it watches the first exercise you have not passed yet
 * (from `.workbook/progress.json`).
 *
 * A save checks correctness only (`check --quick`: seconds, not a minute of
 * timing); `t` or `--time` measures the speed too. One seed serves the whole
 * session, so a failing input stays the same input while you fix it (`s` draws
 * a new one). The screen is cleared before each check. Once the exercise
 * passes, `n` moves on to the next one. Keys, when standard input is a
 * terminal (or a pipe): h hint, t time it, r check again, n next, l list,
 * s new seed, q quit.
 *
 * Each check is `deno task check` in a subprocess, so it prints what `check`
 * prints and records the result. A save during a check queues one more check
 * after it. File events come from `Deno.watchFs`; where they fail (some network
 * and container file systems), or with `--poll`, the files' modification times
 * are compared every second instead. Ctrl-C or q stops cleanly.
 *
 * Exit status: 0 when stopped, 1 for an exercise not available yet, 2 on a usage error.
 *
 * @module
 */
import { CATALOGUE, type Exercise } from "../exercise/catalogue.ts";
import {
  atMostPositionals,
  exerciseArg,
  notAvailable,
  parseOptions,
  runMain,
  seedOption,
  UsageError,
  WATCH_ENV,
} from "./args.ts";
import { REPO_ROOT, shown } from "../exercise/paths.ts";
import { readProgress } from "../learner/progress.ts";
import { firstNotPassed, standing } from "../learner/standing.ts";
import { randomSeed } from "../exercise/rng.ts";
import { paint } from "../report/style.ts";

const USAGE = `Usage: deno task watch [N|slug] [options]

  N|slug      the exercise (default: the first one you have not passed yet)
  --time      measure the speed on every save too (default: correctness only; key t)
  --quick     correctness only (the default; kept for older scripts)
  --seed S    the hidden inputs' seed for the whole session (default: a random one)
  --poll      look for changes every second instead of waiting for file events
  -h, --help  this text

Keys: h hint · t time it · r check again · n next exercise · l list · s new seed · q quit`;

/** ANSI: clear the screen and put the cursor top left (only on a terminal). */
const CLEAR = "\x1b[2J\x1b[3J\x1b[H";

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

/** What a key asks for. */
type KeyAction = "hint" | "time" | "check" | "next" | "list" | "seed" | "quit";
const KEYS: Record<string, KeyAction> = {
  h: "hint",
  t: "time",
  r: "check",
  n: "next",
  l: "list",
  s: "seed",
  q: "quit",
};

/** The exercise after `current` in course order that is available and not passed (else any available). */
export function nextExercise(current: Exercise, passed: (e: Exercise) => boolean): Exercise {
  const after = CATALOGUE.filter((e) => e.available && e.number > current.number);
  return after.find((e) => !passed(e)) ?? after[0] ?? current;
}

class Watch {
  #exercise: Exercise;
  #time: boolean;
  #seed: number;
  #dir: string;
  #child: Deno.ChildProcess | undefined;
  #pending = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopping = false;
  #watcher: Deno.FsWatcher | undefined;
  #poll = false;
  #raw = false;
  #pollTimer: ReturnType<typeof setInterval> | undefined;
  #done: PromiseWithResolvers<void> = Promise.withResolvers();

  constructor(exercise: Exercise, time: boolean, seed: number) {
    this.#exercise = exercise;
    this.#time = time;
    this.#seed = seed;
    this.#dir = `${REPO_ROOT}/exercises/${exercise.dir}`;
  }

  /** Runs until stopped. */
  async run(poll: boolean): Promise<void> {
    const onSignal = () => this.stop();
    Deno.addSignalListener("SIGINT", onSignal);
    Deno.addSignalListener("SIGTERM", onSignal);
    try {
      this.#poll = poll;
      this.#startWatching();
      this.#readKeys();
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
    this.#stopWatching();
    if (this.#raw) {
      try {
        Deno.stdin.setRaw(false);
      } catch {
        // Not a terminal any more.
      }
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

  #startWatching(): void {
    if (this.#poll) this.#startPolling();
    else this.#startEvents();
  }

  #stopWatching(): void {
    clearTimeout(this.#timer);
    clearInterval(this.#pollTimer);
    try {
      this.#watcher?.close();
    } catch {
      // Already closed.
    }
    this.#watcher = undefined;
  }

  /** Keys from standard input: raw on a terminal; a pipe's bytes count as keys too (tests). */
  #readKeys(): void {
    if (Deno.stdin.isTerminal()) {
      try {
        Deno.stdin.setRaw(true, { cbreak: true }); // cbreak: Ctrl-C still signals
        this.#raw = true;
      } catch {
        return;
      }
    }
    (async () => {
      const buffer = new Uint8Array(64);
      for (;;) {
        let read: number | null;
        try {
          read = await Deno.stdin.read(buffer);
        } catch {
          return;
        }
        if (read === null || this.#stopping) return;
        for (const byte of buffer.subarray(0, read)) {
          const action = KEYS[String.fromCharCode(byte).toLowerCase()];
          if (action !== undefined) await this.#key(action);
        }
      }
    })();
  }

  async #key(action: KeyAction): Promise<void> {
    if (this.#stopping) return;
    switch (action) {
      case "quit":
        this.stop();
        return;
      case "hint":
        await this.#run(["lib/cli/hint.ts", String(this.#exercise.number)]);
        return;
      case "list":
        await this.#run(["lib/cli/status.ts"]);
        return;
      case "time":
        this.#queue(true);
        return;
      case "check":
        this.#queue(false);
        return;
      case "seed":
        this.#seed = randomSeed();
        console.log(paint("dim", `New seed: ${this.#seed}.`));
        this.#queue(false);
        return;
      case "next": {
        const state = await readProgress();
        const next = nextExercise(
          this.#exercise,
          (e) => ["passed", "handed-in"].includes(standing(e, state)),
        );
        if (next === this.#exercise) {
          console.log("This is the last available exercise.");
          return;
        }
        this.#stopWatching();
        this.#exercise = next;
        this.#dir = `${REPO_ROOT}/exercises/${next.dir}`;
        this.#startWatching();
        this.#queue(false);
        return;
      }
    }
  }

  /** A one-off command (hint, status) printed between checks. */
  async #run(script: string[]): Promise<void> {
    if (this.#child !== undefined) return; // not in the middle of a check's output
    await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", `${REPO_ROOT}/${script[0]}`, ...script.slice(1)],
      cwd: REPO_ROOT,
      // hint.ts then says "press h again", not "run it again".
      env: { [WATCH_ENV]: "1" },
      stdin: "null",
      stdout: "inherit",
      stderr: "inherit",
    }).output();
  }

  /** Checks now, or after the running check (once). `timed` measures the speed for this one. */
  #queue(timed: boolean): void {
    if (timed) this.#timeNext = true;
    if (this.#child !== undefined) this.#pending = true;
    else this.#check();
  }

  #timeNext = false;

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
    this.#timer = setTimeout(() => this.#queue(false), DEBOUNCE_MS);
  }

  async #check(): Promise<void> {
    if (this.#child !== undefined) return;
    do {
      this.#pending = false;
      if (this.#stopping) return;
      const timed = this.#time || this.#timeNext;
      this.#timeNext = false;
      if (Deno.stdout.isTerminal()) Deno.stdout.writeSync(new TextEncoder().encode(CLEAR));
      const time = new Date().toTimeString().slice(0, 8);
      const what = timed ? "checking and timing" : "checking";
      console.log(
        paint(
          "dim",
          `── ${time} · ${what} exercise ${this.#exercise.number} · seed ${this.#seed} ──`,
        ),
      );
      const args = [
        "run",
        "-A",
        `${REPO_ROOT}/lib/cli/check.ts`,
        String(this.#exercise.number),
        "--seed",
        String(this.#seed),
      ];
      if (!timed) args.push("--quick");
      const child = new Deno.Command(Deno.execPath(), {
        args,
        cwd: REPO_ROOT,
        // check's next step then names saves and keys, not commands.
        env: { [WATCH_ENV]: "1" },
        stdin: "null",
        stdout: "inherit",
        stderr: "inherit",
      }).spawn();
      this.#child = child;
      const status = await child.status;
      this.#child = undefined;
      if (this.#stopping) return;
      if (status.success) {
        console.log(
          timed
            ? paint("green", `Exercise ${this.#exercise.number} passes. Press n for the next one.`)
            : paint("green", "Correct. Press t to time it (the speed decides the pass)."),
        );
      }
    } while (this.#pending);
    console.log(
      paint(
        "dim",
        `Watching ${shown(this.#dir)}/ · save to check again · ` +
          "h hint · t time · n next · l list · s new seed · q quit",
      ),
    );
  }
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    quick: { type: "boolean", default: false },
    time: { type: "boolean", default: false },
    seed: { type: "string" },
    poll: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  atMostPositionals(positionals, 1, "watch");
  if (values.quick && values.time) {
    throw new UsageError("Cannot use --quick with --time: choose one");
  }
  const seed = seedOption(values.seed);
  let exercise: Exercise | undefined;
  if (positionals.length === 1) {
    exercise = exerciseArg(positionals[0], "watch");
  } else {
    exercise = firstNotPassed(await readProgress());
    if (exercise === undefined) {
      console.log(
        "Every available exercise passes or is handed in. Name one to watch it: deno task watch 1",
      );
      return 0;
    }
    console.log(`Watching the first exercise you have not passed yet: ${exercise.number}`);
  }
  if (!exercise.available) {
    console.error(notAvailable(exercise));
    return 1;
  }
  await new Watch(exercise, values.time, seed).run(values.poll);
  return 0;
}

if (import.meta.main) await runMain("watch", () => main(Deno.args));
