/**
 * A sample process: runs one candidate (or baseline) once, on the main thread
 * of a fresh process, for exercises whose code starts Workers. (In Deno 2.9 a
 * Worker started from inside a Worker waits about half a second before it runs,
 * which would swamp a parallel speed-up; from a main thread it starts in ~20 ms.)
 *
 * Protocol with the judge (`sample_process.ts`), one line each on stdin/stdout:
 * 1. judge → host: a `HostOrder`; the host builds the input (not timed) and
 *    prints `<token> ready`;
 * 2. judge → host: `go` (the judge starts its clock); the host imports the
 *    module (timed), calls the entry and prints `<token> done` (the judge stops
 *    its clock), then writes the output to `outFile` and prints `<token> written`;
 *    or `<token> failed <json>` instead.
 *
 * The candidate shares this isolate: the judge times from outside, and
 * validates and compares what it reads back. The token stops a printed line
 * from passing for the host's before the host has said it.
 *
 * @module
 */
import type { Entry, ExerciseCheck, SampleMeta } from "../check/types.ts";
import { describeThrown } from "../check/describe.ts";
import { encodeOutput } from "./output_codec.ts";
import { countWorkers, reportExits } from "./sample_guards.ts";

/** What the judge asks a sample process to do. */
export interface HostOrder {
  token: string;
  checkUrl: string;
  moduleUrl: string;
  exportName: string;
  input: unknown;
  /** Where to write the encoded `{ output, meta }`. */
  outFile: string;
}

/** Why a sample produced no output, as the host reports it. */
export interface HostFailure {
  kind: "threw" | "load-error" | "unsendable" | "exited";
  message: string;
}

// Captured before any candidate code runs.
const encoder = new TextEncoder();
const writeSync = Deno.stdout.writeSync.bind(Deno.stdout);
const writeFileSync = Deno.writeFileSync;
const exitProcess = Deno.exit;
const importModule = (url: string) => import(url);

function say(line: string): void {
  // A newline first: the candidate may have left half a line on stdout.
  const bytes = encoder.encode(`\n${line}\n`);
  let written = 0;
  while (written < bytes.length) written += writeSync(bytes.subarray(written));
}

function readLines(): AsyncIterator<string> {
  const lines = Deno.stdin.readable.pipeThrough(new TextDecoderStream());
  async function* split() {
    let buffer = "";
    for await (const chunk of lines) {
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        yield buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
      }
    }
  }
  return split();
}

async function main(): Promise<void> {
  const lines = readLines();
  const first = await lines.next();
  if (first.done) return;
  const order = JSON.parse(first.value) as HostOrder;
  const { token } = order;
  const fail = (failure: HostFailure) => say(`${token} failed ${JSON.stringify(failure)}`);

  const meta: SampleMeta = { workersStarted: 0, workersTerminated: 0 };
  reportExits((message) => fail({ kind: "exited", message }), () => exitProcess(0));
  countWorkers(meta);
  const check = (await importModule(order.checkUrl)).check as ExerciseCheck<unknown, unknown>;
  const args = check.prepare(order.input);
  say(`${token} ready`);

  const go = await lines.next();
  if (go.done || go.value.trim() !== "go") return;

  let entry: unknown;
  try {
    entry = (await importModule(order.moduleUrl))[order.exportName];
  } catch (thrown) {
    return fail({ kind: "load-error", message: describeThrown(thrown) });
  }
  if (typeof entry !== "function") {
    const found = entry === undefined ? "nothing" : typeof entry;
    return fail({
      kind: "load-error",
      message: `the module does not export a function named ${order.exportName} (found ${found})`,
    });
  }
  let output: unknown;
  try {
    const returned = check.invoke === undefined
      ? await (entry as (...a: unknown[]) => unknown)(...args)
      : await check.invoke(entry as Entry, args, order.input, { moduleUrl: order.moduleUrl });
    output = check.outputOf(returned, args);
  } catch (thrown) {
    return fail({ kind: "threw", message: describeThrown(thrown) });
  }
  say(`${token} done`);
  let bytes: Uint8Array;
  try {
    bytes = encodeOutput({ output, meta: { ...meta } });
  } catch (thrown) {
    return fail({
      kind: "unsendable",
      message: `returned a value that cannot be sent back (${describeThrown(thrown)})`,
    });
  }
  writeFileSync(order.outFile, bytes);
  say(`${token} written`);
}

if (import.meta.main) {
  try {
    await main();
  } finally {
    // Whatever the candidate left running (Workers, timers) ends with the process.
    exitProcess(0);
  }
}
