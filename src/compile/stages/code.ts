// Stage "code": every block of code the slides (and their notes) show — fences, `ts run
// show` snippets and included regions — announced to the highlighter, which loads shiki
// only when one of them is not in its cache. Rendering then highlights synchronously.
import type { Token } from "markdown-it";
import { parseFenceInfo } from "../markdown/fences.ts";
import type { CodeBlock } from "../markdown/highlight.ts";
import { resolveInclude } from "../markdown/include.ts";
import type { DeckState } from "../state.ts";

function blocksOf(tokens: readonly Token[], chapterFile: string, readProjectFile: (p: string) => string | undefined): CodeBlock[] {
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

export async function codeStage(state: DeckState): Promise<void> {
  const read = state.services.readProjectFile;
  const blocks = state.parsed.flatMap((slide) => [...blocksOf(slide.tokens, slide.source.file, read), ...blocksOf(slide.notesTokens ?? [], slide.source.file, read)]);
  await state.services.highlighter.prepare(blocks);
}
