/**
 * A class of 32 mixed submissions for the instructor's pages (issue 18's
 * "done when"): built from the workbook's own stubs and solutions, with
 * exercise 2 (velocity) written several honest ways, a few wrong ones, a pair
 * that copy one another (renamed variables, new layout, comments gone), and
 * written answers (answers.md of exercise 2, exercise 11's reflection), one of
 * them hostile HTML.
 *
 *   deno run -A tests/_helpers/demo_class.ts build CLASS_DIR
 *   flock -o /tmp/workbook-timing.lock deno task -q grade --out OUT --exercises 2,11 -- CLASS_DIR/*
 *   deno run -A tests/_helpers/demo_class.ts manual OUT        # points by hand, as an instructor would
 *   flock -o /tmp/workbook-timing.lock deno task -q grade --out OUT --exercises 2,11 --resume -- CLASS_DIR/*
 *   deno run -A tests/_helpers/demo_class.ts screenshot OUT /tmp/class-dashboard.png
 *
 * Exercise 2 is the one the pair copied; exercise 11 has the reflection. Only
 * exercise folders the student "worked on" hold more than the stub.
 *
 * @module
 */
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import { launchChromium } from "./browser.ts";

const VELOCITY_HEADER = `import type { Grid, Velocity } from "./grid.ts";\n`;

/** Written apart: per-latitude rows of the three coefficient products, then one pass per row. */
const VELOCITY_PRODUCTS = VELOCITY_HEADER + `
export function toCartesian(grid: Grid, out: Velocity): Velocity {
  const deg = Math.PI / 180;
  const n = grid.nlon;
  const sl = new Float64Array(n), cl = new Float64Array(n);
  grid.longitude.forEach((v, k) => { sl[k] = Math.sin(v * deg); cl[k] = Math.cos(v * deg); });
  const a = new Float64Array(n), b = new Float64Array(n), c = new Float64Array(n), d = new Float64Array(n);
  let p = 0;
  for (let i = 0; i < grid.nlat; i++) {
    const t = grid.latitude[i]! * deg;
    const st = Math.sin(t), ct = Math.cos(t);
    for (let k = 0; k < n; k++) { a[k] = st * cl[k]!; b[k] = ct * cl[k]!; c[k] = st * sl[k]!; d[k] = ct * sl[k]!; }
    for (let j = 0; j < grid.nr; j++) {
      for (let k = 0; k < n; k++, p++) {
        const la = grid.vlat[p]!, lo = grid.vlon[p]!, ra = grid.vrad[p]!;
        out.vx[p] = b[k]! * ra - sl[k]! * lo - a[k]! * la;
        out.vy[p] = cl[k]! * lo + d[k]! * ra - c[k]! * la;
        out.vz[p] = ct * la + st * ra;
      }
    }
  }
  return out;
}
`;

/** The one the pair shares: a 3×3 matrix per longitude, refreshed per latitude. */
const VELOCITY_MATRIX = VELOCITY_HEADER + `
/** Rotation coefficients, nine per longitude. */
function matrices(sinLat: number, cosLat: number, sinLon: Float64Array, cosLon: Float64Array, into: Float64Array): void {
  for (let k = 0; k < sinLon.length; k++) {
    const base = 9 * k;
    // row x: lat, lon, rad
    into[base] = -sinLat * cosLon[k]!;
    into[base + 1] = -sinLon[k]!;
    into[base + 2] = cosLat * cosLon[k]!;
    // row y
    into[base + 3] = -sinLat * sinLon[k]!;
    into[base + 4] = cosLon[k]!;
    into[base + 5] = cosLat * sinLon[k]!;
    // row z
    into[base + 6] = cosLat;
    into[base + 7] = 0;
    into[base + 8] = sinLat;
  }
}

export function toCartesian(grid: Grid, out: Velocity): Velocity {
  const { nlat, nlon, nr } = grid;
  const toRad = Math.PI / 180;
  const sinLon = new Float64Array(nlon);
  const cosLon = new Float64Array(nlon);
  for (let k = 0; k < nlon; k++) {
    sinLon[k] = Math.sin(grid.longitude[k]! * toRad);
    cosLon[k] = Math.cos(grid.longitude[k]! * toRad);
  }
  const m = new Float64Array(9 * nlon);
  for (let i = 0; i < nlat; i++) {
    const lat = grid.latitude[i]! * toRad;
    matrices(Math.sin(lat), Math.cos(lat), sinLon, cosLon, m);
    for (let j = 0; j < nr; j++) {
      const start = (i * nr + j) * nlon;
      for (let k = 0; k < nlon; k++) {
        const index = start + k;
        const north = grid.vlat[index]!;
        const east = grid.vlon[index]!;
        const up = grid.vrad[index]!;
        const q = 9 * k;
        out.vx[index] = m[q]! * north + m[q + 1]! * east + m[q + 2]! * up;
        out.vy[index] = m[q + 3]! * north + m[q + 4]! * east + m[q + 5]! * up;
        out.vz[index] = m[q + 6]! * north + m[q + 7]! * east + m[q + 8]! * up;
      }
    }
  }
  return out;
}
`;

/** The copy: the matrix version with every name changed, comments gone, lines rewrapped. */
function disguised(text: string): string {
  const renames: [RegExp, string][] = [
    [/\bmatrices\b/g, "buildRot"],
    [/\bsinLat\b/g, "sPhi"],
    [/\bcosLat\b/g, "cPhi"],
    [/\bsinLon\b/g, "sLam"],
    [/\bcosLon\b/g, "cLam"],
    [/\binto\b/g, "dst"],
    [/\bbase\b/g, "o"],
    [/\btoRad\b/g, "D2R"],
    [/\bnorth\b/g, "vn"],
    [/\beast\b/g, "ve"],
    [/\bup\b/g, "vr"],
    [/\bindex\b/g, "idx"],
    [/\bstart\b/g, "row0"],
    [/\blat\b/g, "phi"],
    [/\bm\b/g, "R"],
    [/\bq\b/g, "r9"],
  ];
  let out = text.replace(/\/\*\*[\s\S]*?\*\//g, "").replace(/\/\/[^\n]*/g, "");
  for (const [pattern, name] of renames) out = out.replace(pattern, name);
  return out.split("\n").filter((l) => l.trim() !== "").map((l) => "\t" + l.trim()).join("\n\n") +
    "\n";
}

/** Correct and slow: every sin and cos per point (below the pass tier). */
const VELOCITY_NAIVE = VELOCITY_HEADER + `
export function toCartesian(grid: Grid, out: Velocity): Velocity {
  for (let lonIdx = 0; lonIdx < grid.nlon; lonIdx++) {
    for (let latIdx = 0; latIdx < grid.nlat; latIdx++) {
      for (let rIdx = 0; rIdx < grid.nr; rIdx++) {
        const at = (latIdx * grid.nr + rIdx) * grid.nlon + lonIdx;
        const phi = (grid.latitude[latIdx]! * Math.PI) / 180;
        const lambda = (grid.longitude[lonIdx]! * Math.PI) / 180;
        out.vx[at] = -Math.sin(lambda) * grid.vlon[at]! -
          Math.sin(phi) * Math.cos(lambda) * grid.vlat[at]! +
          Math.cos(phi) * Math.cos(lambda) * grid.vrad[at]!;
        out.vy[at] = Math.cos(lambda) * grid.vlon[at]! -
          Math.sin(phi) * Math.sin(lambda) * grid.vlat[at]! +
          Math.cos(phi) * Math.sin(lambda) * grid.vrad[at]!;
        out.vz[at] = Math.cos(phi) * grid.vlat[at]! + Math.sin(phi) * grid.vrad[at]!;
      }
    }
  }
  return out;
}
`;

/** Hoists the latitude only, in memory order: some way, not all the way. */
const VELOCITY_HOISTED = VELOCITY_HEADER + `
export function toCartesian(grid: Grid, out: Velocity): Velocity {
  const R = Math.PI / 180;
  let idx = 0;
  for (let i = 0; i < grid.nlat; ++i) {
    const s1 = Math.sin(grid.latitude[i]! * R);
    const c1 = Math.cos(grid.latitude[i]! * R);
    for (let j = 0; j < grid.nr; ++j) {
      for (let k = 0; k < grid.nlon; ++k) {
        const s2 = Math.sin(grid.longitude[k]! * R);
        const c2 = Math.cos(grid.longitude[k]! * R);
        const u = grid.vlon[idx]!, v = grid.vlat[idx]!, w = grid.vrad[idx]!;
        out.vz[idx] = c1 * v + s1 * w;
        out.vx[idx] = c1 * c2 * w - s2 * u - s1 * c2 * v;
        out.vy[idx] = c2 * u + c1 * s2 * w - s1 * s2 * v;
        ++idx;
      }
    }
  }
  return out;
}
`;

/** Tables, but the radius innermost: strided through memory. */
const VELOCITY_STRIDED = VELOCITY_HEADER + `
export function toCartesian(grid: Grid, out: Velocity): Velocity {
  const { nlat, nlon, nr } = grid;
  const cosT = Array.from(grid.latitude, (d) => Math.cos((d / 180) * Math.PI));
  const sinT = Array.from(grid.latitude, (d) => Math.sin((d / 180) * Math.PI));
  const cosP = Array.from(grid.longitude, (d) => Math.cos((d / 180) * Math.PI));
  const sinP = Array.from(grid.longitude, (d) => Math.sin((d / 180) * Math.PI));
  for (let lat = 0; lat < nlat; lat++) {
    for (let lon = 0; lon < nlon; lon++) {
      const xa = -sinT[lat]! * cosP[lon]!, xb = -sinP[lon]!, xc = cosT[lat]! * cosP[lon]!;
      const ya = -sinT[lat]! * sinP[lon]!, yb = cosP[lon]!, yc = cosT[lat]! * sinP[lon]!;
      for (let r = 0; r < nr; r++) {
        const e = (lat * nr + r) * nlon + lon;
        out.vx[e] = xa * grid.vlat[e]! + xb * grid.vlon[e]! + xc * grid.vrad[e]!;
        out.vy[e] = ya * grid.vlat[e]! + yb * grid.vlon[e]! + yc * grid.vrad[e]!;
        out.vz[e] = cosT[lat]! * grid.vlat[e]! + sinT[lat]! * grid.vrad[e]!;
      }
    }
  }
  return out;
}
`;

/** Wrong: the angles are used in degrees. */
const VELOCITY_DEGREES = VELOCITY_HEADER + `
export function toCartesian(g: Grid, o: Velocity): Velocity {
  let n = 0;
  while (n < g.vlat.length) {
    const k = n % g.nlon;
    const i = Math.floor(n / (g.nlon * g.nr));
    const la = g.latitude[i]!, lo = g.longitude[k]!;
    o.vx[n] = -Math.sin(lo) * g.vlon[n]! - Math.sin(la) * Math.cos(lo) * g.vlat[n]! + Math.cos(la) * Math.cos(lo) * g.vrad[n]!;
    o.vy[n] = Math.cos(lo) * g.vlon[n]! - Math.sin(la) * Math.sin(lo) * g.vlat[n]! + Math.cos(la) * Math.sin(lo) * g.vrad[n]!;
    o.vz[n] = Math.cos(la) * g.vlat[n]! + Math.sin(la) * g.vrad[n]!;
    n += 1;
  }
  return o;
}
`;

/** Wrong: vy's eastward term has the wrong sign, and fresh arrays every call. */
const VELOCITY_SIGN = VELOCITY_HEADER + `
export function toCartesian(grid: Grid, _out: Velocity): Velocity {
  const size = grid.nlat * grid.nlon * grid.nr;
  const result = { vx: new Float64Array(size), vy: new Float64Array(size), vz: new Float64Array(size) };
  const rad = (x: number) => x * Math.PI / 180;
  for (let p = 0; p < size; p++) {
    const lonAt = p % grid.nlon;
    const latAt = Math.floor(p / grid.nlon / grid.nr);
    const [sa, ca] = [Math.sin(rad(grid.latitude[latAt]!)), Math.cos(rad(grid.latitude[latAt]!))];
    const [so, co] = [Math.sin(rad(grid.longitude[lonAt]!)), Math.cos(rad(grid.longitude[lonAt]!))];
    result.vx[p] = ca * co * grid.vrad[p]! - so * grid.vlon[p]! - sa * co * grid.vlat[p]!;
    result.vy[p] = -co * grid.vlon[p]! - sa * so * grid.vlat[p]! + ca * so * grid.vrad[p]!;
    result.vz[p] = sa * grid.vrad[p]! + ca * grid.vlat[p]!;
  }
  return result;
}
`;

/** Wrong: vz is never written (the check fills it with garbage first). */
const VELOCITY_NO_VZ = VELOCITY_HEADER + `
export function toCartesian(grid: Grid, out: Velocity): Velocity {
  const f = Math.PI / 180;
  for (let i = 0; i < grid.nlat; i++) {
    const phi = grid.latitude[i]! * f;
    for (let j = 0; j < grid.nr; j++) {
      for (let k = 0; k < grid.nlon; k++) {
        const lam = grid.longitude[k]! * f;
        const at = (i * grid.nr + j) * grid.nlon + k;
        const h = Math.cos(phi) * grid.vrad[at]! - Math.sin(phi) * grid.vlat[at]!;
        out.vx[at] = h * Math.cos(lam) - grid.vlon[at]! * Math.sin(lam);
        out.vy[at] = h * Math.sin(lam) + grid.vlon[at]! * Math.cos(lam);
      }
    }
  }
  return out;
}
`;

/** Answers to exercise 2's two questions, some thoughtful, some thin. */
const VELOCITY_Q1 = [
  "I predicted the 3×3 matrix would win because it reads like linear algebra, but building nine coefficients per point costs more than the three formulas. My medians: tables 34 ms, matrix 41 ms.",
  "No. The matrix is rebuilt at every point, so it only adds work. Hoisting the trig did everything.",
  "Predicted: faster, as in NumPy. Measured: slower by about 20%. In a compiled loop the matrix is just more loads.",
  "I thought the matrix would help the JIT. It did not: 3× slower than my tables version.",
  "It helps only if the matrix is shared by a whole row of longitudes; per point it is pure overhead.",
];
const VELOCITY_Q2 = [
  "Three axes means every temporary array is the full 15 million points, so each step is a trip to main memory; over two axes the temporaries fit in cache.",
  "More bytes moved: bench --numpy printed 1.4 GB against 0.5 GB.",
  "Because memory bandwidth, not arithmetic, is the limit.",
];

const HOSTILE_ANSWER =
  `</div></details><script>document.title="pwned"</script><img src=x onerror="alert(1)">` +
  `<a href="javascript:alert(2)">read me</a> &amp; <!-- hidden --> <style>body{display:none}</style>`;

const REFLECTION_PARTS = [
  "My project renders a heat map of a large sensor grid every second.",
  "I would keep the grid in typed arrays and loop in memory order, since that made exercise 2 about 30× faster for me.",
  "The work splits into bands, so a worker pool over a SharedArrayBuffer fits, with Atomics only at the edges.",
  "Reading the sensors is I/O-bound, so async I/O on the main thread is enough there, because waiting needs no core.",
  "If the hot loop is still too slow I would compile it to WebAssembly, which gave me 2.9× in exercise 8.",
  "Subprocesses only if I needed isolation, because each one costs a whole runtime to start.",
  "Past one machine I would send the bands as network messages between processes.",
  "I measured before choosing: the V8 profiler showed where the time went, and only then did I add threads.",
];

function reflection(seed: number): string {
  const picked = REFLECTION_PARTS.filter((_, i) => (i * 7 + seed) % 3 !== 0);
  return `# Question 6: which tool would you use for your own problem, and why?\n\n${
    picked.join(" ")
  }\n`;
}

/** Quiz answers of exercise 11, right or with a slip, laid out as each student would. */
function quizAnswers(variant: number): string {
  const rows: [string, string[]][] = [
    ["threads", variant % 4 === 1 ? ["Worker"] : ["Worker", "worker pool"]],
    ["processes", ["subprocess"]],
    ["compilers", variant % 5 === 2 ? ["V8 JIT"] : ["V8 JIT", "WebAssembly"]],
    ["ioBound", ["async I/O"]],
    ["beyondOneMachine", variant % 6 === 3 ? ["subprocess"] : ["network messages"]],
  ];
  if (variant % 2 === 1) rows.reverse();
  const body = rows.map(([key, tools]) => `    ${key}: ${JSON.stringify(tools)},`).join("\n");
  return `import type { Answers } from "./tools.ts";\n\nexport function answers(): Answers {\n` +
    `  return {\n${body}\n  };\n}\n`;
}

function answersMd(q1: string | null, q2: string | null): string {
  const template = Deno.readTextFileSync(`${REPO_ROOT}/exercises/02_velocity/answers.md`);
  return template
    .replace(/(## q1 ·[^\n]*\n)/, `$1\n${q1 ?? ""}\n`)
    .replace(/(## q2 ·[^\n]*\n)/, `$1\n${q2 ?? ""}\n`);
}

/** One student of the class: what they did on exercise 2 and exercise 11. */
interface Plan {
  id: string;
  velocity: string | "stub" | "reference" | null;
  answers?: [string | null, string | null];
  quiz?: number | "reference" | "stub";
  reflection?: string | "reference" | "stub";
}

function plans(): Plan[] {
  const list: Plan[] = [
    { id: "s01-ada", velocity: "reference", quiz: "reference", reflection: "reference" },
    { id: "s02-bea", velocity: VELOCITY_PRODUCTS, quiz: 1, reflection: reflection(1) },
    { id: "s03-carl", velocity: VELOCITY_MATRIX, quiz: 2, reflection: reflection(2) },
    { id: "s04-dina", velocity: disguised(VELOCITY_MATRIX), quiz: 3, reflection: reflection(3) },
    { id: "s05-emil", velocity: VELOCITY_NAIVE, quiz: 4, reflection: "stub" },
    { id: "s06-fay", velocity: VELOCITY_HOISTED, quiz: 5, reflection: reflection(5) },
    { id: "s07-gus", velocity: VELOCITY_STRIDED, quiz: 6, reflection: reflection(6) },
    { id: "s08-hana", velocity: VELOCITY_DEGREES, quiz: 7, reflection: "stub" },
    { id: "s09-ivo", velocity: VELOCITY_SIGN, quiz: "stub" },
    { id: "s10-jun", velocity: VELOCITY_NO_VZ, quiz: 9, reflection: reflection(9) },
    { id: "s11-o'kim", velocity: "stub", quiz: 10, reflection: HOSTILE_ANSWER },
  ];
  // The rest: stubs only, or only the quiz and a reflection, or nothing of exercise 2 at all.
  for (let i = 12; i <= 32; i++) {
    const id = `s${String(i).padStart(2, "0")}-student`;
    const kind = i % 4;
    list.push({
      id,
      velocity: kind === 3 ? null : "stub",
      ...(kind === 0 ? {} : { quiz: kind === 2 ? "stub" : i, reflection: reflection(i) }),
    });
  }
  // Written answers to exercise 2, one hostile, some left empty.
  list.forEach((plan, i) => {
    if (plan.velocity === null || i % 5 === 4) return;
    plan.answers = plan.id.startsWith("s11")
      ? [HOSTILE_ANSWER, HOSTILE_ANSWER]
      : [VELOCITY_Q1[i % VELOCITY_Q1.length] as string, i % 3 === 0 ? null : VELOCITY_Q2[i % 3]!];
  });
  return list;
}

async function copyDir(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isFile) await Deno.copyFile(`${from}/${entry.name}`, `${to}/${entry.name}`);
  }
}

/** Writes the class under `dir` (one folder per student, laid out like the workbook). */
export async function buildDemoClass(dir: string): Promise<string[]> {
  const paths: string[] = [];
  for (const plan of plans()) {
    const root = `${dir}/${plan.id}`;
    const ex2 = `${root}/exercises/02_velocity`;
    const ex11 = `${root}/exercises/11_which_tool`;
    await Deno.mkdir(`${root}/exercises`, { recursive: true });
    if (plan.velocity !== null) {
      await copyDir(`${REPO_ROOT}/exercises/02_velocity`, ex2);
      if (plan.velocity === "reference") {
        await copyDir(`${REPO_ROOT}/solutions/02_velocity`, ex2);
      } else if (plan.velocity !== "stub") {
        await Deno.writeTextFile(`${ex2}/velocity.ts`, plan.velocity);
      }
      if (plan.answers !== undefined) {
        await Deno.writeTextFile(`${ex2}/answers.md`, answersMd(...plan.answers));
      }
    }
    if (plan.quiz !== undefined) {
      await copyDir(`${REPO_ROOT}/exercises/11_which_tool`, ex11);
      if (plan.quiz === "reference") await copyDir(`${REPO_ROOT}/solutions/11_which_tool`, ex11);
      else if (plan.quiz !== "stub") {
        await Deno.writeTextFile(`${ex11}/which_tool.ts`, quizAnswers(plan.quiz));
      }
      if (
        plan.reflection !== undefined && plan.reflection !== "stub" && plan.quiz !== "reference"
      ) {
        await Deno.writeTextFile(`${ex11}/reflection.md`, plan.reflection);
      }
    }
    paths.push(root);
  }
  return paths;
}

/** Fills manual_points.csv as an instructor would after reading the answers. */
async function giveManualPoints(outDir: string): Promise<void> {
  const file = `${outDir}/manual_points.csv`;
  const lines = (await Deno.readTextFile(file)).split("\n");
  const given = lines.map((line, i) => {
    if (i === 0 || line.trim() === "") return line;
    const student = line.split(",")[0] as string;
    if (student.startsWith("s02") || student.startsWith("s03")) return `${student},3,clear answers`;
    if (student.startsWith("s01")) return `${student},2,"good, see q2"`;
    return line;
  });
  await Deno.writeTextFile(file, given.join("\n"));
}

/** Opens DIR/dashboard.html (and answers.html) in Chromium and saves full-page screenshots. */
async function screenshot(outDir: string, png: string): Promise<void> {
  const browser = await launchChromium();
  try {
    const tab = await browser.newPage({ viewport: { width: 1150, height: 900 } });
    const requests: string[] = [];
    tab.on("request", (r) => requests.push(r.url()));
    await tab.goto(`file://${await Deno.realPath(`${outDir}/dashboard.html`)}`);
    await tab.screenshot({ path: png, fullPage: true });
    await tab.goto(`file://${await Deno.realPath(`${outDir}/answers.html`)}`);
    const answersPng = png.replace(/\.png$/, "") + "-answers.png";
    await tab.screenshot({ path: answersPng, fullPage: true });
    console.log(`${png} and ${answersPng}; title ${JSON.stringify(await tab.title())}`);
    const leaving = requests.filter((u) => !u.startsWith("file://"));
    console.log(`requests leaving the files: ${leaving.length}`);
  } finally {
    await browser.close();
  }
}

if (import.meta.main) {
  const [command, a, b] = Deno.args;
  if (command === "build" && a !== undefined) {
    const paths = await buildDemoClass(a);
    console.log(`${paths.length} submissions in ${a}`);
  } else if (command === "manual" && a !== undefined) await giveManualPoints(a);
  else if (command === "screenshot" && a !== undefined) {
    await screenshot(a, b ?? "/tmp/class-dashboard.png");
  } else {
    console.error("usage: demo_class.ts build DIR | manual OUT | screenshot OUT [PNG]");
    Deno.exit(2);
  }
}
