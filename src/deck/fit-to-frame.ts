// Every slide inside its frame, measured with the deck's fonts loaded — on screen each
// slide just before it is shown (a layout of one slide of KaTeX costs milliseconds, of the
// whole deck a second), in print every slide on the page reveal.js laid it out on:
// - display formulas wider than the slide's text column are set smaller, but never so
//   small that their scripts drop below the legibility floor;
// - diagrams are drawn as large as the theme allows, and on a slide whose content would
//   then run past the frame they shrink together until it fits.
// The suite's legibility test fails a slide that could only fit by going below the floor.

/** the legibility floor: no glyph a student must read below it */
const MIN_TEXT_PX = 18;

/** A slide fitted to the frame already (fitting is once per slide and slide content). */
const FITTED = "fitted";

/** The print view, once reveal.js has laid out every page (one slide each): each slide
 * with something to fit (a display formula, a diagram) is fitted where it stands — reading
 * the layout the print needs anyway, not one of its own — and every slide reveal.js centres
 * is centred on its page the way reveal.js does (it measured none: print-hold.ts). Each
 * step is taken for every slide at once: reading one slide after writing another would lay
 * out every page again (seconds, for a hundred pages), so the whole print is laid out
 * twice. */
export function fitPrintedSlides(doc: Document, frame: { width: number; height: number }, page: { height: number; centred: boolean }): void {
  const printed = [...doc.querySelectorAll<HTMLElement>(".reveal .pdf-page > section")].filter((slide) => !slide.dataset[FITTED] && slide.getClientRects().length > 0);
  const slides = printed.filter((slide) => slide.querySelector(".katex-display, .diagram svg"));
  const formulas = slides.map(formulaFits);
  formulas.forEach(setFormulaSizes);
  const diagrams = slides.map((slide) => diagramFits(slide, frame.height, 1));
  diagrams.forEach(setDiagramHeights);
  const centred = printed.filter((slide) => page.centred || slide.classList.contains("center"));
  const tops = centred.map((slide) => Math.max((page.height - slide.scrollHeight) / 2, 0));
  centred.forEach((slide, k) => (slide.style.top = `${tops[k]}px`));
  // No slide's box runs past its page (only its bottom padding, the slide number's room, can
  // by now): Chromium prints what would cross the page's foot on a page of its own, which the
  // page then clips — a full slide's last line was missing from the PDF. Capped after it is
  // measured: what is in the slide is laid out as before.
  printed.forEach((slide) => {
    slide.style.maxHeight = "100%";
    slide.dataset[FITTED] = "true";
  });
}

/** Every font face the page declares (the build keeps only those the deck uses): a slide
 * measured before its fonts arrive would be measured in a fallback font. */
export async function loadFonts(doc: Document): Promise<void> {
  await Promise.all([...doc.fonts].map((face) => face.load().catch(() => undefined)));
}

/** Fits one slide as it is laid out now (`scale`: how much larger it is drawn than the
 * frame). Returns whether anything changed; a slide is fitted once. */
export function fitSlide(slide: HTMLElement, frameHeight: number, scale: number): boolean {
  if (slide.dataset[FITTED] || slide.getClientRects().length === 0) return false;
  slide.dataset[FITTED] = "true";
  // every measurement of a step is read before anything is written: one layout each
  const formulas = formulaFits(slide);
  setFormulaSizes(formulas);
  const diagrams = diagramFits(slide, frameHeight, scale); // the slide's padding keeps the slide number clear
  setDiagramHeights(diagrams);
  return formulas.length + diagrams.length > 0;
}

const setFormulaSizes = (fits: readonly { katex: HTMLElement; px: number }[]): void => fits.forEach(({ katex, px }) => (katex.style.fontSize = `${px.toFixed(2)}px`));
const setDiagramHeights = (fits: readonly { svg: SVGSVGElement; px: number }[]): void => fits.forEach(({ svg, px }) => (svg.style.maxHeight = `${px}px`));

/** Text that draws something: not KaTeX's zero-width spaces (set at 1 px, they hold its
 * stacks open, and would otherwise count as the formula's smallest script). */
const drawsGlyphs = (text: string): boolean => /[^\s\u200b]/.test(text);

/** The font size each too-wide display formula of `slide` gets: as small as its column
 * needs, but with the formula's smallest script still on the floor. Reads only. */
function formulaFits(slide: HTMLElement): { katex: HTMLElement; px: number }[] {
  const fits: { katex: HTMLElement; px: number }[] = [];
  for (const display of slide.querySelectorAll<HTMLElement>(".katex-display")) {
    const katex = display.querySelector<HTMLElement>(".katex");
    if (!katex || display.closest("aside.notes")) continue;
    const room = display.clientWidth;
    const width = neededWidth(display, katex);
    if (room <= 0 || width <= room) continue;
    const glyphs = [...katex.querySelectorAll<HTMLElement>(".katex-html span")].filter((s) => [...s.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && drawsGlyphs(n.textContent!)));
    const smallest = Math.min(...glyphs.map((g) => parseFloat(getComputedStyle(g).fontSize)));
    const factor = Math.max(room / width, MIN_TEXT_PX / smallest);
    if (factor < 1) fits.push({ katex, px: parseFloat(getComputedStyle(katex).fontSize) * factor });
  }
  return fits;
}

/** How far apart a formula and its equation number stay, in the formula's em. */
const TAG_GAP_EM = 0.5;

/** The width a display formula needs (layout px, whatever the deck's scale): what its markup
 * spans — KaTeX's display box is as wide as the column, what overflows it shows in
 * scrollWidth — and for a numbered one, room for each number beside its row: KaTeX centres
 * the formula in the column and sets the numbers at the column's right edge, over the
 * formula when the column is too narrow for both. A row that reaches `d` right of the centre
 * with a number `w` wide needs the column 2 × (d + gap + w) wide. */
function neededWidth(display: HTMLElement, katex: HTMLElement): number {
  const html = katex.querySelector<HTMLElement>(":scope > .katex-html");
  const tag = html?.querySelector<HTMLElement>(":scope > .katex-tag");
  if (!html || !tag) return display.scrollWidth;
  const box = html.getBoundingClientRect();
  const scale = box.width / html.offsetWidth || 1;
  const centre = box.left + box.width / 2;
  const gap = TAG_GAP_EM * parseFloat(getComputedStyle(katex).fontSize);
  const needs = numberedRows(html, tag).map((row) => 2 * ((row.right - centre) / scale + gap + row.number / scale));
  return Math.max(display.scrollWidth, ...needs);
}

/** Each numbered row's right end and its number's width (screen px): of an aligned block row
 * by row — KaTeX stacks the numbers beside the block, a row each (empty for a row without
 * one), as it stacks each column's cells —, else the whole formula's. */
function numberedRows(html: HTMLElement, tag: HTMLElement): { right: number; number: number }[] {
  const rowsOf = (stack: Element | null): HTMLElement[] => [...(stack?.querySelectorAll<HTMLElement>(":scope > .vlist-t > .vlist-r:first-child > .vlist > span") ?? [])];
  const numbers = rowsOf(tag);
  const columns = [...(html.querySelector(".mtable")?.children ?? [])].filter((c) => c.matches("[class*=col-align-]")).map(rowsOf);
  if (numbers.length > 0 && columns.length > 0 && columns.every((cells) => cells.length === numbers.length)) {
    // a cell's content follows the strut KaTeX sets before it
    const right = (cell: HTMLElement): number => (cell.lastElementChild ?? cell).getBoundingClientRect().right;
    return numbers.flatMap((n, row) => (n.textContent?.trim() ? [{ right: Math.max(...columns.map((cells) => right(cells[row]))), number: (n.lastElementChild ?? n).getBoundingClientRect().width }] : []));
  }
  const bases = [...html.querySelectorAll<HTMLElement>(":scope > .katex-base")];
  return [{ right: Math.max(...bases.map((b) => b.getBoundingClientRect().right)), number: tag.getBoundingClientRect().width }];
}

/** The height each diagram of a slide that runs past the frame gets: all shrink by one
 * factor until the slide fits. Reads only. */
function diagramFits(slide: HTMLElement, height: number, scale: number): { svg: SVGSVGElement; px: number }[] {
  const svgs = [...slide.querySelectorAll<SVGSVGElement>(".diagram svg")];
  if (svgs.length === 0) return [];
  const over = slide.getBoundingClientRect().height / scale - height;
  if (over <= 0) return [];
  const heights = svgs.map((svg) => svg.getBoundingClientRect().height / scale);
  const total = heights.reduce((a, b) => a + b, 0);
  const factor = Math.max(0, (total - over) / total);
  return svgs.map((svg, k) => ({ svg, px: Math.floor(heights[k] * factor) }));
}

interface ShowingDeck {
  getCurrentSlide(): HTMLElement | undefined;
  getScale(): number;
  layout(): void;
  on(type: string, listener: () => void): void;
}

/** On screen: each slide is fitted when it becomes the current one (before it is drawn:
 * reveal.js announces the change synchronously), then laid out again. */
export function fitSlidesAsShown(deck: ShowingDeck, frameHeight: number): void {
  const fitCurrent = (): void => {
    const slide = deck.getCurrentSlide();
    if (slide && fitSlide(slide, frameHeight, deck.getScale())) deck.layout();
  };
  deck.on("slidechanged", fitCurrent);
  fitCurrent();
}
