// Step-by-step reveals inside formulas: KaTeX renders \step, \stepat and \hl (see
// markdown/math.ts) as spans with data-step; here they become reveal.js fragments, in
// KaTeX's tree of each formula as it is typeset (katex-tree.ts).
import type { KatexNode } from "./katex-tree.ts";

/** Makes the step spans among `elements` (a formula's, from KaTeX's tree: descendants())
 * reveal.js fragments. */
export function applyMathSteps(elements: readonly KatexNode[]): void {
  for (const span of elements) {
    const attributes = span.attributes;
    const step = attributes?.["data-step"];
    if (attributes === undefined || step === undefined) continue;
    const classes = (span.classes ??= []);
    const add = (name: string): void => void (classes.includes(name) || classes.push(name));
    add("fragment");
    // reveal.js renumbers fragment indices from 0, so a route's colour goes by a class
    if (attributes["data-fragment-style"] === "hl") ["hl", `route-${step}`].forEach(add);
    delete attributes["data-step"];
    delete attributes["data-fragment-style"];
    if (/^\d+$/.test(step)) attributes["data-fragment-index"] = step;
  }
}
