// axe-core on every slide of the real deck at every step, in one theme: the serious and
// critical violations it finds. One file per theme calls it (test/deck/axe-*.test.ts), so
// the two themes' minute of axe runs each can run side by side.
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { FRAME } from "../../src/shared/constants.ts";
import { installAloneInDocument, type AloneInDocument } from "./alone-in-document.ts";
import { waitForReady } from "./browser.ts";
import { axeSource } from "./axe-source.ts";

export async function seriousViolationsOnEverySlide(browser: Browser, singleFile: string, theme: "light" | "dark"): Promise<string[]> {
  const page = await browser.newPage({ viewport: { ...FRAME } });
  try {
    await page.goto(`${pathToFileURL(singleFile).href}?theme=${theme}`);
    await waitForReady(page);
    await page.addScriptTag({ content: axeSource });
    await installAloneInDocument(page);
    return await page.evaluate(async () => {
      type Deck = { getSlides(): HTMLElement[]; getIndices(s: HTMLElement): { h: number; v: number }; slide(h: number, v: number, f?: number): void; nextFragment(): boolean; configure(o: object): void };
      type Axe = { run(context: Node, options: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
      const { Reveal: deck, axe, aloneInDocument } = window as unknown as { Reveal: Deck; axe: Axe; aloneInDocument: AloneInDocument };
      // Going to a slide with the whole deck in the document is most of the time a walk
      // takes: reveal.js lays out every slide it keeps displayed near the present one (three
      // each way by default). One each way here: while axe looks, every slide but the present
      // one is out of the document anyway, so what axe sees is the same.
      deck.configure({ viewDistance: 1 });
      // the deck's own transitions stay on, and axe looks at once: a slide or a step on its
      // way in must not be a blend of its colours and the background's (a tool that steps
      // through the deck and checks without waiting sees it so)
      const found: string[] = [];
      for (const slide of deck.getSlides()) {
        const { h, v } = deck.getIndices(slide);
        deck.slide(h, v, -1); // before its first step
        const steps = new Set([...slide.querySelectorAll(".fragment")].map((f) => f.getAttribute("data-fragment-index"))).size;
        // Only this slide (and the deck's controls) in the document while axe looks: axe
        // reads the whole document on every run, and 76 slides of KaTeX make that slow.
        const putBack = aloneInDocument(slide);
        for (let k = 0; k <= steps; k++) {
          if (k > 0) deck.nextFragment(); // every step: each route's highlight is checked
          const result = await axe.run(document, { resultTypes: ["violations"] });
          for (const v of result.violations.filter((x) => x.impact === "serious" || x.impact === "critical")) {
            found.push(`#${slide.id} at step ${k}: ${v.id} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
          }
        }
        putBack();
      }
      return found;
    });
  } finally {
    await page.close();
  }
}
