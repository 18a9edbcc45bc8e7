/**
 * A sample process: runs one candidate (or baseline) once, on the main thread
 * of a fresh process, for exercises whose code starts Workers. (In Deno 2.9 a
 * Worker started from inside a Worker waits about half a second before it runs,
 * which would swamp a parallel speed-up; from a main thread it starts in ~20 ms.)
 *
 * Protocol with the judge (`sample_process.ts`):
 * 1. judge → host, one line on stdin: a `HostOrder`. The host freezes the
 *    intrinsics, captures every other builtin it will use, builds the input
 *    (not timed), prepares its two reply lines, and prints `<token> ready`;
 * 2. judge → host: `go` (the judge starts its clock); the host imports the
 *    module (timed), calls the entry, encodes a `HostRecord` (the output, or
 *    why there is none) into a private copy, and prints `<token> done`. The
 *    judge freezes the process (every thread stopped), stops its clock, counts
 *    the Workers, lets the process go on and says `write`;
 * 3. the host writes the copy to `outFile` (not timed), or with a `digestKey` its
 *    arrays' keyed digests in place of their bytes, and prints `<token> written`;
 *    the judge reads the file and kills the process.
 *
 * Why the clock may stop at `done`: the output is then complete in memory no
 * candidate code can reach or change: a copy made by captured, frozen
 * builtins, in this isolate's own (unshared) heap, which Workers cannot touch,
 * and the main thread runs nothing but this file's synchronous code from there
 * to the end (it blocks reading stdin, so no candidate callback runs on it).
 * Writing 160 MB to a file took 60–630 ms here, too much and too variable to
 * time; the copy takes ~0.1 s for both sides of a pair alike. The file's path is
 * known to this code and the judge only.
 *
 * Everything after step 1 runs beside candidate code: the clock is the
 * judge's, the Workers are counted from outside, and the token that marks the
 * host's lines reaches no code the candidate can replace: it is read before
 * the candidate loads, and the three lines holding it are encoded then, into
 * bytes written later by a captured function.
 *
 * @module
 */
import type { ExerciseCheck, SampleMeta } from "../check/types.ts";
import { lockdownIntrinsics } from "./lockdown.ts";
import { createDigester, createEncoder } from "./output_codec.ts";
import { countWorkers, reportExits } from "./sample_guards.ts";
import { callEntry, loadEntry, safeDescription } from "./call_entry.ts";
import type { SampleFailure } from "./failure.ts";

/** What the judge asks a sample process to do. */
export interface HostOrder {
  token: string;
  checkUrl: string;
  moduleUrl: string;
  exportName: string;
  input: unknown;
  /** Where to write the encoded `HostRecord`. */
  outFile: string;
  /**
   * When given (four 32-bit words, the judge's secret for this pair): write each
   * array's keyed digest in place of its bytes (`createDigester` in output_codec.ts).
   */
  digestKey?: number[];
}

/** What the host writes to `outFile`: the output and what it counted, or why there is none. */
export type HostRecord =
  | { ok: true; output: unknown; meta: SampleMeta }
  | { ok: false; failure: SampleFailure };

// Captured before any candidate code runs (this module is evaluated first).
const { apply } = Reflect;
const stdout = Deno.stdout;
const stdoutWriteSync = Deno.stdout.writeSync;
const stdin = Deno.stdin;
const stdinReadSync = Deno.stdin.readSync;
const openSync = Deno.openSync;
const fileWriteSync = Deno.FsFile.prototype.writeSync;
const fileClose = Deno.FsFile.prototype.close;
const subarray = Uint8Array.prototype.subarray;
const exitProcess = Deno.exit;
const importModule = (url: string) => import(url) as Promise<Record<string, unknown>>;
const textEncoder = new TextEncoder();
const encodeText = TextEncoder.prototype.encode;
const encodeOutput = createEncoder();
const digestChunks = createDigester();

/** Writes all of `bytes` with `write` (a captured writeSync). */
function writeAll(write: (bytes: Uint8Array) => number, bytes: Uint8Array): void {
  let written = 0;
  while (written < bytes.byteLength) written += write(apply(subarray, bytes, [written]));
}

/** The next line of stdin (read before the candidate loads, and for `go`). */
function readLine(): string | null {
  const bytes: number[] = [];
  const one = new Uint8Array(1);
  while (true) {
    const n = apply(stdinReadSync, stdin, [one]) as number | null;
    if (n === null || n === 0) return null;
    if (one[0] === 0x0a) break;
    bytes.push(one[0] as number);
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

async function main(): Promise<void> {
  const first = readLine();
  if (first === null) return;
  const order = JSON.parse(first) as HostOrder;
  // A newline first: the candidate may have left half a line on stdout.
  const line = (text: string) =>
    apply(encodeText, textEncoder, [`\n${order.token} ${text}\n`]) as Uint8Array;
  const readyLine = line("ready");
  const doneLine = line("done");
  const writtenLine = line("written");
  const say = (bytes: Uint8Array) =>
    writeAll((b) => apply(stdoutWriteSync, stdout, [b]) as number, bytes);
  const { outFile, moduleUrl, exportName, input } = order;
  const digestKey = order.digestKey;

  let finished = false;
  /** Writes `record` to the output file and says so: once, whoever calls first. */
  const finish = (record: HostRecord) => {
    if (finished) return;
    finished = true;
    let chunks: Uint8Array[];
    try {
      chunks = encodeOutput(record);
    } catch (thrown) {
      chunks = encodeOutput(
        {
          ok: false,
          failure: {
            code: "unsendable",
            detail: `returned a value that cannot be sent back (${safeDescription(thrown)})`,
          },
        } satisfies HostRecord,
      );
    }
    // The snapshot is complete and private to this thread (a copy no Worker can reach): the
    // judge freezes the process, stops its clock, and lets it go on with "write". Meanwhile
    // this thread blocks, so no candidate callback runs on it.
    say(doneLine);
    if (readLine()?.trim() !== "write") return;
    // Digests are taken here, untimed, from the private copy (no candidate code runs on
    // this thread from `done` on, and no other thread can reach the copy).
    if (digestKey !== undefined) chunks = digestChunks(chunks, digestKey);
    const file = openSync(outFile, { write: true, truncate: true });
    for (let i = 0; i < chunks.length; i++) {
      writeAll((b) => apply(fileWriteSync, file, [b]) as number, chunks[i] as Uint8Array);
    }
    apply(fileClose, file, []);
    say(writtenLine);
  };

  lockdownIntrinsics();
  const meta: SampleMeta = { workersStarted: 0, workersTerminated: 0 };
  reportExits(
    (detail) => finish({ ok: false, failure: { code: "exited", detail } }),
    awaitTheEnd,
  );
  countWorkers(meta);
  const check = (await importModule(order.checkUrl)).check as ExerciseCheck<unknown, unknown>;
  // The candidate can import this same module instance (its path follows from
  // Deno.mainModule): frozen, its functions cannot be replaced.
  Object.freeze(check);
  const args = check.prepare(input);
  say(readyLine);

  if (readLine()?.trim() !== "go") return;
  const loaded = await loadEntry(importModule, moduleUrl, exportName);
  const called = loaded.ok ? await callEntry(check, loaded.entry, args, input, moduleUrl) : loaded;
  finish(
    called.ok
      ? {
        ok: true,
        output: called.output,
        meta: { workersStarted: meta.workersStarted, workersTerminated: meta.workersTerminated },
      }
      : called,
  );
  awaitTheEnd();
}

/**
 * After `written`, the process stays as it is until the judge has frozen it
 * and counted its threads, then killed it: the main thread blocks here (so no
 * candidate callback runs on it either), and a process that ends sooner (a
 * Worker calling Deno.exit) is taken by the judge as a crash.
 */
function awaitTheEnd(): void {
  while (readLine() !== null) {
    // The judge says nothing more: this returns when stdin closes (the judge is gone).
  }
  exitProcess(0);
}

if (import.meta.main) {
  try {
    await main();
  } finally {
    // Whatever the candidate left running (Workers, timers) ends with the process.
    exitProcess(0);
  }
}
