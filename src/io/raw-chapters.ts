// The chapters of a deck as raw Markdown, for what a build guesses before the compiler has
// loaded (src/chromium/early-diagrams.ts, src/compile/markdown/early-highlight.ts): every
// `*.md` of its slides folder, in no particular order.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Each chapter's Markdown, or undefined when the deck has no slides folder (the compile
 * says so). */
export function rawChapters(deckRoot: string, slidesDir = "slides"): string[] | undefined {
  try {
    const dir = path.join(deckRoot, slidesDir);
    return readdirSync(dir)
      .filter((f) => f.endsWith(".md"))
      .map((f) => readFileSync(path.join(dir, f), "utf8"));
  } catch {
    return undefined;
  }
}
