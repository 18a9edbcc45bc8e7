/**
 * Unpacks a submitted `.zip` or `.tar.gz` into a fresh folder, refusing what
 * could reach outside it or fill the disk: absolute paths, `..` entries, links
 * of any kind, special files, and more than `MAX_UNPACKED_MB` or `MAX_ENTRIES`.
 * Entries are listed and judged before anything is written (`unzip` and `tar`
 * do the writing), and the result is walked once more afterwards.
 *
 * @module
 */

/** A workbook with its data and a few builds is a few MB; this leaves room for a stray .git. */
export const MAX_UNPACKED_MB = 100;
/** Files and folders in one archive. */
export const MAX_ENTRIES = 20_000;
/** How long listing or unpacking may take (a decompression bomb takes long to list). */
const UNPACK_TIMEOUT_MS = 60_000;

/** Why a submission cannot be graded at all: one line, naming what is wrong. */
export class SubmissionError extends Error {
  override name = "SubmissionError";
}

/** One archive entry, as listed before unpacking. */
export interface ArchiveEntry {
  name: string;
  size: number;
  type: "file" | "dir" | "link" | "other";
}

/** The archive kinds a submission may be, by file name; null for none. */
export function archiveKind(path: string): "zip" | "tar.gz" | null {
  if (/\.zip$/i.test(path)) return "zip";
  if (/\.(tar\.gz|tgz)$/i.test(path)) return "tar.gz";
  return null;
}

/**
 * Unpacks `archive` into `into` (an empty folder).
 *
 * @throws {SubmissionError} The archive does not unpack, or holds something refused.
 */
export async function unpack(archive: string, into: string): Promise<void> {
  const kind = archiveKind(archive);
  if (kind === null) throw new SubmissionError("is not a folder, a .zip or a .tar.gz");
  const entries = kind === "zip" ? await listZip(archive) : await listTar(archive);
  const problem = judgeEntries(entries);
  if (problem !== null) throw new SubmissionError(problem);
  const [command, args] = kind === "zip"
    ? ["unzip", ["-qq", "-o", archive, "-d", into]]
    : ["tar", ["-xzf", archive, "-C", into, "--no-same-owner", "--no-same-permissions"]];
  await run(command, args as string[], "does not unpack");
  const unpacked = await measureTree(into);
  if (unpacked.links > 0) {
    throw new SubmissionError("unpacks to a link: archives may hold only files and folders");
  }
  if (unpacked.bytes > MAX_UNPACKED_MB * 1024 * 1024) {
    throw new SubmissionError(`unpacks to more than ${MAX_UNPACKED_MB} MB`);
  }
}

/** Why these entries may not be unpacked, or null. */
export function judgeEntries(entries: readonly ArchiveEntry[]): string | null {
  if (entries.length === 0) return "is an empty archive";
  if (entries.length > MAX_ENTRIES) return `holds more than ${MAX_ENTRIES} entries`;
  let total = 0;
  for (const entry of entries) {
    const name = entry.name.replaceAll("\\", "/");
    if (name.startsWith("/") || /^[a-zA-Z]:/.test(name)) {
      return `holds an absolute path (${entry.name}): refused`;
    }
    if (name.split("/").includes("..")) return `holds a path with .. (${entry.name}): refused`;
    if (entry.type === "link") {
      return `holds a link (${entry.name}): archives may hold only files and folders`;
    }
    if (entry.type === "other") return `holds a special file (${entry.name}): refused`;
    total += entry.size;
  }
  if (total > MAX_UNPACKED_MB * 1024 * 1024) return `unpacks to more than ${MAX_UNPACKED_MB} MB`;
  return null;
}

/**
 * The entries of a zip file, from its central directory (read here, not by a
 * tool, so that sizes and link flags are known before anything is written).
 */
export async function listZip(path: string): Promise<ArchiveEntry[]> {
  const info = await Deno.stat(path);
  if (info.size > MAX_UNPACKED_MB * 1024 * 1024) {
    throw new SubmissionError(`is larger than ${MAX_UNPACKED_MB} MB`);
  }
  const bytes = await Deno.readFile(path);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfCentralDirectory(view);
  if (end < 0) throw new SubmissionError("does not unpack: not a zip file (no central directory)");
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if (count === 0xffff || offset === 0xffffffff) {
    throw new SubmissionError("does not unpack: a ZIP64 archive (larger than 4 GB?) is refused");
  }
  const entries: ArchiveEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) {
      throw new SubmissionError("does not unpack: its central directory is damaged");
    }
    const madeBy = view.getUint16(offset + 4, true) >> 8;
    const size = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const external = view.getUint32(offset + 38, true);
    const name = new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    const mode = madeBy === 3 ? external >>> 16 : 0; // 3: made on Unix, mode in the high bits
    const format = mode & 0o170000;
    const type = format === 0o120000
      ? "link"
      : name.endsWith("/") || format === 0o040000
      ? "dir"
      : format === 0 || format === 0o100000
      ? "file"
      : "other";
    entries.push({ name, size, type });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEndOfCentralDirectory(view: DataView): number {
  const last = view.byteLength - 22;
  const first = Math.max(0, last - 0xffff);
  for (let at = last; at >= first; at--) if (view.getUint32(at, true) === 0x06054b50) return at;
  return -1;
}

/** The entries of a .tar.gz, as `tar` lists them (names from -t, types and sizes from -tv). */
export async function listTar(path: string): Promise<ArchiveEntry[]> {
  const names = (await run("tar", ["-tzf", path], "does not unpack")).split("\n").filter((l) =>
    l !== ""
  );
  const long = (await run("tar", ["-tvzf", path], "does not unpack")).split("\n").filter((l) =>
    l !== ""
  );
  if (names.length !== long.length) {
    throw new SubmissionError("does not unpack: tar lists its entries inconsistently");
  }
  return names.map((name, i) => {
    const line = long[i] as string;
    const size = Number(line.match(/^\S+\s+\S+\s+(\d+)\s/)?.[1] ?? 0);
    const flag = line[0];
    const type = flag === "-"
      ? "file"
      : flag === "d"
      ? "dir"
      : flag === "l" || flag === "h"
      ? "link"
      : "other";
    return { name, size, type };
  });
}

/** Runs a tool; its stdout, or a SubmissionError `what: the tool's first error line`. */
async function run(command: string, args: string[], what: string): Promise<string> {
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command(command, {
      args,
      stdout: "piped",
      stderr: "piped",
      signal: AbortSignal.timeout(UNPACK_TIMEOUT_MS),
    }).output();
  } catch (thrown) {
    throw new SubmissionError(`${what}: ${command} could not run (${(thrown as Error).message})`);
  }
  if (!output.success) {
    const stderr = new TextDecoder().decode(output.stderr).trim().split("\n")[0] ?? "";
    throw new SubmissionError(`${what}: ${stderr || `${command} exited with ${output.code}`}`);
  }
  return new TextDecoder().decode(output.stdout);
}

/** Bytes and links under `dir` (links are counted, never followed). */
async function measureTree(dir: string): Promise<{ bytes: number; links: number }> {
  let bytes = 0;
  let links = 0;
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isSymlink) links++;
    else if (entry.isDirectory) {
      const inner = await measureTree(path);
      bytes += inner.bytes;
      links += inner.links;
    } else bytes += (await Deno.lstat(path)).size;
  }
  return { bytes, links };
}
