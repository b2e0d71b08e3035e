// Fitting a slide's formulas to its column (src/deck/fit-to-frame.ts) in real Chromium, on
// formulas typeset by KaTeX as the build typesets them: a numbered formula that fits its
// column but not beside its number is set smaller until the number stands clear of it; an
// aligned block is fitted by its numbered rows only (a long row without a number may reach
// past where the numbers stand).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import katex from "katex";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, startBrowser } from "../support/browser.ts";

const katexDist = path.dirname(createRequire(import.meta.url).resolve("katex/dist/katex.css"));
const COLUMN_PX = 700;

/** A display formula as the build typesets it (at the deck's display size). */
const display = (tex: string): string => `<div class="math-display">${katex.renderToString(tex, { displayMode: true, output: "html", throwOnError: true })}</div>`;

describe.runIf(hasChromium)("fitting numbered formulas to their column", () => {
  let browser: Browser;
  let dir: string;
  let page: Page;
  beforeAll(async () => {
    browser = await startBrowser();
    dir = mkdtempSync(path.join(os.tmpdir(), "fit-to-frame-"));
    const bundled = await build({ entryPoints: [path.resolve("src/deck/fit-to-frame.ts")], bundle: true, format: "iife", globalName: "fit", write: false, logLevel: "error" });
    const slides = [
      // fits the column (≈ 560 px of 700) but, centred, runs under its number
      display("\\delta\\mathbf{c}^{t} = \\delta\\mathbf{y}^{t} \\odot \\mathbf{o}^{t} \\odot \\tanh'(\\mathbf{c}^{t}) + \\delta\\mathbf{c}^{t+1} \\odot \\mathbf{f}^{t+1} \\tag{12}"),
      // an aligned block: its long row has no number, its numbered row is short
      display("\\begin{align} a &= \\delta\\mathbf{y}^{t} \\odot \\mathbf{o}^{t} \\odot \\tanh'(\\mathbf{c}^{t}) + \\delta\\mathbf{c}^{t+1} \\notag \\\\ b &= c \\tag{13} \\end{align}"),
      // an aligned block whose numbered row runs under its number
      display("\\begin{align} b &= c \\notag \\\\ a &= \\delta\\mathbf{y}^{t} \\odot \\mathbf{o}^{t} \\odot \\tanh'(\\mathbf{c}^{t}) + \\delta\\mathbf{c}^{t+1} \\odot \\mathbf{f}^{t+1} \\tag{14} \\end{align}"),
    ].map((formula, k) => `<section id="s${k}" style="width: ${COLUMN_PX}px; font-size: 40px">${formula}</section>`);
    const file = path.join(dir, "page.html");
    writeFileSync(
      file,
      `<!doctype html><html><head><base href="${pathToFileURL(katexDist).href}/"><link rel="stylesheet" href="katex.css">` +
        `<style>.katex-display > .katex > .katex-html > .katex-tag > .vlist-t2 { margin-right: 0; }</style></head>` +
        `<body>${slides.join("")}<script>${bundled.outputFiles[0].text}</script></body></html>`,
    );
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(pathToFileURL(file).href);
    await page.evaluate(async () => {
      await (window as unknown as { fit: { loadFonts(d: Document): Promise<void> } }).fit.loadFonts(document);
    });
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Fits slide `id`; how far each number stands from the glyphs of its formula at its height
   * (negative: over them), and the formula's font size before and after. */
  const fitted = (id: string): Promise<{ gaps: number[]; before: number; after: number; reach: number }> =>
    page.evaluate((id) => {
      const slide = document.getElementById(id)!;
      const katexBox = slide.querySelector<HTMLElement>(".katex")!;
      const before = parseFloat(getComputedStyle(katexBox).fontSize);
      (window as unknown as { fit: { fitSlide(s: HTMLElement, h: number, scale: number): boolean } }).fit.fitSlide(slide, 720, 1);
      const glyphs = (root: Element): DOMRect[] =>
        [...root.querySelectorAll("span")].filter((s) => [...s.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && /[^\s\u200b]/.test(n.textContent!))).map((s) => s.getBoundingClientRect());
      const html = slide.querySelector(".katex-html")!;
      const body = [...html.querySelectorAll(":scope > .katex-base")].flatMap(glyphs);
      const numbers = glyphs(html.querySelector(":scope > .katex-tag")!);
      // how far the formula's widest row reaches past the numbers' left edge, at any height
      const reach = Math.max(...body.map((b) => b.right)) - Math.min(...numbers.map((n) => n.left));
      const gaps = numbers.map((n) => {
        const level = body.filter((b) => Math.min(b.bottom, n.bottom) - Math.max(b.top, n.top) > 0.2 * n.height);
        return Math.min(...level.map((b) => n.left - b.right));
      });
      return { gaps, before, after: parseFloat(getComputedStyle(katexBox).fontSize), reach };
    }, id);

  it("sets a numbered formula that runs under its number smaller, until the number stands clear", async () => {
    const { gaps, before, after } = await fitted("s0");
    expect(after).toBeLessThan(before);
    expect(Math.min(...gaps)).toBeGreaterThan(0.25 * after);
  });

  it("leaves an aligned block alone when only a row without a number reaches past the numbers", async () => {
    const { gaps, before, after, reach } = await fitted("s1");
    expect(reach).toBeGreaterThan(0); // its long row does reach past the numbers
    expect(after).toBe(before);
    expect(Math.min(...gaps)).toBeGreaterThan(0);
  });

  it("fits an aligned block whose numbered row runs under its number", async () => {
    const { gaps, before, after } = await fitted("s2");
    expect(after).toBeLessThan(before);
    expect(Math.min(...gaps)).toBeGreaterThan(0.25 * after);
  });
});
