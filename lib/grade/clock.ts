/**
 * The wall-clock budget of one exercise while it is graded.
 *
 * @module
 */
import type { JobGate } from "../sandbox/runner_client.ts";

/**
 * A wall-clock budget that does not run while its exercise waits for another
 * submission's timed pairs: with `--jobs 4`, waiting is not the student's doing.
 */
export class ExerciseClock {
  #remaining: number;
  #since = performance.now();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(limitMs: number, readonly onExpire: () => void) {
    this.#remaining = limitMs;
    this.#arm();
  }

  #arm(): void {
    this.#since = performance.now();
    this.#timer = setTimeout(() => {
      this.#stopped = true;
      this.onExpire();
    }, Math.max(0, this.#remaining));
  }

  pause(): void {
    if (this.#stopped || this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#remaining -= performance.now() - this.#since;
  }

  resume(): void {
    if (this.#stopped || this.#timer !== undefined) return;
    this.#arm();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  /** A runner gate whose waiting does not count against this clock. */
  wrap(gate: JobGate): JobGate {
    return async (kind, pid) => {
      this.pause();
      try {
        return await gate(kind, pid);
      } finally {
        this.resume();
      }
    };
  }
}
