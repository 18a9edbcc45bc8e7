/**
 * The Worker in which a candidate (or a baseline) runs once, on one input.
 *
 * Protocol with `runner.ts`:
 * 1. runner → worker: a `SampleOrder` (what to import, which input to build);
 * 2. worker → runner: `ready` once the input is built (not timed);
 * 3. runner → worker: `go` (the runner starts its clock);
 * 4. worker imports the module (module load is timed), calls the entry point and
 *    posts `result` or `failed` with a code (the runner stops its clock when the
 *    message arrives).
 *
 * The candidate shares this isolate, so nothing here is trusted for timing or
 * judging: the runner times from outside, validates what arrives, and ignores any
 * message without this order's token (the candidate never sees the token).
 *
 * @module
 */
/// <reference lib="deno.worker" />
import type { ExerciseCheck, SampleMeta } from "../check/types.ts";
import { countWorkers, reportExits } from "./sample_guards.ts";
import { callEntry, loadEntry, safeDescription } from "./call_entry.ts";
import type { SampleFailure } from "./failure.ts";
import type { SamplePart } from "../check/judge_output.ts";

/** What the runner asks a Worker to do. */
export interface SampleOrder {
  token: string;
  /** URL of the hidden check definition (trusted code). */
  checkUrl: string;
  /** URL of the module under test and the export to call. */
  moduleUrl: string;
  exportName: string;
  input: unknown;
  /**
   * Build only one part of the arguments (`sharedInputs` in types.ts); the other
   * arrives in a `SampleMissingPart` before `go`. With `handOver`, the inputs go
   * back with the result (a fixed baseline's, for the candidate after it).
   */
  share?: { build: "inputs" | "outputs"; handOver: boolean };
}

/** The part a `share` sample did not build, from the runner, before `go`. */
export interface SampleMissingPart {
  kind: "part";
  part: unknown;
}

/** What a Worker posts back. */
export type SampleReply =
  | { kind: "ready"; token: string }
  | {
    kind: "result";
    token: string;
    output: unknown;
    meta: SampleMeta;
    /** A `handOver` sample's inputs and their buffers (transferred). */
    inputs?: SamplePart;
  }
  | { kind: "failed"; token: string; failure: SampleFailure };

// Captured before any candidate code runs, so that patching them later changes nothing here.
const post = self.postMessage.bind(self);
const importModule = (url: string) => import(url) as Promise<Record<string, unknown>>;

const meta: SampleMeta = { workersStarted: 0, workersTerminated: 0 };

let order: SampleOrder | undefined;
let args: unknown[] = [];
/** The part a `share` sample built, until the other arrives. */
let built: unknown;
let check: ExerciseCheck<unknown, unknown> | undefined;

self.onmessage = async (event: MessageEvent) => {
  if (order === undefined) {
    order = event.data as SampleOrder;
    const token = order.token;
    // In a Worker, Deno.exit() would close it without a word to the runner.
    reportExits(
      (detail) =>
        post({ kind: "failed", token, failure: { code: "exited", detail } } satisfies SampleReply),
      () => self.close(),
    );
    countWorkers(meta);
    const checkModule = await importModule(order.checkUrl);
    check = checkModule.check as ExerciseCheck<unknown, unknown>;
    // The candidate can import this same module instance: frozen, its functions stay the check's.
    Object.freeze(check);
    if (check.sharedInputs !== undefined) Object.freeze(check.sharedInputs);
    const shared = order.share === undefined ? undefined : check.sharedInputs;
    if (order.share === undefined || shared === undefined) args = check.prepare(order.input);
    else built = shared[order.share.build](order.input);
    post({ kind: "ready", token: order.token } satisfies SampleReply);
    return;
  }
  const data = event.data as SampleMissingPart | "go";
  const shared = check?.sharedInputs;
  if (typeof data === "object" && data?.kind === "part" && shared && order.share) {
    // Before go, from the runner: no candidate code has run here yet.
    const outputsBuilt = order.share.build === "outputs";
    args = outputsBuilt ? shared.args(data.part, built) : shared.args(built, data.part);
    return;
  }
  if (data !== "go" || check === undefined) return;
  const { token, moduleUrl, exportName } = order;
  const failed = (failure: SampleFailure) =>
    post({ kind: "failed", token, failure } satisfies SampleReply);

  const loaded = await loadEntry(importModule, moduleUrl, exportName);
  if (!loaded.ok) return failed(loaded.failure);
  const called = await callEntry(check, loaded.entry, args, order.input, moduleUrl);
  if (!called.ok) return failed(called.failure);
  try {
    const transfer = new Set(check.transferables(called.output));
    const handed = order.share?.handOver === true && order.share.build === "inputs" && shared
      ? { value: built, buffers: shared.buffers(built) }
      : undefined;
    for (const buffer of handed?.buffers ?? []) transfer.add(buffer);
    // The clone happens here, in postMessage: getters it meets run before the runner's
    // clock stops (it stops when the message arrives, complete, in the runner's isolate).
    post(
      {
        kind: "result",
        token,
        output: called.output,
        meta: { ...meta },
        ...(handed === undefined ? {} : { inputs: handed }),
      } satisfies SampleReply,
      [...transfer],
    );
  } catch (thrown) {
    const detail = `returned a value that cannot leave the Worker (${safeDescription(thrown)})`;
    failed({ code: "unsendable", detail });
  }
};
