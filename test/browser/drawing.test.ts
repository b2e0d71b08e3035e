// The drawing layer in real Chromium, driven with the mouse as a presenter would: strokes on
// two slides survive a reload, export → clear → import gives them back, a stroke drawn at a
// step shows from that step on, undo/redo and the eraser, a read-only page, the toolbar out
// of the slides' way and axe-clean in both themes, and the same in the served site.
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { serveStatic } from "../../src/io/static-server.ts";
import type { DrawingDocument } from "../../src/shared/drawing-format.ts";
import { hasChromium, startBrowser, waitForReady, watchedPage, type PageWatch } from "../support/browser.ts";
import { drawingOf, drawStroke, shownStrokes, toggleDrawing } from "../support/drawing.ts";
import { axeSource } from "../support/axe-source.ts";

let root: string;
let browser: Browser;
let offline: string;

beforeAll(async () => {
  if (!hasChromium) return;
  root = inject("builtSampleDeck"); // shared, read-only
  offline = pathToFileURL(path.join(root, "dist", "sample.html")).href;
  browser = await startBrowser();
}, 120_000);
afterAll(async () => browser?.close());

async function open(hash = "", query = ""): Promise<PageWatch> {
  const watch = await watchedPage(browser);
  await watch.page.goto(`${offline}${query}${hash}`);
  await waitForReady(watch.page);
  return watch;
}

const go = (page: Page, hash: string): Promise<void> =>
  page.evaluate((h) => {
    location.hash = h;
  }, hash).then(() => page.waitForFunction((h) => location.hash.startsWith(h), hash)).then(() => undefined);

describe.runIf(hasChromium)("drawing on the slides", () => {
  it("strokes drawn with the mouse on two slides are there after a reload, on their slides", async () => {
    const watch = await open("#/title");
    const { page } = watch;
    await toggleDrawing(page, true);
    await drawStroke(page, [200, 400], [600, 450]);
    await go(page, "#/chain");
    await drawStroke(page, [300, 200], [500, 600]);
    await drawStroke(page, [700, 200], [900, 300]);
    expect(await shownStrokes(page)).toBe(2);
    const before = await drawingOf(page);
    expect(Object.keys(before.slides).sort()).toEqual(["chain", "title"]);
    expect(before.slides.chain.map((s) => s.id)).toEqual([2, 3]);
    // the stroke follows the pointer in slide coordinates: from (300, 200) to (500, 600)
    const [first] = before.slides.chain[0].points;
    expect(first).toBeCloseTo(300, 0);
    expect(before.slides.chain[0].points.at(-2)).toBeCloseTo(600, 0);

    await page.reload();
    await waitForReady(page);
    expect(await drawingOf(page)).toEqual(before);
    expect(await shownStrokes(page)).toBe(2); // #/chain again, its strokes drawn without opening the tools
    await go(page, "#/title");
    expect(await shownStrokes(page)).toBe(1);
    const box = await page.locator(".drawing-layer path.drawing-stroke").first().boundingBox();
    expect(box!.width).toBeGreaterThan(350);
    expect(watch.consoleErrors).toEqual([]);
    await watch.context.close();
  });

  it("exports the drawings as JSON, and importing that file after a clear gives the same strokes", async () => {
    const watch = await open("#/title");
    const { page } = watch;
    await toggleDrawing(page, true);
    await drawStroke(page, [200, 300], [400, 350]);
    await page.click("button[aria-label='Colour: red (route 2)']");
    await page.click("button[aria-label='Highlighter']");
    await drawStroke(page, [200, 500], [800, 500]);
    const drawn = await drawingOf(page);
    expect(drawn.slides.title.map((s) => [s.tool, s.color])).toEqual([[0, 1], [1, 2]]);

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("button[aria-label^='Export']")]);
    expect(download.suggestedFilename()).toBe("sample-drawings.json");
    const file = path.join(mkdtempSync(path.join(tmpdir(), "drawings-")), "exported.json");
    await download.saveAs(file);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(drawn);

    await page.click("button[aria-label='Clear this slide']");
    expect(await drawingOf(page)).toEqual({ format: "backprop-deck-drawings", version: 1, slides: {} });
    expect(await shownStrokes(page)).toBe(0);

    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.click("button[aria-label^='Import']")]);
    await chooser.setFiles(file);
    await page.waitForFunction(() => document.querySelectorAll(".drawing-layer path.drawing-stroke").length === 2);
    expect(await drawingOf(page)).toEqual(drawn);

    // a bad file changes nothing and says what is wrong
    const bad = path.join(path.dirname(file), "bad.json");
    writeFileSync(bad, JSON.stringify({ ...drawn, slides: { title: [{ ...drawn.slides.title[0], color: "<script>" }] } }));
    const [again] = await Promise.all([page.waitForEvent("filechooser"), page.click("button[aria-label^='Import']")]);
    await again.setFiles(bad);
    await page.waitForFunction(() => document.querySelector(".drawing-message")?.textContent?.includes("color"));
    expect(await page.locator(".drawing-message").textContent()).toContain("document.slides.title[0].color: expected a number, got a string");
    expect(await drawingOf(page)).toEqual(drawn);
    await watch.context.close();
  });

  it("a stroke drawn at a step shows from that step on", async () => {
    const watch = await open("#/chain");
    const { page } = watch;
    await toggleDrawing(page, true);
    await drawStroke(page, [300, 300], [500, 320]); // before the first step
    await page.keyboard.press("ArrowRight"); // step 0
    await page.keyboard.press("ArrowRight"); // step 1
    await drawStroke(page, [300, 500], [500, 520]);
    expect((await drawingOf(page)).slides.chain.map((s) => s.step)).toEqual([-1, 1]);
    expect(await shownStrokes(page)).toBe(2);
    await page.keyboard.press("ArrowLeft"); // step 0: the second stroke is not there yet
    expect(await shownStrokes(page)).toBe(1);
    await page.keyboard.press("ArrowLeft");
    expect(await shownStrokes(page)).toBe(1);
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    expect(await shownStrokes(page)).toBe(2);
    await go(page, "#/title"); // another slide has none of them
    expect(await shownStrokes(page)).toBe(0);
    await watch.context.close();
  });

  it("undo and redo (keys and buttons), told to onChange listeners as adds and removes", async () => {
    const watch = await open("#/title");
    const { page } = watch;
    await page.evaluate(() => {
      const w = window as unknown as { Reveal: { getPlugin(id: string): { onChange(l: (c: unknown) => void): () => void } }; changes: unknown[] };
      w.changes = [];
      w.Reveal.getPlugin("drawing").onChange((c) => w.changes.push(c));
    });
    const changes = (): Promise<string[]> => page.evaluate(() => (window as unknown as { changes: { kind: string; id?: number; stroke?: { id: number } }[] }).changes.map((c) => `${c.kind} ${c.id ?? c.stroke?.id ?? ""}`.trim()));
    await toggleDrawing(page, true);
    await drawStroke(page, [200, 300], [400, 300]);
    await drawStroke(page, [200, 400], [400, 400]);
    await page.keyboard.press("Control+z");
    expect((await drawingOf(page)).slides.title.map((s) => s.id)).toEqual([1]);
    expect(await shownStrokes(page)).toBe(1);
    await page.click("button[aria-label^='Redo']");
    expect((await drawingOf(page)).slides.title.map((s) => s.id)).toEqual([1, 2]);
    await page.click("button[aria-label^='Undo']");
    await page.click("button[aria-label^='Undo']");
    expect(await drawingOf(page)).toEqual({ format: "backprop-deck-drawings", version: 1, slides: {} });
    expect(await page.locator("button[aria-label^='Undo']").isDisabled()).toBe(true);
    await page.keyboard.press("Control+y");
    expect((await drawingOf(page)).slides.title.map((s) => s.id)).toEqual([1]);
    // a new stroke after an undo ends the redo history
    await drawStroke(page, [600, 300], [700, 300]);
    expect(await page.locator("button[aria-label^='Redo']").isDisabled()).toBe(true);
    expect(await changes()).toEqual(["add 1", "add 2", "remove 2", "add 2", "remove 2", "remove 1", "add 1", "add 2"]);
    await watch.context.close();
  });

  it("the eraser removes the strokes it touches, and only those; undo brings them back", async () => {
    const watch = await open("#/title");
    const { page } = watch;
    await toggleDrawing(page, true);
    await drawStroke(page, [200, 300], [400, 300]);
    await drawStroke(page, [200, 500], [400, 500]);
    await drawStroke(page, [800, 300], [1000, 300]);
    await page.click("button[aria-label^='Eraser']");
    expect(await page.locator("button[aria-label^='Eraser']").getAttribute("aria-pressed")).toBe("true");
    await drawStroke(page, [300, 250], [300, 550]); // across the first two
    expect((await drawingOf(page)).slides.title.map((s) => s.id)).toEqual([3]);
    expect(await shownStrokes(page)).toBe(1);
    await page.keyboard.press("Control+z"); // one erasing gesture is one step
    expect((await drawingOf(page)).slides.title.map((s) => s.id)).toEqual([1, 2, 3]);
    await page.click("button[aria-label='Clear this slide']");
    expect(await shownStrokes(page)).toBe(0);
    await page.keyboard.press("Control+z");
    expect(await shownStrokes(page)).toBe(3);
    await watch.context.close();
  });

  it("a pen draws with its pressure and a finger draws too (Pointer Events from Chromium's input)", async () => {
    const watch = await open("#/title");
    const { page } = watch;
    await toggleDrawing(page, true);
    const cdp = await page.context().newCDPSession(page);
    const frame = (await page.locator(".reveal .slides").boundingBox())!;
    const pen = async (type: "mousePressed" | "mouseMoved" | "mouseReleased", x: number, force: number): Promise<void> => {
      await cdp.send("Input.dispatchMouseEvent", { type, x: frame.x + x, y: frame.y + 300, button: "left", buttons: type === "mouseReleased" ? 0 : 1, clickCount: 1, pointerType: "pen", force });
    };
    await pen("mousePressed", 200, 0.2);
    for (let k = 1; k <= 10; k++) await pen("mouseMoved", 200 + 30 * k, 0.2 + 0.07 * k);
    await pen("mouseReleased", 500, 0);
    const [stroke] = (await drawingOf(page)).slides.title;
    const pressures = stroke.points.filter((_, k) => k % 3 === 2);
    expect(Math.min(...pressures)).toBeLessThan(0.3);
    expect(Math.max(...pressures)).toBeGreaterThan(0.8);
    const touch = async (type: "touchStart" | "touchMove" | "touchEnd", x: number): Promise<void> => {
      await cdp.send("Input.dispatchTouchEvent", { type, touchPoints: type === "touchEnd" ? [] : [{ x: frame.x + x, y: frame.y + 500 }] });
    };
    await touch("touchStart", 200);
    for (let k = 1; k <= 10; k++) await touch("touchMove", 200 + 30 * k);
    await touch("touchEnd", 500);
    const strokes = (await drawingOf(page)).slides.title;
    expect(strokes).toHaveLength(2);
    expect(strokes[1].points[1]).toBeCloseTo(500, 0); // on the slide where the finger was
    expect(strokes[1].points.filter((_, k) => k % 3 === 2).every((p) => p === 0.5)).toBe(true); // no pressure from a finger
    expect(await page.evaluate(() => location.hash)).toBe("#/title"); // the swipe drew, it did not change the slide
    await watch.context.close();
  });

  it("a read-only page shows strokes applied from elsewhere and offers no drawing", async () => {
    const watch = await open("#/title");
    const { page } = watch;
    const result = await page.evaluate(() => {
      type Plugin = { setReadOnly(r: boolean): void; toggle(on?: boolean): boolean; apply(c: unknown): void; onChange(l: () => void): () => void; toJSON(): { slides: Record<string, unknown[]> } };
      const drawing = (window as unknown as { Reveal: { getPlugin(id: string): Plugin } }).Reveal.getPlugin("drawing");
      let told = 0;
      drawing.onChange(() => told++);
      drawing.setReadOnly(true);
      const stroke = { id: 5, step: -1, tool: 0, color: 3, size: 6, points: [100, 300, 0.5, 600, 320, 0.5] };
      drawing.apply({ kind: "add", slide: "title", stroke });
      drawing.apply({ kind: "add", slide: "title", stroke }); // the same again: nothing more
      drawing.apply({ kind: "remove", slide: "title", id: 99 }); // none such: nothing
      let refused = "";
      try {
        drawing.apply({ kind: "add", slide: "title", stroke: { ...stroke, id: 6, points: [0, 0, 0, "<b>", 0, 0] } });
      } catch (error) {
        refused = (error as Error).message;
      }
      return { toggled: drawing.toggle(true), strokes: drawing.toJSON().slides.title.length, told, refused };
    });
    expect(result).toEqual({ toggled: false, strokes: 1, told: 0, refused: "change.stroke.points[3]: expected a number, got a string" });
    await page.waitForFunction(() => document.querySelectorAll(".drawing-layer path.drawing-stroke").length === 1);
    expect(await page.locator(".drawing-toolbar").isHidden()).toBe(true);
    await page.keyboard.press("d");
    expect(await page.locator(".drawing-layer.drawing-active").count()).toBe(0);
    await page.mouse.move(300, 500);
    await page.mouse.down();
    await page.mouse.move(500, 520, { steps: 5 });
    await page.mouse.up();
    expect((await drawingOf(page)).slides.title).toHaveLength(1);
    await watch.context.close();
  });

  it("the toolbar is in the frame's right margin when closed, labelled, at least 18 px, and axe-clean open in both themes", async () => {
    for (const theme of ["light", "dark"]) {
      const watch = await open("#/chain", `?theme=${theme}`);
      const { page } = watch;
      const toggle = (await page.locator(".drawing-toggle").boundingBox())!;
      const frame = (await page.locator(".reveal .slides").boundingBox())!;
      // slides keep 48 px on each side (classroom.css): the button sits in that margin
      expect(toggle.x).toBeGreaterThanOrEqual(frame.x + frame.width - 48);
      expect(toggle.width).toBeGreaterThanOrEqual(18);
      await toggleDrawing(page, true);
      const buttons = await page.locator(".drawing-toolbar button:visible").evaluateAll((els) => els.map((b) => ({ name: b.getAttribute("aria-label"), w: b.getBoundingClientRect().width, h: b.getBoundingClientRect().height })));
      expect(buttons.length).toBeGreaterThanOrEqual(15);
      for (const b of buttons) {
        expect(b.name).toBeTruthy();
        expect(Math.min(b.w, b.h)).toBeGreaterThanOrEqual(18);
      }
      expect(await page.locator(".drawing-toolbar [aria-pressed='true']").count()).toBe(3); // the toggle, a colour, a tool
      if (theme === "light") {
        // reveal.js's key help (?) lists D
        await page.keyboard.press("Shift+Slash");
        await page.waitForSelector('[class*="overlay-help"]');
        expect(await page.locator('[class*="overlay-help"]').first().textContent()).toMatch(/D\s*Draw on the slide/);
        await page.keyboard.press("Escape");
      }
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        type Axe = { run(context: Element, options: object): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
        const result = await (window as unknown as { axe: Axe }).axe.run(document.querySelector(".drawing-toolbar")!, { resultTypes: ["violations"] });
        return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.nodes.length})`);
      });
      expect(violations, theme).toEqual([]);
      await watch.context.close();
    }
  });

  it("draws and keeps strokes in the site served over HTTP too", async () => {
    const server = await serveStatic(path.join(root, "dist"));
    const watch = await watchedPage(browser, { allowHost: server.host });
    const { page } = watch;
    await page.goto(`${server.url}#/title`);
    await waitForReady(page);
    await toggleDrawing(page, true);
    await drawStroke(page, [200, 400], [600, 450]);
    const drawn: DrawingDocument = await drawingOf(page);
    await page.reload();
    await waitForReady(page);
    expect(await drawingOf(page)).toEqual(drawn);
    expect(await shownStrokes(page)).toBe(1);
    expect(watch.consoleErrors).toEqual([]);
    await watch.context.close();
    await server.close();
  });
});
