// Stage "checks": deck-wide rules over the processed slides — slide ids are unique, and
// the equation ↔ example contract (src/compile/html/example-links.ts) holds.
import type { Diagnostics, SourceLocation } from "../diagnostics.ts";
import { checkExampleLinks, sourceOf, type SourceSearch } from "../html/example-links.ts";
import type { ChapterFile, DeckState } from "../state.ts";

export function checksStage(state: DeckState): void {
  const search = (from: SourceLocation, text: string) => findInSource(state.chapters, from, text);
  checkDuplicateIds(state.leaves, state.diagnostics, search);
  checkExampleLinks(state.leaves, state.diagnostics, search);
}

/** Reported where the second slide that uses an id declares it, naming the first. */
function checkDuplicateIds(slides: readonly Element[], diagnostics: Diagnostics, search: SourceSearch): void {
  const seen = new Map<string, Element>();
  for (const s of slides) {
    if (!s.id) continue;
    const first = seen.get(s.id);
    if (first) {
      const at = sourceOf(first);
      const declared = search(sourceOf(s), `id="${s.id}"`) ?? search(sourceOf(s), `#${s.id}`) ?? sourceOf(s);
      diagnostics.error(declared, `slide id "${s.id}" is already used by the slide at ${at.file}:${at.line}`);
    } else seen.set(s.id, s);
  }
}

/** Where `text` is written, from the slide's first line on: at the `[` of the Markdown link
 * that holds it, if any (for a link's href), else at the text. */
function findInSource(chapters: readonly ChapterFile[], from: SourceLocation, text: string): SourceLocation | undefined {
  const lines = chapters.find((c) => c.path === from.file)?.text.split("\n") ?? [];
  for (let k = from.line - 1; k < lines.length; k++) {
    const at = lines[k].indexOf(text);
    if (at < 0) continue;
    const bracket = lines[k].lastIndexOf("[", at);
    return { file: from.file, line: k + 1, col: (bracket >= 0 ? bracket : at) + 1 };
  }
  return undefined;
}
