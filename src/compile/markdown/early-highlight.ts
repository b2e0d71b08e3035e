// Shiki, in its worker, started before the compiler is even loaded when a build will need it:
// a fence in the slides whose code the highlighter's cache does not hold. It highlights
// those blocks at once (a grammar's first block takes a quarter of a second), and the
// compile's highlighter, taking the worker over, finds them done. A guess from the raw
// Markdown (src/shared/raw-fences.ts): a wrong guess highlights for nothing, or not early; the compile
// still decides what is shown, and the session owns (and closes) the worker.
import { existsSync } from "node:fs";
import path from "node:path";
import { cacheDir } from "../../io/cache-dir.ts";
import { rawChapters } from "../../io/raw-chapters.ts";
import { parseFenceInfo } from "./fence-info.ts";
import { codeCacheFile, type CodeBlock } from "./highlight.ts";
import { HighlightWorkerClient } from "./highlight-worker-client.ts";
import { rawFences } from "../../shared/raw-fences.ts";
import { shikiVersion } from "./shiki.ts";

/** The code the fences of `markdown` show, as the code stage announces it. */
export function shownCode(markdown: string): CodeBlock[] {
  return rawFences(markdown).flatMap(({ info, body }): CodeBlock[] => {
    const { lang, run, show } = parseFenceInfo(info);
    if (lang === "mermaid" || (run && !show)) return [];
    return [{ code: body, lang: run ? "ts" : lang }];
  });
}

/** A started highlighter's worker, at work on the deck's code, when the deck in `deckRoot`
 * looks like it has code its cache lacks. */
export function startHighlighterEarly(deckRoot: string, slidesDir = "slides"): HighlightWorkerClient | undefined {
  const blocks = rawChapters(deckRoot, slidesDir)?.flatMap(shownCode) ?? [];
  const cache = cacheDir(deckRoot, "code");
  const version = shikiVersion();
  const missing = blocks.filter((block) => !existsSync(path.join(cache, codeCacheFile(block, version))));
  if (missing.length === 0) return undefined;
  const worker = new HighlightWorkerClient();
  worker.prefetch(missing); // a failure: the compile asks again, and hears why
  return worker;
}
