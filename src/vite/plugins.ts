// The deck's Vite plugins, in the one order they are applied in, for the dev server and
// the build.
import type { PluginOption } from "vite";
import type { CompiledDeck } from "../compile/state.ts";
import { createDeckHtmlPlugin } from "./html-plugin.ts";
import { createKatexFontsPlugin, type FontSubset } from "./katex-fonts-plugin.ts";
import { createLiveExamplesPlugin } from "./live-plugin.ts";

export interface DeckPluginOptions {
  deckRoot: string;
  /** the deck to show: fixed for a build, the latest good one in dev */
  current: () => CompiledDeck;
  /** a build's font subset; without it (dev), KaTeX's woff2 files as they are */
  fonts?: FontSubset;
  /** the dev server's live updates, last in line */
  dev?: PluginOption;
}

export function deckPlugins(options: DeckPluginOptions): PluginOption[] {
  return [
    createKatexFontsPlugin(options.fonts), //                KaTeX CSS: woff2 only, subset, inlined
    createDeckHtmlPlugin(options.current), //                the slides into index.html
    createLiveExamplesPlugin(options.deckRoot, options.current), // live examples' code for the browser
    ...(options.dev ? [options.dev] : []), //               dev: recompile on change, push updates
  ];
}
