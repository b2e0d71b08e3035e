// A screen reader reads a formula from KaTeX's MathML, which holds every term at once. While
// some of a formula's steps (\step, \stepat) are still hidden, its MathML is hidden too, so
// a listener never hears a term before the room sees it; the last step brings it back.
interface FragmentEvents {
  on(type: string, listener: () => void): void;
}

function update(doc: Document): void {
  // one query for the steps (a few dozen), not one per formula (thousands), on every step
  const hidden = new Map<Element, boolean>();
  for (const step of doc.querySelectorAll(".reveal .katex-html .fragment:not(.hl)")) {
    const katex = step.closest(".katex");
    if (katex) hidden.set(katex, hidden.get(katex) === true || !step.classList.contains("visible"));
  }
  for (const [katex, someHidden] of hidden) {
    const mathml = katex.querySelector(".katex-mathml");
    if (!mathml) continue;
    if (someHidden) mathml.setAttribute("aria-hidden", "true");
    else mathml.removeAttribute("aria-hidden");
  }
}

/** Keeps each stepped formula's MathML hidden until all of its steps are shown. */
export function keepMathmlInStep(doc: Document, deck: FragmentEvents): void {
  for (const type of ["ready", "slidechanged", "fragmentshown", "fragmenthidden"]) deck.on(type, () => update(doc));
  update(doc);
}
