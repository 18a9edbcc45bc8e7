/**
 * The human report of a check: ✓/✗ per test as they finish, the speed table with
 * a small bar, the verdict, and what to do next.
 *
 * @module
 */
import { CATALOGUE, type Exercise } from "../exercise/catalogue.ts";
import type { CheckEvent } from "../check/check.ts";
import { shown } from "../exercise/paths.ts";
import { paint } from "./style.ts";
import type { CheckResult, PerformanceResult, Tier } from "../check/types.ts";
import { overallTier, TIERS } from "../check/verdict.ts";
import { formatMs, plural } from "./format.ts";

/** How many lines of the candidate's own output to show. */
const PRINTED_SHOWN = 10;
const BAR_WIDTH = 30;

/** Prints the exercise's number, slug and title, as every command starts. */
export function printHeader(exercise: Exercise): void {
  console.log(
    paint("bold", `Exercise ${exercise.number} · ${exercise.slug}`) + ` · ${exercise.title}`,
  );
}

/** What `createEventPrinter` gives: the reporter, and what it has shown already. */
export interface EventPrinter {
  onEvent: (event: CheckEvent) => void;
  /** Prints the count of skipped tests not listed yet. */
  flush: () => void;
  /** The speed parts whose tables were printed as they finished (`printSummary` skips them). */
  partsShown: ReadonlySet<"speed" | "parallel">;
}

/**
 * A reporter for `runCheck`'s events, printing as they come. Tests skipped for
 * the same reason as the one before are counted, not listed: a stub would
 * otherwise print one line per hidden test. A speed part's table follows its
 * own pairs, before the next part's header (exercise 7 showed both headers,
 * then both tables).
 */
export function createEventPrinter(exercise: Exercise): EventPrinter {
  const partsShown = new Set<"speed" | "parallel">();
  let printed = 0;
  let skippedReason: string | undefined;
  let skippedMore = 0;
  const flush = () => {
    if (skippedMore > 0) {
      console.log(paint("dim", `  – and ${skippedMore} more, not run for the same reason`));
    }
    skippedReason = undefined;
    skippedMore = 0;
  };
  const onEvent = (event: CheckEvent) => {
    if (event.kind === "test" && event.result.status === "skipped") {
      if (event.result.message === skippedReason) {
        skippedMore++;
        return;
      }
      flush();
      skippedReason = event.result.message;
    } else if (event.kind !== "printed") {
      flush();
    }
    switch (event.kind) {
      case "tests-start":
        console.log(
          `Checking ${shown(new URL(event.file).pathname)} · seed ${event.seed} ` +
            paint("dim", `(--seed ${event.seed} repeats this run)`),
        );
        console.log(`\nCorrectness: ${event.total} hidden tests`);
        return;
      case "test": {
        const { result } = event;
        const mark = result.status === "pass"
          ? paint("green", "✓")
          : result.status === "skipped"
          ? paint("dim", "–")
          : paint("red", "✗");
        const detail = result.message === "" ? "" : paint("dim", " — ") + result.message;
        const credit = result.credit === undefined
          ? ""
          : ` (credit ${Math.round(result.credit * 100)}%)`;
        console.log(`  ${mark} ${result.name}${detail}${credit}`);
        if (result.note !== undefined) console.log(paint("dim", `      why: ${result.note}`));
        return;
      }
      case "performance-start":
        console.log(
          `\nSpeed: up to ${event.pairs} pairs after 1 warm-up · ${event.size} · baseline: ${event.label}`,
        );
        console.log(
          paint(
            "dim",
            `  each pair: the baseline and yours, each in a fresh ${
              event.alternating ? "sample, taking turns to go first" : "Worker, baseline first"
            };\n  it stops once every pair agrees on the tier`,
          ),
        );
        Deno.stdout.writeSync(new TextEncoder().encode("  "));
        return;
      case "pair": {
        const text = pairProgress(event.index, event.sample, event.counted);
        Deno.stdout.writeSync(new TextEncoder().encode(paint("dim", text)));
        return;
      }
      case "performance-end":
        console.log();
        return;
      case "part-done":
        printPart(event.part, event.result, exercise);
        partsShown.add(event.part);
        return;
      case "printed":
        printed++;
        if (printed <= PRINTED_SHOWN) {
          console.log(paint("dim", `  │ your code printed: ${event.line}`));
        } else if (printed === PRINTED_SHOWN + 1) {
          console.log(paint("dim", "  │ (more output hidden)"));
        }
        return;
    }
  };
  return { onEvent, flush, partsShown };
}

/** One speed part's table: the single-thread one, or the one on Workers under its heading. */
function printPart(part: "speed" | "parallel", perf: PerformanceResult, exercise: Exercise): void {
  if (part === "speed") {
    printPerformance(perf, exercise.baseline?.label);
    return;
  }
  console.log(paint("dim", `  on ${exercise.parallel?.threads ?? "several"} Workers:`));
  printPerformance(perf, "your code on 1 Worker");
}

/**
 * What one pair adds to the progress line: `warm-up done · pairs: ` for the
 * warm-up (its ratio is not shown: it is not counted), then each pair's ratio,
 * so `warm-up done · pairs: 3.1× 3.0×` cannot read as three warm-ups.
 *
 * @example
 * ```ts
 * import { pairProgress } from "./text.ts";
 * const line = pairProgress(0, { baselineMs: 2, candidateMs: 1 }, false) +
 *   pairProgress(1, { baselineMs: 3, candidateMs: 1 }, true);
 * if (line !== "warm-up done · pairs: 3.0× ") throw new Error(line);
 * ```
 */
export function pairProgress(
  index: number,
  sample: { baselineMs: number; candidateMs: number },
  counted: boolean,
): string {
  if (index === 0) return "warm-up done · pairs: ";
  const ratio = (sample.baselineMs / sample.candidateMs).toFixed(1);
  return counted ? `${ratio}× ` : `(${ratio}× busy, again) `;
}

/**
 * The speed tables (those `shown` already excepted), the verdict line and the
 * next step. `inWatch`: the check runs under `deno task watch`, where a save
 * checks again and a key times it, so the next step names no command.
 */
export function printSummary(
  result: CheckResult,
  exercise: Exercise,
  shown: ReadonlySet<"speed" | "parallel"> = new Set(),
  inWatch = false,
): void {
  if (result.performance !== null && !shown.has("speed")) {
    printPart("speed", result.performance, exercise);
  }
  if (result.parallel !== null) {
    if (!shown.has("parallel")) printPart("parallel", result.parallel, exercise);
  } else if (result.quick && result.status === "pass") {
    console.log(paint("dim", "\nSpeed: not measured (--quick)"));
  }
  if (result.stretch != null) {
    // Optional: bonus points only, never the verdict below.
    console.log(paint("dim", `  stretch (optional, bonus): ${exercise.stretch?.title ?? ""}`));
    printPerformance(result.stretch, "the stretch's baseline");
  }
  console.log();
  const tier = overallTier(result);
  const verdict = result.status === "pass"
    ? paint(["bold", "green"], `✓ PASS${tier ? ` · ${tier}` : ""}`)
    : result.status === "inconclusive"
    ? paint(["bold", "yellow"], "? INCONCLUSIVE")
    : result.status === "fail"
    ? paint(["bold", "red"], "✗ FAIL")
    : paint(["bold", "red"], "✗ ERROR");
  const credit = result.credit === null ? "" : ` · credit ${Math.round(result.credit * 100)}%`;
  console.log(`${verdict}${credit} — ${result.summary}`);
  const next = nextStep(result, exercise, inWatch);
  if (next !== "") console.log(next);
}

function printPerformance(perf: PerformanceResult, baselineLabel = "baseline"): void {
  if (perf.status === "inconclusive") {
    // Its own line: what was busy, and what to do.
    console.log(`\nSpeed: ${paint(["bold", "yellow"], "inconclusive")}: ${perf.reason}`);
    return;
  }
  if (perf.status === "skipped" || perf.speedup === null || perf.tiers === null) {
    console.log(
      `\nSpeed: ${perf.status === "skipped" ? "skipped" : "not measured"}: ${perf.reason}`,
    );
    return;
  }
  const label = baselineLabel;
  const interval = perf.interval
    ? `; ${Math.round(perf.interval.level * 100)}% interval ${times(perf.interval.low)}–${
      times(perf.interval.high)
    }`
    : "";
  const sure = perf.sureness === "agreed"
    ? `every pair in the ${perf.tier ?? "below-pass"} band`
    : perf.sureness === "cap"
    ? "pairs on both sides of a tier line: the median decides"
    : "";
  const rows: [string, string][] = [
    [`baseline (${label})`, formatMs(perf.baselineMs)],
    ["yours", formatMs(perf.candidateMs)],
    [
      "speed-up",
      `${times(perf.speedup.median)}  ` +
      paint(
        "dim",
        `median of ${plural(perf.pairs, "pair")}; min ${times(perf.speedup.min)}, max ${
          times(perf.speedup.max)
        }${interval}`,
      ),
    ],
    [
      "required",
      `${times(perf.tiers.pass)}  ` +
      paint("dim", `silver ${times(perf.tiers.silver)}, gold ${times(perf.tiers.gold)}`),
    ],
    [
      "tier",
      `${(perf.tier ?? "none").padEnd(6)} ${speedBar(perf.speedup.median, perf.tiers)}${
        sure ? paint("dim", ` ${sure}`) : ""
      }`,
    ],
  ];
  const contention = perf.contention;
  if (contention && (contention.rerun > 0 || contention.source !== "proc")) {
    rows.push([
      "machine",
      contention.source !== "proc"
        ? "contention not measured on this system"
        : `busy: ${contention.rerun} ${contention.rerun === 1 ? "pair" : "pairs"} re-run` +
          (contention.othersCores === null
            ? ""
            : `; others used up to ${contention.othersCores.toFixed(2)} cores`),
    ]);
  }
  if (perf.witness && perf.witness.status !== "skipped") {
    rows.push([
      "work-scaling",
      `${perf.witness.status === "pass" ? "ok" : paint("red", "FAIL")}  ${
        paint("dim", perf.witness.reason)
      }`,
    ]);
  }
  const width = Math.max(...rows.map(([name]) => name.length));
  for (const [name, value] of rows) console.log(`  ${name.padEnd(width)}  ${value}`);
}

/**
 * A bar from 0 to 1.25 × gold: filled up to the median speed-up, with a tick at
 * each tier so the learner sees how far the next one is.
 */
export function speedBar(speedup: number, tiers: Record<Tier, number>): string {
  const top = tiers.gold * 1.25;
  const ticks = new Set(
    TIERS.map((t) => Math.round((tiers[t] / top) * BAR_WIDTH) - 1),
  );
  const filled = Math.round(Math.min(speedup / top, 1) * BAR_WIDTH);
  let bar = "";
  for (let i = 0; i < BAR_WIDTH; i++) {
    const cell = ticks.has(i) ? "│" : i < filled ? "█" : "·";
    bar += i < filled ? paint("green", cell) : paint("dim", cell);
  }
  return `[${bar}]`;
}

function nextStep(result: CheckResult, exercise: Exercise, inWatch: boolean): string {
  const hint = `deno task hint ${exercise.number}`;
  const readme = `exercises/${exercise.dir}/README.md`;
  // The verdict line just said what stopped the check (a missing file, a compile error): not twice.
  if (result.status === "error" && result.tests.length === 0) {
    const then = inWatch
      ? "save: watch checks it again"
      : `run deno task check ${exercise.number} --quick`;
    return `Next: fix that, then ${then}. Stuck? ${hint}`;
  }
  if (result.tests.some((t) => t.message.startsWith("not implemented"))) {
    return `Next: read ${readme}, write ${exercise.entry}${
      /^[A-Z]/.test(exercise.entry) ? "" : "()"
    } in exercises/${exercise.dir}/${exercise.files[0]}, then ${
      inWatch ? "save it: watch checks it again" : `run deno task check ${exercise.number} --quick`
    }`;
  }
  if (result.tests.some((t) => t.status !== "pass")) {
    return `Next: fix the first failing test; --seed ${result.seed} repeats the same inputs. Stuck? ${hint}`;
  }
  const parts = [result.performance, result.parallel].filter((p) => p !== null);
  if (parts.some((p) => p.inconclusive === "one-core")) {
    return "Next: run the check on a machine with at least 2 cores to measure the parallel part.";
  }
  if (result.status === "inconclusive") {
    return `Next: run deno task check ${exercise.number} again when the machine is quieter ` +
      "(close other heavy programs); a busy machine never fails you.";
  }
  if (parts.some((p) => p.status === "error")) {
    return `Next: your code failed on the benchmark input; see above. Stuck? ${hint}`;
  }
  if (parts.some((p) => p.status === "fail")) {
    return `Next: correct, not yet fast enough. ${hint} gives the next hint.`;
  }
  const following = CATALOGUE.find((e) => e.number > exercise.number && e.available);
  const onwards = following
    ? `exercise ${following.number} (${following.slug}): deno task check ${following.number}`
    : "you have reached the last available exercise";
  const below = parts.find((p) => p.tier !== null && p.tier !== "gold");
  if (below !== undefined) {
    const needs = below.tiers?.gold;
    return `Next: gold needs ${needs ? times(needs) : "more"} (${hint}), or move on to ${onwards}`;
  }
  // watch says what comes after a correct save itself (press t to time it).
  if (result.quick && inWatch) return "";
  if (result.quick) {
    return exercise.speed.kind === "none"
      ? `Next: deno task check ${exercise.number} (without --quick) records the pass`
      : `Next: deno task check ${exercise.number} measures the speed too`;
  }
  return `Next: ${onwards}`;
}

function times(x: number): string {
  return `${x.toFixed(2)}×`;
}
