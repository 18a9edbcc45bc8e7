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
 * A gate the check's timekeeper holds (`check.ts`): cell 0 is set by the task
 * when it starts, cell 1 by the timekeeper when the task may end.
 */
export type Gate = Int32Array;

/**
 * How long a gated task waits for its gate at most, in multiples of `ms`: a
 * gate opens `ms` after the start, and a round late by even half of `ms` fails
 * the test anyway. (Run on the main thread, which the check needs to open the
 * gate, a task would otherwise block it for good.)
 */
const GATE_LIMIT = 3;

/**
 * Blocks this Worker for `ms` milliseconds, then returns `value`. Atomics.wait
 * blocks the thread without using the CPU, so a Worker can run only one such
 * task at a time: a pool of 4 needs 3 rounds for 10 of them, as the course's
 * processes did with sleep().
 *
 * With a `gate` (the timed "rounds" test), the sleep is not this Worker's to
 * time: the task says it has started, then blocks until the check opens its
 * gate, `ms` after the start. The check opens it only once it has woken a
 * thread blocked on it, so a Worker whose own `Atomics.wait` is shortened, or
 * that does not wait at all, gains nothing.
 */
export function sleepThenEcho(task: { ms: number; value: number; gate?: Gate }): number {
  const { gate } = task;
  // No gate, or one that lost its shared memory on the way (an item sent as JSON): a plain sleep.
  if (!(gate instanceof Int32Array) || !(gate.buffer instanceof SharedArrayBuffer)) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, task.ms);
    return task.value;
  }
  Atomics.store(gate, 0, 1);
  Atomics.notify(gate, 0);
  const end = Date.now() + GATE_LIMIT * task.ms;
  while (Atomics.load(gate, 1) === 0) {
    const left = end - Date.now();
    if (left <= 0) break;
    Atomics.wait(gate, 1, 0, left);
  }
  return task.value;
}

/** Returns `value`, or throws for the one bad value. */
export function failOn(task: { value: number; bad: number }): number {
  if (task.value === task.bad) throw new Error(`bad item ${task.value}`);
  return task.value;
}
