/**
 * Was the machine busy while a pair ran? What Linux says about the other
 * processes' CPU, read before and after each pair.
 *
 * - **Other processes' CPU** (`/proc/stat` minus this check's own process tree,
 *   `/proc/PID/stat`): the cores that work outside the check took during the
 *   pair. This alone decides: nothing the candidate does can raise it (its
 *   processes and Workers are in the tree, and it may start no other process).
 * - **CPU pressure** (`/proc/pressure/cpu`, PSI "some"): the share of the pair's
 *   wall time in which some task waited for a CPU. Reported, not decisive: it
 *   counts the check's own threads too, so a candidate that starts 16 Workers
 *   would raise it itself and buy "inconclusive" instead of a fail.
 * - **The check's own CPU** (its process tree): cores the samples actually got,
 *   reported beside the wall time.
 *
 * Measured on the development machine (2 cores): quiet pairs ≤ 0.09 cores of
 * others and PSI some 2–5%; beside a busy process, 0.4–1.5 cores and 19–24% on
 * parallel parts. Where /proc is missing (macOS, some containers) the reading
 * says so (`source: "none"`) and decides nothing.
 *
 * @module
 */
import { processTree } from "../../sandbox/process_tree.ts";
import type { ContentionReading } from "../types.ts";
import type { ContentionPolicy, ContentionProbe } from "./measure.ts";

/**
 * Clock ticks per second of /proc's CPU times (USER_HZ). It is 100 on every
 * Linux architecture the workbook runs on; reading it needs `getconf`, a process
 * this check would otherwise not start.
 */
const TICKS_PER_SECOND = 100;

/**
 * Other processes may use this many cores beyond the ones the part leaves free
 * before a pair counts as disturbed: well above the 0.09 cores of a quiet pair
 * here (system daemons, the terminal), well below the 0.4 cores of the
 * mildest contended pair measured.
 */
export const OTHERS_SLACK_CORES = 0.25;

/** A pair that others used above this many cores was measured on a not-quite-quiet machine. */
export const QUIET_OTHERS_CORES = 0.15;

/** Disturbed pairs in a row before a part is inconclusive: a burst rarely lasts three pairs. */
const MAX_IN_A_ROW = 3;
/** Pause before re-running a disturbed pair: long enough for a short burst (a compile) to end. */
const PAUSE_MS = 1500;

interface Snapshot {
  atMs: number;
  /** Busy ticks of all CPUs (/proc/stat), or null. */
  busyTicks: number | null;
  /** CPU ticks of this process tree, reaped children included, or null. */
  ownTicks: number | null;
  /** PSI "some" total, µs, or null. */
  psiTotalUs: number | null;
}

/** The probe of this machine: /proc where it exists. */
export function procProbe(root = Deno.pid): ContentionProbe {
  return {
    begin() {
      const before = snapshot(root);
      return () => readingBetween(before, snapshot(root));
    },
  };
}

/**
 * The contention policy of a part that keeps `need` cores busy (a parallel
 * part: min(threads, cores); a serial one: 1) on a machine with `cores`.
 * `maxTotal` bounds the disturbed pairs of the whole part.
 */
export function contentionPolicy(
  need: number,
  cores: number,
  maxTotal: number,
  probe: ContentionProbe = procProbe(),
): ContentionPolicy {
  return {
    probe,
    busy: (reading) => whyBusy(reading, need, cores),
    maxInARow: MAX_IN_A_ROW,
    maxTotal,
    pauseMs: PAUSE_MS,
  };
}

/**
 * Why `reading` shows the machine too busy for a part that needs `need` of
 * `cores` cores, in one line, or null. A serial part on 2 cores tolerates a
 * neighbour that takes one whole core (exercise 1 measured 2.42× gold beside a
 * busy loop); a parallel part on 2 cores tolerates almost nothing.
 */
export function whyBusy(reading: ContentionReading, need: number, cores: number): string | null {
  if (reading.othersCores === null) return null;
  const limit = Math.max(0, cores - need) + OTHERS_SLACK_CORES;
  if (reading.othersCores <= limit) return null;
  const psi = reading.psiSome === null
    ? ""
    : `, CPU pressure ${Math.round(reading.psiSome * 100)}%`;
  return `other processes used ${reading.othersCores.toFixed(2)} of ${cores} cores${psi} ` +
    `while this part needs ${need}`;
}

/** One line for a report: what the probe could see on this system. */
export function probeNote(source: ContentionReading["source"]): string | null {
  return source === "proc" ? null : "this system shows no /proc/stat: contention was not measured";
}

function readingBetween(a: Snapshot, b: Snapshot): ContentionReading {
  const wallMs = b.atMs - a.atMs;
  const seconds = wallMs / 1000;
  const cores = (ticks: number) => round3(ticks / TICKS_PER_SECOND / seconds);
  const known = a.busyTicks !== null && b.busyTicks !== null && a.ownTicks !== null &&
    b.ownTicks !== null && seconds > 0;
  const own = known ? (b.ownTicks as number) - (a.ownTicks as number) : null;
  return {
    source: known ? "proc" : "none",
    wallMs: Math.round(wallMs),
    othersCores: known
      ? Math.max(0, cores((b.busyTicks as number) - (a.busyTicks as number) - (own as number)))
      : null,
    ownCores: own === null ? null : cores(own),
    psiSome: a.psiTotalUs !== null && b.psiTotalUs !== null && wallMs > 0
      ? round3((b.psiTotalUs - a.psiTotalUs) / (wallMs * 1000))
      : null,
  };
}

function snapshot(root: number): Snapshot {
  return {
    atMs: performance.now(),
    busyTicks: busyTicks(read("/proc/stat")),
    ownTicks: treeTicks(root),
    psiTotalUs: psiSomeTotal(read("/proc/pressure/cpu")),
  };
}

/** Busy ticks from /proc/stat's first line: all but idle and iowait (guest is inside user). */
export function busyTicks(stat: string | null): number | null {
  const line = stat?.split("\n", 1)[0];
  if (line === undefined || !line.startsWith("cpu ")) return null;
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  if (fields.length < 8 || fields.some((f) => !Number.isFinite(f))) return null;
  const [user, nice, system, _idle, _iowait, irq, softirq, steal] = fields as number[];
  return (user as number) + (nice as number) + (system as number) + (irq as number) +
    (softirq as number) + (steal as number);
}

/** utime + stime + cutime + cstime of one /proc/PID/stat, or null. */
export function processTicks(stat: string | null): number | null {
  if (stat === null) return null;
  // The command name is in parentheses and may hold spaces: count fields after it.
  const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = rest.slice(11, 15).map(Number); // fields 14–17
  if (ticks.length < 4 || ticks.some((t) => !Number.isFinite(t))) return null;
  return ticks.reduce((sum, t) => sum + t, 0);
}

/** The PSI "some" total (µs) of /proc/pressure/cpu, or null. */
export function psiSomeTotal(text: string | null): number | null {
  const match = text?.match(/^some .*total=(\d+)/m);
  return match ? Number(match[1]) : null;
}

/**
 * CPU ticks of `root` and its live descendants. A descendant that ended is in
 * its parent's cutime/cstime once reaped, so work that started and ended
 * between two snapshots is still counted as the check's own.
 */
function treeTicks(root: number): number | null {
  const rootTicks = processTicks(read(`/proc/${root}/stat`));
  if (rootTicks === null) return null;
  let total = rootTicks;
  for (const pid of processTree(root).slice(1)) {
    total += processTicks(read(`/proc/${pid}/stat`)) ?? 0;
  }
  return total;
}

function read(path: string): string | null {
  try {
    return Deno.readTextFileSync(path);
  } catch {
    return null;
  }
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
