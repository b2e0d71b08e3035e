// The real deck is axe-core clean in the dark theme: no serious or critical violation of any
// rule on any slide at any step — the light theme's file runs the rules that read colours on
// the same markup (test/support/axe-slides.ts; each theme has a file of its own, so that the
// two run side by side).
import { describe, expect, it } from "vitest";
import { hasChromium } from "../support/browser.ts";
import { seriousViolationsOnEverySlide } from "../support/axe-slides.ts";
import { builtDeckInChromium } from "../support/built-deck.ts";

describe.runIf(hasChromium)("the deck in a lecture hall", () => {
  const deck = builtDeckInChromium();
  it("axe-core finds no serious or critical violation on any slide (dark theme)", async () => {
    expect(await seriousViolationsOnEverySlide(deck.browser(), deck.file, "dark", "all")).toEqual([]);
    // one axe run per slide and step: some 110 slides and 70 steps take one to two minutes
    // on two cores, more while other work shares them
  }, 300_000);
});
