// reveal.js's print view (?print-pdf) styled and laid out every slide three times before it
// put them into their pages: once as slides (its first frame comes before its print
// classes), once with its print classes, and once more when its start-up timer took
// `no-transition` off the slides (a subtree restyle, which changes nothing in print). Then
// it measured every slide's height, to centre it on its page and count its pages, and moved
// each slide into a page of its own: the whole print laid out once more. The slides stay
// out of the layout until the pages are made (`pdf-ready`): they are styled and laid out
// once, in their pages. Their heights then read 0 to reveal.js: a slide prints on one page
// (pdfMaxPagesPerSlide), and fit-to-frame.ts centres every page's slide as reveal.js
// would have. A deck with elements reveal.js sizes by measuring them as it makes the pages
// (`r-stretch`, `r-fit-text`) is held only until reveal.js has its print classes on and
// has started (its `ready`).
import type { RevealApi } from "reveal.js";

/** What reveal.js sizes by measuring while it makes the pages. */
const MEASURED_AS_PAGED = ".r-stretch, .stretch, .r-fit-text";

/** Keeps `.reveal .slides` undisplayed until reveal.js has made the print view's pages, or
 * for a deck with MEASURED_AS_PAGED elements until it has its print classes on and has
 * started (its `ready`, fired by the timer that drops `no-transition`). */
export function holdSlidesForPrint(deck: RevealApi, doc: Document): void {
  const slides = doc.querySelector<HTMLElement>(".reveal .slides");
  if (!slides) return;
  slides.style.display = "none";
  if (!slides.querySelector(MEASURED_AS_PAGED)) {
    deck.on("pdf-ready", () => slides.style.removeProperty("display"));
    return;
  }
  let started = false;
  const release = (): void => {
    if (!started || !doc.documentElement.classList.contains("reveal-print")) return;
    observer.disconnect();
    slides.style.removeProperty("display");
  };
  const observer = new MutationObserver(release);
  observer.observe(doc.documentElement, { attributes: true, attributeFilter: ["class"] });
  deck.on("ready", () => {
    started = true;
    release();
  });
}
