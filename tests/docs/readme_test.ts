/**
 * Prose that names a command or a path is checked: every `deno task X` exists,
 * every repository path named in backticks exists, and the README's exercise
 * table agrees with the catalogue.
 *
 * @module
 */
import { CATALOGUE } from "../../lib/exercise/catalogue.ts";
import { REPO_ROOT } from "../../lib/exercise/paths.ts";
import config from "../../deno.json" with { type: "json" };
import { assert, assertEquals } from "../_helpers/helpers.ts";

/** Every README a learner reads. */
function readmes(): string[] {
  const paths = ["README.md", "data/README.md"];
  for (const e of CATALOGUE.filter((x) => x.available)) paths.push(`exercises/${e.dir}/README.md`);
  return paths;
}

/** Top-level folders whose paths prose may name. */
const ROOTS = /^(lib|tests|exercises|solutions|data|scripts|\.ci)\//;

Deno.test("READMEs name only tasks that exist", async () => {
  const tasks = new Set(Object.keys(config.tasks));
  for (const path of readmes()) {
    const text = await Deno.readTextFile(`${REPO_ROOT}/${path}`);
    for (const match of text.matchAll(/deno(?:@[\d.]+)? task (?:-q )?([a-z-]+)/g)) {
      assert(
        tasks.has(match[1] as string),
        `${path} names "deno task ${match[1]}", which deno.json does not define`,
      );
    }
  }
});

Deno.test("READMEs name only paths that exist", async () => {
  for (const path of readmes()) {
    const text = await Deno.readTextFile(`${REPO_ROOT}/${path}`);
    const base = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
    for (const match of text.matchAll(/`([^`\s]+)`/g)) {
      const named = (match[1] as string).replace(/[.,:]$/, "");
      // Placeholders (NN_slug, *.ts) describe patterns, not files.
      if (/NN|slug|\*|\.\.\./.test(named)) continue;
      let target: string | undefined;
      if (ROOTS.test(named)) target = named;
      else if (base !== "" && /^[\w.-]+\.(ts|md|json)$/.test(named)) target = `${base}/${named}`;
      if (target === undefined) continue;
      try {
        await Deno.stat(`${REPO_ROOT}/${target}`);
      } catch {
        throw new Error(`${path} names ${named}, which does not exist`);
      }
    }
  }
});

Deno.test("the README's exercise table agrees with the catalogue", async () => {
  const text = await Deno.readTextFile(`${REPO_ROOT}/README.md`);
  const rows = [
    ...text.matchAll(/^\| (\d+) +\| ([a-z-]+) +\| (.+?) +\| (available|not yet available) +\|$/gm),
  ];
  assertEquals(
    rows.map((r) => [Number(r[1]), r[2], r[3], r[4] === "available"]),
    CATALOGUE.map((e) => [e.number, e.slug, e.title, e.available]),
    "rows",
  );
});

Deno.test("each exercise README states the tiers the catalogue sets", async () => {
  for (const e of CATALOGUE.filter((x) => x.available && x.speed.kind === "fixed")) {
    if (e.speed.kind !== "fixed") continue;
    const text = (await Deno.readTextFile(`${REPO_ROOT}/exercises/${e.dir}/README.md`)).replaceAll(
      "\n",
      " ",
    );
    for (const [tier, value] of Object.entries(e.speed.tiers)) {
      assert(
        text.includes(`${value}×`),
        `exercises/${e.dir}/README.md does not state the ${tier} tier, ${value}×`,
      );
    }
  }
});
