// Lighthouse's mobile audit of every page of the app, as a signed-in patient sees it.
//
//   node bench/lighthouse.mjs http://127.0.0.1:8340 TOKEN USERNAME > scores.json
//
// Run by bench/lighthouse_bench.py (make lighthouse, make bench) against `make serve`.
// Each page is a cold first visit: Lighthouse clears the origin's storage, service
// worker and cache before loading it; an init script then puts the patient's token back
// before the app's code runs, as a phone that signed in earlier would have it.
import puppeteer from "puppeteer-core";
import lighthouse from "lighthouse";
import { mkdirSync, writeFileSync } from "node:fs";

const [origin, token, username] = process.argv.slice(2);
// Lighthouse's own advice against run-to-run variance: the median of several runs. Each
// page's figures are those of its median run by performance score.
const RUNS = Number(process.env.LIGHTHOUSE_RUNS || 3);
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
// Where each page's full Lighthouse report goes (JSON), when set.
const REPORTS = process.env.LIGHTHOUSE_REPORTS;
const PAGES = [
  { name: "Sign in", route: "#/signin", signedIn: false },
  { name: "Register", route: "#/register", signedIn: false },
  { name: "Today", route: "#/today", signedIn: true },
  { name: "History", route: "#/history", signedIn: true },
  { name: "Events", route: "#/events", signedIn: true },
  { name: "Patterns", route: "#/patterns", signedIn: true },
  { name: "Reports", route: "#/reports", signedIn: true },
  { name: "Account", route: "#/account", signedIn: true },
  { name: "Weekly check", route: "#/weekly/footnote-weekly-check", signedIn: true },
];

function seed(session) {
  // Runs in the page before any of its scripts, on every navigation of this tab.
  if (!session) return;
  localStorage.setItem("footnote.token", session.token);
  localStorage.setItem("footnote.username", session.username);
}

const browser = await puppeteer.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
async function audit(entry) {
  const page = await browser.newPage();
  await page.evaluateOnNewDocument(seed, entry.signedIn ? { token, username } : null);
  const run = await lighthouse(
    `${origin}/${entry.route}`,
    { output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"] },
    undefined,
    page,
  );
  await page.close();
  const lhr = run.lhr;
  if (REPORTS) {
    mkdirSync(REPORTS, { recursive: true });
    writeFileSync(`${REPORTS}/${entry.route.slice(2).replaceAll("/", "-")}.json`, run.report);
  }
  const failing = (category) =>
    lhr.categories[category].auditRefs
      .map((ref) => lhr.audits[ref.id])
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative")
      .map((a) => ({ id: a.id, score: a.score, value: a.displayValue ?? "" }));
  return {
    page: entry.name,
    url: lhr.finalDisplayedUrl,
    performance: Math.round(lhr.categories.performance.score * 100),
    accessibility: Math.round(lhr.categories.accessibility.score * 100),
    metrics: Object.fromEntries(
      [
        "first-contentful-paint",
        "largest-contentful-paint",
        "total-blocking-time",
        "cumulative-layout-shift",
        "speed-index",
      ].map((id) => [id, lhr.audits[id].displayValue]),
    ),
    below_full_marks: { performance: failing("performance"), accessibility: failing("accessibility") },
    runtime_error: lhr.runtimeError?.message ?? null,
  };
}

const results = [];
try {
  for (const entry of PAGES) {
    const runs = [];
    const failed = [];
    while (runs.length < RUNS && failed.length < RUNS) {
      // A run Lighthouse could not complete (its trace lost on a loaded machine: "Please
      // run Lighthouse again") is run again, and reported.
      const run = await audit(entry);
      if (run.runtime_error) failed.push(run.runtime_error);
      else runs.push(run);
    }
    if (!runs.length) throw new Error(`${entry.name}: no run completed: ${failed.join("; ")}`);
    runs.sort((a, b) => a.performance - b.performance);
    const median = runs[Math.floor(runs.length / 2)];
    results.push({
      ...median,
      performance_runs: runs.map((r) => r.performance),
      runs_not_completed: failed,
      // Accessibility does not vary with load: the worst run counts.
      accessibility: Math.min(...runs.map((r) => r.accessibility)),
    });
  }
} finally {
  await browser.close();
}
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
