/**
 * Unpacks a submitted `.zip` or `.tar.gz` into a fresh folder, in this process
 * and under a budget that is counted while the bytes come out, never taken
 * from what the archive says about itself (a 1.9 MB zip whose central
 * directory lies about its sizes once made `unzip` write 1.85 GB).
 *
 * - zip: the central directory is read and judged whole before anything is
 *   written (names, links, special files); each entry's data is then inflated
 *   (npm `fflate`) in small steps, every output byte counted against the budget.
 * - tar.gz: the stream is gunzipped (`DecompressionStream`) and read entry by
 *   entry (npm `modern-tar`), every byte counted; a refused entry stops it.
 *
 * Refused: absolute paths, `..`, links of any kind, devices and other special
 * files, a name given twice, more than `MAX_ENTRIES` entries, more than
 * `MAX_UNPACKED_MB` written, more than `UNPACK_TIME_LIMIT_MS` spent. Only files
 * and folders are ever created, each file new (`createNew`), so no entry can
 * write through a link or over another. On a refusal the folder is emptied.
 *
 * @module
 */
import { Inflate } from "fflate";
import { createTarDecoder } from "modern-tar";

/** A workbook with its data and a few builds is a few MB; this leaves room for a stray .git. */
export const MAX_UNPACKED_MB = 100;
/** Files and folders in one submission's archives, together. */
export const MAX_ENTRIES = 20_000;
/** An archive file larger than this is not read at all. */
export const MAX_ARCHIVE_MB = 100;
/** How long unpacking one submission's archives may take, together. */
export const UNPACK_TIME_LIMIT_MS = 60_000;
/**
 * Compressed bytes given to the inflater at a time: at deflate's largest ratio
 * (~1:1032) one step makes at most ~16 MB before the budget is looked at again.
 */
const INFLATE_STEP = 16 * 1024;

/** Why a submission cannot be graded at all: one line, naming what is wrong. */
export class SubmissionError extends Error {
  override name = "SubmissionError";
}

/** What one submission's unpacking may still spend; shared by nested archives. */
export interface UnpackBudget {
  bytes: number;
  entries: number;
  /** `performance.now()` after which unpacking stops. */
  deadline: number;
}

/** A fresh budget: `MAX_UNPACKED_MB`, `MAX_ENTRIES`, `UNPACK_TIME_LIMIT_MS`. */
export function unpackBudget(): UnpackBudget {
  return {
    bytes: MAX_UNPACKED_MB * 1024 * 1024,
    entries: MAX_ENTRIES,
    deadline: performance.now() + UNPACK_TIME_LIMIT_MS,
  };
}

/** One archive entry, as its zip central directory lists it. */
export interface ArchiveEntry {
  name: string;
  /** The size the archive claims: never trusted, only shown. */
  size: number;
  type: "file" | "dir" | "link" | "other";
}

/** A zip entry with what is needed to find and inflate its data. */
interface ZipEntry extends ArchiveEntry {
  method: number;
  encrypted: boolean;
  compressedSize: number;
  localOffset: number;
}

/** The archive kinds a submission may be, by file name; null for none. */
export function archiveKind(path: string): "zip" | "tar.gz" | null {
  if (/\.zip$/i.test(path)) return "zip";
  if (/\.(tar\.gz|tgz)$/i.test(path)) return "tar.gz";
  return null;
}

/**
 * Unpacks `archive` into `into` (an empty folder), spending from `budget`.
 *
 * @throws {SubmissionError} The archive does not unpack, holds something
 *   refused, or exceeds the budget; `into` is then left empty.
 */
export async function unpack(
  archive: string,
  into: string,
  budget: UnpackBudget = unpackBudget(),
): Promise<void> {
  const kind = archiveKind(archive);
  if (kind === null) throw new SubmissionError("is not a folder, a .zip or a .tar.gz");
  let size: number;
  try {
    size = (await Deno.stat(archive)).size;
  } catch {
    throw new SubmissionError("does not exist");
  }
  if (size > MAX_ARCHIVE_MB * 1024 * 1024) {
    throw new SubmissionError(`is larger than ${MAX_ARCHIVE_MB} MB`);
  }
  const writer = new TreeWriter(into, budget);
  try {
    if (kind === "zip") await unpackZip(archive, writer);
    else await unpackTarGz(archive, writer);
    if (writer.written === 0) throw new SubmissionError("is an empty archive");
  } catch (thrown) {
    await emptyFolder(into);
    if (thrown instanceof SubmissionError) throw thrown;
    throw new SubmissionError(`does not unpack: ${oneLine(thrown)}`);
  }
}

/** Why the entry called `name` of type `type` may not be unpacked, or null. */
export function judgeEntry(name: string, type: ArchiveEntry["type"]): string | null {
  const path = name.replaceAll("\\", "/");
  if (path.startsWith("/") || /^[a-zA-Z]:/.test(path)) {
    return `holds an absolute path (${name}): refused`;
  }
  if (path.split("/").includes("..")) return `holds a path with .. (${name}): refused`;
  if (path.includes("\0")) return `holds a name with a NUL character: refused`;
  if (type === "link") return `holds a link (${name}): archives may hold only files and folders`;
  if (type === "other") return `holds a special file (${name}): refused`;
  return null;
}

/** Why these entries may not be unpacked, or null (the names and types only). */
export function judgeEntries(entries: readonly ArchiveEntry[]): string | null {
  if (entries.length === 0) return "is an empty archive";
  if (entries.length > MAX_ENTRIES) return `holds more than ${MAX_ENTRIES} entries`;
  for (const entry of entries) {
    const problem = judgeEntry(entry.name, entry.type);
    if (problem !== null) return problem;
  }
  return null;
}

/** The entries of a zip file, from its central directory. */
export async function listZip(path: string): Promise<ArchiveEntry[]> {
  return readCentralDirectory(await Deno.readFile(path));
}

async function unpackZip(archive: string, writer: TreeWriter): Promise<void> {
  const bytes = await Deno.readFile(archive);
  const entries = readCentralDirectory(bytes);
  const problem = judgeEntries(entries);
  if (problem !== null) throw new SubmissionError(problem);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const entry of entries) {
    if (entry.type === "dir") {
      await writer.folder(entry.name);
      continue;
    }
    if (entry.encrypted) throw new SubmissionError(`holds an encrypted file (${entry.name})`);
    if (entry.method !== 0 && entry.method !== 8) {
      throw new SubmissionError(
        `does not unpack: ${entry.name} uses compression method ${entry.method} (only stored and deflated)`,
      );
    }
    const at = entry.localOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) {
      throw new SubmissionError(`does not unpack: the entry ${entry.name} is damaged`);
    }
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const end = start + entry.compressedSize;
    if (end > bytes.length) {
      throw new SubmissionError(`does not unpack: the entry ${entry.name} is cut short`);
    }
    const data = bytes.subarray(start, end);
    const file = await writer.file(entry.name);
    try {
      if (entry.method === 0) {
        writer.spend(data.length);
        file.write(data);
      } else {
        inflateInto(data, writer, file);
      }
    } finally {
      file.close();
    }
  }
}

/** Inflates `data` into `file` step by step, every output byte spent before it is written. */
function inflateInto(data: Uint8Array, writer: TreeWriter, file: OutputFile): void {
  let failure: unknown = null;
  const inflater = new Inflate((chunk) => {
    if (failure !== null) return;
    try {
      writer.spend(chunk.length);
      file.write(chunk);
    } catch (thrown) {
      failure = thrown;
    }
  });
  for (let at = 0; at < data.length || at === 0; at += INFLATE_STEP) {
    const last = at + INFLATE_STEP >= data.length;
    inflater.push(data.subarray(at, at + INFLATE_STEP), last);
    if (failure !== null) throw failure;
    writer.checkTime();
    if (last) break;
  }
}

function readCentralDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfCentralDirectory(view);
  if (end < 0) throw new SubmissionError("does not unpack: not a zip file (no central directory)");
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if (count === 0xffff || offset === 0xffffffff) {
    throw new SubmissionError("does not unpack: a ZIP64 archive (larger than 4 GB?) is refused");
  }
  if (count > MAX_ENTRIES) throw new SubmissionError(`holds more than ${MAX_ENTRIES} entries`);
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) {
      throw new SubmissionError("does not unpack: its central directory is damaged");
    }
    const madeBy = view.getUint16(offset + 4, true) >> 8;
    const flags = view.getUint16(offset + 8, true);
    const method = view.getUint16(offset + 10, true);
    const compressedSize = view.getUint32(offset + 20, true);
    const size = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const external = view.getUint32(offset + 38, true);
    const localOffset = view.getUint32(offset + 42, true);
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    const mode = madeBy === 3 ? external >>> 16 : 0; // 3: made on Unix, mode in the high bits
    const format = mode & 0o170000;
    const type = format === 0o120000
      ? "link"
      : name.endsWith("/") || format === 0o040000
      ? "dir"
      : format === 0 || format === 0o100000
      ? "file"
      : "other";
    entries.push({
      name,
      size,
      type,
      method,
      encrypted: (flags & 1) !== 0,
      compressedSize,
      localOffset,
    });
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

/** Tar's own bytes per entry (a header block and the padding of the last data block). */
const TAR_OVERHEAD_PER_ENTRY = 1024;

async function unpackTarGz(archive: string, writer: TreeWriter): Promise<void> {
  const source = await Deno.open(archive);
  // The tar stream itself is bounded too: the budget plus tar's own headers.
  let tarBytes = writer.budget.bytes + writer.budget.entries * TAR_OVERHEAD_PER_ENTRY;
  const counted = source.readable
    .pipeThrough(new DecompressionStream("gzip"))
    .pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          tarBytes -= chunk.length;
          if (tarBytes < 0) {
            controller.error(new SubmissionError(`unpacks to more than ${MAX_UNPACKED_MB} MB`));
            return;
          }
          controller.enqueue(chunk);
        },
      }),
    );
  const entries = counted.pipeThrough(createTarDecoder());
  const reader = entries.getReader();
  try {
    while (true) {
      const { done, value: entry } = await reader.read();
      if (done) break;
      writer.checkTime();
      const header = entry.header;
      const type = tarType(header.type);
      const problem = judgeEntry(header.name, type);
      if (problem !== null) {
        await entry.body.cancel().catch(() => {});
        throw new SubmissionError(problem);
      }
      if (type === "dir") {
        await entry.body.cancel().catch(() => {});
        await writer.folder(header.name);
        continue;
      }
      const file = await writer.file(header.name);
      try {
        for await (const chunk of entry.body) {
          writer.spend(chunk.length);
          file.write(chunk);
          writer.checkTime();
        }
      } finally {
        file.close();
      }
    }
  } catch (thrown) {
    await reader.cancel().catch(() => {});
    throw thrown;
  } finally {
    reader.releaseLock();
  }
}

function tarType(type: string | undefined): ArchiveEntry["type"] {
  if (type === undefined || type === "file") return "file";
  if (type === "directory") return "dir";
  if (type === "link" || type === "symlink") return "link";
  return "other";
}

/** A file being written, synchronously (the inflater's callback is synchronous). */
interface OutputFile {
  write(bytes: Uint8Array): void;
  close(): void;
}

/**
 * Creates the folders and files of an unpacked archive under `root`, and
 * nothing else: each file is new, and every path is checked to stay inside.
 */
class TreeWriter {
  written = 0;

  constructor(readonly root: string, readonly budget: UnpackBudget) {}

  spend(bytes: number): void {
    this.budget.bytes -= bytes;
    if (this.budget.bytes < 0) {
      throw new SubmissionError(`unpacks to more than ${MAX_UNPACKED_MB} MB`);
    }
  }

  checkTime(): void {
    if (performance.now() > this.budget.deadline) {
      throw new SubmissionError(`took longer than ${UNPACK_TIME_LIMIT_MS / 1000} s to unpack`);
    }
  }

  #count(): void {
    this.written++;
    if (--this.budget.entries < 0) {
      throw new SubmissionError(`holds more than ${MAX_ENTRIES} entries`);
    }
  }

  /** The absolute path of an entry's name (judged already: relative, no `..`). */
  #path(name: string): string {
    const parts = name.replaceAll("\\", "/").split("/").filter((p) => p !== "" && p !== ".");
    return [this.root, ...parts].join("/");
  }

  async folder(name: string): Promise<void> {
    this.#count();
    await Deno.mkdir(this.#path(name), { recursive: true });
  }

  async file(name: string): Promise<OutputFile> {
    this.#count();
    const path = this.#path(name);
    if (path === this.root) throw new SubmissionError(`holds a file with no name: refused`);
    await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
    let handle: Deno.FsFile;
    try {
      handle = await Deno.open(path, { createNew: true, write: true });
    } catch (thrown) {
      if (thrown instanceof Deno.errors.AlreadyExists) {
        throw new SubmissionError(`holds ${name} twice: refused`);
      }
      throw thrown;
    }
    return {
      write: (bytes) => {
        for (let at = 0; at < bytes.length;) at += handle.writeSync(bytes.subarray(at));
      },
      close: () => handle.close(),
    };
  }
}

async function emptyFolder(dir: string): Promise<void> {
  try {
    for await (const entry of Deno.readDir(dir)) {
      await Deno.remove(`${dir}/${entry.name}`, { recursive: true }).catch(() => {});
    }
  } catch {
    // Gone already.
  }
}

function oneLine(thrown: unknown): string {
  const text = thrown instanceof Error ? thrown.message : String(thrown);
  return (text.split("\n")[0] ?? "").slice(0, 200);
}
