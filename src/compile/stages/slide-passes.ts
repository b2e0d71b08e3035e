// Stage "slide-passes": each slide's HTML parsed on its own and changed in place —
// reveal.js attribute comments, formula steps as fragments, the heading id that names the
// slide. Cached by the slide's HTML, so a dev-server edit reprocesses only what changed.
import type { DeckState } from "../state.ts";

export function slidePassesStage(state: DeckState): void {
  const processed = state.rendered.map((html) => state.cache.processSlide(html));
  state.leaves = processed.map((p) => p.section);
  state.leafHtml = processed.map((p) => p.html); // the diagrams stage fills in its slides

}
