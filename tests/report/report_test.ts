/**
 * The visual report (`lib/report/html.ts`): the page as a string, and the page
 * as headless Chromium renders it (SVG elements, text, no console errors, no
 * request leaving the file). The browser test needs Debian's `chromium` at
 * /usr/bin/chromium (`.ci/run` installs it) and is skipped, saying so, without it.
 *
 * @module
 */
import { chromiumPresent, launchChromium } from "../_helpers/browser.ts";
import { renderReport, type ReportData, type ReportExercise } from "../../lib/report/html.ts";
import { assert, assertEquals, assertIncludes } from "../_helpers/helpers.ts";

function exercise(overrides: Partial<ReportExercise> & Pick<ReportExercise, "number" | "slug">) {
  return {
    title: `Exercise ${overrides.number}`,
    state: "not-started",
    tier: null,
    tiers: { pass: 1.5, silver: 1.8, gold: 2.1 },
    speedup: null,
    speedTier: null,
    parallelPart: null,
    baselineMs: null,
    candidateMs: null,
    parallel: false,
    scaling: null,
    lastCheck: null,
    ...overrides,
  } satisfies ReportExercise;
}

/**
 * Two measured exercises, one not started, one parallel with a scaling curve,
 * one unavailable, and one with a second, parallel speed part.
 */
function fixture(withScaling: boolean): ReportData {
  return {
    title: 'Progress <of> a "learner"',
    subtitle: "Generated for a test",
    exercises: [
      exercise({
        number: 1,
        slug: "slow-series",
        state: "passed",
        tier: "gold",
        speedTier: "gold",
        speedup: { median: 3.05, min: 2.61, max: 3.4 },
        baselineMs: 452.1,
        candidateMs: 148.3,
        lastCheck: "pass · 24 Nov 10:15",
        history: [
          { at: "2026-11-24T09:00:00Z", speedup: 1.1, tier: null },
          { at: "2026-11-24T09:30:00Z", speedup: 1.7, tier: "pass" },
          { at: "2026-11-24T10:15:00Z", speedup: 3.05, tier: "gold" },
        ],
      }),
      exercise({
        number: 2,
        slug: "velocity",
        state: "failing",
        tiers: { pass: 8, silver: 12, gold: 16 },
        speedup: { median: 5.2, min: 4.1, max: 6 },
        baselineMs: 2200,
        candidateMs: 420,
      }),
      exercise({
        number: 3,
        slug: "shared-memory",
        parallel: true,
        tiers: { pass: 1.1, silver: 1.3, gold: 1.4 },
        scaling: withScaling
          ? {
            cores: 2,
            rows: [
              { threads: 1, speedup: 1, ideal: 1 },
              { threads: 2, speedup: 1.8, ideal: 2 },
              { threads: 4, speedup: 1.7, ideal: 2 },
              { threads: 8, speedup: 1.6, ideal: 2 },
            ],
          }
          : null,
      }),
      exercise({ number: 4, slug: "bottleneck", state: "unavailable", tiers: null }),
      exercise({
        number: 5,
        slug: "split-series",
        state: "passed",
        tier: "silver",
        speedTier: "gold",
        speedup: { median: 2.9, min: 2.5, max: 3.1 },
        parallel: true,
        parallelPart: {
          threads: 2,
          speedup: { median: 1.5, min: 1.3, max: 1.7 },
          tiers: { pass: 1.2, silver: 1.4, gold: 1.6 },
          tier: "silver",
        },
      }),
    ],
  };
}

/** The tier labels of each speed-up row: [row index, x, y, text]. */
function tierLabels(html: string): [number, number, number, string][] {
  const rows = html.split('<g class="row"').slice(1);
  return rows.flatMap((row, index) =>
    [...row.matchAll(/<text class="small tier-label" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]+)</g)]
      .map((m) =>
        [index, Number(m[1]), Number(m[2]), m[3] as string] as [number, number, number, string]
      )
  );
}

Deno.test("renderReport() never lets two tier labels of a row touch, however close the tiers", () => {
  const close = fixture(false);
  close.exercises.push(exercise({
    number: 6,
    slug: "close-tiers",
    tiers: { pass: 1.06, silver: 1.12, gold: 1.18 },
    speedup: { median: 1.1, min: 1, max: 1.2 },
  }));
  const labels = tierLabels(renderReport(close));
  assert(labels.length >= 9, `labels found: ${labels.length}`);
  for (const a of labels) {
    for (const b of labels) {
      if (a === b || a[0] !== b[0] || a[2] !== b[2]) continue;
      assert(Math.abs(a[1] - b[1]) >= 40, `"${a[3]}" and "${b[3]}" overlap in row ${a[0]}`);
    }
  }
});

Deno.test("renderReport() draws the learner's path: a dot per measured check", () => {
  const html = renderReport(fixture(true));
  assertIncludes(html, 'data-slug="slow-series"', "a history chart");
  assertEquals(html.match(/<circle class="step /g)?.length, 3, "three checks");
  const none = renderReport({ title: "t", subtitle: "", exercises: [] });
  assertIncludes(none, 'id="history-empty"', "no measured check yet");
});

Deno.test("renderReport() is one self-contained page: no script, nothing fetched, text escaped", () => {
  const html = renderReport(fixture(true));
  assert(html.startsWith("<!doctype html>"), "a document");
  assert(!/<script|<link|<img|\bsrc=|\bhref=|url\(|@import/i.test(html), "nothing external");
  assert(!html.includes("http://") && !html.includes("https://"), "no address at all");
  assertIncludes(html, "Progress &lt;of&gt; a &quot;learner&quot;", "title escaped");
  assertIncludes(html, "default-src 'none'", "a policy that forbids fetching");
  for (const id of ["progress-bar", "speedup-chart", "spread-chart", "scaling-shared-memory"]) {
    assertIncludes(html, `id="${id}"`, id);
  }
  const empty = renderReport(fixture(false));
  assertIncludes(empty, 'id="scaling-empty"', "an empty scaling state");
  assertIncludes(empty, "3 shared-memory", "names the parallel exercise that will draw one");
  const nothing = renderReport({ title: "t", subtitle: "", exercises: [] });
  assertIncludes(nothing, 'id="speedup-empty"', "no exercise at all");
  assertIncludes(nothing, 'id="spread-empty"', "no timing at all");
});

const browserPresent = chromiumPresent("report_test");

Deno.test({
  name: "the report renders in headless Chromium with its charts and no console errors",
  ignore: !browserPresent,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "workbook-report-" });
    const page = `${dir}/report.html`;
    await Deno.writeTextFile(page, renderReport(fixture(true)));
    await Deno.writeTextFile(`${dir}/empty.html`, renderReport(fixture(false)));
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage({ viewport: { width: 900, height: 800 } });
      const problems: string[] = [];
      const requests: string[] = [];
      tab.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") problems.push(m.text());
      });
      tab.on("pageerror", (e) => problems.push(e.message));
      tab.on("request", (r) => requests.push(r.url()));
      await tab.goto(`file://${page}`);

      const count = (selector: string) => tab.locator(selector).count();
      assertEquals(await count("#speedup-chart g.row"), 5, "a row per speed part");
      assertEquals(await count("#speedup-chart rect.bar"), 4, "a bar per measured part");
      assertEquals(await count("#speedup-chart rect.bar.tier-gold"), 2, "gold is gold");
      assertEquals(await count("#speedup-chart rect.bar.tier-silver"), 1, "silver is silver");
      assertEquals(await count("#speedup-chart line.tier-line"), 15, "three tier lines a row");
      assertEquals(await count("#speedup-chart .no-data"), 1, "not measured yet");
      assertEquals(await count("#spread-chart circle.median"), 3, "a median per measured one");
      assertEquals(await count("#spread-chart line.whisker"), 9, "whiskers and caps");
      assertEquals(await count("svg.scaling-chart polyline.ideal"), 1, "the ideal curve");
      assertEquals(await count("svg.scaling-chart circle.point"), 4, "a point per Worker count");
      assertEquals(await count("#summary tbody tr"), 5, "a table row per exercise");
      const text = await tab.locator("body").innerText();
      const parts = [
        "3.05×",
        "2 of 4 available exercises passed",
        "below pass",
        "on 2 Workers against 1",
        "Workers",
      ];
      for (const part of parts) {
        assertIncludes(text, part, "page text");
      }
      const box = await tab.locator("#speedup-chart").boundingBox();
      assert(box !== null && box.width > 500 && box.height > 100, "the chart has a size");

      const shot = `${dir}/report.png`;
      await tab.screenshot({ path: shot, fullPage: true });
      assert((await Deno.stat(shot)).size > 10_000, "a screenshot");
      console.log(`report_test: screenshot at ${shot}`);

      await tab.goto(`file://${dir}/empty.html`);
      assertEquals(await count("#scaling-empty"), 1, "the empty scaling state");
      assertEquals(await count("svg.scaling-chart"), 0, "no scaling chart");

      assertEquals(problems, [], "console errors and warnings");
      const outside = requests.filter((url) => !url.startsWith("file://"));
      assertEquals(outside, [], "requests that leave the file");
    } finally {
      await browser.close();
    }
  },
});
