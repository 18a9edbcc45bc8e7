/**
 * Sharding a class (`lib/grade/shard.ts`): every submission in exactly one
 * shard, the same shards whatever the order of the arguments, balanced by the
 * estimate, and `--shard` refused when it is not I/N.
 *
 * @module
 */
import {
  assignShards,
  estimateWork,
  parseShard,
  selectShard,
  type ShardItem,
} from "../../lib/grade/shard.ts";
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";

function items(count: number): ShardItem[] {
  // Sizes that repeat, so ties between equal estimates must be broken by name too.
  return Array.from({ length: count }, (_, i) => ({
    id: `student-${String(i).padStart(3, "0")}`,
    path: `/class/student-${String(i).padStart(3, "0")}`,
    estimate: 4096 + ((i * 7919) % 5) * 10_000,
  }));
}

/** A seeded shuffle (xorshift), so the test is the same every run. */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const j = (x >>> 0) % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

Deno.test("selectShard() puts every submission in exactly one of N shards", () => {
  const all = items(47);
  for (const count of [1, 2, 3, 7]) {
    const seen = new Map<string, number>();
    for (let index = 1; index <= count; index++) {
      for (const item of selectShard(all, { index, count })) {
        assert(!seen.has(item.path), `${item.path} in two shards`);
        seen.set(item.path, index);
      }
    }
    assertEquals(seen.size, all.length, `all covered with N = ${count}`);
  }
});

Deno.test("assignShards() is the same whatever the order of the arguments", () => {
  const all = items(40);
  const first = assignShards(all, 3);
  for (const seed of [1, 2, 3, 99]) {
    assertEquals(assignShards(shuffled(all, seed), 3), new Map([...first].sort()), `order ${seed}`);
  }
});

Deno.test("assignShards() balances the estimated work", () => {
  const all = items(60);
  const loads = [0, 0, 0];
  for (const [path, shard] of assignShards(all, 3)) {
    loads[shard - 1]! += all.find((i) => i.path === path)!.estimate;
  }
  const total = loads.reduce((a, b) => a + b, 0);
  for (const load of loads) {
    assert(Math.abs(load - total / 3) <= 50_000, `loads ${loads.join(", ")}`);
  }
});

Deno.test("parseShard() takes I/N and refuses anything else in one line", () => {
  assertEquals(parseShard("2/3"), { index: 2, count: 3 }, "2/3");
  for (const bad of ["0/3", "4/3", "1/0", "a/b", "1", "1/2/3", "-1/2", "1/1001"]) {
    let message = "";
    try {
      parseShard(bad);
    } catch (thrown) {
      message = (thrown as Error).message;
    }
    assertIncludes(message, `Cannot use --shard ${bad}`, bad);
  }
});

Deno.test("estimateWork() counts bytes of code, caps a huge file, and never throws", async () => {
  const dir = await Deno.makeTempDir({ prefix: "workbook-shard-" });
  try {
    await Deno.mkdir(`${dir}/small/01_slow_series`, { recursive: true });
    await Deno.writeTextFile(`${dir}/small/01_slow_series/slow_series.ts`, "x".repeat(1000));
    await Deno.mkdir(`${dir}/big/01_slow_series`, { recursive: true });
    await Deno.writeTextFile(`${dir}/big/01_slow_series/slow_series.ts`, "x".repeat(5_000_000));
    const small = await estimateWork(`${dir}/small`);
    const big = await estimateWork(`${dir}/big`);
    assert(small < big, "more code, more work");
    assert(big <= 4096 + 256 * 1024, `a huge file is capped: ${big}`);
    assertEquals(await estimateWork(`${dir}/missing`), 4096, "a missing path is the floor");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
