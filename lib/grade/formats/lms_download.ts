/**
 * A learning platform's bulk download, made gradable: one folder per student,
 * laid out like the workbook, and named so that `grade --roster` still knows
 * whose it is.
 *
 * ```sh
 * deno run -A lib/grade/formats/lms_download.ts DOWNLOAD_DIR CLASS_DIR
 * deno task grade --out grades --roster roster.csv CLASS_DIR/*
 * ```
 *
 * - **Canvas** ("Download Submissions") writes every uploaded file flat, each
 *   named `login[_LATE]_userid_submissionid_FILE` (a file uploaded again gets a
 *   copy number: `slow_series-1.ts`). The files of one submission are gathered
 *   into one folder named `login[_LATE]_userid_submissionid_files`.
 * - **Moodle** ("Download all submissions") writes a folder per student,
 *   `Full Name_participant_assignsubmission_file_`, holding the uploaded files:
 *   each keeps its folder name.
 * - **Anything else** (a folder or an archive per student) keeps its name (an
 *   archive's without its extension).
 *
 * Each student's files are then laid out by `arrangeUpload` (upload.ts): files
 * by their unique names, exercise folders kept, archives opened with the
 * grader's bounded unpacker. A student with nothing gradable gets an empty
 * folder (the grader reports it as empty) and a line saying why.
 *
 * @module
 */
import { archiveKind, SubmissionError } from "../unpack.ts";
import { arrangeUpload, printable } from "./upload.ts";

/** Canvas's flat download name: the submission's prefix, then the file's own name. */
const CANVAS_FILE = /^([^_]+(?:_LATE)?_\d+_\d+)_(.+)$/;

/** One student's files, as found in the download. */
interface Group {
  name: string;
  /** A folder to arrange, or Canvas files (path → their own name) to gather first. */
  folder: string | null;
  files: Map<string, string>;
}

/**
 * Makes `into/<student>/exercises/…` from the download at `from`; returns a line
 * per student (where their files went, or why nothing could be graded).
 */
export async function prepareDownload(from: string, into: string): Promise<string[]> {
  const groups = new Map<string, Group>();
  const names: Deno.DirEntry[] = [];
  for await (const entry of Deno.readDir(from)) names.push(entry);
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of names) {
    if (entry.name.startsWith(".") || entry.name === "__MACOSX" || entry.isSymlink) continue;
    const path = `${from}/${entry.name}`;
    const canvas = entry.isFile ? entry.name.match(CANVAS_FILE) : null;
    if (canvas !== null) {
      const name = `${canvas[1]}_files`;
      const group = groups.get(name) ?? { name, folder: null, files: new Map() };
      group.files.set(path, canvas[2] as string);
      groups.set(name, group);
    } else if (entry.isDirectory) {
      groups.set(entry.name, { name: entry.name, folder: path, files: new Map() });
    } else if (entry.isFile && archiveKind(entry.name) !== null) {
      const name = entry.name.replace(/\.(zip|tar\.gz|tgz)$/i, "");
      groups.set(name, { name, folder: null, files: new Map([[path, entry.name]]) });
    }
  }
  await Deno.mkdir(into, { recursive: true });
  const scratch = await Deno.makeTempDir({ prefix: "workbook-download-" });
  const said: string[] = [];
  try {
    for (const group of groups.values()) {
      let source = group.folder;
      if (source === null) {
        source = `${scratch}/${said.length}`;
        await Deno.mkdir(source);
        for (const [path, own] of group.files) await Deno.copyFile(path, `${source}/${own}`);
      }
      const to = `${into}/${group.name}`;
      try {
        const notes = await arrangeUpload(source, to);
        const what = notes.length === 0 ? "laid out as it was" : notes.join("; ");
        said.push(`${printable(group.name)}: ${what}`);
      } catch (thrown) {
        if (!(thrown instanceof SubmissionError)) throw thrown;
        await Deno.mkdir(to, { recursive: true });
        said.push(`${printable(group.name)}: ${thrown.message}`);
      }
    }
  } finally {
    await Deno.remove(scratch, { recursive: true }).catch(() => {});
  }
  return said;
}

if (import.meta.main) {
  const [from, into, ...rest] = Deno.args;
  if (from === undefined || into === undefined || rest.length > 0) {
    console.error("Usage: deno run -A lib/grade/formats/lms_download.ts DOWNLOAD_DIR CLASS_DIR");
    Deno.exit(2);
  }
  for (const line of await prepareDownload(from, into)) console.log(line);
}
