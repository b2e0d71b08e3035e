// Bundling the browser runtime for a build: the last bundle copied when it would come out
// the same (bundle-cache.ts), else one Vite build in a process of its own
// (runtime-bundler.ts), which ends when the bundle is written.
import type { SnippetSource } from "../compile/snippets/types.ts";
import type { BundleInputs } from "../compile/state.ts";
import { PACKAGE_ROOT } from "../io/package-root.ts";
import { BundleCache, bundleToolsKey } from "./bundle-cache.ts";
import type { RuntimeFeatures } from "./config.ts";
import { fontCharactersKept } from "./katex-fonts-plugin.ts";
import { RuntimeBundler } from "./runtime-bundler.ts";
import { cacheDir } from "../io/cache-dir.ts";

/** What the bundler's process is sent first: what the bundle is made from besides the
 * fonts' characters, which follow (RuntimeBundlerMessage). */
export interface RuntimeBundleJob {
  deckRoot: string;
  outDir: string;
  features: RuntimeFeatures;
  liveSnippets: readonly SnippetSource[];
}

/** The browser runtime, bundled for `inputs` into `outDir`: index.html (its deck
 * placeholders left for deckPageHtml), its chunks and one stylesheet. `onBundling` hears
 * that the bundle was not kept and is being made (new code: so is everything made from it).
 * `started`: the bundler RuntimeBundler.startEarly started for this build, if it did. */
export async function bundleRuntime(inputs: BundleInputs, deckRoot: string, outDir: string, onBundling?: () => void, started?: RuntimeBundler): Promise<void> {
  const features = { mermaid: inputs.runtimeDiagrams, live: inputs.liveSnippets.length > 0, exercises: inputs.exercises };
  const job: RuntimeBundleJob = { deckRoot, outDir, features, liveSnippets: inputs.liveSnippets };
  // With no bundle kept (a first or cold build) the bundler starts before the fonts'
  // characters are worked out (≈0.1–0.3 s), and bundles the code meanwhile.
  let bundler = started ?? RuntimeBundler.startEarly(deckRoot);
  await bundler?.forked();
  const made = (async () => {
    const tools = await bundleToolsKey(PACKAGE_ROOT);
    const fonts = await fontCharactersKept(inputs.slides, cacheDir(deckRoot, "fonts", "characters.json"), tools);
    return { fonts, cache: new BundleCache(deckRoot, { features, live: inputs.liveSnippets, fonts: [...fonts].sort(), deckRoot, tools }) };
  })();
  if (!bundler) {
    if (await (await made).cache.restore(outDir)) return; // the same bundle as last time
    bundler = RuntimeBundler.start();
  }
  onBundling?.();
  const files = await bundler.bundle(job, made.then(({ fonts }) => [...fonts]));
  await (await made).cache.keep(outDir, files);
}
