// The process that bundles the browser runtime with Vite (runtime-bundler.ts starts it, one
// per bundle, often before the compile has said what to bundle): Vite, Rolldown's native
// memory and subset-font's WebAssembly are given back when it exits, instead of staying
// with the build while it writes the offline file. It cuts KaTeX's fonts itself
// (FontSubsetter, with its disk cache) once their characters arrive.
import path from "node:path";
import { cacheDir } from "../io/cache-dir.ts";
import { subsetWoff2 } from "../io/subset-woff2.ts";
import { FontSubsetter } from "../session/font-subsets.ts";
import { moduleGraphPlugin } from "./bundle-cache.ts";
import { baseViteConfig, DECK_APP_ROOT } from "./config.ts";
import type { FaceKey } from "./katex-faces.ts";
import { prewarmKatexFonts, type FontSubset } from "./katex-fonts-plugin.ts";
import { deckPlugins } from "./plugins.ts";
import type { RuntimeBundleJob } from "./runtime-bundle.ts";
import type { RuntimeBundleReply, RuntimeBundlerMessage } from "./runtime-bundler.ts";

process.on("disconnect", () => process.exit(0)); // the build is gone, or needs no bundle
// loaded while the job is on its way
const vite = import("vite");
vite.catch(() => undefined); // reported to the job
import("subset-font").catch(() => undefined); // the same: its first font says so

/** One Vite build of the runtime into the job's folder; the files it read. No module
 * preloading: a lazy chunk's imports are few, and the offline file's chunks have no folder
 * to preload from. */
async function bundle(job: RuntimeBundleJob, characters: Promise<ReadonlyMap<FaceKey, string>>): Promise<string[]> {
  const fonts: FontSubset = { byFace: characters, subsetter: new FontSubsetter(cacheDir(job.deckRoot, "fonts"), subsetWoff2) };
  let moduleIds: string[] = [];
  const plugins = [...deckPlugins({ deckRoot: job.deckRoot, liveSnippets: () => job.liveSnippets, fonts }), moduleGraphPlugin((ids) => (moduleIds = ids))];
  const config = baseViteConfig(plugins, job.features, job.deckRoot);
  const site = { build: { outDir: job.outDir, emptyOutDir: true, cssCodeSplit: false, modulePreload: false } };
  const { build, mergeConfig } = await vite;
  await Promise.all([build(mergeConfig(config, site)), prewarmKatexFonts(fonts)]);
  return [...moduleIds, path.join(DECK_APP_ROOT, "index.html")]; // the page Vite starts from
}

/** Answers the one job: the fonts' characters follow it in a message of their own. */
function serve(): void {
  let fontsArrived: (fonts: ReadonlyMap<FaceKey, string>) => void = () => undefined;
  const characters = new Promise<ReadonlyMap<FaceKey, string>>((resolve) => (fontsArrived = resolve));
  process.on("message", (message: RuntimeBundlerMessage) => {
    if (message.kind === "fonts") return fontsArrived(new Map(message.fonts));
    const reply = (answer: RuntimeBundleReply): void => void process.send!(answer, () => process.exit(0));
    bundle(message.job, characters).then(
      (files) => reply({ files }),
      (error: unknown) => reply({ error: String((error as Error)?.message ?? error), stack: (error as Error)?.stack }),
    );
  });
}

serve();
