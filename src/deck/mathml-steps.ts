// A screen reader reads a formula from KaTeX's MathML, which holds every term at once. While
// some of a formula's steps (\step, \stepat) are still hidden, its MathML is hidden too, so
// a listener never hears a term before the room sees it; the last step brings it back.
interface FragmentEvents {
  on(type: string, listener: () => void): void;
}

function update(doc: Document): void {
  for (const katex of doc.querySelectorAll<HTMLElement>(".reveal .katex")) {
    const steps = katex.querySelectorAll(".katex-html .fragment:not(.hl)");
    if (steps.length === 0) continue;
    const mathml = katex.querySelector<HTMLElement>(".katex-mathml");
    if (!mathml) continue;
    const allShown = [...steps].every((s) => s.classList.contains("visible"));
    if (allShown) mathml.removeAttribute("aria-hidden");
    else mathml.setAttribute("aria-hidden", "true");
  }
}

/** Keeps each stepped formula's MathML hidden until all of its steps are shown. */
export function keepMathmlInStep(doc: Document, deck: FragmentEvents): void {
  for (const type of ["ready", "slidechanged", "fragmentshown", "fragmenthidden"]) deck.on(type, () => update(doc));
  update(doc);
}
