// The real deck is axe-core clean in the light theme: no serious or critical violation on
// any slide at any step (test/support/axe-slides.ts; the other theme has a file of its own).
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hasChromium, startBrowser } from "../support/browser.ts";
import { seriousViolationsOnEverySlide } from "../support/axe-slides.ts";

describe.runIf(hasChromium)("the deck in a lecture hall", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await startBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("axe-core finds no serious or critical violation on any slide (light theme)", async () => {
    expect(await seriousViolationsOnEverySlide(browser, inject("builtDeckFile"), "light")).toEqual([]);
    // one axe run per slide and step: some 110 slides and 70 steps take one to two minutes
    // on two cores, more while other work shares them
  }, 300_000);
});
