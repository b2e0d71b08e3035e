// Bundling the browser runtime for a build: the last bundle copied when it would come out
// the same (bundle-cache.ts), else one Vite build in a process of its own
// (runtime-bundle-worker.ts), which ends when the bundle is written.
import { fork } from "node:child_process";
import type { SnippetSource } from "../compile/snippets/types.ts";
import type { BundleInputs } from "../compile/state.ts";
import { PACKAGE_ROOT } from "../io/package-root.ts";
import { bundleWorker } from "../io/worker-bundle.ts";
import { BundleCache, bundleToolsKey } from "./bundle-cache.ts";
import type { RuntimeFeatures } from "./config.ts";
import type { FaceKey } from "./katex-faces.ts";
import { fontCharactersKept } from "./katex-fonts-plugin.ts";
import { cacheDir } from "../io/cache-dir.ts";

/** What the bundler's process is sent: everything the bundle is made from. */
export interface RuntimeBundleJob {
  deckRoot: string;
  outDir: string;
  features: RuntimeFeatures;
  liveSnippets: readonly SnippetSource[];
  /** the characters each KaTeX face must keep (fontCharacters) */
  fonts: [FaceKey, string][];
}

/** The files the bundler read, or why it failed. */
export type RuntimeBundleReply = { files: string[] } | { error: string; stack?: string };

/** Rolldown's allocator (mimalloc) commits its memory arenas whole by default and keeps
 * freed pages a while: told not to, the bundler's process peaks at ≈130 MiB instead of
 * ≈260 on the real deck (PSS), and bundles no slower. */
const ALLOCATOR_ENV = { MIMALLOC_ARENA_EAGER_COMMIT: "0", MIMALLOC_PURGE_DELAY: "0" } as const;

/** subset-font's WebAssembly (HarfBuzz, the woff2 encoder) run by V8's baseline compiler
 * only: optimising it in the background cost ≈1 s of CPU for a dozen fonts, three times
 * what running them takes (subset-font alone, timed with /usr/bin/time). */
const WASM_BASELINE_ONLY = ["--liftoff-only"] as const;

/** Runs `job` in a new bundler process; the files it read once it has exited. */
async function bundleInProcess(job: RuntimeBundleJob): Promise<string[]> {
  const file = await bundleWorker("src/vite/runtime-bundle-worker.ts", "runtime-bundle-worker");
  const child = fork(file, [], { execArgv: [...WASM_BASELINE_ONLY], serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"], env: { ...process.env, ...ALLOCATOR_ENV } });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const replied = new Promise<RuntimeBundleReply | undefined>((resolve, reject) => {
    child.once("message", (reply: RuntimeBundleReply) => resolve(reply));
    child.once("error", reject);
    void exited.then(() => resolve(undefined));
  });
  child.send(job);
  const [reply, code] = await Promise.all([replied, exited]);
  if (!reply) throw new Error(`the bundler's process stopped (exit code ${code}) before it was done`);
  if ("error" in reply) throw Object.assign(new Error(reply.error), { stack: reply.stack ?? reply.error });
  return reply.files;
}

/** The browser runtime, bundled for `inputs` into `outDir`: index.html (its deck
 * placeholders left for deckPageHtml), its chunks and one stylesheet. `onBundling` hears
 * that the bundle was not kept and is being made (new code: so is everything made from it). */
export async function bundleRuntime(inputs: BundleInputs, deckRoot: string, outDir: string, onBundling?: () => void): Promise<void> {
  const features = { mermaid: inputs.runtimeDiagrams, live: inputs.liveSnippets.length > 0, exercises: inputs.exercises };
  const tools = await bundleToolsKey(PACKAGE_ROOT);
  const fonts = await fontCharactersKept(inputs.slides, cacheDir(deckRoot, "fonts", "characters.json"), tools);
  const made = { features, live: inputs.liveSnippets, fonts: [...fonts].sort(), deckRoot, tools };
  const cache = new BundleCache(deckRoot, made);
  if (await cache.restore(outDir)) return; // the same bundle as last time
  onBundling?.();
  const files = await bundleInProcess({ deckRoot, outDir, features, liveSnippets: inputs.liveSnippets, fonts: [...fonts] });
  await cache.keep(outDir, files);
}
