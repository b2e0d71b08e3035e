// Stage "references": the slides that list every cited work (the bibliography stage placed
// each), added after the last chapter as a chapter of their own, as many works a slide as
// fit, each entry with its DOI or URL as a link.
import { escapeHtml } from "../../shared/html.ts";
import { referencesSlideId } from "../bibliography.ts";
import { SlideFacts, type SlideModel } from "../model.ts";
import type { DeckState } from "../state.ts";

/** An entry's URLs (its DOI's, mostly) made links. */
function linked(html: string): string {
  return html.replace(/(https?:\/\/[^\s<]+[^\s<.,;)])/g, (url) => `<a href="${escapeHtml(url)}">${url}</a>`);
}

export function referencesStage(state: DeckState): void {
  const citations = state.citations;
  if (!citations || citations.pages.length === 0) return;
  const file = citations.bibliography.file;
  state.chapterTitles.push({ title: "References", file, firstSlide: state.slides.length });
  let first = 0;
  citations.pages.forEach((entries, page) => {
    const id = referencesSlideId(page);
    const items = entries.map((e) => `<li id="ref-${escapeHtml(e.key)}">${linked(e.html)}</li>`).join("\n");
    const title = page === 0 ? "References" : "References (continued)";
    const frame =
      `<section id="${id}" class="references" data-source="${escapeHtml(file)}:1">\n<h2>${title}</h2>\n<ol class="references-list" start="${first + 1}">\n${items}\n</ol>\n` +
      `<aside class="notes"><p>The works this deck cites, from ${escapeHtml(file)}, in the order of their authors' names: each citation on a slide links here.</p></aside></section>`;
    first += entries.length;
    const slide: SlideModel = {
      // the references file holds no slide of its own: its slides are counted from 0
      source: { file, line: 1, h: page, v: 0, markdown: "" },
      facts: new SlideFacts(),
      attributes: { id, formulaUnchecked: {}, heading: title },
      html: { frame, slots: [] },
    };
    state.slides.push(slide);
  });
}
