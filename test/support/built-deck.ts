// One Chromium for a test file (launched before its tests, closed after them) and a way to
// open the real deck's offline file — built once per run, shared read-only — in it at the
// frame's size, ready. For the test files that look at the built deck in a browser.
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { FRAME } from "../../src/shared/constants.ts";
import { startBrowser, waitForReady } from "./browser.ts";

export interface BuiltDeckBrowser {
  /** the file's browser (after beforeAll) */
  browser(): Browser;
  /** the built deck file */
  readonly file: string;
  /** a new page on the deck with `query` ("?…") and `hash` ("#/id"), once it is ready */
  open(options?: { query?: string; hash?: string }): Promise<Page>;
}

export function builtDeckInChromium(): BuiltDeckBrowser {
  let browser: Browser | undefined;
  const file = inject("builtDeckFile");
  beforeAll(async () => {
    browser = await startBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  const launched = (): Browser => {
    if (!browser) throw new Error("the browser is launched before the file's tests");
    return browser;
  };
  return {
    browser: launched,
    file,
    async open({ query = "", hash = "" } = {}) {
      const page = await launched().newPage({ viewport: { ...FRAME } });
      await page.goto(pathToFileURL(file).href + query + hash);
      await waitForReady(page);
      return page;
    },
  };
}
