/**
 * Fair timing while grading in parallel: test jobs share, a timed job runs
 * alone, and while it runs every other process the grader started is stopped.
 *
 * @module
 */
import { TimingGate } from "../../lib/grade/schedule.ts";
import { pointsFor } from "../../lib/grade/points.ts";
import { findExercise } from "../../lib/exercise/catalogue.ts";
import { assert, assertEquals } from "../_helpers/helpers.ts";

/** The state letter of a process (R running, S sleeping, T stopped), from /proc. */
async function stateOf(pid: number): Promise<string> {
  const stat = await Deno.readTextFile(`/proc/${pid}/stat`);
  return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

Deno.test("TimingGate: tests share, a timed job waits for them and then runs alone", async () => {
  const gate = new TimingGate();
  const order: string[] = [];
  const first = await gate.shared();
  const second = await gate.shared();
  const timed = gate.exclusive(Deno.pid).then((release) => {
    order.push("timed");
    return release;
  });
  // A test job that arrives while a timed job waits goes after it.
  const late = gate.shared().then((release) => {
    order.push("late test");
    return release;
  });
  await tick();
  assertEquals(order, [], "the timed job waits for the running tests");
  first();
  second();
  const releaseTimed = await timed;
  await tick();
  assertEquals(order, ["timed"], "the late test waits for the timed job");
  releaseTimed();
  (await late)();
  assertEquals(order, ["timed", "late test"], "then the late test runs");
});

// The deadlock a class graded with --jobs 2 could reach: a check holds a shared slot for its next
// test's process (started ahead), a timed pair of another submission waits for that slot, and the
// check's oracle for the test it just ran asks for a slot. Queued behind the waiting pair (as a
// "test" would be), the oracle never ran, and the next test never released its slot.
Deno.test("TimingGate: the judge's oracle does not queue behind a waiting timed job", async () => {
  const gate = new TimingGate();
  const nextTest = await gate.shared();
  let timedRan = false;
  const timed = gate.exclusive(Deno.pid).then((release) => {
    timedRan = true;
    return release;
  });
  let judged = false;
  const oracle = gate.gate("judge", Deno.pid).then((release) => {
    judged = true;
    return release;
  });
  await tick();
  assert(judged, "the oracle runs although a timed job waits");
  assert(!timedRan, "the timed job still waits for shared work to drain");
  (await oracle)();
  nextTest();
  (await timed)();
  assert(timedRan, "then the timed job runs");
  // While a timed job runs, the oracle waits like any shared work.
  const running = await gate.exclusive(Deno.pid);
  let late = false;
  const lateOracle = gate.gate("judge", Deno.pid).then((release) => {
    late = true;
    return release;
  });
  await tick();
  assert(!late, "no oracle beside a running timed job");
  running();
  (await lateOracle)();
  assert(late, "it runs once the timed job ends");
});

Deno.test({
  name: "TimingGate: other processes of the grader are stopped while a timed job runs",
  ignore: Deno.build.os !== "linux",
  async fn() {
    const busy = new Deno.Command(Deno.execPath(), { args: ["eval", "while (true) {}"] }).spawn();
    const owner = new Deno.Command("sleep", { args: ["30"] }).spawn();
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const gate = new TimingGate();
      const release = await gate.exclusive(owner.pid);
      await tick();
      assertEquals(await stateOf(busy.pid), "T", "the busy process is stopped");
      assert((await stateOf(owner.pid)) !== "T", "the timed process is not");
      release();
      await tick();
      assert((await stateOf(busy.pid)) !== "T", "and continues afterwards");
    } finally {
      busy.kill("SIGKILL");
      owner.kill("SIGKILL");
      await busy.status;
      await owner.status;
    }
  },
});

Deno.test("pointsFor(): pass, tier bonuses, no speed part, skipped speed, partial credit", () => {
  const slow = findExercise("1");
  const pool = findExercise("5");
  const quiz = findExercise("11");
  assert(slow !== undefined && pool !== undefined && quiz !== undefined, "exercises");
  const p = (
    exercise: typeof slow,
    status: "pass" | "fail" | "error",
    tier: "pass" | "silver" | "gold" | null,
    credit: number | null = null,
  ) => pointsFor(exercise, { status, tier, credit });
  assertEquals(p(slow, "pass", "gold"), 10, "gold: everything");
  assertEquals(p(slow, "pass", "silver"), 8, "silver: pass + silver");
  assertEquals(p(slow, "pass", "pass"), 6, "the pass tier");
  assertEquals(p(slow, "pass", null), 6, "speed skipped: no bonus");
  assertEquals(p(slow, "fail", null), 0, "a fail");
  assertEquals(p(slow, "error", null, 0.9), 0, "credit only where the exercise gives it");
  assertEquals(p(pool, "pass", null), 10, "no speed part: every point");
  assertEquals(p(quiz, "fail", null, 0.5), 5, "partial credit");
  assertEquals(p(quiz, "fail", null, 1 / 3), 3.33, "rounded to hundredths");
});
