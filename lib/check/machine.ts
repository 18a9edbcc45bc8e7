/**
 * What the machine is, as far as a timing needs to say.
 *
 * @module
 */
import os from "node:os";
import type { MachineInfo } from "./types.ts";

/**
 * Cores this process may run on: its CPU affinity (`taskset -c 0`) and a cgroup
 * CPU quota, rounded down (Deno's `availableParallelism` is Rust's
 * `available_parallelism`). Checked on Linux: 1 under `taskset -c 0`, 1 under a
 * 1.5-core quota (cgroup v1 cfs_quota_us), 2 under a 2.5-core one; a parallel
 * part with 1 is inconclusive, never passed (`verdict.ts`).
 */
export function usableCores(): number {
  try {
    return os.availableParallelism();
  } catch {
    return navigator.hardwareConcurrency || 1;
  }
}

/** Where this process runs: cores it may use, CPU model, Deno, V8 and OS versions. */
export function describeMachine(): MachineInfo {
  let cpu = "unknown";
  try {
    cpu = os.cpus()[0]?.model?.trim() || cpu;
  } catch {
    // No permission or no /proc: keep "unknown".
  }
  return {
    cores: usableCores(),
    cpu,
    deno: Deno.version.deno,
    v8: Deno.version.v8,
    os: `${Deno.build.os} ${Deno.build.arch}`,
  };
}
