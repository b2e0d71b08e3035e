// Stage "render": each slide's Markdown (and its speaker notes) to HTML, as one
// <section data-source="file:line">. Diagrams met on the way are collected for later.
import type { DeckEnv } from "../markdown/env.ts";
import type { DeckState, ParsedSlide } from "../state.ts";

export function renderStage(state: DeckState): void {
  const { md } = state;
  const envFor = (slide: ParsedSlide, firstLine: number): DeckEnv => ({
    file: slide.source.file,
    firstLine,
    sourceLines: slide.lines,
    diagnostics: state.diagnostics,
    macros: state.options.macros,
    highlighter: state.services.highlighter,
    snippets: state.snippets,
    readProjectFile: state.services.readProjectFile,
    diagrams: state.diagrams,
    cache: state.cache,
  });
  state.rendered = state.slides.map((slide) => {
    // markdown-it types env as a string-keyed record; ours is a DeckEnv (see markdown/env.ts)
    const body = md.renderer.render(slide.tokens, md.options, { ...envFor(slide, slide.source.line) });
    const notes = slide.notesTokens
      ? `<aside class="notes">${md.renderer.render(slide.notesTokens, md.options, { ...envFor(slide, slide.source.notes!.line) })}</aside>`
      : "";
    return `<section data-source="${slide.source.file}:${slide.source.line}">\n${body}${notes}</section>`;
  });
}
