/**
 * A process and everything it started, as Linux's /proc shows them: their
 * resident memory, and signals sent to all of them at once. The runner client
 * uses this to enforce a memory limit on a candidate's process tree and to
 * pause or kill it whole. Off Linux (no /proc) every function degrades to the
 * process alone.
 *
 * @module
 */

/** The process `pid` and its descendants, parents before children. */
export function processTree(pid: number): number[] {
  const seen: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.shift() as number;
    if (seen.includes(next)) continue;
    seen.push(next);
    queue.push(...childrenOf(next));
  }
  return seen;
}

/** Direct children of `pid`, from every thread's `children` list (Workers are threads). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  try {
    for (const task of Deno.readDirSync(`/proc/${pid}/task`)) {
      const text = readOrEmpty(`/proc/${pid}/task/${task.name}/children`);
      for (const word of text.split(/\s+/)) if (/^\d+$/.test(word)) children.push(Number(word));
    }
  } catch {
    // Gone, or no /proc: no children we can see.
  }
  return children;
}

/**
 * Resident memory of `pid` and its descendants, in MB (VmRSS from
 * /proc/PID/status), or null when /proc cannot be read.
 */
export function treeRssMb(pid: number): number | null {
  let totalKb = 0;
  let readAny = false;
  for (const member of processTree(pid)) {
    const match = readOrEmpty(`/proc/${member}/status`).match(/^VmRSS:\s+(\d+)\s+kB/m);
    if (match) {
      totalKb += Number(match[1]);
      readAny = true;
    }
  }
  return readAny ? totalKb / 1024 : null;
}

/**
 * Sends `signal` to `pid` and its descendants: children first for SIGKILL and
 * SIGSTOP (so none is left orphaned or running), parents first for SIGCONT.
 */
export function signalTree(pid: number, signal: "SIGKILL" | "SIGSTOP" | "SIGCONT"): void {
  const members = processTree(pid);
  if (signal !== "SIGCONT") members.reverse();
  for (const member of members) {
    try {
      Deno.kill(member, signal);
    } catch {
      // Already gone.
    }
  }
}

function readOrEmpty(path: string): string {
  try {
    return Deno.readTextFileSync(path);
  } catch {
    return "";
  }
}
