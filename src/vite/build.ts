// The static build: compile the deck once (a session) and, as soon as the compile knows what
// the browser runtime needs, one Vite build of it alongside — the site (index.html and one
// script and one stylesheet in assets/, for any static host), its page filled with the deck
// when the compile is done — and from the site, one self-contained HTML file that works from
// file:// with no network: the same page with its script and stylesheet inlined. dist/ is
// written whole or not at all.
import { readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { deflateRawSync } from "node:zlib";
import { DeckError, formatDiagnostic } from "../compile/diagnostics.ts";
import { formulaSummaryLines, type BundleInputs, type CompiledDeck } from "../compile/state.ts";
import { replaceDir, stagingDirFor } from "../io/atomic-write.ts";
import { DeckSession, type SessionOptions } from "../session/session.ts";
import { PACKAGE_ROOT } from "../io/package-root.ts";
import { BundleCache, bundleToolsKey, moduleGraphPlugin } from "./bundle-cache.ts";
import { baseViteConfig, DECK_APP_ROOT } from "./config.ts";
import { fontSubsetOf, prewarmKatexFonts, type FontSubset } from "./katex-fonts-plugin.ts";
import { deckPageHtml } from "./html-plugin.ts";
import { deckPlugins } from "./plugins.ts";

export interface BuildOptions {
  deckRoot: string;
  /** default: dist */
  outDir?: string;
  slidesDir?: string;
  log?: (message: string) => void;
  /** a diagram worker already started (startDiagramWorkerEarly): the session takes it over */
  diagramWorker?: SessionOptions["diagramWorker"];
}

export interface BuildResult {
  deck: CompiledDeck;
  /** paths relative to deckRoot */
  siteIndex: string;
  singleFile: string;
}

/** One Vite build of the browser runtime into `outDir`: index.html (its deck placeholders
 * left for deckPageHtml), one script and one stylesheet — so that the offline file is the
 * page with both inlined. */
async function bundleRuntime(inputs: BundleInputs, deckRoot: string, outDir: string, fonts: FontSubset): Promise<void> {
  const features = { mermaid: inputs.runtimeDiagrams, live: inputs.liveSnippets.length > 0, exercises: inputs.exercises };
  const made = { features, live: inputs.liveSnippets, fonts: [...fonts.byFace].sort(), deckRoot, tools: await bundleToolsKey(PACKAGE_ROOT) };
  const cache = new BundleCache(deckRoot, made);
  if (await cache.restore(outDir)) return; // the same bundle as last time
  let moduleIds: string[] = [];
  const plugins = [...deckPlugins({ deckRoot, liveSnippets: () => inputs.liveSnippets, fonts }), moduleGraphPlugin((ids) => (moduleIds = ids))];
  const config = baseViteConfig(plugins, features, deckRoot);
  const oneChunk = { build: { outDir, emptyOutDir: true, cssCodeSplit: false, rolldownOptions: { output: { codeSplitting: false } } } };
  const { build: viteBuild, mergeConfig } = await import("vite"); // loaded only to bundle
  await Promise.all([viteBuild(mergeConfig(config, oneChunk)), prewarmKatexFonts(fonts)]);
  await cache.keep(outDir, [...moduleIds, path.join(DECK_APP_ROOT, "index.html")]); // the page Vite starts from
}

/** `page` (the site's page for the deck) with its script and stylesheet inlined: the
 * offline file. */
async function inlineSite(siteDir: string, page: string): Promise<string> {
  const assets = await readdir(path.join(siteDir, "assets"));
  const { replaceCss, replaceScript } = await import("vite-plugin-singlefile"); // it loads vite: only here
  let html = page;
  for (const file of assets.sort()) {
    const code = await readFile(path.join(siteDir, "assets", file), "utf8");
    // the module loader Vite adds is for chunks; with everything inline there are none
    if (file.endsWith(".js")) html = replaceScript(html, file, code, true);
    else if (file.endsWith(".css")) html = replaceCss(html, file, code);
  }
  if (/<(script|link)[^>]+(src|href)="\.\/assets\//.test(html)) throw new Error("the offline file still refers to assets/");
  return html;
}

/** Compiles the deck; throws DeckError (every error, file:line:col) when it has errors.
 * `onBundleInputs` hears what the browser bundle needs before the compile is done. */
export async function compileForBuild(session: DeckSession, log: (message: string) => void, onBundleInputs?: (inputs: BundleInputs) => void): Promise<CompiledDeck> {
  log("compiling slides…");
  const deck = await session.compile(onBundleInputs);
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

  const session = DeckSession.create({ deckRoot, slidesDir: options.slidesDir, diagrams: "chromium", log, diagramWorker: options.diagramWorker, compilesOnce: true });
  let staging: string;
  try {
    staging = await stagingDirFor(dist);
  } catch (error) {
    await session.close();
    throw error;
  }
  // the runtime is bundled while the compile checks formulas and draws diagrams
  let bundled: Promise<void> | undefined;
  const startBundle = (inputs: BundleInputs): void => {
    log("bundling the browser runtime…");
    bundled = bundleRuntime(inputs, deckRoot, staging, fontSubsetOf(inputs.slides, session.services.fonts));
    bundled.catch(() => undefined); // awaited below; a compile error must not leave it unhandled
  };
  try {
    let deck: CompiledDeck;
    try {
      deck = await compileForBuild(session, log, startBundle);
      await session.keep(); // for the next build, check or dev server of this deck
    } finally {
      await session.close(); // the worker, Chromium and the highlighter are done
      await bundled?.catch(() => undefined); // nothing may still write into staging when it goes
    }
    if (!bundled) throw new Error("the compile never said what to bundle");
    await bundled;
    const template = await readFile(path.join(staging, "index.html"), "utf8");
    await writeFile(path.join(staging, "index.html"), deckPageHtml(template, deck));
    const singleName = `${deck.options.name}.html`;
    // the offline file carries its slides deflated: a quarter of the size (a server deflates
    // the site's page on the way, a file on a stick or in a mail does not get that)
    const packed = deflateRawSync(deck.slidesHtml, { level: 9 }).toString("base64");
    await writeFile(path.join(staging, singleName), await inlineSite(staging, deckPageHtml(template, deck, packed)));
    await replaceDir(staging, dist); // dist/ swaps in only now that all of it exists
    return { deck, siteIndex: `${outName}/index.html`, singleFile: `${outName}/${singleName}` };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
