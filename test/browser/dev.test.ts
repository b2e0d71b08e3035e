// The dev server in real Chromium: a slide edit updates the page in place (same slide),
// an error shows in the overlay with file:line:col and the page keeps the last good deck,
// and editing a file a snippet imports re-runs the snippet.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevServer, type DeckDevServer } from "../../src/vite/dev-server.ts";
import { hasChromium, startBrowser, waitForReady, watchedPage } from "../support/browser.ts";
import { copySampleDeck } from "../support/sample-deck.ts";
import { drawingOf, drawStroke, shownStrokes, toggleDrawing } from "../support/drawing.ts";

let root: string;
let dev: DeckDevServer;
let browser: Browser;

beforeAll(async () => {
  if (!hasChromium) return;
  root = copySampleDeck();
  dev = await startDevServer({ deckRoot: root, port: 0 });
  browser = await startBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await dev?.close();
});

describe.runIf(hasChromium)("npm run dev", () => {
  it("updates an edited slide in place, shows errors in the overlay, and re-runs snippets", async () => {
    const host = new URL(dev.url).host;
    const watch = await watchedPage(browser, { allowHost: host });
    const { page } = watch;
    await page.goto(`${dev.url}#/chain`);
    await waitForReady(page, 90_000); // the first visit pre-bundles mermaid for the browser
    const before = await page.evaluate(() => (window as unknown as { deck: { getIndices(): unknown } }).deck.getIndices());

    const chapter = path.join(root, "slides", "01-intro.md");
    const original = readFileSync(chapter, "utf8");
    writeFileSync(chapter, original.replace("## The chain rule\n", "## The chain rule, edited\n"));
    await page.waitForFunction(() => document.querySelector("section.present h2")?.textContent?.includes("edited"), null, { timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { deck: { getIndices(): unknown } }).deck.getIndices())).toEqual(before);

    writeFileSync(chapter, original.replace("$x \\in \\R^n$", "$x \\in \\R^{n$"));
    await page.waitForSelector("vite-error-overlay", { timeout: 15_000 });
    const overlay = await page.evaluate(() => document.querySelector("vite-error-overlay")?.shadowRoot?.textContent ?? "");
    expect(overlay).toMatch(/slides\/01-intro\.md:12:\d+: TeX:/);
    // the last good deck stays on the page
    expect(await page.locator("section.present:not(.stack) h2").textContent()).toContain("edited");

    writeFileSync(chapter, original);
    await page.waitForFunction(() => !document.querySelector("vite-error-overlay") && !document.body.textContent?.includes("edited"), null, { timeout: 15_000 });

    const code = path.join(root, "code", "sample.ts");
    writeFileSync(code, readFileSync(code, "utf8").replace("const twice = 2 * x;", "const twice = 2 * x + 1000;"));
    await page.waitForFunction(() => document.body.textContent?.includes("1042"), null, { timeout: 15_000 });

    expect(watch.consoleErrors.filter((e) => !e.includes("[vite]"))).toEqual([]);
    await watch.context.close();
  }, 150_000);

  it("rewrites in place only the slides an edit touched: the slide shown keeps its step, a slide it moved keeps its drawn diagram", async () => {
    const watch = await watchedPage(browser, { allowHost: new URL(dev.url).host });
    const { page } = watch;
    await page.goto(`${dev.url}#/chain`);
    await waitForReady(page, 90_000);
    type Marked = { deck: { getIndices(): { h: number; v: number; f?: number }; next(): void }; shownSlide?: Element; diagram?: Element | null };
    await page.evaluate(() => (window as unknown as Marked).deck.next()); // the first step shown
    const before = await page.evaluate(() => {
      const w = window as unknown as Marked;
      w.shownSlide = document.querySelector("#chain")!;
      const diagramSlide = [...document.querySelectorAll<HTMLElement>("section[data-source]")].find((s) => s.querySelector("svg") && s.textContent?.includes("A diagram"))!;
      w.diagram = diagramSlide.querySelector("svg");
      return { indices: w.deck.getIndices(), source: diagramSlide.dataset.source };
    });
    expect(before.indices.f).toBe(0);

    const chapter = path.join(root, "slides", "01-intro.md");
    const original = readFileSync(chapter, "utf8");
    try {
      // a line more on the slide shown: every slide below it moves down one line
      writeFileSync(chapter, original.replace("## The chain rule\n", "## The chain rule\n\nOne more line.\n"));
      await page.waitForFunction(() => document.querySelector("#chain")?.textContent?.includes("One more line"), null, { timeout: 15_000 });
      const after = await page.evaluate(() => {
        const w = window as unknown as Marked;
        const diagramSlide = w.diagram?.closest<HTMLElement>("section[data-source]");
        return {
          indices: w.deck.getIndices(),
          sameSlide: document.querySelector("#chain") === w.shownSlide,
          stepShown: document.querySelector("#chain .fragment")?.classList.contains("visible"),
          diagramKept: Boolean(diagramSlide?.isConnected && diagramSlide.contains(w.diagram!)),
          source: diagramSlide?.dataset.source,
        };
      });
      expect(after.indices).toEqual(before.indices);
      expect(after.sameSlide).toBe(true);
      expect(after.stepShown).toBe(true);
      expect(after.diagramKept).toBe(true);
      const line = (source?: string): number => Number(source?.split(":").at(-1));
      expect(line(after.source)).toBe(line(before.source) + 2);

      // a step more on the slide shown: the step it was at stays shown, the new one hidden
      writeFileSync(chapter, original.replace("- second point\n", "- second point <!-- .element: class=\"fragment\" -->\n"));
      await page.waitForFunction(() => document.querySelectorAll("#chain .fragment").length === 4, null, { timeout: 15_000 });
      const withStep = await page.evaluate(() => ({
        indices: (window as unknown as Marked).deck.getIndices(),
        visible: document.querySelectorAll("#chain .fragment.visible").length,
        newStepShown: [...document.querySelectorAll("#chain .fragment")].find((el) => el.textContent?.trim() === "second point")?.classList.contains("visible"),
      }));
      expect(withStep.indices).toEqual(before.indices);
      expect(withStep.visible).toBe(1);
      expect(withStep.newStepShown).toBe(false);
    } finally {
      writeFileSync(chapter, original);
    }
    await page.waitForFunction(() => !document.querySelector("#chain")?.textContent?.includes("One more line"), null, { timeout: 15_000 });
    expect(watch.consoleErrors.filter((e) => !e.includes("[vite]"))).toEqual([]);
    await watch.context.close();
  }, 150_000);

  it("a slide sent again shows its unchanged diagram as drawn before; an edited diagram is drawn anew", async () => {
    const watch = await watchedPage(browser, { allowHost: new URL(dev.url).host });
    const { page } = watch;
    await page.goto(`${dev.url}#/chain`);
    await waitForReady(page, 90_000);
    // the drawing's id: mermaid numbers each drawing it makes
    const diagramId = (): Promise<string | undefined> =>
      page.evaluate(() => [...document.querySelectorAll("section[data-source]")].find((s) => s.querySelector("h2")?.textContent?.startsWith("A diagram"))?.querySelector(".diagram svg")?.id);
    const first = await diagramId();
    expect(first).toMatch(/^runtime-diagram-/);
    const chapter = path.join(root, "slides", "01-intro.md");
    const original = readFileSync(chapter, "utf8");
    try {
      writeFileSync(chapter, original.replace("## A diagram\n", "## A diagram, retitled\n"));
      await page.waitForFunction(() => document.body.textContent?.includes("A diagram, retitled"), null, { timeout: 15_000 });
      expect(await diagramId()).toBe(first);
      writeFileSync(chapter, original.replace("  y --> x2 --> f\n", "  y --> x2 --> f\n  f --> g\n"));
      await page.waitForFunction(() => [...document.querySelectorAll(".diagram svg")].some((svg) => svg.textContent?.includes("g") && svg.querySelectorAll(".node").length === 5), null, { timeout: 15_000 });
      const redrawn = await diagramId();
      expect(redrawn).toMatch(/^runtime-diagram-/);
      expect(redrawn).not.toBe(first);
    } finally {
      writeFileSync(chapter, original);
    }
    await page.waitForFunction(() => !document.body.textContent?.includes("A diagram, retitled") && [...document.querySelectorAll(".diagram svg")].every((svg) => svg.querySelectorAll(".node").length !== 5), null, { timeout: 15_000 });
    expect(watch.consoleErrors.filter((e) => !e.includes("[vite]"))).toEqual([]);
    await watch.context.close();
  }, 150_000);

  it("draws on the slides, and the strokes are there after a reload", async () => {
    const watch = await watchedPage(browser, { allowHost: new URL(dev.url).host });
    const { page } = watch;
    await page.goto(`${dev.url}#/title`);
    await waitForReady(page, 90_000);
    await toggleDrawing(page, true);
    await drawStroke(page, [200, 400], [600, 450]);
    const drawn = await drawingOf(page);
    expect(drawn.slides.title).toHaveLength(1);
    await page.reload();
    await waitForReady(page, 90_000);
    expect(await drawingOf(page)).toEqual(drawn);
    expect(await shownStrokes(page)).toBe(1);
    expect(watch.consoleErrors.filter((e) => !e.includes("[vite]"))).toEqual([]);
    await watch.context.close();
  }, 150_000);
});
