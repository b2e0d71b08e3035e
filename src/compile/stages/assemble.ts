// Stage "assemble": consecutive slides of one chapter with the same horizontal index
// become a vertical stack; chapters get their titles (front matter `chapter:`, or the first
// heading) and the index of their first horizontal slide, for the PDF outline.
import { createHash } from "node:crypto";
import { hasExercises, slideHtml, type SlideHtml } from "../model.ts";
import type { DeckState } from "../state.ts";

export function assembleStage(state: DeckState): void {
  const groups: string[][] = [];
  const groupStart: number[] = [];
  const filled = (html: SlideHtml): string => state.cache.filled.fill(html.frame, html.slots, () => slideHtml(html));
  state.slides.forEach(({ source, html }, k) => {
    const prev = state.slides[k - 1]?.source;
    if (prev && prev.file === source.file && prev.h === source.h) groups[groups.length - 1].push(filled(html));
    else {
      groups.push([filled(html)]);
      groupStart.push(k);
    }
  });
  state.cache.sweep();
  // the deck's markup as one string (megabytes) only when asked: a dev session's edit sends
  // the page the slides that changed, and joins the whole deck only when its shape changed
  let slidesHtml: string | undefined;
  const joined = (): string => (slidesHtml ??= groups.map((g) => (g.length === 1 ? g[0] : `<section>\n${g.join("\n")}\n</section>`)).join("\n"));
  let buildId: string | undefined;
  const horizontalIndex = (slideIndex: number): number => groupStart.filter((s) => s <= slideIndex).length - 1;
  state.output = {
    options: state.options,
    get slidesHtml() {
      return joined();
    },
    get buildId() {
      return (buildId ??= createHash("sha256").update(joined()).digest("hex").slice(0, 12));
    },
    sections: groups,
    chapters: state.chapterTitles.map((c) => ({
      title: c.title || state.slides[c.firstSlide]?.attributes.heading || c.file,
      file: c.file,
      slideIndex: horizontalIndex(c.firstSlide),
    })),
    // in reading order: by file, line and column (stable, so one place keeps its order)
    diagnostics: [...state.diagnostics.list].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col)),
    runtimeDiagrams: state.runtimeDiagrams,
    snippetDeps: [...state.snippetDeps].sort(),
    liveSnippets: state.liveSnippets,
    exercises: hasExercises(state.slides),
    slideCount: state.slides.length,
    formulas: state.formulas,
    slides: state.slides,
    checked: state.checked,
  };
}
