// Strokes in the print view: each page reveal.js laid out (one per slide, or per step with
// pdfSeparateFragments) gets its slide's strokes of the steps the page shows, as SVG paths
// — vectors in the PDF. The slide's key was stamped on it before the print view moved it.
import { FRAME } from "../../shared/constants.ts";
import { SLIDE_KEY_ATTRIBUTE } from "../../shared/drawing-format.ts";
import type { DrawingModel } from "./model.ts";
import { strokeElement, svgElement } from "./paths.ts";

/** The step a printed page shows: its highest visible fragment index (-1: none). */
function pageStep(page: Element): number {
  let step = -1;
  for (const fragment of page.querySelectorAll(".fragment.visible")) {
    step = Math.max(step, Number(fragment.getAttribute("data-fragment-index") ?? -1));
  }
  return step;
}

export function drawOnPages(doc: Document, model: DrawingModel): void {
  for (const page of doc.querySelectorAll<HTMLElement>(".reveal .pdf-page")) {
    const key = page.querySelector(`:scope > section[${SLIDE_KEY_ATTRIBUTE}]`)?.getAttribute(SLIDE_KEY_ATTRIBUTE);
    if (!key) continue;
    const step = pageStep(page);
    const strokes = model.strokesOf(key).filter((s) => s.step <= step);
    if (strokes.length === 0) continue;
    const svg = svgElement(doc, "drawing-print", FRAME.width, FRAME.height);
    svg.append(...strokes.map((s) => strokeElement(doc, s)));
    page.append(svg);
  }
}
