// Stage "code": every block of code the slides (and their notes) show — fences, `ts run
// show` snippets and included regions — announced to the highlighter, which starts shiki in
// its worker only when one of them is not in its cache. The compile goes on meanwhile: the
// render stage waits for it before the first slide whose code it is highlighting.
import type { Token } from "markdown-it";
import { parseFenceInfo } from "../markdown/fence-info.ts";
import type { CodeBlock } from "../markdown/highlight.ts";
import { resolveInclude } from "../markdown/include.ts";
import type { DeckState } from "../state.ts";

/** The code that `tokens` (a slide's, or its notes') show. */
export function blocksOf(tokens: readonly Token[], chapterFile: string, readProjectFile: (p: string) => string | undefined): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  for (const token of tokens) {
    if (token.type === "fence") {
      const info = parseFenceInfo(token.info);
      if (info.lang === "mermaid") continue;
      if (!info.run) blocks.push({ code: token.content, lang: info.lang });
      else if (info.show) blocks.push({ code: token.content, lang: "ts" });
    } else if (token.type === "include") {
      const { code, lang } = resolveInclude(token, chapterFile, readProjectFile);
      if (code !== undefined) blocks.push({ code, lang });
    }
  }
  return blocks;
}

export function codeStage(state: DeckState): void {
  const { readProjectFile: read, highlighter } = state.services;
  const bySlide = state.parsed.map((slide) => [...blocksOf(slide.tokens, slide.source.file, read), ...blocksOf(slide.notesTokens ?? [], slide.source.file, read)]);
  const slides = new Set(bySlide.flatMap((blocks, k) => (blocks.every((b) => highlighter.has(b)) ? [] : [k])));
  const done = highlighter.prepare(bySlide.flat());
  done.catch(() => undefined); // awaited by the render stage
  state.highlighting = { slides, done };
}
