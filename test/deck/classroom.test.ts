// The real deck as a lecture hall sees it, in Chromium: text large enough for the back
// row and clear of a projector's overscan (axe-core in both themes: test/deck/axe-*), plot and diagram
// colours that carry on the dark theme, live controls that change nothing until moved,
// MathML that keeps pace with a formula's steps, and reveal.js's API where plugins look.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { FRAME } from "../../src/shared/constants.ts";
import { num } from "../../src/author/snippet.ts";
import { evaluateCase, parseCase } from "../../src/grad/index.ts";
import { hasChromium } from "../support/browser.ts";
import { builtDeckInChromium } from "../support/built-deck.ts";
import { measureTextSizes } from "../support/legibility.ts";
import { contrast } from "../support/contrast.ts";

const root = process.cwd();

describe.runIf(hasChromium)("the deck in a lecture hall", () => {
  const deck = builtDeckInChromium();
  const open = (query = "", hash = ""): Promise<Page> => deck.open({ query, hash });

  it("every text node is at least 18 px and inside the 48 px side margins, every step shown", async () => {
    const page = await open();
    const sizes = await measureTextSizes(page);
    await page.close();
    expect(sizes.length).toBeGreaterThan(2000);
    const small = sizes.filter((s) => s.px < 18).map((s) => `${s.slide}: "${s.text}" at ${s.px} px (${s.where})`);
    expect(small).toEqual([]);
    // the slide number sits in the corner, outside the slides' margins; everything else keeps them
    const outside = sizes
      .filter((s) => s.slide !== "(slide number)" && (s.box.left < 46 || s.box.right > FRAME.width - 46 || s.box.top < 0 || s.box.bottom > FRAME.height - 30))
      .map((s) => `${s.slide}: "${s.text}" at ${Math.round(s.box.left)}…${Math.round(s.box.right)} × ${Math.round(s.box.top)}…${Math.round(s.box.bottom)}`);
    expect(outside).toEqual([]);
  }, 120_000);

  // The build cuts each KaTeX face to the characters it works out the face draws: Chromium
  // says which fonts it really drew each formula's text with.
  for (const [view, query] of [["the slides'", ""], ["the handout's (with the notes)", "?print-pdf&handout=a4"]] as const) {
    it(`every character of ${view} formulas is drawn in a KaTeX face, none in a fallback font`, async () => {
      const page = await open(query);
      // on screen, every slide and every step laid out at once (fonts are chosen where text is drawn)
      if (!query) {
        await page.addStyleTag({
          content: ".reveal .slides section { display: block !important; visibility: visible !important; position: relative !important; transform: none !important; } .reveal .fragment { opacity: 1 !important; visibility: visible !important; }",
        });
      }
      // Chromium picks the fonts for a text from its font properties and its characters: of
      // the leaves that share both, it is asked about one (marked), and its answer counts for
      // all of them (asking about each of some 20 000 leaves took 17 s a view)
      const alike = await page.evaluate(() => {
        const groups = new Map<string, { first: Element; count: number }>();
        for (const leaf of document.querySelectorAll(".katex-html span:not(:has(*))")) {
          const style = getComputedStyle(leaf);
          const key = JSON.stringify([style.fontFamily, style.fontWeight, style.fontStyle, style.fontStretch, style.fontVariant, leaf.closest("[lang]")?.getAttribute("lang"), leaf.textContent]);
          const group = groups.get(key);
          if (group) group.count++;
          else groups.set(key, { first: leaf, count: 1 });
        }
        [...groups.values()].forEach((g, k) => g.first.setAttribute("data-font-probe", String(k)));
        return [...groups.values()].map((g) => g.count);
      });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("DOM.enable");
      await cdp.send("CSS.enable");
      const { root: doc } = await cdp.send("DOM.getDocument", { depth: 0 });
      const { nodeIds } = await cdp.send("DOM.querySelectorAll", { nodeId: doc.nodeId, selector: "[data-font-probe]" });
      expect(nodeIds).toHaveLength(alike.length);
      const fallbacks: string[] = [];
      let drawn = 0;
      await Promise.all(
        nodeIds.map(async (nodeId) => {
          const { attributes } = await cdp.send("DOM.getAttributes", { nodeId });
          const sharing = alike[Number(attributes[attributes.indexOf("data-font-probe") + 1])];
          const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
          for (const font of fonts) {
            drawn += font.glyphCount * sharing;
            if (!font.familyName.startsWith("KaTeX")) fallbacks.push(`${(await cdp.send("DOM.getOuterHTML", { nodeId })).outerHTML.slice(0, 80)} in ${font.familyName} (and ${sharing - 1} alike)`);
          }
        }),
      );
      await page.close();
      expect(drawn).toBeGreaterThan(5000);
      expect(fallbacks).toEqual([]);
    }, 60_000);
  }

  it("in the print view every slide is on its page, centred on it as on screen, each display formula within its column with scripts of 18 px or more", async () => {
    const page = await open("?print-pdf");
    const slides = await page.evaluate((frame) => {
      const pages = [...document.querySelectorAll<HTMLElement>(".reveal .pdf-page")];
      return pages.map((p) => {
        const slide = p.querySelector<HTMLElement>(":scope > section")!;
        const pageBox = p.getBoundingClientRect();
        const box = slide.getBoundingClientRect();
        const formulas = [...slide.querySelectorAll<HTMLElement>(".katex-display")].filter((d) => !d.closest("aside.notes"));
        // KaTeX's zero-width spaces (at 1 px, holding its stacks open) draw nothing
        const glyphs = formulas.flatMap((d) => [...d.querySelectorAll<HTMLElement>(".katex-html span")].filter((s) => [...s.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && /[^\s\u200b]/.test(n.textContent!))));
        return {
          id: slide.id,
          pageHeight: pageBox.height,
          top: box.top - pageBox.top,
          // where its box ends, padding and all: Chromium prints what crosses the page's foot
          // on a page of its own, which the page clips (a slide's last line went missing)
          boxBottom: box.bottom - pageBox.top,
          // where reveal.js centres a slide, as on screen: by its own height
          centredTop: slide.classList.contains("center") || (window as unknown as { Reveal: { getConfig(): { center?: boolean } } }).Reveal.getConfig().center !== false ? Math.max((frame.height - slide.scrollHeight) / 2, 0) : undefined,
          // where its content ends (the padding below is the slide number's room)
          bottom: box.bottom - parseFloat(getComputedStyle(slide).paddingBottom) - pageBox.top,
          overflowing: formulas.filter((d) => d.scrollWidth > d.clientWidth + 1).length,
          smallest: Math.min(...glyphs.map((g) => parseFloat(getComputedStyle(g).fontSize))),
          fittedFormulas: formulas.filter((d) => d.querySelector<HTMLElement>(".katex")!.style.fontSize !== "").length,
          frameHeight: frame.height,
        };
      });
    }, FRAME);
    await page.close();
    expect(slides.length).toBeGreaterThan(70);
    for (const s of slides) {
      // one page per slide, none spilling onto a second (reveal.js makes a page 1 px short)
      expect(Math.abs(s.pageHeight - s.frameHeight), s.id).toBeLessThanOrEqual(1);
      expect(s.top, s.id).toBeGreaterThanOrEqual(0);
      expect(s.bottom, s.id).toBeLessThanOrEqual(s.frameHeight + 0.5);
      expect(s.boxBottom, s.id).toBeLessThanOrEqual(s.pageHeight + 0.5);
      if (s.centredTop !== undefined) expect(Math.abs(s.top - s.centredTop), s.id).toBeLessThanOrEqual(0.5);
      expect(s.overflowing, s.id).toBe(0);
      expect(s.smallest, s.id).toBeGreaterThanOrEqual(18);
    }
    // the deck has formulas wider than the column: the print view set them smaller
    expect(slides.some((s) => s.fittedFormulas > 0)).toBe(true);
  }, 60_000);

  for (const theme of ["light", "dark"] as const) {
    it(`plot lines and diagram strokes have at least 3:1 contrast with the background (${theme} theme)`, async () => {
      const page = await open(`?theme=${theme}`);
      const strokes = await page.evaluate(() => {
        const background = getComputedStyle(document.body).backgroundColor;
        const found: { what: string; colour: string; background: string }[] = [];
        // data lines and axes of plots; edges and node outlines of diagrams (arrowheads take
        // their edge's colour); faint grid lines are meant to be faint and are left out
        for (const el of document.querySelectorAll<SVGElement>(".plot svg path, .diagram svg path.flowchart-link, .diagram svg .node :is(rect, circle, polygon)")) {
          const style = getComputedStyle(el);
          if (!style.stroke || style.stroke === "none" || Number(style.strokeOpacity) < 0.5) continue;
          found.push({ what: `${el.closest("section")?.id}: <${el.tagName} class="${el.getAttribute("class") ?? ""}">`, colour: style.stroke, background });
        }
        return found;
      });
      await page.close();
      expect(strokes.length).toBeGreaterThan(20);
      const faint = strokes.filter((s) => contrast(s.colour, s.background) < 3).map((s) => `${s.what} ${s.colour} on ${s.background}: ${contrast(s.colour, s.background).toFixed(2)}:1`);
      expect(faint).toEqual([]);
    }, 60_000);
  }

  for (const theme of ["light", "dark"] as const) {
    it(`at each step a route has one colour, in its formula and its diagram, that stands out (${theme} theme)`, async () => {
      const page = await open(`?theme=${theme}`);
      await page.addStyleTag({ content: "* { transition: none !important; }" }); // colours at rest
      const steps = await page.evaluate(() => {
        type Deck = { getSlides(): HTMLElement[]; getIndices(s: HTMLElement): { h: number; v: number }; slide(h: number, v: number, f?: number): void; nextFragment(): boolean; configure(o: object): void };
        const deck = (window as unknown as { Reveal: Deck }).Reveal;
        deck.configure({ transition: "none", backgroundTransition: "none" });
        const text = getComputedStyle(document.querySelector(".reveal")!).color;
        const background = getComputedStyle(document.body).backgroundColor;
        const found: { at: string; formula: string[]; diagram: string[]; boxed: boolean; text: string; background: string }[] = [];
        for (const slide of deck.getSlides().filter((s) => s.querySelector(".fragment.hl"))) {
          const { h, v } = deck.getIndices(slide);
          deck.slide(h, v, -1);
          for (let k = 1; deck.nextFragment(); k++) {
            const current = [...slide.querySelectorAll<HTMLElement | SVGElement>(".fragment.hl.current-fragment")];
            const formula = current.filter((el) => el.closest(".katex"));
            const diagram = current.filter((el) => el.closest(".diagram"));
            if (formula.length + diagram.length === 0) continue; // a step that reveals something else
            found.push({
              at: `#${slide.id} step ${k}`,
              formula: formula.map((el) => getComputedStyle(el).color),
              diagram: diagram.map((el) => getComputedStyle(el.matches("path") ? el : el.querySelector("rect, circle, polygon, path")!).stroke),
              boxed: formula.every((el) => getComputedStyle(el).boxShadow !== "none"),
              text,
              background,
            });
          }
        }
        return found;
      });
      await page.close();
      expect(steps.length).toBeGreaterThan(20);
      const wrong = steps.flatMap((s) => {
        const colours = new Set([...s.formula, ...s.diagram]);
        const [colour] = colours;
        const problems: string[] = [];
        if (colours.size !== 1) problems.push(`${colours.size} colours (${[...colours].join(", ")})`);
        if (colour === s.text) problems.push("the text colour");
        if (colour && contrast(colour, s.background) < 3) problems.push(`${contrast(colour, s.background).toFixed(2)}:1 against the background`);
        if (!s.boxed) problems.push("a term without its box");
        return problems.map((p) => `${s.at}: ${p}`);
      });
      expect(wrong).toEqual([]);
    }, 60_000);
  }

  it("window.Reveal is the deck's reveal.js API", async () => {
    const page = await open();
    const api = await page.evaluate(() => {
      const w = window as unknown as { Reveal?: { getTotalSlides(): number; isReady(): boolean; getConfig(): { width: number } } };
      return w.Reveal && { total: w.Reveal.getTotalSlides(), ready: w.Reveal.isReady(), width: w.Reveal.getConfig().width, sections: document.querySelectorAll(".reveal .slides section:not(.stack)").length };
    });
    await page.close();
    expect(api).toBeDefined();
    expect(api!.ready).toBe(true);
    expect(api!.width).toBe(FRAME.width);
    expect(api!.total).toBe(api!.sections);
  });

  it("touching a slider without moving it changes nothing; moving one recomputes only what moved, marked, without a jump", async () => {
    const page = await open("", "#/lstm-delta-gates-example");
    const example = page.locator("section.present:not(.stack) .live-example");
    const shown = async (): Promise<string> => (await example.locator(".live-values annotation").allTextContents()).join(" ");
    const before = await shown();
    const controlsTop = async (): Promise<number> => (await example.locator("form.live-controls").boundingBox())!.y;
    const top = await controlsTop();
    // a touch: an input event with the value the slider already has
    const inputGate = example.locator("input[data-path='params.bias_ih.0']");
    await inputGate.dispatchEvent("input");
    await inputGate.focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowLeft"); // moved and back: the case's own value again
    await page.waitForTimeout(300);
    expect(await shown()).toBe(before);
    expect(await example.getAttribute("class")).not.toContain("live-changed");

    // moving the forget-gate bias recomputes with the case's own input-gate bias (0.1)
    const json = JSON.parse(readFileSync(path.join(root, "slides/examples/tiny-lstm.json"), "utf8"));
    expect(json.params.bias_ih[0]).toBe(0.1);
    json.params.bias_ih[2] = 3;
    const expected = evaluateCase(parseCase(json)).deltas.o![1];
    await example.locator("input[data-path='params.bias_ih.2']").fill("3");
    await page.waitForFunction(() => document.querySelector("section.present:not(.stack) .live-example")?.classList.contains("live-changed"));
    const after = await shown();
    for (const x of expected) expect(after).toContain(num(x));
    // changed numbers are marked, unchanged ones are not; the moved value reads large
    expect(await example.locator(".live-values [data-live-diff]").count()).toBeGreaterThan(3);
    const outputPx = await example.locator("input[data-path='params.bias_ih.2'] + output").evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(outputPx).toBeGreaterThanOrEqual(24);
    expect(await example.locator("input[data-path='params.bias_ih.2'] + output").textContent()).toBe("3");
    expect(Math.abs((await controlsTop()) - top)).toBeLessThan(2); // the slider did not move under the pointer
    await page.close();
  });

  it("a formula's MathML is hidden from screen readers until all of its steps are shown", async () => {
    const page = await open("", "#/lstm-forward");
    const state = (): Promise<(string | null)[]> =>
      page.evaluate(() => [...document.querySelectorAll("section.present:not(.stack) .katex")].filter((k) => k.querySelector(".katex-html .fragment:not(.hl)")).map((k) => k.querySelector(".katex-mathml")!.getAttribute("aria-hidden")));
    const steps = await page.evaluate(() => new Set([...document.querySelectorAll("section.present:not(.stack) .fragment")].map((f) => f.getAttribute("data-fragment-index"))).size);
    expect(steps).toBeGreaterThan(0);
    expect(await state()).not.toEqual([]);
    expect((await state()).every((h) => h === "true")).toBe(true);
    for (let k = 0; k < steps; k++) await page.evaluate(() => (window as unknown as { Reveal: { next(): void } }).Reveal.next());
    expect((await state()).every((h) => h === null)).toBe(true);
    await page.keyboard.press("ArrowLeft"); // one step back: hidden again
    expect((await state()).every((h) => h === "true")).toBe(true);
    await page.close();
  });
});
