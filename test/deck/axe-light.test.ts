// The real deck is axe-core clean in the light theme: no serious or critical violation on
// any slide at any step of the rules that read colours — the dark theme's file runs every
// rule on the same markup (test/support/axe-slides.ts; each theme has a file of its own, so
// that the two run side by side).
import { describe, expect, it } from "vitest";
import { hasChromium } from "../support/browser.ts";
import { seriousViolationsOnEverySlide } from "../support/axe-slides.ts";
import { builtDeckInChromium } from "../support/built-deck.ts";

describe.runIf(hasChromium)("the deck in a lecture hall", () => {
  const deck = builtDeckInChromium();
  it("axe-core finds no serious or critical violation of a colour rule on any slide (light theme)", async () => {
    expect(await seriousViolationsOnEverySlide(deck.browser(), deck.file, "light", "colour")).toEqual([]);
    // one axe run per slide and step: some 110 slides and 70 steps take one to two minutes
    // on two cores, more while other work shares them
  }, 300_000);
});
