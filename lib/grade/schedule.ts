/**
 * Fair timing while grading in parallel: correctness work of several
 * submissions may overlap, but a timed pair runs alone. A readers–writer lock
 * over runner jobs: test jobs share it, timed jobs (pairs, samples) take it
 * alone, and a waiting timed job keeps new test jobs out so it is not starved.
 *
 * While a timed job runs, every other process the grader started (idle runners
 * that a candidate may have left a busy Worker in, a runner still starting, an
 * archive being unpacked) is stopped with SIGSTOP, and continued afterwards:
 * nothing of the grader runs beside the pair being timed.
 *
 * @module
 */
import type { JobGate } from "../sandbox/runner_client.ts";
import { processTree, signalTree } from "../sandbox/process_tree.ts";

/** How often, while a timed job runs, processes started since are found and stopped. */
const STOP_POLL_MS = 50;

/** Releases what an acquire took. */
export type Release = () => void;

export class TimingGate {
  #shared = 0;
  #exclusive = false;
  #waitingShared: (() => void)[] = [];
  #waitingExclusive: (() => void)[] = [];
  /** Processes stopped during the current timed job. */
  #stopped = new Set<number>();
  #poll: ReturnType<typeof setInterval> | undefined;

  /** The hook for `RunnerOptions.gate`: test jobs share, timed jobs run alone. */
  readonly gate: JobGate = (kind, pid) =>
    kind === "test" ? this.shared() : kind === "judge" ? this.joined() : this.exclusive(pid);

  /** Correctness work (a test job, unpacking a submission): may overlap with its kind. */
  shared(): Promise<Release> {
    return this.#admit(this.#waitingExclusive.length === 0);
  }

  /**
   * The judge's work on a test it already ran (its oracle): shared work that
   * does not queue behind a waiting timed job, only a running one. It may be
   * asked for while the same check holds another shared slot (the next test's
   * process, started ahead), which a waiting timed job waits for: queued behind
   * that job, it would never be served (a deadlock seen with two submissions
   * graded at once). It is short and bounded, so the timed job is not starved.
   */
  joined(): Promise<Release> {
    return this.#admit(true);
  }

  /** Shared work: at once when no timed job runs and `now` allows, else after the next one. */
  #admit(now: boolean): Promise<Release> {
    if (!this.#exclusive && now) {
      this.#shared++;
      return Promise.resolve(once(() => this.#releaseShared()));
    }
    return new Promise((resolve) => {
      this.#waitingShared.push(() => {
        this.#shared++;
        resolve(once(() => this.#releaseShared()));
      });
    });
  }

  /** A timed job of the runner `ownerPid`: waits for shared work to drain, then runs alone. */
  exclusive(ownerPid: number): Promise<Release> {
    return new Promise((resolve) => {
      const start = () => {
        this.#exclusive = true;
        this.#stopOthers(ownerPid);
        resolve(once(() => this.#releaseExclusive()));
      };
      if (!this.#exclusive && this.#shared === 0) start();
      else this.#waitingExclusive.push(start);
    });
  }

  #releaseShared(): void {
    this.#shared--;
    if (this.#shared === 0 && !this.#exclusive) this.#waitingExclusive.shift()?.();
  }

  #releaseExclusive(): void {
    this.#resumeOthers();
    this.#exclusive = false;
    // Alternate: shared work that waited goes first, then the next timed job.
    const shared = this.#waitingShared.splice(0);
    for (const wake of shared) wake();
    if (this.#shared === 0) this.#waitingExclusive.shift()?.();
  }

  #stopOthers(ownerPid: number): void {
    const stopNew = () => {
      const owner = new Set(processTree(ownerPid));
      for (const child of processTree(Deno.pid).slice(1)) {
        if (owner.has(child) || this.#stopped.has(child)) continue;
        this.#stopped.add(child);
        signalTree(child, "SIGSTOP");
      }
    };
    // The owner may have been stopped while it started up beside an earlier timed job.
    signalTree(ownerPid, "SIGCONT");
    stopNew();
    this.#poll = setInterval(stopNew, STOP_POLL_MS);
  }

  #resumeOthers(): void {
    clearInterval(this.#poll);
    for (const pid of this.#stopped) signalTree(pid, "SIGCONT");
    this.#stopped.clear();
  }
}

function once(fn: () => void): Release {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
