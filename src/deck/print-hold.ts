// reveal.js's print view (?print-pdf) styled and laid out every slide three times before it
// put them into their pages: once as slides (its first frame comes before its print
// classes), once with its print classes, and once more when its start-up timer took
// `no-transition` off the slides (a subtree restyle, which changes nothing in print). The
// slides stay out of the layout until both have happened: they are styled and laid out
// once, as the print view shows them, before reveal.js measures them for their pages.
import type { RevealApi } from "reveal.js";

/** Keeps `.reveal .slides` undisplayed until reveal.js has its print classes on and has
 * started (its `ready`, fired by the timer that drops `no-transition`). */
export function holdSlidesForPrint(deck: RevealApi, doc: Document): void {
  const slides = doc.querySelector<HTMLElement>(".reveal .slides");
  if (!slides) return;
  slides.style.display = "none";
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
