// Stage "slide-passes": each slide's HTML parsed on its own and changed in place — reveal.js
// attribute comments applied, the heading id that names the slide lifted onto it — and what
// that leaves on the slide recorded as its attributes (id, data-no-example, data-unchecked on
// the slide and on its formulas, its first heading). Kept in the session's cache by a
// digest of the slide's HTML, so a dev-server edit passes only the slides that changed. The
// slots (checked formulas, computed numbers, diagrams) are not in the HTML yet, so this
// stays cheap.
import { createHash } from "node:crypto";
import { parseHTML } from "linkedom";
import type { PassedSlide } from "../cache.ts";
import { applyCommentAttributes } from "../html/comment-attributes.ts";
import { slotIn, type SlideModel } from "../model.ts";
import type { DeckState, RenderedSlide } from "../state.ts";

/** The slide's own `data-source` (the first attribute of its kind: its section's). */
const DATA_SOURCE = / data-source="[^"]*"/;

export function slidePassesStage(state: DeckState): void {
  state.slides = state.rendered.map((rendered, k): SlideModel => {
    const { frame, attributes } = passedSlide(state, rendered);
    return { source: state.parsed[k].source, facts: rendered.facts, attributes, html: { frame, slots: [...rendered.facts.slots] } };
  });
}

/** `rendered` after its pass. Passed without its place in the file, which the pass does not
 * read: a slide that an edit above it only moved is not parsed again; and a slide rendered
 * as before (the same object, from the render cache) is not even looked up by its HTML —
 * the deck's megabytes of markup are not copied and hashed on every dev edit. */
function passedSlide(state: DeckState, rendered: RenderedSlide): { frame: string; attributes: PassedSlide["attributes"] } {
  const known = state.cache.placed.get(rendered);
  if (known) {
    state.cache.slides.touchValue(known.passed); // kept for the next compile and process
    return { frame: known.frame, attributes: known.passed.attributes };
  }
  const placed = DATA_SOURCE.exec(rendered.html)?.[0] ?? "";
  const unplaced = rendered.html.replace(DATA_SOURCE, ' data-source=""');
  // kept by a digest of that HTML, not by the HTML itself: a key made again by a later
  // compile is a new copy of the slide's text, which the cache would hold beside the slide
  const key = createHash("sha256").update(unplaced).digest("base64url");
  const passed = state.cache.slides.remember(key, () => ({ value: passSlide(unplaced), keep: true }));
  const frame = passed.frame.replace(' data-source=""', placed);
  state.cache.placed.set(rendered, { passed, frame });
  return { frame, attributes: passed.attributes };
}

function passSlide(html: string): PassedSlide {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const section = document.querySelector("section")!;
  applyCommentAttributes(section, document);
  liftHeadingId(section);
  const attribute = (name: string): string | undefined => section.getAttribute(name) ?? undefined;
  const formulaUnchecked: Record<number, string> = {};
  for (const display of section.querySelectorAll(".math-display[data-unchecked]")) {
    const slot = slotIn(display.innerHTML);
    if (slot !== undefined) formulaUnchecked[slot] = display.getAttribute("data-unchecked")!;
  }
  const heading = section.querySelector("h1, h2, h3")?.textContent?.trim();
  const exercise = section.classList.contains("exercise") ? { case: attribute("data-exercise-case") } : undefined;
  const breakRoutes = attribute("data-break-routes")?.split(/\s+/).filter(Boolean);
  return {
    frame: section.outerHTML,
    attributes: { id: section.id || undefined, noExample: attribute("data-no-example"), unchecked: attribute("data-unchecked"), formulaUnchecked, heading: heading || undefined, exercise, breakRoutes },
  };
}

/** `# Title {#id}` on a slide's first heading names the slide, so `#/id` links reach it. */
function liftHeadingId(section: Element): void {
  if (section.id) return;
  const heading = section.querySelector("h1, h2, h3, h4, h5, h6");
  if (heading?.id) {
    section.id = heading.id;
    heading.removeAttribute("id");
  }
}
