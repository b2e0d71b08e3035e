// What a reader on a phone sees of the deck in the reading view (?view=scroll): the size each
// text node is drawn at, and anything that runs past the screen's right edge.
import type { Page } from "playwright-core";

export interface ReadingTextSize {
  slide: string;
  text: string;
  /** the glyphs' size on the screen, CSS px: the font size times any scale on the way (a
   * transform, an SVG's viewBox) */
  px: number;
  /** prose: a paragraph's, list item's or table cell's own text, outside formulas and figures */
  body: boolean;
}

/** Every text node of every slide (speaker notes, MathML and text that draws nothing left
 * out), hidden steps included: they are read once scrolled to. */
export function readingTextSizes(page: Page): Promise<ReadingTextSize[]> {
  return page.evaluate(() => {
    const sizes: { slide: string; text: string; px: number; body: boolean }[] = [];
    const walker = document.createTreeWalker(document.querySelector(".reveal .slides")!, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? "").trim();
      const el = n.parentElement;
      if (!text || !el || el.closest("aside.notes, .katex-mathml, script, style, [hidden]")) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      if (range.getBoundingClientRect().width < 1 || getComputedStyle(el).display === "none") continue;
      let px = parseFloat(getComputedStyle(el).fontSize);
      if (el instanceof SVGGraphicsElement) {
        const ctm = el.getScreenCTM();
        if (ctm) px *= Math.hypot(ctm.a, ctm.b);
      } else {
        // a transform on the way (reveal's own scroll view scales its frame): the slide's
        // drawn width over its laid-out width
        const slide = el.closest<HTMLElement>("section");
        if (slide && slide.offsetWidth > 0) px *= slide.getBoundingClientRect().width / slide.offsetWidth;
      }
      const body = !!el.closest("p, li, td, th") && !el.closest(".katex, svg, pre, code, .live-controls");
      sizes.push({ slide: el.closest("section")?.id ?? "", text: text.slice(0, 30), px: Math.round(px * 10) / 10, body });
    }
    return sizes;
  });
}

/** Elements of the slides whose right edge is past the screen's, outside any box that
 * scrolls sideways (such a box is how a wide formula, code block or table fits) — cut off,
 * or pushing the page wider. */
export function sticksOut(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<Element>(".reveal .slides section *")) {
      const box = el.getBoundingClientRect();
      // MathML is for screen readers (KaTeX clips it to nothing on the screen)
      if (box.width === 0 || box.right <= window.innerWidth + 1 || el.closest("aside.notes, .katex-mathml")) continue;
      let scrolls = false;
      for (let a = el.parentElement; a && !scrolls && a.tagName !== "SECTION"; a = a.parentElement) {
        const overflow = getComputedStyle(a).overflowX;
        // KaTeX draws a root sign's tail 400 em long and clips it in the formula's own box
        scrolls = ["auto", "scroll"].includes(overflow) || (overflow === "hidden" && !!a.closest(".katex-html"));
      }
      if (!scrolls) out.push(`${el.closest("section")?.id}: <${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}"> ends at ${Math.round(box.right)} px`);
    }
    return out.slice(0, 20);
  });
}

/** Scrolls the reading view from its top to its end a screen at a time, as a reader does, and
 * back: every page is laid out once (and set for reading: formula-floor.ts), as the browser
 * lays a page out only as it comes near the screen. */
export async function readThrough(page: Page): Promise<void> {
  // a frame at each place: the browser finds the pages near the screen as it draws one
  await page.evaluate(async () => {
    const viewport = document.querySelector<HTMLElement>(".reveal-viewport")!;
    const frame = (): Promise<unknown> => new Promise((r) => requestAnimationFrame(r));
    for (let k = 0; k < 1000 && viewport.scrollTop + viewport.clientHeight < viewport.scrollHeight - 1; k++) {
      viewport.scrollTop += viewport.clientHeight * 0.8;
      await frame();
    }
    await frame();
    viewport.scrollTo(0, 0);
    await frame();
    await frame();
  });
}
