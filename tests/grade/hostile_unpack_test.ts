/**
 * Hostile archives (issue 12.3): sizes an archive claims are not trusted, the
 * bytes are counted while they come out; links, devices, `..` and absolute
 * paths are refused; the folder is left empty after a refusal.
 *
 * @module
 */
import { Deflate } from "fflate";
import { packTar, type TarEntry } from "modern-tar";
import { MAX_UNPACKED_MB, SubmissionError, unpack, unpackBudget } from "../../lib/grade/unpack.ts";
import { assert, assertIncludes } from "../_helpers/helpers.ts";
import { zipBytes } from "../_helpers/zip.ts";
import { openSubmission } from "../../lib/grade/submission.ts";

/** Bytes of the tree under `dir`, links counted as their own size. */
async function treeBytes(dir: string): Promise<number> {
  let bytes = 0;
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    bytes += entry.isDirectory ? await treeBytes(path) : (await Deno.lstat(path)).size;
  }
  return bytes;
}

async function refusal(archive: string, into: string): Promise<string> {
  try {
    await unpack(archive, into, unpackBudget());
  } catch (thrown) {
    assert(thrown instanceof SubmissionError, `a SubmissionError, not ${thrown}`);
    return thrown.message;
  }
  throw new Error(`${archive} was unpacked`);
}

/** `megabytes` of zeros, deflated (raw deflate, as zip stores it). */
function deflatedZeros(megabytes: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const deflate = new Deflate({ level: 9 }, (chunk) => parts.push(chunk.slice()));
  const zeros = new Uint8Array(1024 * 1024);
  for (let i = 0; i < megabytes; i++) deflate.push(zeros, i === megabytes - 1);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A zip of one deflated entry whose headers claim `claimed` bytes. */
function lyingZip(name: string, deflated: Uint8Array, claimed: number): Uint8Array {
  const encoded = new TextEncoder().encode(name);
  const local = new Uint8Array(30 + encoded.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(4, 20, true);
  lv.setUint16(8, 8, true); // deflated
  lv.setUint32(18, deflated.length, true);
  lv.setUint32(22, claimed, true);
  lv.setUint16(26, encoded.length, true);
  local.set(encoded, 30);
  const central = new Uint8Array(46 + encoded.length);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint16(4, 20, true);
  cv.setUint16(6, 20, true);
  cv.setUint16(10, 8, true);
  cv.setUint32(20, deflated.length, true);
  cv.setUint32(24, claimed, true);
  cv.setUint16(28, encoded.length, true);
  cv.setUint32(42, 0, true);
  central.set(encoded, 46);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, 1, true);
  ev.setUint16(10, 1, true);
  ev.setUint32(12, central.length, true);
  ev.setUint32(16, local.length + deflated.length, true);
  const all = new Uint8Array(local.length + deflated.length + central.length + end.length);
  all.set(local, 0);
  all.set(deflated, local.length);
  all.set(central, local.length + deflated.length);
  all.set(end, local.length + deflated.length + central.length);
  return all;
}

async function gzipped(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([new Uint8Array(bytes)]).stream().pipeThrough(
    new CompressionStream("gzip"),
  );
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

Deno.test("hostile: a zip whose central directory lies about its sizes is stopped at the budget", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const bomb = lyingZip(
      "exercises/01_slow_series/slow_series.ts",
      deflatedZeros(MAX_UNPACKED_MB + 50),
      10,
    );
    await Deno.writeFile(`${dir}/bomb.zip`, bomb);
    const into = await Deno.makeTempDir({ dir });
    assertIncludes(
      await refusal(`${dir}/bomb.zip`, into),
      `unpacks to more than ${MAX_UNPACKED_MB} MB`,
      "why",
    );
    assert((await treeBytes(into)) === 0, "nothing is left behind");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("hostile: a zip of an honest deflated file unpacks byte for byte", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const deflated = deflatedZeros(1);
    await Deno.writeFile(`${dir}/ok.zip`, lyingZip("a/zeros.bin", deflated, 1024 * 1024));
    await unpack(`${dir}/ok.zip`, `${dir}/out`);
    assert((await Deno.stat(`${dir}/out/a/zeros.bin`)).size === 1024 * 1024, "1 MB written");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("hostile: tar entries that are links, devices, .. or absolute are refused; nothing stays", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const ok: TarEntry = {
      header: { name: "exercises/ok.ts", size: 3, type: "file" },
      body: "x;\n",
    };
    const cases: [string, TarEntry, string][] = [
      ["symlink", { header: { name: "s", size: 0, type: "symlink", linkname: "/etc" } }, "a link"],
      [
        "hardlink",
        { header: { name: "h", size: 0, type: "link", linkname: "/etc/passwd" } },
        "a link",
      ],
      ["device", { header: { name: "d", size: 0, type: "character-device" } }, "a special file"],
      ["fifo", { header: { name: "f", size: 0, type: "fifo" } }, "a special file"],
      [
        "dots",
        { header: { name: "a/../../x.ts", size: 1, type: "file" }, body: "x" },
        "a path with ..",
      ],
      [
        "absolute",
        { header: { name: "/tmp/x.ts", size: 1, type: "file" }, body: "x" },
        "an absolute path",
      ],
    ];
    for (const [name, entry, expected] of cases) {
      await Deno.writeFile(`${dir}/${name}.tar.gz`, await gzipped(await packTar([ok, entry])));
      const into = await Deno.makeTempDir({ dir });
      assertIncludes(await refusal(`${dir}/${name}.tar.gz`, into), expected, name);
      assert((await treeBytes(into)) === 0, `${name}: nothing left behind`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("hostile: a tar.gz that inflates past the budget is stopped while it unpacks", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const size = 8 * 1024 * 1024;
    const tar = await packTar([
      { header: { name: "big.bin", size, type: "file" }, body: new Uint8Array(size) },
    ]);
    await Deno.writeFile(`${dir}/big.tar.gz`, await gzipped(tar));
    const into = await Deno.makeTempDir({ dir });
    const budget = { ...unpackBudget(), bytes: 1024 * 1024 };
    let message = "";
    await unpack(`${dir}/big.tar.gz`, into, budget).catch((thrown) => (message = String(thrown)));
    assertIncludes(message, "unpacks to more than", "refused");
    assert((await treeBytes(into)) === 0, "nothing left behind");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("hostile: a zip that names one file twice is refused", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeFile(
      `${dir}/twice.zip`,
      zipBytes([{ name: "a.ts", data: "1" }, { name: "./a.ts", data: "2" }]),
    );
    const into = await Deno.makeTempDir({ dir });
    assertIncludes(await refusal(`${dir}/twice.zip`, into), "twice", "why");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("hostile: a bomb inside a folder's zip is refused within the submission's budget", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/submission`);
    await Deno.writeFile(
      `${dir}/submission/upload.zip`,
      lyingZip("exercises/01_slow_series/slow_series.ts", deflatedZeros(MAX_UNPACKED_MB + 20), 10),
    );
    let message = "";
    await openSubmission(`${dir}/submission`, `${dir}/work`).catch((thrown) => {
      assert(thrown instanceof SubmissionError, `a SubmissionError, not ${thrown}`);
      message = thrown.message;
    });
    assertIncludes(
      message,
      `holds upload.zip, which unpacks to more than ${MAX_UNPACKED_MB} MB`,
      "why",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
