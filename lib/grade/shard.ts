/**
 * Grading past one machine: which submissions belong to shard I of N.
 *
 * Every shard computes the same assignment from the same class, whatever order
 * its paths were given in: submissions are sorted by a key that does not depend
 * on the order (their name, then their path), then dealt out largest first to
 * the shard with the least estimated work so far (longest-processing-time
 * first, a classic 4/3-approximation of the best balance). The estimate is
 * cheap: the bytes of the code a submission holds, the same walk a copy makes,
 * bounded, because grading time grows with what a student handed in (a stub
 * folder grades in seconds, a complete submission in a minute).
 *
 * @module
 */

/** `--shard I/N`: the I-th (1-based) of N parts. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** A submission as the sharding sees it. */
export interface ShardItem {
  id: string;
  path: string;
  /** Estimated grading work (bytes of code); only the ordering of estimates matters. */
  estimate: number;
}

/** At most this many shards: more than a class needs, few enough to catch a typo. */
export const MAX_SHARDS = 1000;
/** Bytes counted per file: a huge file (a table) must not make a submission look like a class. */
const MAX_FILE_BYTES = 256 * 1024;
/** Entries walked per submission when estimating. */
const MAX_ENTRIES = 2_000;
/** A floor, so an empty submission still counts as some work (vetting, a stub's errors). */
const BASE_ESTIMATE = 4_096;

/**
 * Parses `I/N`.
 *
 * @throws {RangeError} Not two whole numbers with 1 ≤ I ≤ N ≤ MAX_SHARDS.
 */
export function parseShard(text: string): ShardSpec {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (
    match === null || !Number.isSafeInteger(index) || !Number.isSafeInteger(count) ||
    count < 1 || count > MAX_SHARDS || index < 1 || index > count
  ) {
    throw new RangeError(
      `Cannot use --shard ${text}: give I/N with 1 ≤ I ≤ N ≤ ${MAX_SHARDS}, e.g. --shard 2/3`,
    );
  }
  return { index, count };
}

/** The order-independent key of an item. */
function compareItems(a: ShardItem, b: ShardItem): number {
  return b.estimate - a.estimate || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) ||
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

/**
 * Every item's shard (1-based), the same for any order of `items`.
 *
 * @returns A map from path to shard index.
 */
export function assignShards(items: readonly ShardItem[], count: number): Map<string, number> {
  const loads = new Array<number>(count).fill(0);
  const assigned = new Map<string, number>();
  for (const item of [...items].sort(compareItems)) {
    let best = 0;
    for (let shard = 1; shard < count; shard++) {
      if ((loads[shard] as number) < (loads[best] as number)) best = shard;
    }
    loads[best] = (loads[best] as number) + item.estimate;
    assigned.set(item.path, best + 1);
  }
  return assigned;
}

/** The items of shard `spec.index`, in their given order. */
export function selectShard<T extends ShardItem>(items: readonly T[], spec: ShardSpec): T[] {
  const assigned = assignShards(items, spec.count);
  return items.filter((item) => assigned.get(item.path) === spec.index);
}

/**
 * A cheap estimate of the work of grading `path` (a folder or an archive): the
 * bytes of its files, each capped, without following links. Never throws: what
 * cannot be read counts as the floor.
 */
export async function estimateWork(path: string): Promise<number> {
  let total = BASE_ESTIMATE;
  let entries = 0;
  const walk = async (dir: string): Promise<void> => {
    for await (const entry of Deno.readDir(dir)) {
      if (++entries > MAX_ENTRIES) return;
      const child = `${dir}/${entry.name}`;
      if (entry.isDirectory) await walk(child);
      else if (entry.isFile) total += Math.min((await Deno.lstat(child)).size, MAX_FILE_BYTES);
    }
  };
  try {
    const info = await Deno.lstat(path);
    if (info.isFile) total += Math.min(info.size, MAX_FILE_BYTES);
    else if (info.isDirectory) await walk(path);
  } catch {
    // Unreadable: the grader will say why; here it is the floor.
  }
  return total;
}
