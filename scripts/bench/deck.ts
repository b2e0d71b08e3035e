// Benchmarks of the deck: cold and warm `npm run build`, the offline file's size, the time
// from navigation to the ready signal, printing to PDF, and the dev server's update latency
// after an edit.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { findChromium, launchChromium } from "../../src/chromium/find-chromium.ts";
import { cacheDir } from "../../src/io/cache-dir.ts";
import { serveStatic } from "../../src/io/static-server.ts";
import { FRAME, READY_DATASET_KEY, READY_EVENT, READY_SELECTOR } from "../../src/shared/constants.ts";
import { singleFileOf } from "../../src/vite/dist-files.ts";
import { startDevServer } from "../../src/vite/dev-server.ts";
import { PACKAGE_ROOT } from "../../src/io/package-root.ts";
import { peakTreeMemory } from "./memory.ts";
import { median, type BenchRow } from "./report.ts";

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** Runs one of this project's npm scripts on the deck in `root` (its slides/), timed. */
function timeScript(root: string, script: string): number {
  const started = performance.now();
  execFileSync("node", [path.join(PACKAGE_ROOT, "scripts/launch.mjs"), path.join(PACKAGE_ROOT, "scripts", script)], { cwd: root, stdio: "ignore" });
  return performance.now() - started;
}

/** Cold: no diagram or font cache, so Chromium starts and renders every diagram and every
 * KaTeX font is subset again. */
const forgetDiagramsAndFonts = (root: string): void => {
  for (const dir of ["diagrams", "fonts"]) rmSync(cacheDir(root, dir), { recursive: true, force: true });
};

/** Peak memory of a cold and a warm build, in runs of their own (sampling costs time). */
async function benchMemory(root: string): Promise<BenchRow[]> {
  const build = (): Promise<number | undefined> => peakTreeMemory("node", [path.join(PACKAGE_ROOT, "scripts/launch.mjs"), path.join(PACKAGE_ROOT, "scripts/build.ts")], root);
  forgetDiagramsAndFonts(root);
  const cold = await build();
  const warm = await build();
  const mib = (x: number | undefined): string => (x === undefined ? "n/a" : `${x.toFixed(0)} MiB`);
  const detail = "peak PSS summed over the process tree (Node, workers, Chromium)";
  return [
    { name: "build: peak memory, cold", value: mib(cold), detail },
    { name: "build: peak memory, warm", value: mib(warm), detail },
  ];
}

function benchBuild(root: string): BenchRow[] {
  forgetDiagramsAndFonts(root);
  const cold = timeScript(root, "build.ts");
  const warm = [timeScript(root, "build.ts"), timeScript(root, "build.ts"), timeScript(root, "build.ts")];
  const single = readFileSync(singleFileOf(path.join(root, "dist")));
  return [
    { name: "build: cold npm run build (no diagram/font cache)", value: seconds(cold), detail: "Node start, compile, Chromium for diagrams, one Vite build" },
    { name: "build: warm npm run build (diagrams cached)", value: seconds(median(warm)), detail: "median of 3" },
    { name: "offline file: raw size", value: `${(single.length / 1024).toFixed(0)} KB` },
    { name: "offline file: gzip size", value: `${(gzipSync(single, { level: 9 }).length / 1024).toFixed(0)} KB` },
  ];
}

/** The page's ready signal, heard as it happens: Playwright's selector polling would walk
 * the whole deck's DOM (50 000 elements) on the page's own main thread again and again
 * while it loads, and be timed with it. */
const readySignal = ({ key, event }: { key: string; event: string }): Promise<void> =>
  new Promise((resolve) => {
    if (document.documentElement.dataset[key] === "true") resolve();
    else document.addEventListener(event, () => resolve(), { once: true });
  });

/** Navigation → ready, a fresh page each time. */
async function timeNavigation(browser: Browser, url: string, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const page = await browser.newPage({ viewport: { ...FRAME } });
    const started = performance.now();
    await page.goto(url, { waitUntil: "commit" });
    await page.evaluate(readySignal, { key: READY_DATASET_KEY, event: READY_EVENT });
    times.push(performance.now() - started);
    await page.close();
  }
  return median(times);
}

/** A chapter edit, timed from the file write until the page shows it. */
async function timeDevEdits(root: string, browser: Browser, runs = 5): Promise<number> {
  const dev = await startDevServer({ deckRoot: root, port: 0 });
  const page = await browser.newPage();
  await page.goto(dev.url);
  await page.waitForSelector(READY_SELECTOR, { state: "attached", timeout: 120_000 });
  const chapter = path.join(root, "slides", readdirSync(path.join(root, "slides")).filter((f) => f.endsWith(".md")).sort()[0]);
  const original = readFileSync(chapter, "utf8");
  const latencies: number[] = [];
  try {
    for (let k = 0; k < runs; k++) {
      const marker = `bench-edit-${k}`;
      const started = performance.now();
      writeFileSync(chapter, original.replace(/^(# .*)$/m, `$1 ${marker}`));
      await page.waitForFunction((m) => document.body.textContent?.includes(m), marker, { timeout: 10_000, polling: "raf" });
      latencies.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 300));
    }
  } finally {
    writeFileSync(chapter, original);
    await dev.close();
  }
  return median(latencies);
}

async function benchBrowser(root: string, browser: Browser): Promise<BenchRow[]> {
  const dist = path.join(root, "dist");
  const fileNav = await timeNavigation(browser, pathToFileURL(singleFileOf(dist)).href);
  const server = await serveStatic(dist);
  const servedNav = await timeNavigation(browser, server.url).finally(() => server.close());
  // The whole deck to PDF, as `npm run pdf` does it (Node and Chromium start included).
  const pdf = median([timeScript(root, "pdf.ts"), timeScript(root, "pdf.ts"), timeScript(root, "pdf.ts")]);
  const dev = await timeDevEdits(root, browser);
  return [
    { name: "offline file: navigation → ready (file://)", value: `${fileNav.toFixed(0)} ms`, detail: "median of 5" },
    { name: "site: navigation → ready (served on loopback)", value: `${servedNav.toFixed(0)} ms`, detail: "median of 5" },
    { name: "pdf: npm run pdf, whole deck", value: seconds(pdf), detail: "median of 3" },
    { name: "dev: slide edit → updated in the page", value: `${dev.toFixed(0)} ms`, detail: "median of 5, file write to DOM" },
  ];
}

/** The deck figures for the deck whose slides/ is in `root`. */
export async function benchDeck(root: string): Promise<BenchRow[]> {
  const rows = [...benchBuild(root), ...(await benchMemory(root))];
  const chromiumPath = findChromium();
  if (!chromiumPath) return [...rows, { name: "browser figures", value: "skipped", detail: "no Chromium found" }];
  const browser = await launchChromium(chromiumPath);
  try {
    return [...rows, ...(await benchBrowser(root, browser))];
  } finally {
    await browser.close();
  }
}
