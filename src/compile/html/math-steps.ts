// Step-by-step reveals inside formulas: KaTeX renders \step, \stepat and \hl (see
// markdown/math.ts) as spans with data-step; here they become reveal.js fragments, as each
// formula is typeset.
import { parseHTML } from "linkedom";

/** Typeset `html` (KaTeX's) with its steps made fragments. */
export function withMathSteps(html: string): string {
  if (!html.includes("data-step")) return html;
  const { document } = parseHTML(`<!doctype html><html><body><div>${html}</div></body></html>`);
  const holder = document.querySelector("div")!;
  applyMathSteps(holder);
  return holder.innerHTML;
}

export function applyMathSteps(section: Element): void {
  for (const span of section.querySelectorAll("[data-step]")) {
    const step = span.getAttribute("data-step")!;
    span.classList.add("fragment");
    // reveal.js renumbers fragment indices from 0, so a route's colour goes by a class
    if (span.getAttribute("data-fragment-style") === "hl") span.classList.add("hl", `route-${step}`);
    if (/^\d+$/.test(step)) span.setAttribute("data-fragment-index", step);
    span.removeAttribute("data-step");
    span.removeAttribute("data-fragment-style");
  }
}
