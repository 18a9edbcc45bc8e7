/**
 * The class roster (`grade --roster FILE`): who the students are in the
 * learning platform, and which submission is whose.
 *
 * A roster is a CSV file, UTF-8 (a byte-order mark is allowed), in one of three
 * shapes, told apart by its header:
 *
 * - **Canvas's gradebook export** (Grades → Export): `Student`, `ID`,
 *   `SIS User ID`, `SIS Login ID`, `Section`, then assignment columns (ignored).
 *   Its "Points Possible" row is skipped. `ID` is Canvas's user id, the number
 *   in Canvas's submission download names.
 * - **Moodle's grading worksheet** (an assignment's "Download grading
 *   worksheet"): `Identifier` ("Participant 12345", the number in Moodle's
 *   "Download all submissions" folder names), `Full name`, `Email address`.
 * - **Any other list**: an `id` column (or `student id`, `username`), and
 *   optionally `name`, `email` and `submission` (the submission's file or folder
 *   name, when it is neither the id nor the name).
 *
 * Submission names are read as the platforms write them:
 * `smithjane_12345_67890_file.zip` and `smithjane_LATE_12345_67890_file.zip`
 * (Canvas: login, LATE, user id, submission id, the file's own name),
 * `Jane Smith_12345_assignsubmission_file_` (Moodle: full name, participant
 * id), or a plain folder or archive named after the student.
 *
 * Every name and id is kept as written, in Unicode NFC ("Zoë Smith" stays so).
 *
 * @module
 */

/** A roster that cannot be read: one line naming the file, the line and what is wrong. */
export class RosterError extends Error {
  override name = "RosterError";
}

export type RosterFormat = "canvas" | "moodle" | "generic";

/** One student of the roster. */
export interface RosterEntry {
  /** The id of record: Canvas's user id, the Moodle worksheet's email, or the `id` column. */
  id: string;
  name: string;
  email: string | null;
  /** Canvas's columns, for the Canvas import. */
  canvas: { userId: string; sisUserId: string; sisLoginId: string; section: string } | null;
  /** The number of Moodle's "Participant N" identifier. */
  moodleParticipant: string | null;
  /** The submission's name, when the roster gives it. */
  submission: string | null;
  /** 1-based line in the roster file, for messages. */
  line: number;
}

export interface Roster {
  path: string;
  format: RosterFormat;
  entries: RosterEntry[];
}

/**
 * Text as it may be printed or written to a report: control characters (ANSI
 * and OSC escape sequences start with one) shown as `?`, so a file name cannot
 * drive the instructor's terminal.
 */
export function shown(text: string): string {
  // deno-lint-ignore no-control-regex
  return text.replace(/[\u0000-\u001F\u007F-\u009F]/g, "?");
}

/** Unicode NFC, trimmed: the one form names and ids are compared and written in. */
export function nfc(text: string): string {
  return text.normalize("NFC").trim();
}

/**
 * Parses CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF) into
 * rows of cells, each with the line it starts on.
 *
 * @throws {RosterError} A quoted field is not closed.
 */
export function parseCsv(text: string, shownAs: string): { cells: string[]; line: number }[] {
  const rows: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let cell = "";
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let quoteLine = 0;
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && cell === "") {
      quoted = true;
      quoteLine = line;
    } else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && body[i + 1] === "\n") i++;
      cells.push(cell);
      rows.push({ cells, line: rowLine });
      cells = [];
      cell = "";
      line++;
      rowLine = line;
    } else cell += c;
  }
  if (quoted) throw new RosterError(`${shownAs}:${quoteLine}: a quoted field is not closed`);
  if (cell !== "" || cells.length > 0) {
    cells.push(cell);
    rows.push({ cells, line: rowLine });
  }
  return rows.filter((r) => r.cells.some((c) => c.trim() !== ""));
}

/** The index of the first header among `names` (case-insensitive), or -1. */
function column(header: readonly string[], ...names: string[]): number {
  const lower = header.map((h) => nfc(h).toLowerCase());
  for (const name of names) {
    const at = lower.indexOf(name);
    if (at >= 0) return at;
  }
  return -1;
}

/**
 * Reads a roster from CSV text.
 *
 * @throws {RosterError} No header, no id column, or an id given twice.
 */
export function parseRoster(text: string, path: string): Roster {
  const rows = parseCsv(text, path);
  const head = rows[0];
  if (head === undefined) throw new RosterError(`${path}: the roster is empty`);
  const header = head.cells;
  const at = {
    student: column(header, "student"),
    canvasId: column(header, "id"),
    sisUser: column(header, "sis user id"),
    sisLogin: column(header, "sis login id"),
    section: column(header, "section"),
    identifier: column(header, "identifier"),
    fullName: column(header, "full name"),
    email: column(header, "email address", "email"),
    id: column(header, "id", "student id", "username", "user id"),
    name: column(header, "name", "full name", "student name", "student"),
    submission: column(header, "submission", "submission name"),
  };
  const format: RosterFormat = at.student >= 0 && at.canvasId >= 0 && at.sisUser >= 0
    ? "canvas"
    : at.identifier >= 0 && at.fullName >= 0
    ? "moodle"
    : "generic";
  if (format === "generic" && at.id < 0) {
    throw new RosterError(
      `${path}:1: no id column (give "id", or use Canvas's gradebook export or Moodle's grading worksheet)`,
    );
  }
  const entries: RosterEntry[] = [];
  const seen = new Map<string, number>();
  for (const row of rows.slice(1)) {
    const get = (i: number) => (i < 0 ? "" : nfc(row.cells[i] ?? ""));
    let entry: RosterEntry | null;
    switch (format) {
      case "canvas": {
        // Canvas's export puts "Points Possible" (and sometimes a read-only row) second.
        if (/^points possible$/i.test(get(at.student)) || get(at.canvasId) === "") continue;
        entry = {
          id: get(at.canvasId),
          name: get(at.student),
          email: null,
          canvas: {
            userId: get(at.canvasId),
            sisUserId: get(at.sisUser),
            sisLoginId: get(at.sisLogin),
            section: get(at.section),
          },
          moodleParticipant: null,
          submission: null,
          line: row.line,
        };
        break;
      }
      case "moodle": {
        const participant = get(at.identifier).match(/(\d+)\s*$/)?.[1] ?? null;
        const email = get(at.email);
        if (participant === null) {
          throw new RosterError(
            `${path}:${row.line}: the identifier "${get(at.identifier)}" has no participant number`,
          );
        }
        entry = {
          id: email === "" ? get(at.identifier) : email,
          name: get(at.fullName),
          email: email === "" ? null : email,
          canvas: null,
          moodleParticipant: participant,
          submission: null,
          line: row.line,
        };
        break;
      }
      case "generic": {
        if (get(at.id) === "") throw new RosterError(`${path}:${row.line}: the id is empty`);
        entry = {
          id: get(at.id),
          name: get(at.name) || get(at.id),
          email: get(at.email) || null,
          canvas: null,
          moodleParticipant: null,
          submission: get(at.submission) || null,
          line: row.line,
        };
        break;
      }
    }
    const earlier = seen.get(entry.id);
    if (earlier !== undefined) {
      throw new RosterError(
        `${path}:${row.line}: the id "${entry.id}" is already on line ${earlier}`,
      );
    }
    seen.set(entry.id, row.line);
    entries.push(entry);
  }
  return { path, format, entries };
}

/**
 * Reads the roster at `path`.
 *
 * @throws {RosterError} It cannot be read or parsed.
 */
export async function readRoster(path: string): Promise<Roster> {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await Deno.readFile(path));
  } catch (thrown) {
    const why = thrown instanceof TypeError ? "is not UTF-8 text" : "cannot be read";
    throw new RosterError(`${path}: the roster ${why}`);
  }
  return parseRoster(text, path);
}

/** What a submission's name says about whose it is. */
export type SubmissionName =
  | { kind: "canvas"; login: string; late: boolean; userId: string; submissionId: string }
  | { kind: "moodle"; fullName: string; participant: string }
  | { kind: "plain"; name: string };

const CANVAS = /^([^_]+)(_LATE)?_(\d+)_(\d+)_.+$/;
const MOODLE = /^(.+)_(\d+)_assign(?:submission|feedback)_[a-z]+_.*$/;

/** The submission's own name: the last part of its path, NFC. */
export function baseName(path: string): string {
  return nfc(path.replace(/\/+$/, "").split("/").at(-1) ?? "");
}

function withoutArchive(name: string): string {
  return name.replace(/\.(zip|tar\.gz|tgz)$/i, "");
}

/** Reads a submission's name (the last part of its path) as Canvas, Moodle or plain. */
export function readSubmissionName(path: string): SubmissionName {
  const base = baseName(path);
  const canvas = base.match(CANVAS);
  if (canvas !== null) {
    return {
      kind: "canvas",
      login: canvas[1] as string,
      late: canvas[2] !== undefined,
      userId: canvas[3] as string,
      submissionId: canvas[4] as string,
    };
  }
  const moodle = base.match(MOODLE);
  if (moodle !== null) {
    return { kind: "moodle", fullName: nfc(moodle[1] as string), participant: moodle[2] as string };
  }
  return { kind: "plain", name: withoutArchive(base) };
}

/** Which roster entry each submission is, and who is left over on either side. */
export interface RosterMatch {
  /** Submission path → its roster entry. */
  bySubmission: Map<string, RosterEntry>;
  /** Submissions no roster entry claims. */
  unmatched: string[];
  /** Roster entries with no submission. */
  missing: RosterEntry[];
  /** Roster entries claimed by more than one submission, with those submissions. */
  duplicates: { entry: RosterEntry; submissions: string[] }[];
}

const fold = (s: string) => nfc(s).toLowerCase();

/** The entry `name` stands for, or undefined (also when two entries would fit). */
function findEntry(roster: Roster, name: SubmissionName): RosterEntry | undefined {
  const unique = (found: RosterEntry[]) => (found.length === 1 ? found[0] : undefined);
  const entries = roster.entries;
  switch (name.kind) {
    case "canvas":
      return unique(entries.filter((e) => (e.canvas?.userId ?? e.id) === name.userId));
    case "moodle":
      return unique(entries.filter((e) => e.moodleParticipant === name.participant)) ??
        unique(entries.filter((e) => fold(e.name) === fold(name.fullName)));
    case "plain": {
      const key = fold(name.name);
      return unique(
        entries.filter((e) => e.submission !== null && fold(withoutArchive(e.submission)) === key),
      ) ??
        unique(entries.filter((e) => fold(e.id) === key)) ??
        unique(entries.filter((e) =>
          e.canvas !== null &&
          (fold(e.canvas.sisLoginId) === key || fold(e.canvas.sisUserId) === key)
        )) ??
        unique(
          entries.filter((e) => e.email !== null && fold(e.email.split("@")[0] ?? "") === key),
        ) ??
        unique(entries.filter((e) => fold(e.name) === key));
    }
  }
}

/** Matches submissions (paths, as given) to the roster. */
export function matchRoster(roster: Roster, submissions: readonly string[]): RosterMatch {
  const claimed = new Map<RosterEntry, string[]>();
  const unmatched: string[] = [];
  for (const path of submissions) {
    const entry = findEntry(roster, readSubmissionName(path));
    if (entry === undefined) unmatched.push(path);
    else claimed.set(entry, [...(claimed.get(entry) ?? []), path]);
  }
  const bySubmission = new Map<string, RosterEntry>();
  for (const [entry, paths] of claimed) for (const path of paths) bySubmission.set(path, entry);
  return {
    bySubmission,
    unmatched,
    missing: roster.entries.filter((e) => !claimed.has(e)),
    duplicates: [...claimed]
      .filter(([, paths]) => paths.length > 1)
      .map(([entry, submissions]) => ({ entry, submissions })),
  };
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The roster report, a line each, for the terminal and `roster.txt`. */
export function rosterReport(match: RosterMatch): string[] {
  const lines = [
    `${count(match.bySubmission.size, "submission", "submissions")} matched to the roster.`,
  ];
  if (match.unmatched.length > 0) {
    lines.push(
      `${count(match.unmatched.length, "submission", "submissions")} without a roster entry:`,
    );
    for (const path of match.unmatched) lines.push(`  ${shown(baseName(path))}`);
  }
  if (match.missing.length > 0) {
    lines.push(
      `${count(match.missing.length, "roster entry", "roster entries")} without a submission:`,
    );
    for (const e of match.missing) lines.push(shown(`  ${e.id} ${e.name} (line ${e.line})`));
  }
  for (const { entry, submissions } of match.duplicates) {
    lines.push(shown(
      `${entry.id} ${entry.name} has ${submissions.length} submissions: ${
        submissions.map(baseName).join(", ")
      } (every export uses the first)`,
    ));
  }
  return lines;
}
