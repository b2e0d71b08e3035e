// The room's own views for everyone: axe-core finds no serious or critical violation on the
// remote (a 390 px phone) or on an audience page showing its follow control, in both
// themes; the remote needs no zoom or sideways scrolling, and its buttons are big.
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startPresentServer, type PresentServer } from "../../src/present/present-server.ts";
import { bundleRoomClient } from "../../src/present/room-client-bundle.ts";
import { hasChromium, startBrowser } from "../support/browser.ts";
import { openRoomPage, waitForPlace, waitForRoom, placeOf, type RoomPage } from "../support/room-pages.ts";
import { axeSource } from "../support/axe-source.ts";

const SECRET = "a11y-test-secret";

/** axe-core over the room's own elements (the deck's slides are checked one by one in
 * test/deck/axe-*.test.ts), injected through the debugger (the page's CSP allows no inline
 * script); serious and critical violations only. While it looks, the deck's slides but the
 * one on screen (behind the room's controls) are out of the document: axe builds its tree
 * of the whole document on every run, whatever it is told to check, and the whole deck made
 * each run take 10–20 s. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Axe = { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
    const slides = document.querySelector(".reveal .slides");
    const all = slides ? [...slides.children] : [];
    slides?.replaceChildren(...all.filter((s) => s.classList.contains("present")));
    try {
      const result = await (window as unknown as { axe: Axe }).axe.run({ include: [[".room-ui"]] } as unknown as Document, { resultTypes: ["violations"] });
      return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    } finally {
      slides?.replaceChildren(...all);
    }
  });
}

const setTheme = async (presenter: Page, theme: "light" | "dark"): Promise<void> => {
  const dark = await presenter.evaluate(() => document.documentElement.classList.contains("theme-dark"));
  if (dark !== (theme === "dark")) await presenter.keyboard.press("t");
};

describe.runIf(hasChromium)("the room's views, for everyone", () => {
  let browser: Browser;
  let server: PresentServer;
  let presenter: RoomPage;

  beforeAll(async () => {
    browser = await startBrowser();
    server = await startPresentServer({ distDir: path.dirname(inject("builtDeckFile")), port: 0, secret: SECRET, roomClient: await bundleRoomClient() });
    presenter = await openRoomPage(browser, server.urls.presenter);
    await waitForRoom(presenter);
    // a slide with notes and math in them
    await presenter.page.evaluate(() => {
      const deck = (window as unknown as { Reveal: { getSlides(): HTMLElement[]; getIndices(s: HTMLElement): { h: number; v: number }; slide(h: number, v: number): void } }).Reveal;
      const slide = deck.getSlides().find((s) => s.querySelector("aside.notes .katex")) ?? deck.getSlides()[3];
      const { h, v } = deck.getIndices(slide);
      deck.slide(h, v);
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const theme of ["light", "dark"] as const) {
    it(`the remote at 390 × 844: no serious or critical violation, no zoom or sideways scrolling (${theme} theme)`, async () => {
      await setTheme(presenter.page, theme);
      const remote = await openRoomPage(browser, server.urls.remote, { width: 390, height: 844 });
      await waitForRoom(remote);
      await remote.page.waitForFunction((t) => document.documentElement.classList.contains(`theme-${t}`), theme);
      expect(await seriousViolations(remote.page)).toEqual([]);
      // never made reveal.js's scroll view (and back): the deck's slides are those it loaded
      expect(await remote.page.evaluate(() => (window as unknown as { firstSlideKept(): boolean }).firstSlideKept())).toBe(true);
      const layout = await remote.page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        viewport: document.querySelector('meta[name="viewport"]')?.getAttribute("content"),
        buttons: [...document.querySelectorAll<HTMLElement>(".room-remote-buttons button")].map((b) => b.getBoundingClientRect().height),
        smallest: Math.min(...[...document.querySelectorAll<HTMLElement>(".room-remote *")].filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim())).map((el) => parseFloat(getComputedStyle(el).fontSize))),
      }));
      expect(layout.scrollWidth).toBeLessThanOrEqual(390);
      expect(layout.viewport).toContain("width=device-width");
      expect(layout.buttons.length).toBeGreaterThan(0);
      expect(Math.min(...layout.buttons)).toBeGreaterThanOrEqual(88);
      expect(layout.smallest).toBeLessThan(Infinity); // some text was measured
      expect(layout.smallest).toBeGreaterThanOrEqual(16);
      await remote.context.close();
    });

    it(`an audience page with its follow control: no serious or critical violation (${theme} theme)`, async () => {
      await setTheme(presenter.page, theme);
      const audience = await openRoomPage(browser, server.urls.audience);
      await waitForRoom(audience);
      await waitForPlace(audience.page, await placeOf(presenter.page));
      await audience.page.keyboard.press("ArrowLeft");
      const follow = audience.page.getByRole("button", { name: /Follow the presenter/ });
      await follow.waitFor();
      expect(await seriousViolations(audience.page)).toEqual([]);
      // reachable and usable from the keyboard: R, or Tab to it and Enter
      await follow.focus();
      await audience.page.keyboard.press("Enter");
      await waitForPlace(audience.page, await placeOf(presenter.page));
      await follow.waitFor({ state: "hidden" });
      await audience.page.keyboard.press("ArrowLeft");
      await follow.waitFor();
      await audience.page.keyboard.press("r");
      await follow.waitFor({ state: "hidden" });
      await audience.context.close();
    });
  }
});
