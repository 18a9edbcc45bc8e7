/**
 * The roster (`grade --roster FILE`): Canvas's export, Moodle's grading
 * worksheet and plain lists are read; Canvas and Moodle download names and
 * plain folders are matched to their students; who is left over on either
 * side is listed; a bad roster is one clear line naming the file and line.
 *
 * @module
 */
import {
  matchRoster,
  parseCsv,
  parseRoster,
  readSubmissionName,
  RosterError,
  rosterReport,
} from "../../lib/grade/roster.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { prepareDownload } from "../../lib/grade/formats/lms_download.ts";
import { zipBytes } from "../_helpers/zip.ts";
import { assert, assertEquals } from "../_helpers/helpers.ts";

const CANVAS_EXPORT = [
  "Student,ID,SIS User ID,SIS Login ID,Section,Workbook (4410),Current Score",
  "    Points Possible,,,,,110,(read only)",
  '"Smith, Jane",12345,S001,jsmith,Section A,,',
  '"Smith, Zoë",12346,S002,zsmith,Section A,,',
  '"Nobody, Ann",12347,S003,anobody,Section B,,',
].join("\r\n");

const MOODLE_WORKSHEET = [
  '"Identifier","Full name","Email address","Status","Grade","Maximum Grade"',
  '"Participant 5501","Jane Smith","jane@uni.example","Submitted","","110.00"',
  '"Participant 5502","Zoë Smith","zoe@uni.example","Submitted","","110.00"',
  '"Participant 5503","Ann Nobody","ann@uni.example","No submission","","110.00"',
].join("\n");

function refused(run: () => unknown): string {
  try {
    run();
  } catch (thrown) {
    assert(thrown instanceof RosterError, `a RosterError, not ${thrown}`);
    return thrown.message;
  }
  throw new Error("Assertion failed: expected a RosterError");
}

Deno.test("submission names: Canvas, Canvas LATE, Moodle and plain", () => {
  assertEquals(readSubmissionName("/dl/smithjane_12345_67890_file.zip"), {
    kind: "canvas",
    login: "smithjane",
    late: false,
    userId: "12345",
    submissionId: "67890",
  }, "Canvas");
  assertEquals(readSubmissionName("/dl/smithjane_LATE_12345_67890_file.zip"), {
    kind: "canvas",
    login: "smithjane",
    late: true,
    userId: "12345",
    submissionId: "67890",
  }, "Canvas, late");
  assertEquals(readSubmissionName("/dl/Jane Smith_5501_assignsubmission_file_/"), {
    kind: "moodle",
    fullName: "Jane Smith",
    participant: "5501",
  }, "Moodle folder");
  assertEquals(
    readSubmissionName("/dl/Zoe\u0308 Smith.zip"),
    { kind: "plain", name: "Zoë Smith" },
    "plain, NFC (a decomposed ë is composed)",
  );
});

Deno.test("Canvas's export as roster: matched by user id; Points Possible skipped", () => {
  const roster = parseRoster(CANVAS_EXPORT, "grades.csv");
  assertEquals(roster.format, "canvas", "format");
  assertEquals(roster.entries.map((e) => e.id), ["12345", "12346", "12347"], "ids");
  assertEquals(roster.entries[1]?.name, "Smith, Zoë", "Unicode kept");
  const match = matchRoster(roster, [
    "/dl/smithjane_12345_67890_file.zip",
    "/dl/smithzoe_LATE_12346_67891_work.zip",
    "/dl/stranger_99999_1_file.zip",
    "/class/anobody", // a plain folder named by the SIS login
  ]);
  assertEquals(match.bySubmission.get("/dl/smithjane_12345_67890_file.zip")?.id, "12345", "jane");
  assertEquals(
    match.bySubmission.get("/dl/smithzoe_LATE_12346_67891_work.zip")?.id,
    "12346",
    "zoe",
  );
  assertEquals(match.unmatched, ["/dl/stranger_99999_1_file.zip"], "no roster entry");
  assertEquals(match.bySubmission.get("/class/anobody")?.id, "12347", "by SIS login");
  const unclaimed = matchRoster(roster, ["/dl/smithjane_12345_67890_file.zip"]);
  assertEquals(unclaimed.missing.map((e) => e.id), ["12346", "12347"], "no submission");
  const report = rosterReport(matchRoster(roster, [
    "/dl/smithjane_12345_67890_file.zip",
    "/dl/smithzoe_LATE_12346_67891_work.zip",
    "/dl/stranger_99999_1_file.zip",
  ])).join("\n");
  assert(report.includes("1 submission without a roster entry"), report);
  assert(report.includes("stranger_99999_1_file.zip"), report);
  assert(report.includes("1 roster entry without a submission"), report);
  assert(report.includes("12347 Nobody, Ann (line 5)"), report);
});

Deno.test("Moodle's worksheet as roster: matched by participant number, then by name", () => {
  const roster = parseRoster(MOODLE_WORKSHEET, "worksheet.csv");
  assertEquals(roster.format, "moodle", "format");
  assertEquals(roster.entries.map((e) => e.id), [
    "jane@uni.example",
    "zoe@uni.example",
    "ann@uni.example",
  ], "ids are the emails");
  const match = matchRoster(roster, [
    "/dl/Jane Smith_5501_assignsubmission_file_",
    // Another assignment's participant number, but the same full name (NFD on disk).
    "/dl/Zoe\u0308 Smith_7777_assignsubmission_file_",
  ]);
  assertEquals(match.bySubmission.size, 2, `both matched: ${rosterReport(match).join(" | ")}`);
  assertEquals(match.missing.map((e) => e.name), ["Ann Nobody"], "missing");
});

Deno.test("a plain roster: id, name, email, and an explicit submission column", () => {
  const roster = parseRoster(
    "id,name,email,submission\ns1,Zoë Smith,zoe@uni.example,\ns2,Jane Smith,jane@uni.example,\ns3,Al Bo,al@uni.example,al-final.zip\n",
    "class.csv",
  );
  assertEquals(roster.format, "generic", "format");
  const match = matchRoster(roster, [
    "/class/Zoë Smith", // by name
    "/class/jane.zip", // by the email's local part
    "/class/al-final.zip", // by the submission column
    "/class/S1-copy",
  ]);
  assertEquals(
    ["/class/Zoë Smith", "/class/jane.zip", "/class/al-final.zip"].map((p) =>
      match.bySubmission.get(p)?.id
    ),
    ["s1", "s2", "s3"],
    "matched",
  );
  assertEquals(match.unmatched, ["/class/S1-copy"], "unmatched");
});

Deno.test("two submissions of one student are reported", () => {
  const roster = parseRoster(CANVAS_EXPORT, "grades.csv");
  const match = matchRoster(roster, [
    "/dl/smithjane_12345_1_file.zip",
    "/dl/smithjane_12345_2_file-1.zip",
  ]);
  assertEquals(match.duplicates.length, 1, "one duplicate");
  assert(rosterReport(match).some((l) => l.includes("has 2 submissions")), "said");
});

Deno.test("a bad roster is one line naming the file and the line", () => {
  assertEquals(refused(() => parseRoster("", "r.csv")), "r.csv: the roster is empty", "empty");
  assert(
    refused(() => parseRoster("name\nJane\n", "r.csv")).startsWith("r.csv:1: no id column"),
    "id",
  );
  assertEquals(
    refused(() => parseRoster("id,name\na,A\nb,B\na,C\n", "r.csv")),
    'r.csv:4: the id "a" is already on line 2',
    "duplicate id",
  );
  assertEquals(
    refused(() => parseRoster('id,name\na,"open\n', "r.csv")),
    "r.csv:2: a quoted field is not closed",
    "quote",
  );
  assertEquals(
    refused(() => parseRoster('"Identifier","Full name"\n"Someone","X"\n', "w.csv")),
    'w.csv:2: the identifier "Someone" has no participant number',
    "worksheet identifier",
  );
});

Deno.test("CSV: quotes, doubled quotes, CRLF, a byte-order mark, newlines inside quotes", () => {
  const rows = parseCsv('\uFEFFa,"b ""c""",d\r\n"x\ny",z,\r\n', "t.csv");
  assertEquals(rows.map((r) => r.cells), [["a", 'b "c"', "d"], ["x\ny", "z", ""]], "cells");
  assertEquals(rows.map((r) => r.line), [1, 2], "lines");
});

async function grade(args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${REPO_ROOT}/lib/cli/grade.ts`, ...args],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}

Deno.test("grade --roster: a bad roster stops before grading, with one line", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/roster.csv`, "name\nJane\n");
    const run = await grade(["--out", `${dir}/out`, "--roster", `${dir}/roster.csv`, dir]);
    assertEquals(run.code, 2, `a usage error: ${run.stderr}`);
    assert(run.stderr.includes("roster.csv:1: no id column"), run.stderr);
    assert(!run.stderr.includes("Grading"), "nothing was graded");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("grade --roster end to end: Unicode names, the report, canvas.csv and moodle.csv", async () => {
  const dir = await Deno.makeTempDir();
  try {
    // Exercise 10 has no speed part: nothing here is timed.
    const zoe = `${dir}/class/Zoe\u0308 Smith/exercises/10_kempner`;
    await Deno.mkdir(zoe, { recursive: true });
    await Deno.copyFile(`${REPO_ROOT}/solutions/10_kempner/kempner.ts`, `${zoe}/kempner.ts`);
    await Deno.writeTextFile(
      `${dir}/roster.csv`,
      "id,name,email\ns1,Zoë Smith,zoe@uni.example\ns2,Ann Nobody,ann@uni.example\n",
    );
    const run = await grade([
      "--out",
      `${dir}/out`,
      "--exercises",
      "10",
      "--roster",
      `${dir}/roster.csv`,
      `${dir}/class/Zoe\u0308 Smith`,
    ]);
    assertEquals(run.code, 0, `grade: ${run.stderr}`);
    assert(run.stdout.includes("1 roster entry without a submission"), run.stdout);
    assert(run.stdout.includes("s2 Ann Nobody"), run.stdout);
    const moodle = parseCsv(await Deno.readTextFile(`${dir}/out/moodle.csv`), "moodle.csv");
    assertEquals(moodle.map((r) => r.cells), [
      ["Email address", "Workbook 10 kempner"],
      ["zoe@uni.example", "10"],
    ], "moodle.csv");
    const canvas = parseCsv(await Deno.readTextFile(`${dir}/out/canvas.csv`), "canvas.csv");
    assertEquals(canvas[2]?.cells, ["Zoë Smith", "", "s1", "", "", "10"], "canvas.csv, NFC");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

async function tree(dir: string, prefix = ""): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const rel = `${prefix}${entry.name}`;
    if (entry.isDirectory) {
      const inner = await tree(`${dir}/${entry.name}`, `${rel}/`);
      found.push(...(inner.length === 0 ? [`${rel}/`] : inner));
    } else found.push(rel);
  }
  return found.sort();
}

Deno.test("a Canvas or Moodle bulk download becomes one workbook folder per student", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const dl = `${dir}/download`;
    await Deno.mkdir(`${dl}/Ann Nobody_5503_assignsubmission_file_`, { recursive: true });
    // Canvas: flat files, a prefix per submission, a copy number on a file sent again.
    await Deno.writeTextFile(`${dl}/smithjane_12345_67890_slow_series.ts`, "// 1");
    await Deno.writeTextFile(`${dl}/smithjane_12345_67890_kempner-1.ts`, "// 10");
    await Deno.writeFile(
      `${dl}/smithzoe_LATE_12346_67891_work.zip`,
      zipBytes([{ name: "kempner.ts", data: "// 10 zoe" }]),
    );
    await Deno.writeTextFile(`${dl}/idle_12347_67892_notes.txt`, "nothing to grade");
    // Moodle: a folder per student with the files as uploaded.
    await Deno.writeTextFile(`${dl}/Ann Nobody_5503_assignsubmission_file_/slow_series.ts`, "// 1");
    // A plain archive of the workbook.
    await Deno.writeFile(
      `${dl}/bob.zip`,
      zipBytes([{ name: "workbook/exercises/10_kempner/kempner.ts", data: "// bob" }]),
    );
    const said = await prepareDownload(dl, `${dir}/class`);
    assertEquals(await tree(`${dir}/class`), [
      "Ann Nobody_5503_assignsubmission_file_/exercises/01_slow_series/slow_series.ts",
      "bob/exercises/10_kempner/kempner.ts",
      "idle_12347_67892_files/",
      "smithjane_12345_67890_files/exercises/01_slow_series/slow_series.ts",
      "smithjane_12345_67890_files/exercises/10_kempner/kempner.ts",
      "smithzoe_LATE_12346_67891_files/exercises/10_kempner/kempner.ts",
    ], `laid out: ${said.join(" | ")}`);
    assert(
      said.some((l) => l.startsWith("idle_12347_67892_files: holds no file")),
      said.join("\n"),
    );
    // The folders' names still say whose they are.
    const roster = parseRoster(
      "Student,ID,SIS User ID,SIS Login ID,Section\nJ,12345,,,\nZ,12346,,,\nI,12347,,,\n",
      "grades.csv",
    );
    const match = matchRoster(roster, [
      `${dir}/class/smithjane_12345_67890_files`,
      `${dir}/class/smithzoe_LATE_12346_67891_files`,
      `${dir}/class/idle_12347_67892_files`,
    ]);
    assertEquals(match.missing.length + match.unmatched.length, 0, rosterReport(match).join(" | "));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the roster report never prints a name's control characters raw", () => {
  const roster = parseRoster("id,name\ns1,Ann\n", "class.csv");
  const evil = "/class/\x1b]0;pwned\x07\x1b[2J";
  const report = rosterReport(matchRoster(roster, [evil])).join("\n");
  const controls = [...report.replaceAll("\n", "")].filter((c) => c.charCodeAt(0) < 0x20);
  assertEquals(controls, [], "no control characters");
  assert(report.includes("?]0;pwned??[2J"), JSON.stringify(report));
});
