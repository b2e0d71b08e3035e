// axe-core on every slide of the real deck at every step, in one theme: the serious and
// critical violations it finds. One file per theme calls it (test/deck/axe-*.test.ts), so
// the two themes' minute of axe runs each can run side by side.
// - The themes differ only in colours (a class on <html>, src/deck/theme.css): the same
//   markup, shown and hidden alike. One theme runs every rule, the other the rules that
//   read colours (COLOUR_RULES).
// - A step changes only what it touches (reveal.js's classes on fragments and its controls,
//   our plugins' answers to the step), and no style in the deck reaches a sibling or a
//   parent (no sibling combinator, no :has()). After the first step of a slide, axe looks
//   at what changed: every element written to since the last run, with what is inside it
//   (an attribute written that no stylesheet selects by and axe does not read is no change).
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { FRAME } from "../../src/shared/constants.ts";
import { installAloneInDocument, type AloneInDocument } from "./alone-in-document.ts";
import { waitForReady } from "./browser.ts";
import { axeSource, COLOUR_RULES } from "./axe-source.ts";

export async function seriousViolationsOnEverySlide(browser: Browser, singleFile: string, theme: "light" | "dark", rules: "all" | "colour"): Promise<string[]> {
  const page = await browser.newPage({ viewport: { ...FRAME } });
  try {
    await page.goto(`${pathToFileURL(singleFile).href}?theme=${theme}`);
    await waitForReady(page);
    await page.addScriptTag({ content: axeSource });
    await installAloneInDocument(page);
    return await page.evaluate(async (only) => {
      type Deck = { getSlides(): HTMLElement[]; getIndices(s: HTMLElement): { h: number; v: number }; slide(h: number, v: number, f?: number): void; nextFragment(): boolean; configure(o: object): void };
      type Axe = { run(context: Node | { include: Element[] }, options: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
      const { Reveal: deck, axe, aloneInDocument } = window as unknown as { Reveal: Deck; axe: Axe; aloneInDocument: AloneInDocument };
      // Going to a slide with the whole deck in the document is most of the time a walk
      // takes: reveal.js lays out every slide it keeps displayed near the present one (three
      // each way by default). One each way here: while axe looks, every slide but the present
      // one is out of the document anyway, so what axe sees is the same.
      deck.configure({ viewDistance: 1 });
      const options = { resultTypes: ["violations"], ...(only ? { runOnly: { type: "rule", values: only } } : {}) };
      // what a step wrote to: the outermost elements, each with what is inside it
      const written = new MutationObserver(() => undefined);
      written.observe(document.body, { subtree: true, attributes: true, childList: true, characterData: true });
      // An attribute no selector of the page's stylesheets names restyles nothing, and axe
      // reads no data-* attribute: reveal.js writes the present slide's data-fragment at
      // every step, which counted as a change made axe look at the whole slide again at each
      // step. Read from the page's own stylesheets: a rule that selects by it counts it again.
      const styledAttributes = new Set<string>();
      const collect = (rules: CSSRuleList): void => {
        for (const rule of rules) {
          if (rule instanceof CSSStyleRule) for (const m of rule.selectorText.matchAll(/\[\s*([\w-]+)/g)) styledAttributes.add(m[1].toLowerCase());
          if ("cssRules" in rule) collect((rule as CSSGroupingRule).cssRules);
        }
      };
      for (const sheet of document.styleSheets) collect(sheet.cssRules);
      const restyles = (r: MutationRecord): boolean => r.type !== "attributes" || !r.attributeName!.startsWith("data-") || styledAttributes.has(r.attributeName!);
      const changedSinceLastRun = (): Element[] => {
        const records = written.takeRecords().filter(restyles);
        const targets = new Set(records.map((r) => (r.target instanceof Element ? r.target : r.target.parentElement!)));
        return [...targets].filter((el) => el.isConnected && ![...targets].some((other) => other !== el && other.contains(el)));
      };
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
          changedSinceLastRun();
          if (k > 0) deck.nextFragment(); // every step: each route's highlight is checked
          const changed = changedSinceLastRun();
          if (k > 0 && changed.length === 0) throw new Error(`#${slide.id} at step ${k}: the step changed nothing`);
          const context = k === 0 ? document : { include: changed };
          const serious = (x: { impact: string }): boolean => x.impact === "serious" || x.impact === "critical";
          // no selector made for what passes (≈ 8 % of a run); a failure is named by a second
          // run, or reported unnamed if it was gone by then (a step's fade, say)
          const first = (await axe.run(context, { ...options, selectors: false, ancestry: false, xpath: false })).violations.filter(serious);
          const named = first.length > 0 ? (await axe.run(context, options)).violations.filter(serious) : [];
          const unnamed = first.map((v) => ({ ...v, nodes: v.nodes.map(() => ({ target: ["(an element no longer failing when named)"] })) }));
          for (const v of named.length > 0 ? named : unnamed) {
            found.push(`#${slide.id} at step ${k}: ${v.id} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
          }
        }
        putBack();
      }
      written.disconnect();
      return found;
    }, rules === "colour" ? COLOUR_RULES : undefined);
  } finally {
    await page.close();
  }
}
