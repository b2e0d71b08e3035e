// The static build: compile the deck once (a session) and, as soon as the compile knows what
// the browser runtime needs, one Vite build of it alongside — the site (index.html, its
// code in chunks and one stylesheet in assets/, for any static host; a chunk that only some
// slides use loads when they are shown), its page filled with the deck when the compile is
// done — and from the site, one self-contained HTML file that works from file:// with no
// network (offline-file.ts). dist/ is written whole or not at all.
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { DeckError, formatDiagnostic } from "../compile/diagnostics.ts";
import { formulaSummaryLines, type BundleInputs, type CompiledDeck } from "../compile/state.ts";
import { replaceDir, stagingDirFor } from "../io/atomic-write.ts";
import { cacheDir, keepsAnything } from "../io/cache-dir.ts";
import { memoryFigures } from "../session/services.ts";
import { DeckSession, type SessionOptions } from "../session/session.ts";
import { deckPageHtml } from "./html-plugin.ts";
import { fontData } from "./katex-fonts-plugin.ts";
import type { FaceKey } from "./katex-faces.ts";
import { fontCutter } from "./font-cutter.ts";
import { linkedStylesheet, offlineFile, offlineSlidesOf, packFrame, type PackedFrame } from "./offline-file.ts";
import { preparedStreamsFolder } from "./prepared-runtime.ts";
import { bundleRuntime } from "./runtime-bundle.ts";
import type { RuntimeBundler } from "./runtime-bundler.ts";

export interface BuildOptions {
  deckRoot: string;
  /** default: dist */
  outDir?: string;
  slidesDir?: string;
  log?: (message: string) => void;
  /** a diagram worker already started (startDiagramWorkerEarly): the session takes it over */
  diagramWorker?: SessionOptions["diagramWorker"];
  /** a highlighter's worker already started (startHighlighterEarly): the session takes it over */
  highlightWorker?: SessionOptions["highlightWorker"];
  /** a bundler's process already started (startBundlerEarly): the build gives it
   * the job, or ends it if the build fails first */
  runtimeBundler?: RuntimeBundler;
}

export interface BuildResult {
  deck: CompiledDeck;
  /** paths relative to deckRoot */
  siteIndex: string;
  singleFile: string;
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

  const session = DeckSession.create({ deckRoot, slidesDir: options.slidesDir, diagrams: "chromium", log, diagramWorker: options.diagramWorker, highlightWorker: options.highlightWorker, compilesOnce: true });
  let staging: string;
  try {
    staging = await stagingDirFor(dist);
  } catch (error) {
    await session.close();
    throw error;
  }
  const timing = (step: string): void => void (process.env.DECK_TIMINGS && log(`  ${step}: done, ${memoryFigures()}`));
  // the runtime is bundled while the compile checks formulas and draws diagrams
  let bundled: Promise<Map<FaceKey, Buffer>> | undefined;
  // the offline file's stylesheet, read once the bundle is staged and before its fonts are
  // filled in: it is packed with the slides while the fonts are cut (offline-file.ts)
  let styleRead: (style: string) => void = () => undefined;
  const unfilledStyle = new Promise<string>((resolve) => (styleRead = resolve));
  const onBundled = async (): Promise<void> => styleRead(await linkedStylesheet(staging, await readFile(path.join(staging, "index.html"), "utf8")));
  // A new bundle, or a deck with no packed stream kept at all (a first or cold build), makes
  // a new offline file: its packer loads 7-Zip while the bundle is made, once the compile is
  // done (Chromium, which drew the diagrams, has gone by then: the two together would raise
  // the build's peak memory). The packer is the fonts' cutter (font-cutter.ts): one process
  // for the build's WebAssembly tools, where a cold build started two (the benchmark deck's
  // cold build 0.95x the wall time, 0.94x the CPU, in fourteen alternated pairs).
  const packer = fontCutter();
  const packerWanted = { newFile: !keepsAnything(cacheDir(deckRoot, "offline")), compiled: false };
  // the fonts' process, done with the fonts before the compile is, is kept for the packing
  if (packerWanted.newFile) packer.expect("lzma");
  const warmPacker = (): void => void (packerWanted.newFile && packerWanted.compiled && packer.warm("lzma"));
  const startBundle = (inputs: BundleInputs): void => {
    log("bundling the browser runtime…");
    const onBundling = (): void => {
      packerWanted.newFile = true;
      warmPacker();
    };
    bundled = bundleRuntime(inputs, deckRoot, staging, { onBundling, onBundled, bundler: options.runtimeBundler, fontCutter: packer });
    bundled.catch(() => undefined); // awaited below; a compile error must not leave it unhandled
  };
  const streams = { cacheFolder: cacheDir(deckRoot, "offline"), prepared: preparedStreamsFolder() };
  try {
    let deck: CompiledDeck;
    let frame: Promise<PackedFrame>;
    try {
      deck = await compileForBuild(session, log, startBundle);
      packerWanted.compiled = true;
      warmPacker();
      const slides = await offlineSlidesOf(deck.slidesHtml, cacheDir(deckRoot, "offline-slides")); // while the runtime is still being bundled
      frame = unfilledStyle.then((style) => packFrame(style, slides, streams, packer));
      await session.keep(); // for the next build, check or dev server of this deck
    } finally {
      await session.close(); // the worker, Chromium and the highlighter are done
      await bundled?.catch(() => undefined); // nothing may still write into staging when it goes
      if (!bundled) await options.runtimeBundler?.close(); // given no job: the compile failed
    }
    if (!bundled) throw new Error("the compile never said what to bundle");
    const fonts = await bundled;
    timing("bundle");
    const template = await readFile(path.join(staging, "index.html"), "utf8");
    await writeFile(path.join(staging, "index.html"), deckPageHtml(template, deck));
    const singleName = `${deck.options.name}.html`;
    const single = await offlineFile(staging, deckPageHtml(template, deck, true), await frame, fontData(fonts), streams, packer);
    await writeFile(path.join(staging, singleName), single);
    timing("offline file");
    await replaceDir(staging, dist); // dist/ swaps in only now that all of it exists
    return { deck, siteIndex: `${outName}/index.html`, singleFile: `${outName}/${singleName}` };
  } finally {
    await Promise.all([rm(staging, { recursive: true, force: true }), packer.close()]);
  }
}
