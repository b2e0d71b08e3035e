// What a student in the back row can read: every text node on every slide (all steps shown),
// with the size its glyphs are drawn at in the 1280×720 frame — CSS font size for HTML, the
// font size times the SVG's scale for diagram labels. Speaker notes, KaTeX's MathML (read
// by screen readers, not drawn), hidden text and text that draws nothing are left out.
import type { Page } from "playwright-core";

export interface TextSize {
  slide: string;
  text: string;
  px: number;
  /** a short path saying where the text sits (for the failure message) */
  where: string;
  /** the text's box in the 1280×720 frame */
  box: { left: number; top: number; right: number; bottom: number };
}

/** Sizes of the text nodes on every slide of the deck open in `page`. */
export function measureTextSizes(page: Page): Promise<TextSize[]> {
  return page.evaluate(() => {
    type Deck = { getSlides(): HTMLElement[]; getIndices(s: HTMLElement): { h: number; v: number }; slide(h: number, v: number, f?: number): void; getScale(): number; configure(o: object): void };
    const deck = (window as unknown as { Reveal: Deck }).Reveal;
    deck.configure({ transition: "none", backgroundTransition: "none" });
    const frame = document.querySelector(".reveal .slides")!.getBoundingClientRect();
    const sizes: { slide: string; text: string; px: number; where: string; box: { left: number; top: number; right: number; bottom: number } }[] = [];
    const where = (el: Element): string => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && parts.length < 3 && e.tagName !== "SECTION"; e = e.parentElement) {
        const cls = typeof e.className === "string" && e.className ? `.${e.className.trim().split(/\s+/).slice(0, 2).join(".")}` : "";
        parts.unshift(`${e.tagName.toLowerCase()}${cls}`);
      }
      return parts.join(" > ");
    };
    const measure = (slide: HTMLElement, label: string): void => {
      const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = (n.textContent ?? "").trim();
        const el: Element | null = n.parentElement;
        if (!text || !el || el.closest("aside.notes, .katex-mathml, script, style, .sr-only, [hidden]")) continue;
        if (el.getClientRects().length === 0) continue;
        // text that draws nothing (KaTeX's zero-width spaces that hold its tables open) is not read
        const range = document.createRange();
        range.selectNodeContents(n);
        const rect = range.getBoundingClientRect();
        if (rect.width < 1) continue;
        const style = getComputedStyle(el);
        if (style.visibility === "hidden" || style.display === "none" || Number(style.opacity) === 0) continue;
        let px = parseFloat(style.fontSize);
        if (el instanceof SVGGraphicsElement) {
          // the label's size as drawn: its font size in the SVG's units times the SVG's scale
          const ctm = el.getScreenCTM();
          if (ctm) px *= Math.hypot(ctm.a, ctm.b) / deck.getScale();
        }
        const scale = deck.getScale();
        const box = { left: (rect.left - frame.left) / scale, top: (rect.top - frame.top) / scale, right: (rect.right - frame.left) / scale, bottom: (rect.bottom - frame.top) / scale };
        sizes.push({ slide: label, text: text.slice(0, 30), px: Math.round(px * 10) / 10, where: where(el), box });
      }
    };
    for (const slide of deck.getSlides()) {
      const { h, v } = deck.getIndices(slide);
      deck.slide(h, v, 999); // every step shown
      measure(slide, `${slide.dataset.source ?? ""} (#${slide.id})`);
    }
    // what sits on every slide: the slide number, the controls
    const number = document.querySelector<HTMLElement>(".reveal .slide-number");
    if (number) measure(number as HTMLElement, "(slide number)");
    return sizes;
  });
}
