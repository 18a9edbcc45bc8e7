/**
 * `deno task status`: a progress bar and one row per exercise (passed or not,
 * tier, best speed-up, hints seen, last check), from `.workbook/progress.json`.
 *
 * Exit status: 0, or 2 on a usage error.
 *
 * @module
 */
import { CATALOGUE } from "../exercise/catalogue.ts";
import { atMostPositionals, parseOptions, runMain } from "./args.ts";
import { type ProgressState, readProgress } from "../learner/progress.ts";
import { firstNotPassed, type Standing, standing } from "../learner/standing.ts";
import { paint } from "../report/style.ts";
import { WORKBOOK_PATHS } from "../exercise/workbook_dir.ts";

const USAGE = `Usage: deno task status

  Shows which exercises pass, the tier and best speed-up of each, and what to do next.
  The state is kept in .workbook/progress.json; deno task check records every result.`;

const BAR_WIDTH = 30;

/** Hints shown so far, by slug (kept by `deno task hint` in `.workbook/hints.json`). */
export type HintsSeen = Record<string, number>;

/** The word in the status column, and its colour, for each standing. */
const STATUS_CELL: Record<Standing, [string, "green" | "red" | "yellow" | "dim"]> = {
  passed: ["✓ passed", "green"],
  "handed-in": ["✉ handed in: graded by your instructor", "yellow"],
  correct: ["◐ correct, speed unchecked", "yellow"],
  failing: ["✗ not passing yet", "red"],
  "not-started": ["· not started", "dim"],
  unavailable: ["– not yet available", "dim"],
};

/** "just now", "5 min ago", "3 h ago", "2 days ago". */
export function ago(iso: string, now: Date): string {
  const seconds = (now.getTime() - new Date(iso).getTime()) / 1000;
  if (!Number.isFinite(seconds)) return "–";
  if (seconds < 60) return "just now";
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  const days = Math.floor(seconds / 86400);
  return `${days} day${days === 1 ? "" : "s"} ago`;
}

/**
 * The status screen as lines (pure: the caller prints them).
 *
 * @param state The learner's progress.
 * @param hints How many hints each exercise has shown.
 * @param now The time "ago" is counted from.
 */
export function statusLines(state: ProgressState, hints: HintsSeen, now: Date): string[] {
  const available = CATALOGUE.filter((e) => e.available);
  const count = (s: Standing) => available.filter((e) => standing(e, state) === s).length;
  const passed = count("passed");
  const handedIn = count("handed-in");
  const cells = (n: number) =>
    available.length === 0 ? 0 : Math.round((n / available.length) * BAR_WIDTH);
  const filled = cells(passed);
  // A hand-in is not a pass: its part of the bar is another colour, and it is counted apart.
  const waiting = Math.min(cells(passed + handedIn) - filled, BAR_WIDTH - filled);
  const bar = paint("green", "█".repeat(filled)) + paint("yellow", "▒".repeat(waiting)) +
    paint("dim", "·".repeat(BAR_WIDTH - filled - waiting));
  const lines = [
    `Progress [${bar}] ${passed} of ${available.length} available exercises passed` +
    (handedIn === 0 ? "" : `, ${handedIn} handed in (awaiting your instructor)`) +
    paint("dim", ` (${CATALOGUE.length} in the workbook)`),
    "",
  ];

  const header = ["N", "exercise", "status", "tier", "best speed-up", "hints", "last check"];
  const rows: { cells: string[]; colour: "green" | "red" | "yellow" | "dim" }[] = [];
  for (const exercise of CATALOGUE) {
    const [status, colour] = STATUS_CELL[standing(exercise, state)];
    const entry = state.exercises[exercise.slug];
    if (!exercise.available) {
      rows.push({ cells: [String(exercise.number), exercise.slug, status], colour });
      continue;
    }
    const best = entry?.best ?? null;
    const speedup = best === null ? "–" : `${best.speedup.median.toFixed(2)}×` +
      (best.tiers === null ? "" : ` (needs ${best.tiers.pass.toFixed(2)}×)`) +
      (best.parallel === null ? "" : `, ${best.parallel.speedup.median.toFixed(2)}× on Workers`);
    const handIn = state.handedIn?.[exercise.slug];
    const last = handIn !== undefined && (entry === undefined || handIn.at > entry.last.at)
      ? `handed in · ${ago(handIn.at, now)}`
      : entry === undefined
      ? "–"
      : `${entry.last.status}${entry.last.quick ? " (quick)" : ""} · ${ago(entry.last.at, now)}`;
    rows.push({
      cells: [
        String(exercise.number),
        exercise.slug,
        status,
        best?.overallTier ?? "–",
        speedup,
        `${Math.min(hints[exercise.slug] ?? 0, exercise.hints.length)}/${exercise.hints.length}`,
        last,
      ],
      colour,
    });
  }
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => [...(r.cells[i] ?? "")].length))
  );
  const pad = (text: string, i: number) => text + " ".repeat(widths[i]! - [...text].length);
  lines.push(paint("dim", "  " + header.map(pad).join("  ").trimEnd()));
  for (const { cells, colour } of rows) {
    const shown = cells.map((cell, i) => {
      const padded = i === cells.length - 1 ? cell : pad(cell, i);
      return i === 2 ? paint(colour, padded) : padded;
    });
    lines.push("  " + shown.join("  ").trimEnd());
  }
  lines.push("");
  const next = firstNotPassed(state);
  if (next !== undefined) {
    lines.push(
      `Next: exercise ${next.number} (${next.slug}): deno task check ${next.number}` +
        paint("dim", ` — or deno task watch ${next.number} to re-check on every save`),
    );
  } else if (available.length > 0) {
    lines.push(
      (handedIn === 0
        ? "Every available exercise passes."
        : `Nothing left to do: ${passed} passed, ${handedIn} handed in for your instructor to grade.`) +
        " deno task report draws your speed-ups as charts.",
    );
  }
  return lines;
}

async function readHints(): Promise<HintsSeen> {
  try {
    const parsed = JSON.parse(await Deno.readTextFile(WORKBOOK_PATHS.hints));
    return parsed !== null && typeof parsed === "object" ? parsed as HintsSeen : {};
  } catch {
    return {}; // No hints seen yet (or an unreadable file: `hint` starts over too).
  }
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  atMostPositionals(positionals, 0, "status");
  const state = await readProgress();
  for (const line of statusLines(state, await readHints(), new Date())) console.log(line);
  return 0;
}

if (import.meta.main) await runMain("status", () => main(Deno.args));
