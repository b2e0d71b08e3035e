// Stage "parse": front matter (deck options from the first chapter), slides split out of
// each chapter, and their Markdown tokens. Pure. Once the options are known the services
// hear of them, and a diagram renderer may start while the snippets run.
import { CHAPTER_KEYS, DECK_KEYS, readDeckOptions } from "../deck-options.ts";
import { splitFrontMatter } from "../frontmatter.ts";
import { isDiagramFence, isSnippetFence } from "../markdown/fences.ts";
import { splitSlides } from "../split.ts";
import type { DeckState } from "../state.ts";

export function parseStage(state: DeckState): void {
  const { chapters, diagnostics, md } = state;
  chapters.forEach((chapter, index) => {
    const front = splitFrontMatter(chapter.text, chapter.path, diagnostics);
    if (index === 0) state.options = readDeckOptions(front.data, chapter.path, front.keyLines, diagnostics);
    else {
      for (const key of Object.keys(front.data)) {
        if ((CHAPTER_KEYS as readonly string[]).includes(key)) continue;
        const at = { file: chapter.path, line: front.keyLines[key] ?? 2, col: 1 };
        const known = (DECK_KEYS as readonly string[]).includes(key);
        diagnostics.error(at, known ? `front matter: "${key}" is a deck option; only the first chapter (${chapters[0].path}) sets deck options` : `front matter: unknown key "${key}" (a chapter may set: ${CHAPTER_KEYS.join(", ")})`);
      }
    }
    const lines = chapter.text.split("\n");
    const slides = splitSlides(front.body, chapter.path, front.bodyLine);
    const title = typeof front.data.chapter === "string" ? front.data.chapter : "";
    if (slides.length > 0) state.chapterTitles.push({ title, file: chapter.path, firstSlide: state.parsed.length });
    for (const source of slides) {
      const env = { file: chapter.path, firstLine: source.line, sourceLines: lines };
      state.parsed.push({
        source,
        lines,
        tokens: md.parse(source.markdown, env),
        notesTokens: source.notes ? md.parse(source.notes.markdown, { ...env, firstLine: source.notes.line }) : undefined,
      });
    }
  });
  state.services.onOptions?.(state.options);
  // Start what later stages will wait for: the snippet worker, and on a cold build the
  // diagram renderer (Chromium, mermaid) while the snippets run.
  if (state.parsed.some((s) => s.tokens.some(isSnippetFence))) state.services.prewarmSnippets?.();
  const diagramSources = state.parsed.flatMap((s) => s.tokens.filter(isDiagramFence).map((t) => t.content));
  if (diagramSources.length > 0) state.services.diagrams(state.options.theme)?.prewarm?.(diagramSources);
}
