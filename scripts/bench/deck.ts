// Benchmarks of the deck: cold and warm `npm run build`, the offline file's size, the time
// from navigation to the ready signal, and the dev server's update latency after an edit.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { findChromium, launchChromium } from "../../src/chromium/find-chromium.ts";
import { cacheDir } from "../../src/io/cache-dir.ts";
import { serveStatic } from "../../src/io/static-server.ts";
import { FRAME, READY_SELECTOR } from "../../src/shared/constants.ts";
import { singleFileOf } from "../../src/vite/dist-files.ts";
import { startDevServer } from "../../src/vite/dev-server.ts";
import { median, type BenchRow } from "./report.ts";

const root = process.cwd();

function timeBuild(): number {
  const started = performance.now();
  execFileSync("node", [path.join(root, "scripts/launch.mjs"), path.join(root, "scripts/build.ts")], { cwd: root, stdio: "ignore" });
  return performance.now() - started;
}

function readFirstChapter(): string {
  return readdirSync(path.join(root, "slides")).filter((f) => f.endsWith(".md")).sort()[0];
}

export async function benchDeck(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  // Cold: no diagram or font cache, so Chromium starts and renders every diagram and every
  // KaTeX font is subset again.
  for (const dir of ["diagrams", "fonts"]) rmSync(cacheDir(root, dir), { recursive: true, force: true });
  const cold = timeBuild();
  const warm = [timeBuild(), timeBuild(), timeBuild()];
  rows.push({ name: "build: cold npm run build (no diagram/font cache)", value: `${(cold / 1000).toFixed(2)} s`, detail: "Node start, compile, Chromium for diagrams, two Vite builds" });
  rows.push({ name: "build: warm npm run build (diagrams cached)", value: `${(median(warm) / 1000).toFixed(2)} s`, detail: "median of 3" });

  const single = readFileSync(singleFileOf(path.join(root, "dist")));
  rows.push({ name: "offline file: raw size", value: `${(single.length / 1024).toFixed(0)} KB` });
  rows.push({ name: "offline file: gzip size", value: `${(gzipSync(single, { level: 9 }).length / 1024).toFixed(0)} KB` });

  const chromiumPath = findChromium();
  if (!chromiumPath) {
    rows.push({ name: "browser figures", value: "skipped", detail: "no Chromium found" });
    return rows;
  }
  const browser = await launchChromium(chromiumPath);
  try {
    // Navigation → ready, from file://, fresh page each time.
    const times: number[] = [];
    for (let k = 0; k < 5; k++) {
      const page = await browser.newPage({ viewport: { ...FRAME } });
      const started = performance.now();
      await page.goto(pathToFileURL(singleFileOf(path.join(root, "dist"))).href);
      await page.waitForSelector(READY_SELECTOR, { state: "attached" });
      times.push(performance.now() - started);
      await page.close();
    }
    rows.push({ name: "offline file: navigation → ready (file://)", value: `${median(times).toFixed(0)} ms`, detail: "median of 5" });

    // Navigation → ready for the site served over HTTP on loopback.
    const server = await serveStatic(path.join(root, "dist"));
    const served: number[] = [];
    for (let k = 0; k < 5; k++) {
      const page = await browser.newPage({ viewport: { ...FRAME } });
      const started = performance.now();
      await page.goto(server.url);
      await page.waitForSelector(READY_SELECTOR, { state: "attached" });
      served.push(performance.now() - started);
      await page.close();
    }
    await server.close();
    rows.push({ name: "site: navigation → ready (served on loopback)", value: `${median(served).toFixed(0)} ms`, detail: "median of 5" });

    // The whole deck to PDF, as `npm run pdf` does it (Node and Chromium start included).
    const pdfTimes: number[] = [];
    for (let k = 0; k < 3; k++) {
      const started = performance.now();
      execFileSync("node", [path.join(root, "scripts/launch.mjs"), path.join(root, "scripts/pdf.ts")], { cwd: root, stdio: "ignore" });
      pdfTimes.push(performance.now() - started);
    }
    rows.push({ name: "pdf: npm run pdf, whole deck", value: `${(median(pdfTimes) / 1000).toFixed(2)} s`, detail: "median of 3" });

    // Dev server: edit a chapter, time until the page shows the edit.
    const dev = await startDevServer({ deckRoot: root, port: 0 });
    const page = await browser.newPage();
    await page.goto(dev.url);
    await page.waitForSelector(READY_SELECTOR, { state: "attached", timeout: 120_000 });
    const chapter = path.join(root, "slides", readFirstChapter());
    const original = readFileSync(chapter, "utf8");
    const latencies: number[] = [];
    try {
      for (let k = 0; k < 5; k++) {
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
    rows.push({ name: "dev: slide edit → updated in the page", value: `${median(latencies).toFixed(0)} ms`, detail: "median of 5, file write to DOM" });
  } finally {
    await browser.close();
  }
  return rows;
}
