// Stage "render": each slide's Markdown (and its speaker notes) to HTML, as one
// <section data-source="file:line">, while the Markdown rules record the slide's facts
// (src/compile/model.ts): its formulas, numbers in prose, example records, links, diagrams
// and ids. What a later stage fills in (a checked formula, a computed number, a diagram)
// sits in a slot.
import { createHash } from "node:crypto";
import { flat, type KeptRender } from "../cache.ts";
import type { DeckEnv } from "../markdown/env.ts";
import { isDiagramFence } from "../markdown/fences.ts";
import { resolveInclude } from "../markdown/include.ts";
import { SlideFacts } from "../model.ts";
import { movedRendering } from "../moved-slide.ts";
import type { DeckState, ParsedSlide, RenderedSlide } from "../state.ts";
import { slideSnippets } from "./snippets.ts";

export async function renderStage(state: DeckState): Promise<void> {
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
  // what a slide's HTML depends on besides its own tokens, the same for every slide: of an
  // equation label, its number and slide (not where it is written, which moves with every
  // line added above it)
  const labels = [...state.labels].map(([name, label]) => [name, label.n, label.slide]);
  const shared = JSON.stringify([state.options.macros, labels, [...(state.citations?.slideOf ?? [])], runtimeDiagrams]);
  const renderOne = (slide: ParsedSlide, k: number): RenderedSlide => {
    const made = state.madeIds.get(k); // a slide that holds a label gets an id for \eqref links
    const inputs = renderInputs(state, slide, `${shared}\0${made ?? ""}`);
    const same = (kept: KeptRender | undefined): kept is KeptRender => kept !== undefined && kept.key === inputs.key && kept.outcomes.every((o, n) => o === inputs.outcomes[n]);
    const kept = state.cache.renders.get(slide.tokens);
    if (same(kept)) {
      state.cache.markup.touch(kept.markupKeys); // its typeset math stays for when it is rendered again
      state.cache.rendersByText.touchValue(kept);
      return kept.rendered;
    }
    const { file, line } = slide.source;
    const textKey = slideTextKey(slide);
    const keep = (render: KeptRender): RenderedSlide => {
      state.cache.renders.set(slide.tokens, render);
      state.cache.rendersByText.put(textKey, render);
      return render.rendered;
    };
    // the same text elsewhere in the file (an edit above it moved it): moved, if its HTML
    // names no place but its section's
    const earlier = state.cache.rendersByText.get(textKey);
    if (same(earlier) && (earlier.line === line || !earlier.rendered.facts.namesItsPlace)) {
      state.cache.markup.touch(earlier.markupKeys);
      return keep({ ...earlier, rendered: movedRendering(earlier.rendered, file, earlier.line, line), line });
    }
    const reports = state.diagnostics.reports;
    const { result: rendered, keys: markupKeys } = state.cache.markup.noting(() => renderSlide(state, slide, made, envFor));
    // a slide that reported a problem is rendered again next time, so that it is reported again
    if (state.diagnostics.reports !== reports) return rendered;
    return keep({ ...inputs, rendered, markupKeys, line, textKey });
  };
  // in deck order (the diagnostics come in it); the slides before the first whose code
  // shiki is still highlighting are rendered meanwhile
  const rendered: RenderedSlide[] = [];
  for (const [k, slide] of state.parsed.entries()) {
    if (state.highlighting.slides.has(k)) await state.highlighting.done;
    rendered.push(renderOne(slide, k));
  }
  await state.highlighting.done; // its failure is the compile's, and its cache files are written
  state.rendered = rendered;
}

/** A slide's file and text (its notes' too, and where they start in it), not where it is. */
function slideTextKey(slide: ParsedSlide): string {
  const { file, line, markdown, notes } = slide.source;
  return createHash("sha256").update(`${file}\0${markdown}\0${notes ? notes.line - line : ""}\0${notes?.markdown ?? ""}`).digest("base64url");
}

/** What else a slide's rendering reads: the values of its snippets and the bibliography its
 * citations are written from (by identity: a session asks the worker again only when a file
 * changed, and reads the bibliography again only when its text did) and the files it includes. */
function renderInputs(state: DeckState, slide: ParsedSlide, shared: string): { key: string; outcomes: unknown[] } {
  const all = [...slide.tokens, ...(slide.notesTokens ?? [])];
  const outcomes = slideSnippets(slide).map((s) => state.snippets.get(s.key));
  const includes = all.filter((t) => t.type === "include").map((t) => resolveInclude(t, slide.source.file, state.services.readProjectFile).code ?? "");
  return { key: `${shared}\0${JSON.stringify(includes)}`, outcomes: [...outcomes, state.citations?.bibliography] };
}

function renderSlide(state: DeckState, slide: ParsedSlide, made: string | undefined, envFor: (slide: ParsedSlide, facts: SlideFacts, firstLine: number, inNotes: boolean) => DeckEnv): RenderedSlide {
  const { md } = state;
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
  // kept by the session as long as the slide is unchanged: flat (see cache.ts)
  return { facts, html: flat(`<section${made ? ` id="${made}"` : ""} data-source="${slide.source.file}:${slide.source.line}">\n${body}${controls.marker}${notes}</section>`) };
}
