// The deck's Vite plugins, in the one order they are applied in, for the dev server and
// the build.
import type { PluginOption } from "vite";
import type { SnippetSource } from "../compile/snippets/types.ts";
import type { CompiledDeck } from "../compile/state.ts";
import { createDeckHtmlPlugin } from "./html-plugin.ts";
import { createKatexFontsPlugin } from "./katex-fonts-plugin.ts";
import { createLiveExamplesPlugin } from "./live-plugin.ts";
import { createNotationPlugin } from "./notation-plugin.ts";
import { createRevealCssPlugin } from "./reveal-css-plugin.ts";
import { createRevealNotesPlugin } from "./reveal-notes-plugin.ts";

export interface DeckPluginOptions {
  deckRoot: string;
  /** the live examples whose code the browser gets */
  liveSnippets: () => readonly SnippetSource[];
  /** dev: the deck the page shows (the latest good one); a build leaves the page's
   * placeholders and fills them in once the deck is compiled (deckPageHtml) */
  page?: () => CompiledDeck;
  /** a build: KaTeX's fonts as placeholders, filled in with the deck's subsets once the
   * bundle is written (fillKatexFonts); else (dev) KaTeX's woff2 files as they are */
  build?: boolean;
  /** the dev server's live updates, last in line */
  dev?: PluginOption;
}

export function deckPlugins(options: DeckPluginOptions): PluginOption[] {
  return [
    createKatexFontsPlugin(options.build ? "placeholders" : "files"), // KaTeX CSS: woff2 only
    ...(options.page ? [createDeckHtmlPlugin(options.page)] : []), // dev: the slides into index.html
    createLiveExamplesPlugin(options.deckRoot, options.liveSnippets), // live examples' code for the browser
    createNotationPlugin(options.deckRoot), //                    exercises: the deck's notation table
    createRevealNotesPlugin(), //                                 the speaker view without a Markdown parser
    createRevealCssPlugin(), //                                   the link preview's spinner drawn, not a GIF
    ...(options.dev ? [options.dev] : []), //               dev: recompile on change, push updates
  ];
}
