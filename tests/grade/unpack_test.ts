/**
 * Submissions as archives: what unpacks, and what is refused before anything is
 * written (absolute paths, `..`, links, too much); student ids from names.
 *
 * @module
 */
import { listZip, SubmissionError, unpack } from "../../lib/grade/unpack.ts";
import { nameSubmissions, openSubmission, studentId } from "../../lib/grade/submission.ts";
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";
import { zipBytes } from "../_helpers/zip.ts";

async function refusal(archive: string, into: string): Promise<string> {
  try {
    await unpack(archive, into);
  } catch (thrown) {
    assert(thrown instanceof SubmissionError, `a SubmissionError, not ${thrown}`);
    return thrown.message;
  }
  throw new Error(`${archive} was unpacked`);
}

async function isEmpty(dir: string): Promise<boolean> {
  for await (const _ of Deno.readDir(dir)) return false;
  return true;
}

Deno.test("a zip and a tar.gz of a workbook unpack, and their exercises are found", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeFile(
      `${dir}/alice.zip`,
      zipBytes([
        { name: "alice/" },
        { name: "alice/exercises/" },
        { name: "alice/exercises/01_slow_series/" },
        { name: "alice/exercises/01_slow_series/slow_series.ts", data: "export {};\n" },
      ]),
    );
    assertEquals(
      await openSubmission(`${dir}/alice.zip`, `${dir}/work-a`),
      `${await Deno.realPath(`${dir}/work-a`)}/unpacked/alice/exercises`,
      "zip: through the wrapping folder",
    );
    await Deno.mkdir(`${dir}/src/01_slow_series`, { recursive: true });
    await Deno.writeTextFile(`${dir}/src/01_slow_series/slow_series.ts`, "export {};\n");
    const tar = await new Deno.Command("tar", {
      args: ["-czf", `${dir}/bob.tar.gz`, "-C", `${dir}/src`, "."],
    }).output();
    assert(tar.success, "tar made the archive");
    assertEquals(
      await openSubmission(`${dir}/bob.tar.gz`, `${dir}/work-b`),
      `${await Deno.realPath(`${dir}/work-b`)}/unpacked`,
      "tar.gz: only exercises/ content",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("zip entries that could escape are refused before anything is written", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const cases: [string, Parameters<typeof zipBytes>[0], string][] = [
      ["dots", [{ name: "a/../../escape.ts", data: "x" }], "a path with .."],
      ["absolute", [{ name: "/tmp/escape.ts", data: "x" }], "an absolute path"],
      ["link", [{ name: "solutions", data: "/work/main/solutions", link: true }], "a link"],
      ["empty", [], "an empty archive"],
    ];
    for (const [name, entries, expected] of cases) {
      await Deno.writeFile(`${dir}/${name}.zip`, zipBytes(entries));
      const into = await Deno.makeTempDir({ dir });
      assertIncludes(await refusal(`${dir}/${name}.zip`, into), expected, name);
      assert(await isEmpty(into), `${name}: nothing written`);
    }
    assertEquals((await listZip(`${dir}/link.zip`))[0]?.type, "link", "a link is seen as one");
    await Deno.writeTextFile(`${dir}/garbage.zip`, "this is not a zip file");
    assertIncludes(await refusal(`${dir}/garbage.zip`, dir), "does not unpack", "garbage");
    await Deno.writeTextFile(`${dir}/garbage.tar.gz`, "this is not gzip either");
    assertIncludes(await refusal(`${dir}/garbage.tar.gz`, dir), "does not unpack", "garbage tar");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("tar entries that could escape are refused before anything is written", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/src`);
    await Deno.writeTextFile(`${dir}/src/file.ts`, "x");
    await Deno.symlink("/work/main/solutions", `${dir}/src/link`);
    const make = async (name: string, args: string[]) => {
      const out = await new Deno.Command("tar", { args: ["-czf", `${dir}/${name}`, ...args] })
        .output();
      assert(out.success, `tar made ${name}`);
    };
    await make("link.tar.gz", ["-C", `${dir}/src`, "link"]);
    await make("dots.tar.gz", ["-C", `${dir}/src`, "--transform", "s,^,../,", "file.ts"]);
    const tarCases: [string, string][] = [["link", "a link"], ["dots", "a path with .."]];
    for (const [name, expected] of tarCases) {
      const into = await Deno.makeTempDir({ dir });
      assertIncludes(await refusal(`${dir}/${name}.tar.gz`, into), expected, name);
      assert(await isEmpty(into), `${name}: nothing written`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("student ids come from names, safe for files and unique in the class", () => {
  assertEquals(studentId("/class/Alice Smith.tar.gz"), "Alice_Smith", "spaces");
  assertEquals(studentId("/class/bob.ZIP"), "bob", "upper-case extension");
  assertEquals(studentId("/class/carol/"), "carol", "a folder");
  assertEquals(studentId("/class/../.."), "submission", "no name at all");
  assertEquals(
    nameSubmissions(["/a/dan.zip", "/b/dan", "/c/dan.tgz"]).map((s) => s.id),
    ["dan", "dan-2", "dan-3"],
    "duplicates",
  );
});

Deno.test("student ids keep their Unicode (NFC) and lose control characters", () => {
  assertEquals(studentId("/class/Zoë Smith.zip"), "Zoë_Smith", "NFC kept");
  assertEquals(studentId("/class/Zoe\u0308 Smith"), "Zoë_Smith", "NFD made NFC");
  assertEquals(studentId("/class/李雷"), "李雷", "other scripts");
  assertEquals(studentId("/class/\x1b[31mred\x1b]0;title\x07"), "red", "ANSI gone");
  assertEquals(studentId("/class/evil\u202egpj.zip"), "evil_gpj", "no right-to-left override");
  assertEquals(studentId("/class/--time-limit=1"), "time-limit_1", "no leading dashes");
});

Deno.test("a .zip inside a folder, a zip of loose files and a flat folder are all found", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const inner = zipBytes([
      { name: "workbook/exercises/01_slow_series/slow_series.ts", data: "export {};\n" },
    ]);
    await Deno.mkdir(`${dir}/gradescope`);
    await Deno.writeFile(`${dir}/gradescope/upload.zip`, inner);
    const nested = await openSubmission(`${dir}/gradescope`, `${dir}/work-1`);
    assert(nested.endsWith("/workbook/exercises"), nested);
    assertEquals(
      await Deno.readTextFile(`${nested}/01_slow_series/slow_series.ts`),
      "export {};\n",
      "unpacked",
    );

    await Deno.writeFile(
      `${dir}/loose.zip`,
      zipBytes([{ name: "slow_series.ts", data: "// 1\n" }, {
        name: "kempner.ts",
        data: "// 10\n",
      }]),
    );
    const loose = await openSubmission(`${dir}/loose.zip`, `${dir}/work-2`);
    assertEquals(await Deno.readTextFile(`${loose}/10_kempner/kempner.ts`), "// 10\n", "mapped");

    await Deno.mkdir(`${dir}/flat`);
    await Deno.writeTextFile(`${dir}/flat/slow_series.ts`, "// flat\n");
    await Deno.writeTextFile(`${dir}/flat/notes.txt`, "hello\n");
    const flat = await openSubmission(`${dir}/flat`, `${dir}/work-3`);
    assertEquals(
      await Deno.readTextFile(`${flat}/01_slow_series/slow_series.ts`),
      "// flat\n",
      "laid out",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
