// Code that only some slides use is loaded when they are shown, not with the deck: in the
// site (its own request for the chunk) and in the offline file (a module made from the
// file's packed code, with the network blocked). Which code the page has parsed is read
// from Chromium's debugger, by a string only that chunk holds.
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { serveStatic } from "../../src/io/static-server.ts";
import { hasChromium, startBrowser, waitForReady, watchedPage, type PageWatch } from "../support/browser.ts";

let browser: Browser;
beforeAll(async () => {
  if (hasChromium) browser = await startBrowser();
}, 120_000);
afterAll(async () => browser?.close());

/** A function telling whether the page has parsed a script holding `marker` so far. */
async function parsedCode(page: Page): Promise<(marker: string) => Promise<boolean>> {
  const cdp = await page.context().newCDPSession(page);
  const scripts: string[] = [];
  cdp.on("Debugger.scriptParsed", (e) => scripts.push(e.scriptId));
  await cdp.send("Debugger.enable");
  return async (marker) => {
    for (const scriptId of scripts) {
      const { scriptSource } = await cdp.send("Debugger.getScriptSource", { scriptId });
      if (scriptSource.includes(marker)) return true;
    }
    return false;
  };
}

/** Opens `url` and checks that the code holding `marker` comes only with `use`. */
async function loadsOnlyWhenUsed(watch: PageWatch, url: string, marker: string, use: (page: Page) => Promise<void>): Promise<void> {
  const { page } = watch;
  const parsed = await parsedCode(page);
  await page.goto(url);
  await waitForReady(page);
  expect(await parsed(marker), `${marker} is loaded with the deck`).toBe(false);
  await use(page);
  await expect.poll(() => parsed(marker), { timeout: 15_000 }).toBe(true);
  expect(watch.consoleErrors).toEqual([]);
}

const startDrawing = async (page: Page): Promise<void> => {
  await page.keyboard.press("d");
  await page.waitForSelector(".drawing-layer", { state: "attached" });
};

describe.runIf(hasChromium)("a chunk that only some slides use", () => {
  it("the drawing view: loaded when drawing starts, in the offline file with the network blocked", async () => {
    const watch = await watchedPage(browser);
    await loadsOnlyWhenUsed(watch, pathToFileURL(path.join(inject("builtSampleDeck"), "dist", "sample.html")).href, "drawing-layer", startDrawing);
    expect(watch.networkRequests).toEqual([]);
    await watch.context.close();
  });

  it("the drawing view: the site requests its chunk when drawing starts", async () => {
    const server = await serveStatic(path.join(inject("builtSampleDeck"), "dist"));
    const watch = await watchedPage(browser, { allowHost: server.host });
    const requested: string[] = [];
    watch.page.on("request", (r) => requested.push(new URL(r.url()).pathname));
    await loadsOnlyWhenUsed(watch, server.url, "drawing-layer", async (page) => {
      expect(requested.some((p) => /\/assets\/view-[\w-]+\.js$/.test(p))).toBe(false);
      await startDrawing(page);
    });
    expect(requested.some((p) => /\/assets\/view-[\w-]+\.js$/.test(p))).toBe(true);
    await watch.context.close();
    await server.close();
  });

  it("the exercises' KaTeX, checker and notation: loaded when an exercise is shown, in the offline file", async () => {
    const watch = await watchedPage(browser);
    // KaTeX's own error message is in KaTeX's code, which only the exercises bring
    await loadsOnlyWhenUsed(watch, pathToFileURL(inject("builtDeckFile")).href, "KaTeX parse error", async (page) => {
      await page.evaluate(() => (location.hash = "#/ex-lstm-dc"));
      await page.waitForSelector("section.present#ex-lstm-dc");
    });
    expect(watch.networkRequests).toEqual([]);
    await watch.context.close();
  });
});
