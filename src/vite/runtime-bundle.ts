// Bundling the browser runtime for a build: the deck's last bundle copied when it would come
// out the same (bundle-cache.ts), or for a plain deck the package's prepared one
// (prepared-runtime.ts), else one Vite build in a process of its own (runtime-bundler.ts),
// which ends when the bundle is written; then KaTeX's fonts, cut to the deck's characters
// meanwhile, are put into its stylesheet (site-fonts.ts).
import type { SnippetSource } from "../compile/snippets/types.ts";
import type { BundleInputs } from "../compile/state.ts";
import { cacheDir, keepsAnything } from "../io/cache-dir.ts";
import { PACKAGE_ROOT } from "../io/package-root.ts";
import { FontSubsetter } from "../session/font-subsets.ts";
import { BundleCache, bundlesOf, bundleToolsKey } from "./bundle-cache.ts";
import type { RuntimeFeatures } from "./config.ts";
import type { FaceKey } from "./katex-faces.ts";
import { fontCharactersKept, subsetKatexFonts } from "./katex-fonts-plugin.ts";
import { startBundlerEarly } from "./early-bundler.ts";
import type { WasmTools } from "../io/wasm-tools.ts";
import { fontCutter } from "./font-cutter.ts";
import { isPlain, preparedRuntime } from "./prepared-runtime.ts";
import { RuntimeBundler } from "./runtime-bundler.ts";
import { inlineSiteFonts } from "./site-fonts.ts";

/** What the bundler's process is sent: what the bundle is made from. */
export interface RuntimeBundleJob {
  deckRoot: string;
  outDir: string;
  features: RuntimeFeatures;
  liveSnippets: readonly SnippetSource[];
}

/** KaTeX's fonts cut to the characters the deck's formulas draw (`slides`: their HTML), by
 * face: from the deck's cache, else cut by `given` (whose owner closes it) or in a process of
 * their own (font-cutter.ts). */
async function deckFonts(slides: readonly string[], deckRoot: string, tools: Promise<string>, given?: WasmTools): Promise<Map<FaceKey, Buffer>> {
  const cutter = given ?? fontCutter();
  // a deck with no fonts kept (a first or cold build) will cut some: the process starts
  // (≈ 0.15 s to load its WebAssembly) while the characters are read from the slides
  if (!keepsAnything(cacheDir(deckRoot, "fonts"))) cutter.warm("subset");
  try {
    const byFace = await fontCharactersKept(slides, cacheDir(deckRoot, "fonts", "characters.json"), await tools);
    const subsetter = new FontSubsetter(cacheDir(deckRoot, "fonts"), (font, text) => cutter.run({ tool: "subset", data: font, text }));
    return await subsetKatexFonts({ byFace, subsetter });
  } finally {
    if (!given) await cutter.close();
  }
}

/** What a build hands bundleRuntime besides what to bundle. */
export interface BundleRuntimeOptions {
  /** hears that the bundle was not kept and is being made (new code: so is everything made
   * from it) */
  onBundling?: () => void;
  /** the bundler startBundlerEarly started for this build, if it did */
  bundler?: RuntimeBundler;
  /** what cuts the fonts, if the caller has one (font-cutter.ts's; it closes it) */
  fontCutter?: WasmTools;
  /** the folder of the package's prepared bundles (prepared-runtime.ts's by default) */
  preparedFolder?: string;
  /** hears that the bundle is in its folder, its stylesheet's fonts not yet filled in (a
   * build packs the offline file's stylesheet and slides meanwhile); awaited first */
  onBundled?: () => Promise<void>;
}

/** The browser runtime, bundled for `inputs` into `outDir`: index.html (its deck
 * placeholders left for deckPageHtml), its chunks and one stylesheet with the deck's fonts,
 * which it resolves to. */
export async function bundleRuntime(inputs: BundleInputs, deckRoot: string, outDir: string, options: BundleRuntimeOptions = {}): Promise<Map<FaceKey, Buffer>> {
  const features = { mermaid: inputs.runtimeDiagrams, live: inputs.liveSnippets.length > 0, exercises: inputs.exercises };
  const job: RuntimeBundleJob = { deckRoot, outDir, features, liveSnippets: inputs.liveSnippets };
  let bundler = options.bundler ?? startBundlerEarly(deckRoot);
  await bundler?.forked();
  const tools = bundleToolsKey(PACKAGE_ROOT);
  // cut while the bundle is made or copied (≈0.1–0.3 s on a cold build)
  const fonts = deckFonts(inputs.slides, deckRoot, tools, options.fontCutter);
  fonts.catch(() => undefined); // awaited below, after the bundle
  const cache = new BundleCache(bundlesOf(deckRoot), { features, live: inputs.liveSnippets, deckRoot, tools: await tools });
  const prepared = isPlain(features) ? preparedRuntime(await tools, options.preparedFolder) : undefined;
  // a bundler started early means no bundle of the deck's is kept; a prepared one may be
  const copied = (!bundler && (await cache.restore(outDir))) || (prepared?.kept === true && (await prepared.restore(outDir)));
  if (copied) await bundler?.close(); // started for nothing: the slides looked otherwise
  else {
    bundler ??= RuntimeBundler.start();
    options.onBundling?.();
    const files = await bundler.bundle(job);
    await cache.keep(outDir, files);
    if (prepared) await prepared.keep(outDir, files); // for every plain deck's next build
  }
  await options.onBundled?.();
  const faces = await fonts;
  await inlineSiteFonts(outDir, faces);
  return faces;
}
