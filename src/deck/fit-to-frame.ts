// Every slide inside its frame, measured once before reveal.js lays the deck out (screen
// and print alike), with the deck's fonts loaded:
// - display formulas wider than the slide's text column are set smaller, but never so
//   small that their scripts drop below the legibility floor;
// - diagrams are drawn as large as the theme allows, and on a slide whose content would
//   then run past the frame they shrink together until it fits.
// The suite's legibility test fails a slide that could only fit by going below the floor.

/** the legibility floor: no glyph a student must read below it */
const MIN_TEXT_PX = 18;

export async function fitToFrame(doc: Document, frame: { width: number; height: number }): Promise<void> {
  const slides = [...doc.querySelectorAll<HTMLElement>(".reveal .slides section")].filter((s) => !s.querySelector("section"));
  if (slides.length === 0) return;
  const root = doc.documentElement;
  root.style.setProperty("--deck-measure-width", `${frame.width}px`);
  root.classList.add("deck-measuring");
  try {
    await doc.fonts.ready;
    for (const slide of slides) {
      fitFormulas(slide);
      fitDiagrams(slide, frame.height); // the slide's padding keeps the slide number clear
    }
  } finally {
    root.classList.remove("deck-measuring");
  }
}

function fitFormulas(slide: HTMLElement): void {
  for (const display of slide.querySelectorAll<HTMLElement>(".katex-display")) {
    const katex = display.querySelector<HTMLElement>(".katex");
    if (!katex || display.closest("aside.notes")) continue;
    // KaTeX's display box is as wide as the column; what overflows it shows in scrollWidth
    const room = display.clientWidth;
    const width = display.scrollWidth;
    if (room <= 0 || width <= room) continue;
    // as small as the column needs, but the formula's smallest script stays on the floor
    const glyphs = [...katex.querySelectorAll<HTMLElement>(".katex-html span")].filter((s) => [...s.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()));
    const smallest = Math.min(...glyphs.map((g) => parseFloat(getComputedStyle(g).fontSize)));
    const factor = Math.max(room / width, MIN_TEXT_PX / smallest);
    if (factor >= 1) continue;
    katex.style.fontSize = `${(parseFloat(getComputedStyle(katex).fontSize) * factor).toFixed(2)}px`;
  }
}

function fitDiagrams(slide: HTMLElement, height: number): void {
  const svgs = [...slide.querySelectorAll<SVGSVGElement>(".diagram svg")];
  if (svgs.length === 0) return;
  const over = slide.getBoundingClientRect().height - height;
  if (over <= 0) return;
  const heights = svgs.map((svg) => svg.getBoundingClientRect().height);
  const total = heights.reduce((a, b) => a + b, 0);
  const factor = Math.max(0, (total - over) / total);
  svgs.forEach((svg, k) => (svg.style.maxHeight = `${Math.floor(heights[k] * factor)}px`));
}
