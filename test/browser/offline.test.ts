// The built deck in real headless Chromium: the offline file from file:// with the network
// blocked, and the site served over HTTP. Every slide renders, math and diagrams are there,
// nothing fails to load, nothing is logged as an error.
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { serveStatic } from "../../src/io/static-server.ts";
import { buildDeck } from "../../src/vite/build.ts";
import { hasChromium, startBrowser, waitForReady, watchedPage, type PageWatch } from "../support/browser.ts";
import { copySampleDeck } from "../support/sample-deck.ts";

let root: string;
let browser: Browser;

beforeAll(async () => {
  if (!hasChromium) return;
  root = inject("builtSampleDeck"); // shared, read-only
  browser = await startBrowser();
}, 120_000);
afterAll(async () => browser?.close());

/** Visits every slide (horizontal and vertical) and reports what each shows. */
async function visitAll(page: Page): Promise<{ id: string; text: string; visible: boolean }[]> {
  return page.evaluate(async () => {
    const deck = (window as unknown as { deck: { getSlides(): HTMLElement[]; getIndices(s: HTMLElement): { h: number; v: number }; slide(h: number, v: number): void; getCurrentSlide(): HTMLElement } }).deck;
    const out: { id: string; text: string; visible: boolean }[] = [];
    for (const slide of deck.getSlides()) {
      const { h, v } = deck.getIndices(slide);
      deck.slide(h, v);
      const current = deck.getCurrentSlide();
      const box = current.getBoundingClientRect();
      out.push({ id: current.dataset.source ?? "", text: (current.textContent ?? "").trim(), visible: box.width > 0 && box.height > 0 });
    }
    return out;
  });
}

async function checkDeck(watch: PageWatch): Promise<void> {
  const { page } = watch;
  await waitForReady(page);
  const slides = await visitAll(page);
  expect(slides.length).toBe(6);
  for (const s of slides) {
    expect(s.visible, `${s.id} is not visible`).toBe(true);
    expect(s.text.length, `${s.id} is empty`).toBeGreaterThan(0);
  }
  expect(await page.locator(".katex").count()).toBeGreaterThan(3);
  expect(await page.locator(".katex .katex-mathml math").count()).toBeGreaterThan(3);
  // The diagram is an SVG with a real size, even though its slide was hidden at load.
  const diagram = await page.locator(".diagram svg").first().boundingBox();
  expect(diagram?.width).toBeGreaterThan(100);
  expect(diagram?.height).toBeGreaterThan(50);
  // KaTeX's (subset) fonts load and are really in use (not a fallback font).
  expect(await page.evaluate(() => document.fonts.check("16px KaTeX_Main"))).toBe(true);
  expect(await page.evaluate(() => [...document.fonts].filter((f) => f.status === "error").map((f) => f.family))).toEqual([]);
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.failedRequests).toEqual([]);
  expect(watch.networkRequests).toEqual([]);
}

describe.runIf(hasChromium)("the built deck in Chromium", () => {
  it("the offline file works from file:// with the network blocked", async () => {
    const watch = await watchedPage(browser);
    await watch.page.goto(pathToFileURL(path.join(root, "dist", "sample.html")).href);
    await checkDeck(watch);
    await watch.context.close();
  });

  it("the site works served over HTTP", async () => {
    const server = await serveStatic(path.join(root, "dist"));
    const watch = await watchedPage(browser, { allowHost: server.host });
    await watch.page.goto(server.url);
    await checkDeck(watch);
    await watch.context.close();
    await server.close();
  });

  it("reveals a derivation step by step: fragments inside a formula", async () => {
    const watch = await watchedPage(browser);
    const { page } = watch;
    await page.goto(pathToFileURL(path.join(root, "dist", "sample.html")).href + "#/chain");
    await waitForReady(page);
    const visibleSteps = () => page.locator("section.present .katex-html .fragment.visible").count();
    expect(await visibleSteps()).toBe(0);
    await page.keyboard.press("ArrowRight");
    expect(await visibleSteps()).toBe(1);
    // \hl{1}{…} is highlighted while its step is current
    expect(await page.locator("section.present .katex-html .fragment.hl.current-fragment").count()).toBe(1);
    await page.keyboard.press("ArrowRight");
    expect(await visibleSteps()).toBe(2);
    await watch.context.close();
  });

  it("follows an equation's link to its example and back", async () => {
    const watch = await watchedPage(browser);
    const { page } = watch;
    await page.goto(pathToFileURL(path.join(root, "dist", "sample.html")).href + "#/chain");
    await waitForReady(page);
    await page.locator("section.present:not(.stack) a.example-link").click();
    await page.waitForFunction(() => location.hash === "#/chain-example");
    expect(await page.locator("section.present:not(.stack)").getAttribute("id")).toBe("chain-example");
    await page.locator("section.present:not(.stack) a.example-link").click();
    // Back on the equation slide (reveal adds the fragment step to the hash: all shown).
    await page.waitForFunction(() => /^#\/chain(\/\d+)?$/.test(location.hash));
    await watch.context.close();
  });
});

describe.runIf(hasChromium)("a build on a machine without Chromium", () => {
  it("says so once, and the deck draws its diagrams in the browser, sized right", async () => {
    const deck = copySampleDeck();
    const messages: string[] = [];
    const saved = process.env.CHROME_PATH;
    process.env.CHROME_PATH = path.join(deck, "no-such-chromium");
    try {
      await buildDeck({ deckRoot: deck, log: (m) => messages.push(m) });
    } finally {
      if (saved === undefined) delete process.env.CHROME_PATH;
      else process.env.CHROME_PATH = saved;
    }
    expect(messages.filter((m) => m.includes("No Chromium found"))).toHaveLength(1);
    expect(messages.find((m) => m.includes("No Chromium found"))).toContain("apt-get install chromium");

    const watch = await watchedPage(browser);
    const { page } = watch;
    // Load on the first slide: the diagram's slide is hidden while the page loads.
    await page.goto(pathToFileURL(path.join(deck, "dist", "sample.html")).href);
    await waitForReady(page);
    expect(await page.locator(".diagram-runtime").count()).toBe(0);
    await page.evaluate(() => (window as unknown as { deck: { slide(h: number): void } }).deck.slide(2));
    const box = await page.locator(".diagram svg").first().boundingBox();
    expect(box?.width).toBeGreaterThan(100);
    expect(box?.height).toBeGreaterThan(50);
    expect(await page.locator(".diagram svg .fragment.hl").count()).toBe(2);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.networkRequests).toEqual([]);
    await watch.context.close();
  }, 120_000);
});

describe.runIf(hasChromium)("presenting from the offline file", () => {
  it("opens the speaker view with the notes, the next slide and a timer", async () => {
    const watch = await watchedPage(browser);
    const { page } = watch;
    await page.goto(pathToFileURL(path.join(root, "dist", "sample.html")).href);
    await waitForReady(page);
    const [popup] = await Promise.all([page.waitForEvent("popup"), page.keyboard.press("s")]);
    await popup.waitForSelector(".speaker-controls-notes", { timeout: 15_000 });
    await popup.waitForFunction(() => document.querySelector(".speaker-controls-notes")?.textContent?.includes("Speaker notes with math"), null, { timeout: 15_000 });
    expect(await popup.locator(".speaker-controls-time").count()).toBe(1);
    expect(await popup.locator("#next-slide, .speaker-controls-upcoming, iframe").count()).toBeGreaterThan(0);
    // math in the notes is typeset
    expect(await popup.locator(".speaker-controls-notes .katex").count()).toBeGreaterThan(0);
    await popup.close();
    await watch.context.close();
  });

  it("has the overview, search, zoom, slide numbers and the keyboard help", async () => {
    const watch = await watchedPage(browser);
    const { page } = watch;
    await page.goto(pathToFileURL(path.join(root, "dist", "sample.html")).href);
    await waitForReady(page);
    expect(await page.locator(".reveal .slide-number").textContent()).toMatch(/1\s*\/\s*6/);
    await page.keyboard.press("Escape");
    await page.waitForSelector(".reveal.overview");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Shift+Slash"); // "?"
    await page.waitForSelector('[class*="overlay-help"]', { timeout: 5_000 });
    expect(await page.locator('[class*="overlay-help"]').first().textContent()).toMatch(/overview/i);
    await page.keyboard.press("Escape");
    expect(await page.evaluate(() => ["notes", "search", "zoom"].every((id) => (window as unknown as { deck: { hasPlugin(id: string): boolean } }).deck.hasPlugin(id)))).toBe(true);
    // T switches between the light (projector) and the dark theme
    expect(await page.evaluate(() => document.documentElement.className)).toContain("theme-light");
    await page.keyboard.press("t");
    expect(await page.evaluate(() => document.documentElement.className)).toContain("theme-dark");
    // keyboard navigation moves through slides and fragments
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => (window as unknown as { deck: { getIndices(): { h: number } } }).deck.getIndices().h === 1);
    expect(watch.consoleErrors).toEqual([]);
    await watch.context.close();
  });
});
