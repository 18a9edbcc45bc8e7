/**
 * Pairs in Worker mode: one fresh runner process per pair (`runner.ts`), so
 * nothing a candidate leaves running survives its pair, with the untimed work
 * of consecutive pairs overlapped.
 *
 * A pair's runner is gated: it starts and builds both inputs (untimed), then
 * waits for `go`, which it gets once the previous pair's runner has exited. It
 * says `timed` once both samples are timed, before it judges the candidate's
 * output against the baseline's; at that moment the next pair's runner starts
 * (when both inputs are held at once anyway, the default size, and not when
 * grading, whose gate times each job alone). So one runner's judging, reply
 * and teardown overlap the next one's start and input building (exercise 2:
 * two 0.34 GB outputs compared, ~1 GB of arguments built and as much freed per
 * pair; its timed share went from 0.65 to 0.70, and to 0.73–0.75 once pairs
 * whose candidate goes first built as little as the others, `deno task
 * calibrate 2`), and no timed sample ever runs beside another runner. A
 * runner started for a pair that is not taken (the measurement stopped, or its
 * pair failed) is killed unused.
 *
 * @module
 */
import type { JobOutcome, RunnerSession } from "../../sandbox/runner_client.ts";
import type { Target } from "../../sandbox/runner.ts";
import { type PairOrder, pairOrder, PairProblem, type PairSample } from "./measure.ts";
import { type RunContext, startSession } from "../run_context.ts";

/** What a Worker-mode pair times against what, on which inputs. */
export interface WorkerPairPart {
  baseline: Target;
  candidate: Target;
  /** True when the baseline is the learner's own code. */
  own: boolean;
  candidateInput(input: unknown): unknown;
  baselineInput(input: unknown): unknown;
}

/** A pair whose runner has been started: it builds its inputs, then waits for `go`. */
interface StartedPair {
  index: number;
  order: PairOrder;
  input: unknown;
  session: RunnerSession;
  outcome: Promise<JobOutcome>;
  /** Lets the runner time its samples. */
  go(): void;
}

export class WorkerPairs {
  readonly #context: RunContext;
  readonly #part: WorkerPairPart;
  readonly #drawn: (index: number) => unknown;
  readonly #timeoutMs: number;
  /** Both sides' inputs built at once. */
  readonly #together: boolean;
  /** Whether the next pair's runner starts while this one judges (with `together` only). */
  readonly #ahead: boolean;
  /** Every runner killed so far, until it has exited. */
  #reaping: Promise<void> = Promise.resolve();
  /** The next pair's runner, started when this one's samples were timed. */
  #next: StartedPair | undefined;

  constructor(
    context: RunContext,
    part: WorkerPairPart,
    options: {
      drawn: (index: number) => unknown;
      timeoutMs: number;
      together: boolean;
      ahead: boolean;
    },
  ) {
    this.#context = context;
    this.#part = part;
    this.#drawn = options.drawn;
    this.#timeoutMs = options.timeoutMs;
    this.#together = options.together;
    this.#ahead = options.together && options.ahead;
  }

  /**
   * Times pair `index` in `order` (its runner started ahead when it was) and
   * judges it; the runner is killed when it answers.
   *
   * @throws {PairProblem} What went wrong with the pair.
   */
  async run(index: number, order: PairOrder): Promise<PairSample> {
    let pair = this.#next;
    this.#next = undefined;
    if (pair !== undefined && (pair.index !== index || pair.order !== order)) {
      this.#discard(pair);
      pair = undefined;
    }
    pair ??= this.#start(index, order);
    // Nothing is timed before every earlier runner has exited.
    this.#reaping.then(pair.go);
    try {
      const outcome = await pair.outcome;
      const where = `on the benchmark input (${this.#context.check.describe(pair.input)})`;
      if (outcome.kind !== "reply") throw new PairProblem(`${where}: ${outcome.message}`);
      const reply = outcome.reply;
      if (reply.kind !== "pair") {
        throw new PairProblem("the runner answered with the wrong kind of reply");
      }
      if (reply.problem !== null) {
        // With the learner's own code as baseline, its one-Worker run is theirs to fix.
        const whose = reply.culprit !== "baseline"
          ? ""
          : this.#part.own
          ? "your code on one Worker failed: "
          : "the baseline failed: ";
        throw new PairProblem(`${where}: ${whose}${reply.problem}`);
      }
      return { baselineMs: reply.baselineMs, candidateMs: reply.candidateMs, order: reply.order };
    } finally {
      // Killed now (SIGKILL to its tree: nothing of it runs on), reaped before the next goes.
      this.#discard(pair);
    }
  }

  /** Kills a runner started ahead and unused, and waits until every runner has exited. */
  async settle(): Promise<void> {
    if (this.#next !== undefined) this.#discard(this.#next);
    this.#next = undefined;
    await this.#reaping;
  }

  #start(index: number, order: PairOrder): StartedPair {
    const part = this.#part;
    const drawn = this.#drawn(index);
    const input = part.candidateInput(drawn);
    const session = startSession(this.#context);
    let go: () => void = () => {};
    const gate = new Promise<void>((resolve) => (go = resolve));
    const outcome = session.run(
      {
        kind: "pair",
        checkUrl: this.#context.checkUrl,
        baseline: part.baseline,
        candidate: part.candidate,
        input,
        baselineInput: part.baselineInput(drawn),
        baselineIsLearners: part.own,
        order,
        together: this.#together,
        gated: true,
      },
      2 * this.#timeoutMs,
      {
        go: gate,
        ...(this.#ahead ? { onTimed: () => this.#startNext(index + 1) } : {}),
      },
    );
    return { index, order, input, session, outcome, go };
  }

  /** The next pair's runner, started while this one judges (see the module's comment). */
  #startNext(index: number): void {
    if (this.#next !== undefined) this.#discard(this.#next);
    this.#next = this.#start(index, pairOrder(index));
  }

  #discard(pair: StartedPair): void {
    pair.outcome.catch(() => undefined); // an unused runner's outcome is nobody's
    pair.session.kill();
    this.#reaping = Promise.all([this.#reaping, pair.session.close()]).then(() => {});
  }
}
