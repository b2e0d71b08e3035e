// Stage "parse": front matter (deck options from the first chapter), slides split out of
// each chapter, and their Markdown tokens. Pure. Once the options are known the services
// hear of them, and a diagram renderer may start while the snippets run.
import { createHash } from "node:crypto";
import type { ParsedChapter } from "../cache.ts";
import { CHAPTER_KEYS, DECK_KEYS, readDeckOptions } from "../deck-options.ts";
import { splitFrontMatter } from "../frontmatter.ts";
import { diagramId, isDiagramFence, isSnippetFence } from "../markdown/fences.ts";
import { splitSlides } from "../split.ts";
import type { FrontMatter } from "../frontmatter.ts";
import type { DeckState, ParsedSlide } from "../state.ts";

/** One chapter: its front matter, and its slides with their Markdown tokens. A slide's
 * tokens depend on its text and where it starts (their locations are absolute), and no
 * later stage changes them: a session keeps them while both stay the same, so an edit
 * parses (and renders) again only the slide it touched. */
function parseChapter(file: string, text: string, state: DeckState): { front: FrontMatter; slides: ParsedSlide[] } {
  const { md, diagnostics } = state;
  const front = splitFrontMatter(text, file, diagnostics);
  const lines = text.split("\n");
  const slides = splitSlides(front.body, file, front.bodyLine).map((source) => {
    const env = { file, firstLine: source.line, sourceLines: lines };
    const key = `${file}\0${source.line}\0${source.notes?.line}\0${source.markdown}\0${source.notes?.markdown}`;
    const parsed = state.cache.slideTokens.remember(key, () => {
      const reports = diagnostics.reports;
      const value = {
        tokens: md.parse(source.markdown, env),
        notesTokens: source.notes ? md.parse(source.notes.markdown, { ...env, firstLine: source.notes.line }) : undefined,
      };
      return { value, keep: diagnostics.reports === reports }; // a problem is reported again
    });
    return { source, lines, ...parsed };
  });
  return { front, slides };
}

/** `parseChapter`, or what it gave for the same file and text in an earlier compile: the dev
 * server compiles the whole deck on every edit, and splitting the chapters it did not touch
 * again (their front matter read by a YAML parser, their slides cut out) was a third of an
 * edit's compile. Kept only when it reported nothing (a problem is reported again). */
function parsedChapter(file: string, text: string, state: DeckState): ParsedChapter {
  // by a digest, not the text: a key made by a later compile is a new copy of the chapter
  const key = `${file}\0${createHash("sha256").update(text).digest("base64url")}`;
  const chapter = state.cache.chapters.remember(key, () => {
    const reports = state.diagnostics.reports;
    const { result, keys } = state.cache.slideTokens.noting(() => parseChapter(file, text, state));
    return { value: { ...result, tokenKeys: keys }, keep: state.diagnostics.reports === reports };
  });
  state.cache.slideTokens.touch(chapter.tokenKeys); // its slides' tokens stay while it does
  return chapter;
}

export function parseStage(state: DeckState): void {
  const { chapters, diagnostics } = state;
  chapters.forEach((chapter, index) => {
    const { front, slides: parsed } = parsedChapter(chapter.path, chapter.text, state);
    if (index === 0) state.options = readDeckOptions(front.data, chapter.path, front.keyLines, diagnostics);
    else {
      for (const key of Object.keys(front.data)) {
        if ((CHAPTER_KEYS as readonly string[]).includes(key)) continue;
        const at = { file: chapter.path, line: front.keyLines[key] ?? 2, col: 1 };
        const known = (DECK_KEYS as readonly string[]).includes(key);
        diagnostics.error(at, known ? `front matter: "${key}" is a deck option; only the first chapter (${chapters[0].path}) sets deck options` : `front matter: unknown key "${key}" (a chapter may set: ${CHAPTER_KEYS.join(", ")})`);
      }
    }
    const title = typeof front.data.chapter === "string" ? front.data.chapter : "";
    if (parsed.length > 0) state.chapterTitles.push({ title, file: chapter.path, firstSlide: state.parsed.length });
    state.parsed.push(...parsed);
  });
  state.services.onOptions?.(state.options);
  // Start what later stages will wait for: on a cold build the diagram renderer (Chromium,
  // mermaid), and the snippet worker (a build's waits for the drawings: services.ts).
  const diagrams = state.parsed.flatMap((s) => s.tokens.filter(isDiagramFence).map((t) => ({ id: diagramId(t.content), source: t.content })));
  if (diagrams.length > 0) state.services.diagrams(state.options.theme)?.prewarm?.(diagrams);
  if (state.parsed.some((s) => s.tokens.some(isSnippetFence))) state.services.prewarmSnippets?.();
}
