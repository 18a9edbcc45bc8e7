/**
 * The Worker in which a candidate (or a baseline) runs once, on one input.
 *
 * Protocol with `runner.ts`:
 * 1. runner → worker: a `SampleOrder` (what to import, which input to build);
 * 2. worker → runner: `ready` once the input is built (not timed);
 * 3. runner → worker: `go` (the runner starts its clock);
 * 4. worker imports the module (module load is timed), calls the entry point and
 *    posts `result`, `threw` or `load-error` (the runner stops its clock).
 *
 * The candidate shares this isolate, so nothing here is trusted for timing or
 * judging: the runner times from outside, validates what arrives, and ignores any
 * message without this order's token (the candidate never sees the token).
 *
 * @module
 */
/// <reference lib="deno.worker" />
import type { Entry, ExerciseCheck, SampleMeta } from "../check/types.ts";
import { describeThrown } from "../check/describe.ts";
import { countWorkers, reportExits } from "./sample_guards.ts";

/** What the runner asks a Worker to do. */
export interface SampleOrder {
  token: string;
  /** URL of the hidden check definition (trusted code). */
  checkUrl: string;
  /** URL of the module under test and the export to call. */
  moduleUrl: string;
  exportName: string;
  input: unknown;
}

/** What a Worker posts back. */
export type SampleReply =
  | { kind: "ready"; token: string }
  | { kind: "result"; token: string; output: unknown; meta: SampleMeta }
  | { kind: "threw"; token: string; message: string }
  | { kind: "unsendable"; token: string; message: string }
  | { kind: "load-error"; token: string; message: string }
  | { kind: "exited"; token: string; message: string };

// Captured before any candidate code runs, so that patching them later changes nothing here.
const post = self.postMessage.bind(self);
const importModule = (url: string) => import(url);

const meta: SampleMeta = { workersStarted: 0, workersTerminated: 0 };

let order: SampleOrder | undefined;
let args: unknown[] = [];
let check: ExerciseCheck<unknown, unknown> | undefined;

self.onmessage = async (event: MessageEvent) => {
  if (order === undefined) {
    order = event.data as SampleOrder;
    const token = order.token;
    // In a Worker, Deno.exit() would close it without a word to the runner.
    reportExits(
      (message) => post({ kind: "exited", token, message } satisfies SampleReply),
      () => self.close(),
    );
    countWorkers(meta);
    const checkModule = await importModule(order.checkUrl);
    check = checkModule.check as ExerciseCheck<unknown, unknown>;
    args = check.prepare(order.input);
    post({ kind: "ready", token: order.token } satisfies SampleReply);
    return;
  }
  if (event.data !== "go" || check === undefined) return;
  const { token, moduleUrl, exportName } = order;

  let entry: unknown;
  try {
    const candidate = await importModule(moduleUrl);
    entry = candidate[exportName];
  } catch (thrown) {
    post({ kind: "load-error", token, message: describeThrown(thrown) } satisfies SampleReply);
    return;
  }
  if (typeof entry !== "function") {
    const message = `the module does not export a function named ${exportName} (found ${
      entry === undefined ? "nothing" : typeof entry
    })`;
    post({ kind: "load-error", token, message } satisfies SampleReply);
    return;
  }

  try {
    const returned = check.invoke === undefined
      ? await entry(...args)
      : await check.invoke(entry as Entry, args, order.input, { moduleUrl });
    const output = check.outputOf(returned, args);
    try {
      post(
        { kind: "result", token, output, meta: { ...meta } } satisfies SampleReply,
        check.transferables(output),
      );
    } catch (thrown) {
      const message = `returned a value that cannot leave the Worker (${describeThrown(thrown)})`;
      post({ kind: "unsendable", token, message } satisfies SampleReply);
    }
  } catch (thrown) {
    post({ kind: "threw", token, message: describeThrown(thrown) } satisfies SampleReply);
  }
};
