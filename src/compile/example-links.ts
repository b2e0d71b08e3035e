// The equation ↔ example contract (docs/DESIGN.md), read off the slides' facts: a slide with
// display math links to its numeric example (an `example-link` to "#/EXAMPLE-ID"), the
// example slide (the one that records a deck-example) links back, and every such link lands
// on a real slide. A slide may opt out with data-no-example="reason".
import type { Diagnostics } from "./diagnostics.ts";
import { exampleLinkTargets, slidesById, type SlideModel } from "./model.ts";

/** Display math written on the slide itself: not in its speaker notes, and not numbers a
 * snippet computed (those are an example already). */
function hasDisplayMath(slide: SlideModel): boolean {
  return slide.facts.formulas.some((f) => f.place === "slide");
}

const isExample = (slide: SlideModel): boolean => slide.facts.examples.length > 0;

export function checkExampleLinks(slides: readonly SlideModel[], diagnostics: Diagnostics): void {
  const byId = slidesById(slides);
  for (const s of slides) {
    const at = { file: s.source.file, line: s.source.line, col: 1 };
    for (const link of s.facts.links.filter((l) => l.exampleLink)) {
      if (!link.href.startsWith("#/") || !byId.has(decodeURIComponent(link.href.slice(2)))) {
        diagnostics.error(link.at, `example link "${link.href}" does not lead to a slide (no slide has id "${link.href.replace(/^#\//, "")}")`);
      }
    }
    for (const fact of s.facts.examples) if ("invalid" in fact) diagnostics.error(fact.at, `deck-example: not valid: ${fact.invalid}`);
    const reason = s.attributes.noExample;
    if (reason !== undefined && reason.trim() === "") diagnostics.error(at, "data-no-example needs a reason, e.g. data-no-example=\"notation only\"");
    // an exercise slide has a case of its own (the exercises stage checks it)
    if (!hasDisplayMath(s) || isExample(s) || reason !== undefined || s.attributes.exercise) continue;

    const examples = exampleLinkTargets(s).map((id) => byId.get(id)).filter((t): t is SlideModel => t !== undefined && isExample(t));
    if (examples.length === 0) {
      const first = s.facts.formulas.find((f) => f.place === "slide")!;
      diagnostics.error(first.open, `equation slide without a numeric example: add a link [numbers](#/EXAMPLE-ID){.example-link} to a slide with a deck-example, or data-no-example="why"`);
      continue;
    }
    if (!s.attributes.id) {
      diagnostics.error(at, `equation slide has no id, so its example cannot link back: add <!-- .slide: id="…" -->`);
      continue;
    }
    for (const example of examples) {
      if (!exampleLinkTargets(example).includes(s.attributes.id)) {
        diagnostics.error({ file: example.source.file, line: example.source.line, col: 1 }, `example slide "${example.attributes.id}" does not link back to its equation slide: add [back](#/${s.attributes.id}){.example-link}`);
      }
    }
  }
}
