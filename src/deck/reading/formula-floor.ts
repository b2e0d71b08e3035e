// A formula read on a phone keeps its smallest scripts at 14 px: one whose scripts of
// scripts would be smaller is set larger as a whole (through --reading-zoom, which only
// the reading view's styles read), and scrolls sideways in its own box if that makes it
// wider than the screen.

/** the smallest size a glyph of a formula is drawn at in the reading view, px */
export const MIN_SCRIPT_PX = 14;

/** Text that draws something: not KaTeX's zero-width spaces (set at 1 px). */
const drawsGlyphs = (node: Node): boolean => node.nodeType === Node.TEXT_NODE && /[^\s\u200b]/.test(node.textContent ?? "");

/** Lifts the formulas of `slides` not in `measured` yet (and adds them to it). Only a formula
 * that needs it is written to: a write makes the browser work out the styles of everything
 * under it again, and the deck's thousands of formulas are most of the page. */
export function liftSmallScripts(slides: Element, measured: WeakSet<Element>): void {
  // every measurement read before anything is written: one layout in all
  const lifts: { katex: HTMLElement; factor: number }[] = [];
  for (const katex of slides.querySelectorAll<HTMLElement>(".katex")) {
    if (measured.has(katex) || katex.closest("aside.notes")) continue;
    measured.add(katex);
    let smallest = Infinity;
    for (const span of katex.querySelectorAll<HTMLElement>(".katex-html span")) {
      if ([...span.childNodes].some(drawsGlyphs)) smallest = Math.min(smallest, parseFloat(getComputedStyle(span).fontSize));
    }
    if (smallest < MIN_SCRIPT_PX) lifts.push({ katex, factor: (MIN_SCRIPT_PX + 0.05) / smallest });
  }
  for (const { katex, factor } of lifts) katex.style.setProperty("--reading-zoom", factor.toFixed(3));
}
