// Stage "checks": deck-wide rules over the slides' facts — slide ids are unique, and the
// equation ↔ example contract (src/compile/example-links.ts) holds.
import type { Diagnostics } from "../diagnostics.ts";
import { checkExampleLinks } from "../example-links.ts";
import type { SlideModel } from "../model.ts";
import type { DeckState } from "../state.ts";

export function checksStage(state: DeckState): void {
  checkDuplicateIds(state.slides, state.diagnostics);
  checkExampleLinks(state.slides, state.diagnostics);
}

/** Reported where the second slide that uses an id declares it, naming the first. */
function checkDuplicateIds(slides: readonly SlideModel[], diagnostics: Diagnostics): void {
  const seen = new Map<string, SlideModel>();
  for (const s of slides) {
    const id = s.attributes.id;
    if (!id) continue;
    const first = seen.get(id);
    if (first) {
      const declared = s.facts.ids.find((d) => d.id === id)?.at ?? { file: s.source.file, line: s.source.line, col: 1 };
      diagnostics.error(declared, `slide id "${id}" is already used by the slide at ${first.source.file}:${first.source.line}`);
    } else seen.set(id, s);
  }
}
