/**
 * Tasks the hidden check of exercise 5 runs through the learner's Pool. Each
 * Pool Worker imports this module itself.
 *
 * @module
 */

/** x². */
export function square(x: number): number {
  return x * x;
}

/**
 * Blocks this Worker for `ms` milliseconds, then returns `value`. A blocking
 * wait holds the thread without using the CPU, so a Worker can run only one
 * such task at a time: a pool of 4 needs 3 rounds for 10 of them, as the
 * course's processes did with sleep().
 *
 * With a `file` (the timed "rounds" test), the sleep is not this Worker's to
 * time: the task reads a byte from the file, a FIFO that the judge writes `ms` after it saw
 * this Worker's thread blocked reading it (lib/check/blocking_referee.ts).
 */
export function sleepThenEcho(task: { ms: number; value: number; file?: string }): number {
  if (typeof task.file === "string") {
    using file = Deno.openSync(task.file);
    file.readSync(new Uint8Array(1));
  } else {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, task.ms);
  }
  return task.value;
}

/** Returns `value`, or throws for the one bad value. */
export function failOn(task: { value: number; bad: number }): number {
  if (task.value === task.bad) throw new Error(`bad item ${task.value}`);
  return task.value;
}
