// The static build: compile the deck once (a session), then one Vite build from it — the
// site (index.html and one script and one stylesheet in assets/, for any static host) —
// and from the site, one self-contained HTML file that works from file:// with no network:
// the same page with its script and stylesheet inlined. dist/ is written whole or not at all.
import { readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { build as viteBuild, mergeConfig } from "vite";
import { replaceCss, replaceScript } from "vite-plugin-singlefile";
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

async function viteBuildInto(deck: CompiledDeck, deckRoot: string, outDir: string, fonts: FontSubset): Promise<void> {
  const plugins = deckPlugins({ deckRoot, current: () => deck, fonts });
  const config = baseViteConfig(plugins, { mermaid: deck.runtimeDiagrams > 0, live: deck.liveSnippets.length > 0 }, deckRoot);
  // one script and one stylesheet, so that the offline file is the page with both inlined
  const oneChunk = { build: { outDir, emptyOutDir: true, cssCodeSplit: false, rolldownOptions: { output: { codeSplitting: false } } } };
  await viteBuild(mergeConfig(config, oneChunk));
}

/** The site's page with its script and stylesheet inlined: the offline file. */
async function inlineSite(siteDir: string): Promise<string> {
  const assets = await readdir(path.join(siteDir, "assets"));
  let html = await readFile(path.join(siteDir, "index.html"), "utf8");
  for (const file of assets.sort()) {
    const code = await readFile(path.join(siteDir, "assets", file), "utf8");
    // the module loader Vite adds is for chunks; with everything inline there are none
    if (file.endsWith(".js")) html = replaceScript(html, file, code, true);
    else if (file.endsWith(".css")) html = replaceCss(html, file, code);
  }
  if (/<(script|link)[^>]+(src|href)="\.\/assets\//.test(html)) throw new Error("the offline file still refers to assets/");
  return html;
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
  try {
    log(`bundling ${deck.slideCount} slides…`);
    const fonts = fontSubsetOf(deck.slidesHtml, session.services.fonts);
    const fontsReady = prewarmKatexFonts(fonts); // overlaps with Vite's start; awaited below
    await Promise.all([viteBuildInto(deck, deckRoot, staging, fonts), fontsReady]);
    const singleName = `${deck.options.name}.html`;
    await writeFile(path.join(staging, singleName), await inlineSite(staging));
    await replaceDir(staging, dist); // dist/ swaps in only now that all of it exists
    return { deck, siteIndex: `${outName}/index.html`, singleFile: `${outName}/${singleName}` };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
