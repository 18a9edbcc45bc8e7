/**
 * `deno task report [--out FILE]`: draws your progress as one self-contained
 * HTML page (default `.workbook/report.html`), from `.workbook/progress.json`.
 * The page itself is built by `lib/report/html.ts`.
 *
 * Exit status: 0 written, 1 could not write, 2 on a usage error.
 *
 * @module
 */
import { CATALOGUE } from "../exercise/catalogue.ts";
import { atMostPositionals, parseOptions, runMain } from "./args.ts";
import { writeAtomically } from "../exercise/files.ts";
import { WORKBOOK_PATHS } from "../exercise/workbook_dir.ts";
import { describeMachine } from "../check/machine.ts";
import { invocationDir, shown } from "../exercise/paths.ts";
import {
  type ExerciseProgress,
  type HandIn,
  type ProgressState,
  readProgress,
} from "../learner/progress.ts";
import { standing } from "../learner/standing.ts";
import { readAnswers } from "../learner/answers.ts";
import { renderReport, type ReportData } from "../report/html.ts";
import { requiredSpeedups } from "../check/verdict.ts";
import type { MachineInfo, Tier } from "../check/types.ts";

const USAGE = `Usage: deno task report [--out FILE]

  --out FILE   where to write the page (default: .workbook/report.html)
  -h, --help   this text`;

export const DEFAULT_REPORT: string = WORKBOOK_PATHS.report;

/** "24 Nov 10:15" in the local time zone. */
function when(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const month = date.toLocaleString("en-GB", { month: "short" });
  const time = date.toTimeString().slice(0, 5);
  return `${date.getDate()} ${month} ${time}`;
}

function tiersOf(required: ReturnType<typeof requiredSpeedups>): Record<Tier, number> | null {
  return "tiers" in required ? required.tiers : null;
}

/** The latest check, or hand-in, in a few words ("pass · 24 Nov 10:15"), or null. */
function lastCheck(entry: ExerciseProgress | undefined, handIn: HandIn | undefined): string | null {
  if (handIn !== undefined && (entry === undefined || handIn.at > entry.last.at)) {
    return `handed in · ${when(handIn.at)}`;
  }
  if (entry === undefined) return null;
  return `${entry.last.status}${entry.last.quick ? " (quick)" : ""} · ${when(entry.last.at)}`;
}

/** The report's data from the catalogue and the learner's progress. */
export function reportData(progress: ProgressState, machine: MachineInfo, now: Date): ReportData {
  return {
    title: "High-performance TypeScript: your progress",
    subtitle: `Generated ${when(now.toISOString())} · ${machine.cpu}, ${machine.cores} core${
      machine.cores === 1 ? "" : "s"
    } · Deno ${machine.deno}`,
    exercises: CATALOGUE.map((e) => {
      const entry = progress.exercises[e.slug];
      const best = entry?.best ?? null;
      const required = requiredSpeedups(e.speed, machine.cores);
      return {
        number: e.number,
        slug: e.slug,
        title: e.title,
        state: standing(e, progress),
        tier: best?.overallTier ?? null,
        tiers: !e.available ? null : best?.tiers ?? tiersOf(required),
        speedup: best?.speedup ?? null,
        speedTier: best?.tier ?? null,
        parallelPart: !e.available || e.parallel === undefined ? null : {
          threads: e.parallel.threads,
          speedup: best?.parallel?.speedup ?? null,
          tiers: best?.parallel?.tiers ?? tiersOf(requiredSpeedups(
            { kind: "parallel", ...e.parallel },
            machine.cores,
          )),
          tier: best?.parallel?.tier ?? null,
        },
        baselineMs: best?.baselineMs ?? null,
        candidateMs: best?.candidateMs ?? null,
        parallel: e.speed.kind === "parallel",
        scaling: entry?.scaling === undefined
          ? null
          : { cores: entry.scaling.cores, rows: entry.scaling.rows },
        history: (entry?.history ?? []).map((h) => ({
          at: h.at,
          speedup: h.speedup,
          tier: h.overallTier,
        })),
        lastCheck: lastCheck(entry, progress.handedIn?.[e.slug]),
      };
    }),
  };
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    out: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  atMostPositionals(positionals, 0, "report");
  const out = values.out === undefined
    ? DEFAULT_REPORT
    : values.out.startsWith("/")
    ? values.out
    : `${invocationDir()}/${values.out}`;
  const progress = await readProgress();
  const data = reportData(progress, describeMachine(), new Date());
  const html = renderReport({ ...data, answers: await readAnswers(progress) });
  try {
    await writeAtomically(out, html);
  } catch (thrown) {
    console.error(`report: Cannot write ${shown(out)}: ${(thrown as Error).message}`);
    return 1;
  }
  console.log(`Wrote ${shown(out)}: open it in a browser (file://${encodeURI(out)})`);
  return 0;
}

if (import.meta.main) await runMain("report", () => main(Deno.args));
