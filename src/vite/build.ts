// The static build: compile the deck once, then two Vite builds from it — the site
// (index.html + assets, for any static host) and one self-contained HTML file that works
// from file:// with no network. dist/ is written whole or not at all.
import { existsSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import path from "node:path";
import { build as viteBuild, mergeConfig } from "vite";
import { viteSingleFile } from "vite-plugin-singlefile";
import type { CompiledDeck } from "../compile/compile-deck.ts";
import { DeckError, formatDiagnostic } from "../compile/diagnostics.ts";
import { baseViteConfig } from "./config.ts";
import { createDeckHtmlPlugin } from "./html-plugin.ts";
import { createLiveExamplesPlugin } from "./live-plugin.ts";
import { fontSubsetOf, prewarmKatexFonts, type FontSubset } from "./katex-fonts-plugin.ts";
import { DeckSession } from "./session.ts";

export interface BuildOptions {
  deckRoot: string;
  /** default: dist */
  outDir?: string;
  slidesDir?: string;
  log?: (message: string) => void;
}

export interface BuildResult {
  deck: CompiledDeck;
  /** paths relative to deckRoot */
  siteIndex: string;
  singleFile: string;
}

async function viteBuildInto(deck: CompiledDeck, deckRoot: string, outDir: string, singleFile: boolean, fonts: FontSubset): Promise<void> {
  const plugins = [createDeckHtmlPlugin(() => deck), createLiveExamplesPlugin(deckRoot, () => deck), ...(singleFile ? [viteSingleFile({ removeViteModuleLoader: true })] : [])];
  const config = baseViteConfig(plugins, deck.runtimeDiagrams > 0, deckRoot, fonts);
  await viteBuild(mergeConfig(config, { build: { outDir, emptyOutDir: true } }));
}

export async function buildDeck(options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? (() => {});
  const deckRoot = path.resolve(options.deckRoot);
  const outName = options.outDir ?? "dist";
  const dist = path.join(deckRoot, outName);

  const session = await DeckSession.create({ deckRoot, slidesDir: options.slidesDir, diagrams: "chromium", log });
  let deck: CompiledDeck;
  try {
    log("compiling slides…");
    deck = await session.compile();
  } finally {
    await session.close();
  }
  for (const w of deck.diagnostics.filter((d) => d.severity === "warning")) log(formatDiagnostic(w));
  const errors = deck.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new DeckError(errors);

  const staging = path.join(deckRoot, `.${outName}-${process.pid}`);
  const singleDir = `${staging}-single`;
  await rm(staging, { recursive: true, force: true });
  try {
    log(`bundling ${deck.slideCount} slides…`);
    const fonts = fontSubsetOf(deck.slidesHtml, path.join(deckRoot, "node_modules", ".cache", "backprop-deck", "fonts"));
    const fontsReady = prewarmKatexFonts(fonts); // overlaps with Vite's start; awaited below
    // The two builds are independent: run them side by side (two cores).
    await Promise.all([viteBuildInto(deck, deckRoot, staging, false, fonts), viteBuildInto(deck, deckRoot, singleDir, true, fonts), fontsReady]);
    const singleName = `${deck.options.name}.html`;
    await rename(path.join(singleDir, "index.html"), path.join(staging, singleName));
    await rm(singleDir, { recursive: true, force: true });
    // Swap in the new dist/ only now that all of it exists.
    const old = path.join(deckRoot, `.${outName}-old-${process.pid}`);
    if (existsSync(dist)) await rename(dist, old);
    await rename(staging, dist);
    await rm(old, { recursive: true, force: true });
    return { deck, siteIndex: `${outName}/index.html`, singleFile: `${outName}/${singleName}` };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    await rm(singleDir, { recursive: true, force: true });
    throw error;
  }
}

