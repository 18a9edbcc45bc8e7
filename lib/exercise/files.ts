/**
 * Writing files that someone else may be reading: the one atomic write of the
 * workbook (progress, hints, backups, reports, gradebooks, built `.wasm`), and
 * the timestamp that names backups and set-aside files.
 *
 * @module
 */

/**
 * Writes `data` to `path` through a temporary file and a rename, so that no
 * reader (a check loading a `.wasm`, `watch`, a second command) sees half a
 * file. The folder is created if needed; the temporary file starts with a dot,
 * which `watch` ignores and editors hide, and is removed if the write fails.
 *
 * @param path Where the file goes.
 * @param data Text (written as UTF-8) or bytes.
 * @throws {Deno.errors.PermissionDenied} Or another I/O error, after cleaning up.
 */
export async function writeAtomically(path: string, data: string | Uint8Array): Promise<void> {
  const slash = path.lastIndexOf("/");
  const dir = slash < 0 ? "." : path.slice(0, slash);
  const name = path.slice(slash + 1);
  await Deno.mkdir(dir, { recursive: true });
  const temporary = `${dir}/.${name}.${Deno.pid}-${crypto.randomUUID().slice(0, 8)}.tmp`;
  try {
    if (typeof data === "string") await Deno.writeTextFile(temporary, data);
    else await Deno.writeFile(temporary, data);
    await Deno.rename(temporary, path);
  } catch (thrown) {
    await Deno.remove(temporary).catch(() => {});
    throw thrown;
  }
}

/**
 * A timestamp safe in a file name.
 *
 * @example
 * ```ts
 * import { fileStamp } from "./files.ts";
 * if (fileStamp(new Date(0)) !== "1970-01-01T00-00-00-000Z") throw new Error("wrong stamp");
 * ```
 */
export function fileStamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, "-");
}
