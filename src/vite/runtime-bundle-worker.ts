// The process that bundles the browser runtime with Vite (runtime-bundler.ts starts it, one
// per bundle, often before the compile has said what to bundle): Vite and Rolldown's native
// memory are given back when it exits, instead of staying with the build while it writes
// the offline file.
import path from "node:path";
import { moduleGraphPlugin } from "./bundle-cache.ts";
import { baseViteConfig, DECK_APP_ROOT } from "./config.ts";
import { deckPlugins } from "./plugins.ts";
import type { RuntimeBundleJob } from "./runtime-bundle.ts";
import type { RuntimeBundleReply, RuntimeBundlerMessage } from "./runtime-bundler.ts";

process.on("disconnect", () => process.exit(0)); // the build is gone, or needs no bundle
// loaded while the job is on its way
const vite = import("vite");
vite.catch(() => undefined); // reported to the job

/** One Vite build of the runtime into the job's folder; the files it read. No module
 * preloading: a lazy chunk's imports are few, and the offline file's chunks have no folder
 * to preload from. */
async function bundle(job: RuntimeBundleJob): Promise<string[]> {
  let moduleIds: string[] = [];
  const plugins = [...deckPlugins({ deckRoot: job.deckRoot, liveSnippets: () => job.liveSnippets, build: true }), moduleGraphPlugin((ids) => (moduleIds = ids))];
  const config = baseViteConfig(plugins, job.features, job.deckRoot);
  const site = { build: { outDir: job.outDir, emptyOutDir: true, cssCodeSplit: false, modulePreload: false } };
  const { build, mergeConfig } = await vite;
  await build(mergeConfig(config, site));
  return [...moduleIds, path.join(DECK_APP_ROOT, "index.html")]; // the page Vite starts from
}

/** Answers the one job. */
function serve(): void {
  process.once("message", (message: RuntimeBundlerMessage) => {
    const reply = (answer: RuntimeBundleReply): void => void process.send!(answer, () => process.exit(0));
    bundle(message.job).then(
      (files) => reply({ files }),
      (error: unknown) => reply({ error: String((error as Error)?.message ?? error), stack: (error as Error)?.stack }),
    );
  });
}

serve();
