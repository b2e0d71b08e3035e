// Benchmarks of the deck: cold and warm `npm run build`, the offline file's size, the time
// from navigation to the ready signal, printing to PDF, and the dev server's update latency
// after an edit.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { findChromium, launchChromium } from "../../src/chromium/find-chromium.ts";
import { cacheDir, commandsDir } from "../../src/io/cache-dir.ts";
import { serveStatic } from "../../src/io/static-server.ts";
import { FRAME, READY_DATASET_KEY, READY_EVENT, READY_SELECTOR } from "../../src/shared/constants.ts";
import { singleFileOf } from "../../src/vite/dist-files.ts";
import { PACKAGE_ROOT } from "../../src/io/package-root.ts";
import { benchDevEdits } from "./dev.ts";
import { peakTreeMemory } from "./memory.ts";
import { median, type BenchRow } from "./report.ts";

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** Runs one of this project's npm scripts on the deck in `root` (its slides/), timed. */
function timeScript(root: string, script: string): number {
  const started = performance.now();
  execFileSync("node", [path.join(PACKAGE_ROOT, "scripts/launch.mjs"), path.join(PACKAGE_ROOT, "scripts", script)], { cwd: root, stdio: "ignore" });
  return performance.now() - started;
}

/** Cold: nothing of the deck's cached — the first build starts Chromium and renders every
 * diagram, typesets every formula, subsets every KaTeX font and bundles the browser runtime.
 * The commands stay compiled, as `npm install` leaves them (scripts/launch.mjs --prepare);
 * `andCommand` compiles the build command again too, as the first build after an edit to the
 * tool's own code does. */
const forgetCaches = (root: string, andCommand = false): void => {
  // the deck's caches, and this project's (its workers' bundles when not launched)
  for (const dir of new Set([cacheDir(root), cacheDir(PACKAGE_ROOT)])) {
    const entries = existsSync(dir) ? readdirSync(dir) : [];
    for (const entry of entries) rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
  const commands = commandsDir(PACKAGE_ROOT);
  const compiled = andCommand && existsSync(commands) ? readdirSync(commands) : [];
  for (const entry of compiled.filter((e) => e.startsWith("scripts__build"))) rmSync(path.join(commands, entry), { recursive: true, force: true });
};

/** Peak memory of a cold and a warm build, in runs of their own (sampling costs time). */
async function benchMemory(root: string): Promise<BenchRow[]> {
  const build = (): Promise<number | undefined> => peakTreeMemory("node", [path.join(PACKAGE_ROOT, "scripts/launch.mjs"), path.join(PACKAGE_ROOT, "scripts/build.ts")], root);
  forgetCaches(root);
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
  forgetCaches(root, true);
  const coldCompiling = timeScript(root, "build.ts");
  forgetCaches(root);
  const cold = timeScript(root, "build.ts");
  const warm = [timeScript(root, "build.ts"), timeScript(root, "build.ts"), timeScript(root, "build.ts")];
  const single = readFileSync(singleFileOf(path.join(root, "dist")));
  return [
    { name: "build: cold npm run build (nothing of the deck cached)", value: seconds(cold), detail: "Node start, compile, Chromium for diagrams, the runtime bundled (or copied: a deck without live examples or exercises)" },
    { name: "build: cold, the build command compiled first too", value: seconds(coldCompiling), detail: "the first build after an edit to the tool's code (npm install compiles the commands)" },
    { name: "build: warm npm run build (the same deck again)", value: seconds(median(warm)), detail: "median of 3" },
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

/** A phone's screen (CSS px), where the deck opens in its reading view. */
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** Navigation → ready, a fresh page each time (at the frame's size, or as on `device`). */
async function timeNavigation(browser: Browser, url: string, runs = 5, device: Parameters<Browser["newPage"]>[0] = { viewport: { ...FRAME } }): Promise<number> {
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const page = await browser.newPage(device);
    const started = performance.now();
    await page.goto(url, { waitUntil: "commit" });
    await page.evaluate(readySignal, { key: READY_DATASET_KEY, event: READY_EVENT });
    times.push(performance.now() - started);
    await page.close();
  }
  return median(times);
}

async function benchBrowser(root: string, browser: Browser): Promise<BenchRow[]> {
  const dist = path.join(root, "dist");
  const fileNav = await timeNavigation(browser, pathToFileURL(singleFileOf(dist)).href);
  const phoneNav = await timeNavigation(browser, pathToFileURL(singleFileOf(dist)).href, 3, PHONE);
  const server = await serveStatic(dist);
  const servedNav = await timeNavigation(browser, server.url).finally(() => server.close());
  // The whole deck to PDF, as `npm run pdf` does it (Node and Chromium start included).
  const pdf = median([timeScript(root, "pdf.ts"), timeScript(root, "pdf.ts"), timeScript(root, "pdf.ts")]);
  return [
    { name: "offline file: navigation → ready (file://)", value: `${fileNav.toFixed(0)} ms`, detail: "median of 5" },
    { name: "offline file on a phone: navigation → ready", value: `${phoneNav.toFixed(0)} ms`, detail: "390 × 844, the reading view (each page laid out as it comes near the screen); median of 3" },
    { name: "site: navigation → ready (served on loopback)", value: `${servedNav.toFixed(0)} ms`, detail: "median of 5" },
    { name: "pdf: npm run pdf, whole deck", value: seconds(pdf), detail: "median of 3" },
    ...(await benchDevEdits(root, browser)),
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
