/**
 * The profiler behind `deno task profile`: runs a function under V8's CPU
 * profiler (through `node:inspector`), samples memory while it runs, and maps
 * the samples back to the lines of the learner's TypeScript file.
 *
 * This is a learner's tool, not a verdict: the code it profiles runs in this
 * process, on purpose, because the profiler can only see the isolate it is
 * connected to. Nothing here decides a grade (that is `lib/check/verdict.ts`,
 * fed by the sandboxed runner); a candidate that misbehaves here only spoils
 * its own profile. The folder: `memory_sampler.ts` (the helper Worker),
 * `line_map.ts` (source maps), `summary.ts` (lines and functions), `types.ts`.
 *
 * @module
 */
import { Session } from "node:inspector/promises";
import { startMemorySampler } from "./memory_sampler.ts";
import { loadLineMap } from "./line_map.ts";
import { allocationsByFunction, type HeapNode, remapProfile, summarizeProfile } from "./summary.ts";
import type { CpuProfile, MemoryReport, ProfileSummary } from "./types.ts";

/** How to profile a run. */
export interface ProfileOptions {
  /** The module whose lines are reported (a `file:` URL). */
  focus: string;
  /**
   * Microseconds between CPU samples. Default 200: about 5,000 samples in a
   * second, enough for line-level shares, at a cost of a few percent.
   */
  samplingIntervalUs?: number;
  /** Milliseconds between memory samples. Default 20. */
  memoryIntervalMs?: number;
  /** Print `profiling… N s` on stderr every second while the run lasts. Default false. */
  progress?: boolean;
  /** Sample allocations too (V8's sampling heap profiler). Default true. */
  allocations?: boolean;
}

/** What `profileRun` returns when the run finished. */
export interface ProfiledRun<T> {
  /** What the run returned. */
  value: T;
  /** Wall-clock time of the run, in ms. */
  wallMs: number;
  /** The raw profile, with the focus file's positions rewritten to its own lines. */
  profile: CpuProfile;
  /** Lines and functions of the focus file, costliest first. */
  summary: ProfileSummary;
  /** Memory before, during and after the run. */
  memory: MemoryReport;
}

/** Thrown by `profileRun` when the run threw; the profile up to the throw is kept. */
export class ProfiledRunError extends Error {
  /** What the run threw. */
  readonly thrown: unknown;
  /** How long it ran before it threw, in ms. */
  readonly wallMs: number;
  /**
   * Records what a profiled run threw, and when.
   *
   * @param thrown What the run threw.
   * @param wallMs How long it ran before it threw, in ms.
   */
  constructor(thrown: unknown, wallMs: number) {
    super("The profiled run threw", { cause: thrown });
    this.thrown = thrown;
    this.wallMs = wallMs;
    this.name = "ProfiledRunError";
  }
}

const DEFAULT_SAMPLING_INTERVAL_US = 200;
const DEFAULT_MEMORY_INTERVAL_MS = 20;
/** Bytes between two allocation samples: V8's default, cheap enough to leave on. */
const ALLOCATION_SAMPLING_BYTES = 32 * 1024;

/**
 * Runs `run` under the CPU profiler, with memory sampled from a helper Worker
 * meanwhile, and summarises the profile for the lines of `options.focus`.
 *
 * The run executes in this isolate, on this thread: while it computes, nothing
 * else here runs. The helper Worker is a separate thread, so it can sample the
 * process's memory and print progress all the same.
 *
 * @param run The code to profile; a returned promise is awaited.
 * @param options What to report and how finely to sample.
 * @returns The value returned, the profile and its summary, and the memory used.
 * @throws {ProfiledRunError} If `run` throws (the original error is its `thrown`).
 */
export async function profileRun<T>(
  run: () => T | Promise<T>,
  options: ProfileOptions,
): Promise<ProfiledRun<T>> {
  const intervalUs = options.samplingIntervalUs ?? DEFAULT_SAMPLING_INTERVAL_US;
  const memoryIntervalMs = options.memoryIntervalMs ?? DEFAULT_MEMORY_INTERVAL_MS;
  const sampleAllocations = options.allocations ?? true;
  const sampler = await startMemorySampler(memoryIntervalMs, options.progress ?? false);
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: intervalUs });
    if (sampleAllocations) {
      await session.post("HeapProfiler.enable");
      await session.post("HeapProfiler.startSampling", {
        samplingInterval: ALLOCATION_SAMPLING_BYTES,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
    }
    const before = Deno.memoryUsage();
    await session.post("Profiler.start");
    const started = performance.now();
    let outcome: { ok: true; value: T } | { ok: false; thrown: unknown };
    try {
      outcome = { ok: true, value: await run() };
    } catch (thrown) {
      outcome = { ok: false, thrown };
    }
    const wallMs = performance.now() - started;
    const { profile } = await session.post("Profiler.stop");
    const heapProfile = sampleAllocations
      ? (await session.post("HeapProfiler.stopSampling")).profile
      : null;
    const after = Deno.memoryUsage();
    const peakRss = await sampler.stop();
    if (!outcome.ok) throw new ProfiledRunError(outcome.thrown, wallMs);

    const cpuProfile = profile as CpuProfile;
    const lineMap = await loadLineMap(session, cpuProfile, options.focus);
    const allocations = heapProfile === null
      ? null
      : allocationsByFunction(heapProfile.head as HeapNode, options.focus, lineMap);
    const summary = summarizeProfile(cpuProfile, options.focus, lineMap, allocations);
    return {
      value: outcome.value,
      wallMs,
      profile: remapProfile(cpuProfile, options.focus, lineMap),
      summary,
      memory: {
        rssBefore: before.rss,
        peakRss: Math.max(peakRss, before.rss, after.rss),
        intervalMs: memoryIntervalMs,
        heapUsedBefore: before.heapUsed,
        heapUsedAfter: after.heapUsed,
        heapTotalAfter: after.heapTotal,
        allocated: allocations === null ? null : allocations.total,
      },
    };
  } finally {
    sampler.cancel();
    session.disconnect();
  }
}
