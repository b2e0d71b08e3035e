// The static build: compile the deck once (a session), then two Vite builds from it — the
// site (index.html + assets, for any static host) and one self-contained HTML file that
// works from file:// with no network. dist/ is written whole or not at all.
import { rename, rm } from "node:fs/promises";
import path from "node:path";
import { build as viteBuild, mergeConfig } from "vite";
import { DeckError, formatDiagnostic } from "../compile/diagnostics.ts";
import { formulaSummaryLines, type CompiledDeck } from "../compile/state.ts";
import { replaceDir, stagingDirFor } from "../io/atomic-write.ts";
import { DeckSession } from "../session/session.ts";
import { baseViteConfig } from "./config.ts";
import { fontSubsetOf, prewarmKatexFonts, type FontSubset } from "./katex-fonts-plugin.ts";
import { deckPlugins } from "./plugins.ts";

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
  const plugins = deckPlugins({ deckRoot, current: () => deck, fonts, singleFile });
  const config = baseViteConfig(plugins, deck.runtimeDiagrams > 0, deckRoot);
  await viteBuild(mergeConfig(config, { build: { outDir, emptyOutDir: true } }));
}

/** Compiles the deck; throws DeckError (every error, file:line:col) when it has errors. */
export async function compileForBuild(session: DeckSession, log: (message: string) => void): Promise<CompiledDeck> {
  log("compiling slides…");
  const deck = await session.compile();
  for (const w of deck.diagnostics.filter((d) => d.severity === "warning")) log(formatDiagnostic(w));
  const errors = deck.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new DeckError(errors);
  formulaSummaryLines(deck.formulas).forEach((line) => log(line));
  return deck;
}

export async function buildDeck(options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? (() => {});
  const deckRoot = path.resolve(options.deckRoot);
  const outName = options.outDir ?? "dist";
  const dist = path.resolve(deckRoot, outName);

  const session = DeckSession.create({ deckRoot, slidesDir: options.slidesDir, diagrams: "chromium", log });
  let deck: CompiledDeck;
  try {
    deck = await compileForBuild(session, log);
  } finally {
    await session.close(); // the worker, Chromium and the highlighter are done
  }

  const staging = await stagingDirFor(dist);
  const singleDir = await stagingDirFor(dist);
  try {
    log(`bundling ${deck.slideCount} slides…`);
    const fonts = fontSubsetOf(deck.slidesHtml, session.services.fonts);
    const fontsReady = prewarmKatexFonts(fonts); // overlaps with Vite's start; awaited below
    // The two builds are independent: run them side by side (two cores).
    await Promise.all([viteBuildInto(deck, deckRoot, staging, false, fonts), viteBuildInto(deck, deckRoot, singleDir, true, fonts), fontsReady]);
    const singleName = `${deck.options.name}.html`;
    await rename(path.join(singleDir, "index.html"), path.join(staging, singleName));
    await replaceDir(staging, dist); // dist/ swaps in only now that all of it exists
    return { deck, siteIndex: `${outName}/index.html`, singleFile: `${outName}/${singleName}` };
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(singleDir, { recursive: true, force: true });
  }
}
