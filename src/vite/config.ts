// The Vite configuration shared by the dev server and both builds.
import path from "node:path";
import type { InlineConfig, PluginOption } from "vite";
import { PACKAGE_ROOT } from "../io/package-root.ts";
import { snippetAliases } from "../compile/snippets/runner.ts";

/** The browser runtime's folder: index.html and main.ts. */
export const DECK_APP_ROOT = path.join(PACKAGE_ROOT, "src", "deck");

/** What the browser runtime needs beyond reveal.js: code a deck without it never ships. */
export interface RuntimeFeatures {
  /** mermaid, to draw diagrams the build could not */
  mermaid: boolean;
  /** the live-example renderer (KaTeX's runtime and the examples' code) */
  live: boolean;
  /** exercises (src/grad, the formula checker, KaTeX and the notation table, loaded when an
   * exercise is shown) */
  exercises: boolean;
}

export function baseViteConfig(plugins: PluginOption[], features: RuntimeFeatures, deckRoot: string): InlineConfig {
  return {
    configFile: false,
    root: DECK_APP_ROOT,
    base: "./",
    logLevel: "warn",
    clearScreen: false,
    plugins,
    define: { __DECK_RUNTIME_MERMAID__: JSON.stringify(features.mermaid), __DECK_LIVE__: JSON.stringify(features.live), __DECK_EXERCISES__: JSON.stringify(features.exercises) },
    // live examples' code imports what snippets import
    resolve: { alias: snippetAliases(deckRoot) },
    server: { fs: { allow: [PACKAGE_ROOT, deckRoot] } },
    build: {
      target: "es2022",
      reportCompressedSize: false,
      chunkSizeWarningLimit: 8000,
      modulePreload: { polyfill: false },
      // Rolldown warns when a plugin is slow; on two busy cores that is noise, not news.
      rolldownOptions: { checks: { bundlerTimings: false } },
    },
  };
}
