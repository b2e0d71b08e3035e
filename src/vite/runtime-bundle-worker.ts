// The process that bundles the browser runtime with Vite (runtime-bundle.ts starts it, one
// per bundle): Vite, Rolldown's native memory and subset-font's WebAssembly are
// given back when it exits, instead of staying with the build while it writes the offline
// file. It cuts KaTeX's fonts itself (FontSubsetter, with its disk cache).
import path from "node:path";
import { cacheDir } from "../io/cache-dir.ts";
import { subsetWoff2 } from "../io/subset-woff2.ts";
import { FontSubsetter } from "../session/font-subsets.ts";
import { moduleGraphPlugin } from "./bundle-cache.ts";
import { baseViteConfig, DECK_APP_ROOT } from "./config.ts";
import { prewarmKatexFonts, type FontSubset } from "./katex-fonts-plugin.ts";
import { deckPlugins } from "./plugins.ts";
import type { RuntimeBundleJob, RuntimeBundleReply } from "./runtime-bundle.ts";

process.on("disconnect", () => process.exit(0)); // the build is gone
// loaded while the job is on its way
const vite = import("vite");
vite.catch(() => undefined); // reported to the job

/** One Vite build of the runtime into the job's folder; the files it read. No module
 * preloading: a lazy chunk's imports are few, and the offline file's chunks have no folder
 * to preload from. */
async function bundle(job: RuntimeBundleJob): Promise<string[]> {
  const fonts: FontSubset = { byFace: new Map(job.fonts), subsetter: new FontSubsetter(cacheDir(job.deckRoot, "fonts"), subsetWoff2) };
  let moduleIds: string[] = [];
  const plugins = [...deckPlugins({ deckRoot: job.deckRoot, liveSnippets: () => job.liveSnippets, fonts }), moduleGraphPlugin((ids) => (moduleIds = ids))];
  const config = baseViteConfig(plugins, job.features, job.deckRoot);
  const site = { build: { outDir: job.outDir, emptyOutDir: true, cssCodeSplit: false, modulePreload: false } };
  const { build, mergeConfig } = await vite;
  await Promise.all([build(mergeConfig(config, site)), prewarmKatexFonts(fonts)]);
  return [...moduleIds, path.join(DECK_APP_ROOT, "index.html")]; // the page Vite starts from
}

process.once("message", (job: RuntimeBundleJob) => {
  const reply = (message: RuntimeBundleReply): void => void process.send!(message, () => process.exit(0));
  bundle(job).then(
    (files) => reply({ files }),
    (error: unknown) => reply({ error: String((error as Error)?.message ?? error), stack: (error as Error)?.stack }),
  );
});
