// Stage "render": each slide's Markdown (and its speaker notes) to HTML, as one
// <section data-source="file:line">, while the Markdown rules record the slide's facts
// (src/compile/model.ts): its formulas, numbers in prose, example records, links, diagrams
// and ids. What a later stage fills in (a checked formula, a computed number, a diagram)
// sits in a slot.
import type { DeckEnv } from "../markdown/env.ts";
import { isDiagramFence } from "../markdown/fences.ts";
import { SlideFacts } from "../model.ts";
import type { DeckState, ParsedSlide } from "../state.ts";

export function renderStage(state: DeckState): void {
  const { md } = state;
  // asked only of a deck with diagrams (the services say once when there is no Chromium)
  const runtimeDiagrams = state.parsed.some((s) => s.tokens.some(isDiagramFence)) && state.services.diagrams(state.options.theme) === undefined;
  const envFor = (slide: ParsedSlide, facts: SlideFacts, firstLine: number, inNotes: boolean): DeckEnv => ({
    file: slide.source.file,
    firstLine,
    sourceLines: slide.lines,
    diagnostics: state.diagnostics,
    macros: state.options.macros,
    highlighter: state.services.highlighter,
    snippets: state.snippets,
    readProjectFile: state.services.readProjectFile,
    facts,
    labels: state.labels,
    citations: state.citations,
    runtimeDiagrams,
    inNotes,
    cache: state.cache,
  });
  state.rendered = state.parsed.map((slide, k) => {
    const facts = new SlideFacts();
    // markdown-it types env as a string-keyed record; ours is a DeckEnv (see markdown/env.ts)
    const body = md.renderer.render(slide.tokens, md.options, { ...envFor(slide, facts, slide.source.line, false) });
    const notes = slide.notesTokens
      ? `<aside class="notes">${md.renderer.render(slide.notesTokens, md.options, { ...envFor(slide, facts, slide.source.notes!.line, true) })}</aside>`
      : "";
    // an exercise's controls (or a slide's routes to break): after its body, before the
    // notes; empty on other slides (which slides are exercises, the HTML pass says)
    const controls = facts.slot();
    facts.controlsSlot = controls.slot;
    const made = state.madeIds.get(k); // a slide that holds a label gets an id for \eqref links
    return { facts, html: `<section${made ? ` id="${made}"` : ""} data-source="${slide.source.file}:${slide.source.line}">\n${body}${controls.marker}${notes}</section>` };
  });
}
