/**
 * Grading a class in parts (`grade --shard I/N`), on the engines instructors
 * already have (a Slurm job array, a CI matrix): each part grades the I-th of N
 * deterministic shares of the class and writes, beside its gradebook, a
 * `shard.json` that says what it is — which shard, the whole class it was cut
 * from, the seed, the exercises, the grader's fingerprint and Deno's version,
 * the machine, and each submission's content hash — so that `grade --merge`
 * (merge.ts) can refuse parts that do not belong together.
 *
 * The share does not depend on the order the submissions are named in: they
 * are sorted by a cheap size estimate (bytes on disk, larger first, then by
 * path) and dealt to the least loaded shard (longest-processing-time first), so
 * shards take about the same time.
 *
 * @module
 */
import { REPO_ROOT } from "../exercise/paths.ts";
import { writeAtomically } from "../exercise/files.ts";
import { describeGradingMachine } from "./grade.ts";
import type { GradingMachine, StudentGrade } from "./result.ts";

export const SHARD_SCHEMA = "workbook-shard/1";
/** The file a part writes beside its gradebook. */
export const SHARD_FILE = "shard.json";
/** Entries a size estimate or a content hash looks at, at most (a workbook has a few hundred). */
const MAX_WALK_ENTRIES = 50_000;
/** Bytes a content hash reads, at most; past it the hash says "too large". */
const MAX_HASH_BYTES = 256 * 1024 * 1024;
/** Folders that are not the learner's work, left out of sizes and hashes. */
const SKIPPED = new Set([".git", "node_modules", ".workbook"]);

/** I of N, 1-based. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** A shard's self-description, written as `shard.json`. */
export interface ShardRecord {
  schema: typeof SHARD_SCHEMA;
  shard: ShardSpec;
  seed: number;
  exercises: number[];
  /** The grader's fingerprint and Deno's version: parts graded differently do not merge. */
  versions: { grader: string; deno: string };
  machine: GradingMachine;
  /** Every submission of the class, as named to this shard (sorted). */
  classSubmissions: string[];
  /** This shard's submissions: the path, the id given, and the content hash. */
  submissions: { path: string; student: string; sha256: string }[];
  createdAt: string;
}

/** Why a shard option or part is refused: one line. */
export class ShardError extends Error {
  override name = "ShardError";
}

/**
 * Parses `I/N` (1 ≤ I ≤ N).
 *
 * @throws {ShardError} Not of that form.
 */
export function parseShard(text: string): ShardSpec {
  const m = text.match(/^(\d+)\/(\d+)$/);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || count < 1 || index < 1 || index > count) {
    throw new ShardError(`Cannot use --shard ${text}: give I/N with 1 ≤ I ≤ N, e.g. 2/3`);
  }
  return { index, count };
}

async function walk(
  path: string,
  visit: (file: string, relative: string, size: number) => Promise<void> | void,
): Promise<void> {
  let entries = 0;
  const go = async (here: string, relative: string) => {
    const info = await Deno.lstat(here);
    if (info.isFile) return void await visit(here, relative, info.size);
    if (!info.isDirectory) return;
    const names: string[] = [];
    for await (const entry of Deno.readDir(here)) names.push(entry.name);
    for (const name of names.sort()) {
      if (SKIPPED.has(name) || ++entries > MAX_WALK_ENTRIES) continue;
      await go(`${here}/${name}`, relative === "" ? name : `${relative}/${name}`);
    }
  };
  await go(path, "");
}

/** A cheap size estimate of a submission: its bytes on disk (0 when unreadable). */
export async function estimateSize(path: string): Promise<number> {
  let bytes = 0;
  await walk(path, (_file, _relative, size) => void (bytes += size)).catch(() => {});
  return bytes;
}

/** The paths of shard `spec` of `paths`, in a fixed order; `sizes` are the estimates. */
export function shareOf(
  paths: readonly string[],
  sizes: ReadonlyMap<string, number>,
  spec: ShardSpec,
): string[] {
  const unique = [...new Set(paths)];
  const ordered = unique.sort((a, b) =>
    (sizes.get(b) ?? 0) - (sizes.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0)
  );
  const load = new Array<number>(spec.count).fill(0);
  const mine: string[] = [];
  for (const path of ordered) {
    // The least loaded shard, the lowest-numbered among equals; +1 so empty folders spread too.
    let best = 0;
    for (let s = 1; s < spec.count; s++) if ((load[s] ?? 0) < (load[best] ?? 0)) best = s;
    load[best] = (load[best] ?? 0) + (sizes.get(path) ?? 0) + 1;
    if (best === spec.index - 1) mine.push(path);
  }
  return mine.sort();
}

/** The submissions of shard `spec` of the class, estimated from the disk. */
export async function selectShard(paths: readonly string[], spec: ShardSpec): Promise<string[]> {
  const sizes = new Map<string, number>();
  for (const path of new Set(paths)) sizes.set(path, await estimateSize(path));
  return shareOf(paths, sizes, spec);
}

/** SHA-256 of a submission's files (relative paths and bytes), or of the archive. */
export async function contentHash(path: string): Promise<string> {
  const parts: Uint8Array[] = [];
  let bytes = 0;
  try {
    await walk(path, async (file, relative, size) => {
      bytes += size;
      if (bytes > MAX_HASH_BYTES) throw new ShardError("too large");
      parts.push(new TextEncoder().encode(`${relative}\0${size}\0`), await Deno.readFile(file));
    });
  } catch (thrown) {
    return thrown instanceof ShardError ? "too-large-to-hash" : "unreadable";
  }
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return hex(await crypto.subtle.digest("SHA-256", all));
}

function hex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The grader's fingerprint: a hash of everything that decides a grade (its
 * code, the hidden checks and baselines, the data, the pinned dependencies).
 * Two machines with the same copy of the workbook agree on it.
 */
export async function graderFingerprint(root = REPO_ROOT): Promise<string> {
  const parts: Uint8Array[] = [];
  for (const dir of ["lib", "checks", "data", "deno.json", "deno.lock"]) {
    await walk(`${root}/${dir}`, async (file, relative) => {
      parts.push(new TextEncoder().encode(`${dir}/${relative}\0`), await Deno.readFile(file));
    }).catch(() => {});
  }
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return hex(await crypto.subtle.digest("SHA-256", all));
}

/** Writes `shard.json` for a graded shard. */
export async function writeShardRecord(
  outDir: string,
  spec: ShardSpec,
  classSubmissions: readonly string[],
  grades: readonly StudentGrade[],
  seed: number,
  exercises: readonly number[],
): Promise<ShardRecord> {
  const first = grades[0];
  const record: ShardRecord = {
    schema: SHARD_SCHEMA,
    shard: spec,
    seed,
    exercises: [...exercises],
    versions: { grader: await graderFingerprint(), deno: Deno.version.deno },
    machine: first?.machine ?? describeGradingMachine(),
    classSubmissions: [...new Set(classSubmissions)].sort(),
    submissions: [],
    createdAt: new Date().toISOString(),
  };
  for (const grade of grades) {
    record.submissions.push({
      path: grade.submission,
      student: grade.student,
      sha256: await contentHash(grade.submission),
    });
  }
  await writeAtomically(`${outDir}/${SHARD_FILE}`, JSON.stringify(record, null, 2) + "\n");
  return record;
}
