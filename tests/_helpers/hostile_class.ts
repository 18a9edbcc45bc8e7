/**
 * Builds a class folder for the grader's end-to-end run (issue 12, "done
 * when"): honest, half-done and stub submissions as folders, a .zip, a
 * .tar.gz, flat uploads and a nested zip, and one submission of every hostile
 * kind the grader must survive. Each must end as one row of the gradebook.
 *
 * ```sh
 * deno run -A tests/_helpers/hostile_class.ts /tmp/class     # prints the grade command
 * flock /tmp/workbook-timing.lock deno task -q grade --out /tmp/grades \
 *   --exercises 1,8 --memory 1536 --time-limit 120 --deadline 240 -- /tmp/class/*
 * ```
 *
 * @module
 */
import { Deflate } from "fflate";
import { packTar, type TarEntry } from "modern-tar";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { zipBytes, type ZipEntry } from "./zip.ts";
import { TERM_SIGN } from "./term_sign_source.ts";

const SOLUTION = (path: string) => Deno.readTextFileSync(`${REPO_ROOT}/solutions/${path}`);
const STUB = (path: string) => Deno.readTextFileSync(`${REPO_ROOT}/exercises/${path}`);

/** The files of exercises 1 and 8 as the reference has them, by path under `exercises/`. */
function honestFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const dir of ["01_slow_series", "08_wasm_kernel"]) {
    for (const entry of Deno.readDirSync(`${REPO_ROOT}/solutions/${dir}`)) {
      if (entry.isFile && !entry.name.endsWith(".wasm")) {
        files[`${dir}/${entry.name}`] = SOLUTION(`${dir}/${entry.name}`);
      }
    }
  }
  return files;
}

/** Every exercise's reference files, by path under `exercises/` (a complete submission). */
function completeFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const dir of Deno.readDirSync(`${REPO_ROOT}/solutions`)) {
    if (!dir.isDirectory) continue;
    for (const entry of Deno.readDirSync(`${REPO_ROOT}/solutions/${dir.name}`)) {
      if (entry.isFile && !entry.name.endsWith(".wasm")) {
        files[`${dir.name}/${entry.name}`] = SOLUTION(`${dir.name}/${entry.name}`);
      }
    }
  }
  return files;
}

/** Exercise 8's reference with `kernel` as its AssemblyScript kernel. */
function kernelFiles(kernel: string): Record<string, string> {
  return {
    ...honestFiles(),
    "08_wasm_kernel/kernel.as.ts": kernel,
  };
}

function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    const full = `${root}/${path}`;
    Deno.mkdirSync(full.slice(0, full.lastIndexOf("/")), { recursive: true });
    Deno.writeTextFileSync(full, text);
  }
  Deno.mkdirSync(root, { recursive: true });
}

function prefixed(prefix: string, files: Record<string, string>): ZipEntry[] {
  return Object.entries(files).map(([path, data]) => ({ name: `${prefix}${path}`, data }));
}

async function tarGz(entries: TarEntry[]): Promise<Uint8Array> {
  const tar = await packTar(entries);
  const stream = new Blob([new Uint8Array(tar)]).stream().pipeThrough(
    new CompressionStream("gzip"),
  );
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** `megabytes` of zeros, raw-deflated (as a zip stores them). */
function deflatedZeros(megabytes: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const deflate = new Deflate({ level: 9 }, (chunk) => parts.push(chunk.slice()));
  const zeros = new Uint8Array(1024 * 1024);
  for (let i = 0; i < megabytes; i++) deflate.push(zeros, i === megabytes - 1);
  return concat(parts);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A zip of one deflated entry whose headers claim 10 bytes (the sizes `unzip` trusted). */
function lyingZip(name: string, deflated: Uint8Array): Uint8Array {
  const encoded = new TextEncoder().encode(name);
  const local = new Uint8Array(30 + encoded.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(4, 20, true);
  lv.setUint16(8, 8, true);
  lv.setUint32(18, deflated.length, true);
  lv.setUint32(22, 10, true);
  lv.setUint16(26, encoded.length, true);
  local.set(encoded, 30);
  const central = new Uint8Array(46 + encoded.length);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint16(4, 20, true);
  cv.setUint16(6, 20, true);
  cv.setUint16(10, 8, true);
  cv.setUint32(20, deflated.length, true);
  cv.setUint32(24, 10, true);
  cv.setUint16(28, encoded.length, true);
  central.set(encoded, 46);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, 1, true);
  ev.setUint16(10, 1, true);
  ev.setUint32(12, central.length, true);
  ev.setUint32(16, local.length + deflated.length, true);
  return concat([local, deflated, central, end]);
}

const RECURSING_KERNEL = `class Box<T> { value: T; constructor(v: T) { this.value = v; } }
function deep<T>(v: T): i32 {
  return deep<Box<T>>(new Box<T>(v));
}
export function partialSum(lo: i32, hi: i32): f64 {
  return <f64>deep<i32>(lo);
}
`;

function inlineChain(depth: number): string {
  const lines = ["@inline function f0(x: i32): i32 { return x + 1; }"];
  for (let i = 1; i < depth; i++) {
    lines.push(`@inline function f${i}(x: i32): i32 { return f${i - 1}(x) + f${i - 1}(x + 1); }`);
  }
  lines.push(
    `export function partialSum(lo: i32, hi: i32): f64 { return <f64>f${depth - 1}(lo); }`,
  );
  return lines.join("\n") + "\n";
}

const SIGNATURE = "export function slowSeries(n: number, omit: string, seed: number): number";

/** Writes the class under `dir` (created); returns the submission paths. */
export async function writeHostileClass(dir: string): Promise<string[]> {
  Deno.mkdirSync(dir, { recursive: true });
  const made: string[] = [];
  const folder = (name: string, files: Record<string, string>, under = "exercises/") => {
    writeTree(
      `${dir}/${name}`,
      Object.fromEntries(
        Object.entries(files).map(([path, text]) => [`${under}${path}`, text]),
      ),
    );
    made.push(`${dir}/${name}`);
  };
  const file = (name: string, bytes: Uint8Array | string) => {
    if (typeof bytes === "string") Deno.writeTextFileSync(`${dir}/${name}`, bytes);
    else Deno.writeFileSync(`${dir}/${name}`, bytes);
    made.push(`${dir}/${name}`);
  };

  // Honest and awkward, but fair.
  folder("honest-folder", honestFiles());
  file("honest-zip.zip", zipBytes(prefixed("workbook-main/exercises/", honestFiles())));
  file(
    "honest-tar.tar.gz",
    await tarGz(
      Object.entries(honestFiles()).map(([path, body]) => ({
        header: { name: `exercises/${path}`, size: new TextEncoder().encode(body).length },
        body,
      })),
    ),
  );
  folder("honest-flat", {
    "slow_series.ts": SOLUTION("01_slow_series/slow_series.ts"),
    "wasm_kernel.ts": SOLUTION("08_wasm_kernel/wasm_kernel.ts"),
    "kernel.as.ts": SOLUTION("08_wasm_kernel/kernel.as.ts"),
    "wasm_kernel_worker.ts": SOLUTION("08_wasm_kernel/wasm_kernel_worker.ts"),
  }, "");
  file(
    "flat-zip.zip",
    zipBytes([{ name: "slow_series.ts", data: SOLUTION("01_slow_series/slow_series.ts") }]),
  );
  Deno.mkdirSync(`${dir}/gradescope-nested-zip`);
  Deno.writeFileSync(
    `${dir}/gradescope-nested-zip/submission.zip`,
    zipBytes(prefixed("exercises/", honestFiles())),
  );
  made.push(`${dir}/gradescope-nested-zip`);
  folder("Zoë Smith", {
    "01_slow_series/slow_series.ts": SOLUTION("01_slow_series/slow_series.ts"),
  });
  folder("half-done", {
    "01_slow_series/slow_series.ts": `${TERM_SIGN}
${SIGNATURE} {
  let t = 0;
  for (let k = 1; k <= n; k++) if (!String(k).includes(omit)) t += termSign(seed, k) / k;
  return t;
}
`,
    "08_wasm_kernel/wasm_kernel.ts": STUB("08_wasm_kernel/wasm_kernel.ts"),
    "08_wasm_kernel/kernel.as.ts": STUB("08_wasm_kernel/kernel.as.ts"),
    "08_wasm_kernel/wasm_kernel_worker.ts": STUB("08_wasm_kernel/wasm_kernel_worker.ts"),
  });
  const stubs: Record<string, string> = {};
  for (const d of Deno.readDirSync(`${REPO_ROOT}/exercises`)) {
    if (!d.isDirectory) continue;
    for (const f of Deno.readDirSync(`${REPO_ROOT}/exercises/${d.name}`)) {
      if (f.isFile) stubs[`${d.name}/${f.name}`] = STUB(`${d.name}/${f.name}`);
    }
  }
  folder("stub", stubs);
  folder("a b", { "01_slow_series/slow_series.ts": SOLUTION("01_slow_series/slow_series.ts") });
  folder("a_b", { "01_slow_series/slow_series.ts": STUB("01_slow_series/slow_series.ts") });
  Deno.mkdirSync(`${dir}/empty`);
  made.push(`${dir}/empty`);
  file("notes.pdf", "%PDF-1.4 not a submission\n");
  file("garbage.zip", "this is not a zip file");

  // Hostile: compiling.
  folder("compile-crash", kernelFiles(RECURSING_KERNEL));
  folder("compile-inline-bomb", kernelFiles(inlineChain(40)));
  folder(
    "compile-array-literal",
    kernelFiles(
      `const T: f64[] = [${
        "1.5,".repeat(4_500_000)
      }];\nexport function partialSum(lo: i32, hi: i32): f64 {\n  return T[lo];\n}\n`,
    ),
  );
  // Hostile: vetting and copying.
  folder("vet-export-braces", {
    ...honestFiles(),
    "01_slow_series/slow_series.ts": "export{".repeat(140_000),
  });
  folder("vet-too-large", {
    ...honestFiles(),
    "01_slow_series/table.ts": `export const T = [${"0.1,".repeat(2_000_000)}];\n`,
  });
  folder("copy-link-ladder", honestFiles());
  const ladder = `${dir}/copy-link-ladder/exercises/01_slow_series`;
  for (let i = 0; i <= 30; i++) Deno.mkdirSync(`${ladder}/d${i}`);
  for (let i = 0; i < 30; i++) {
    Deno.symlinkSync(`../d${i + 1}`, `${ladder}/d${i}/a`);
    Deno.symlinkSync(`../d${i + 1}`, `${ladder}/d${i}/b`);
  }
  folder("copy-link-outside", { "08_wasm_kernel/wasm_kernel.ts": "export {};\n" });
  Deno.symlinkSync(
    `${REPO_ROOT}/solutions/01_slow_series`,
    `${dir}/copy-link-outside/exercises/01_slow_series`,
  );
  folder("copy-too-many-files", honestFiles());
  Deno.mkdirSync(`${dir}/copy-too-many-files/exercises/01_slow_series/many`);
  for (let i = 0; i < 2100; i++) {
    Deno.writeTextFileSync(`${dir}/copy-too-many-files/exercises/01_slow_series/many/${i}`, "");
  }
  folder("copy-too-large", honestFiles());
  Deno.writeFileSync(
    `${dir}/copy-too-large/exercises/01_slow_series/blob.bin`,
    new Uint8Array(25 * 1024 * 1024),
  );
  // Hostile: archives.
  file(
    "zip-bomb.zip",
    lyingZip("exercises/01_slow_series/slow_series.ts", deflatedZeros(300)),
  );
  file("zip-dots.zip", zipBytes([{ name: "a/../../escape.ts", data: "x" }]));
  file("zip-absolute.zip", zipBytes([{ name: "/tmp/escape.ts", data: "x" }]));
  file(
    "zip-link.zip",
    zipBytes([
      {
        name: "exercises/01_slow_series/slow_series.ts",
        data: `${REPO_ROOT}/solutions/01_slow_series/slow_series.ts`,
        link: true,
      },
    ]),
  );
  file(
    "tar-device.tar.gz",
    await tarGz([
      { header: { name: "exercises/01_slow_series/slow_series.ts", size: 3 }, body: "x;\n" },
      { header: { name: "tty", size: 0, type: "character-device" } },
    ]),
  );
  file(
    "tar-symlink.tar.gz",
    await tarGz([
      {
        header: { name: "exercises", size: 0, type: "symlink", linkname: `${REPO_ROOT}/solutions` },
      },
    ]),
  );
  const big = 300 * 1024 * 1024;
  file(
    "tar-bomb.tar.gz",
    await tarGz([{
      header: { name: "exercises/01_slow_series/zeros.bin", size: big },
      body: new Uint8Array(big),
    }]),
  );
  file("zip-in-zip.zip", nestedZip());
  // Hostile: names and output.
  folder("\x1b]0;pwned\x07\x1b[31mred-name", {
    "01_slow_series/slow_series.ts": SOLUTION("01_slow_series/slow_series.ts"),
  });
  folder("--time-limit=1", {
    "01_slow_series/slow_series.ts": SOLUTION("01_slow_series/slow_series.ts"),
  });
  folder("lone-surrogates", {
    "01_slow_series/slow_series.ts": `${SIGNATURE} {
  console.log("\\x1b[2J\\x1b]0;owned\\x07" + "\\ud800".repeat(5));
  throw new Error("bad \\ud800 value" + "\\udfff" + n);
}
`,
  });
  // Hostile: running.
  folder("hangs", {
    "01_slow_series/slow_series.ts": `${SIGNATURE} {\n  for (;;) {}\n}\n`,
  });
  folder("memory-hog", {
    "01_slow_series/slow_series.ts": `${SIGNATURE} {
  const hoard: Float64Array[] = [];
  for (;;) hoard.push(new Float64Array(1 << 24).fill(n));
}
`,
  });
  return made;
}

/** A zip whose one entry is a zip of the honest exercises (binary, stored). */
function nestedZip(): Uint8Array {
  // zipBytes stores text; the inner archive is binary, so it is stored by zipBinary.
  return zipBinary("inner.zip", zipBytes(prefixed("exercises/", honestFiles())));
}

function zipBinary(name: string, data: Uint8Array): Uint8Array {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const byte of data) crc = (table[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  crc = (crc ^ 0xffffffff) >>> 0;
  const encoded = new TextEncoder().encode(name);
  const local = new Uint8Array(30 + encoded.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(4, 10, true);
  lv.setUint32(14, crc, true);
  lv.setUint32(18, data.length, true);
  lv.setUint32(22, data.length, true);
  lv.setUint16(26, encoded.length, true);
  local.set(encoded, 30);
  const central = new Uint8Array(46 + encoded.length);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint16(4, 20, true);
  cv.setUint16(6, 10, true);
  cv.setUint32(16, crc, true);
  cv.setUint32(20, data.length, true);
  cv.setUint32(24, data.length, true);
  cv.setUint16(28, encoded.length, true);
  central.set(encoded, 46);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, 1, true);
  ev.setUint16(10, 1, true);
  ev.setUint32(12, central.length, true);
  ev.setUint32(16, local.length + data.length, true);
  return concat([local, data, central, end]);
}

/** A complete honest submission (every exercise), for timing one student end to end. */
export function writeCompleteSubmission(dir: string): string {
  writeTree(
    dir,
    Object.fromEntries(
      Object.entries(completeFiles()).map(([path, text]) => [`exercises/${path}`, text]),
    ),
  );
  return dir;
}

if (import.meta.main) {
  const dir = Deno.args[0];
  if (dir === undefined) {
    console.error("Usage: deno run -A tests/_helpers/hostile_class.ts DIR");
    Deno.exit(2);
  }
  const paths = await writeHostileClass(`${dir}/class`);
  writeCompleteSubmission(`${dir}/complete/honest-complete`);
  console.log(`${paths.length} submissions in ${dir}/class; a complete one in ${dir}/complete`);
  console.log(
    `flock /tmp/workbook-timing.lock deno task -q grade --out ${dir}/grades --exercises 1,8 --memory 1536 --time-limit 120 --deadline 240 -- ${dir}/class/* ${dir}/class/does-not-exist`,
  );
  console.log(
    `flock /tmp/workbook-timing.lock deno task -q grade --out ${dir}/grades-complete -- ${dir}/complete/honest-complete`,
  );
}
