// The Vite configuration shared by the dev server and both builds.
import path from "node:path";
import type { InlineConfig, PluginOption } from "vite";
import { packageRoot } from "../compile/package-root.ts";
import { snippetAliases } from "../compile/snippets/runner.ts";
import { createKatexFontsPlugin, type FontSubset } from "./katex-fonts-plugin.ts";

/** The browser runtime's folder: index.html and main.ts. */
export function deckAppRoot(): string {
  return path.join(packageRoot(), "src", "deck");
}

/** `fonts`: subset KaTeX's fonts to the deck (builds); without it, woff2 files as they are. */
export function baseViteConfig(plugins: PluginOption[], runtimeMermaid: boolean, deckRoot: string, fonts?: FontSubset): InlineConfig {
  return {
    configFile: false,
    root: deckAppRoot(),
    base: "./",
    logLevel: "warn",
    clearScreen: false,
    plugins: [createKatexFontsPlugin(fonts), ...plugins],
    define: { __DECK_RUNTIME_MERMAID__: JSON.stringify(runtimeMermaid) },
    // live examples' code imports what snippets import
    resolve: { alias: snippetAliases(deckRoot) },
    server: { fs: { allow: [packageRoot(), deckRoot] } },
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
