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
 * Blocks this Worker for `ms` milliseconds, then returns `value`. Atomics.wait
 * blocks the thread without using the CPU, so a Worker can run only one such
 * task at a time: a pool of 4 needs 3 rounds for 10 of them, as the course's
 * processes did with sleep().
 */
export function sleepThenEcho(task: { ms: number; value: number }): number {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, task.ms);
  return task.value;
}

/** Returns `value`, or throws for the one bad value. */
export function failOn(task: { value: number; bad: number }): number {
  if (task.value === task.bad) throw new Error(`bad item ${task.value}`);
  return task.value;
}
