// The browser runtime of a plain deck — no live example, no exercise, every diagram drawn at
// build time — is the same for every such deck (its fonts are filled in afterwards:
// site-fonts.ts). `npm install` bundles it once into the package's folder of prepared code
// (scripts/prepare-runtime.ts), as it compiles the commands, and a plain deck's first build
// copies it instead of starting Vite (runtime-bundle.ts). Kept by the same rules as a deck's
// bundles (bundle-cache.ts): after an edit to the runtime's code it is made again, by the
// next plain build or install.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { preparedRuntimeDir } from "../io/cache-dir.ts";
import { PACKAGE_ROOT } from "../io/package-root.ts";
import { WasmTools } from "../io/wasm-tools.ts";
import { BundleCache, bundleToolsKey } from "./bundle-cache.ts";
import type { RuntimeFeatures } from "./config.ts";
import { bootScript } from "./boot-script.ts";
import { packedCodeStream } from "./offline-file.ts";
import { RuntimeBundler } from "./runtime-bundler.ts";

/** The features of a plain deck's runtime. */
export const PLAIN_FEATURES: Readonly<RuntimeFeatures> = { mermaid: false, live: false, exercises: false };

export const isPlain = (features: RuntimeFeatures): boolean => !features.mermaid && !features.live && !features.exercises;

/** The package's folder of prepared bundles. */
export const preparedFolder = (): string => preparedRuntimeDir(PACKAGE_ROOT, "bundles");

/** The package's folder of the prepared bundle's code stream for the offline file
 * (offline-file.ts: packedCodeStream). */
export const preparedStreamsFolder = (): string => preparedRuntimeDir(PACKAGE_ROOT, "streams");

/** The prepared plain runtime in `folder`, made with the build tools `tools`
 * (bundleToolsKey). */
export const preparedRuntime = (tools: string, folder = preparedFolder()): BundleCache => new BundleCache(folder, { features: PLAIN_FEATURES, tools });

/** Bundles the plain runtime into `folder` unless a good one is there, and packs its code
 * for the offline file into `streams` (the one stream there: a new bundle replaces it), with
 * the offline file's boot script; whether it bundled. */
export async function prepareRuntime(folder = preparedFolder(), streams = preparedStreamsFolder()): Promise<boolean> {
  const prepared = preparedRuntime(await bundleToolsKey(PACKAGE_ROOT), folder);
  const outDir = await mkdtemp(path.join(tmpdir(), "prepared-runtime-"));
  const packer = new WasmTools({ preload: "lzma" });
  try {
    const bundling = !(await prepared.restore(outDir));
    if (bundling) {
      const job = { deckRoot: PACKAGE_ROOT, outDir, features: { ...PLAIN_FEATURES }, liveSnippets: [] };
      await prepared.keep(outDir, await RuntimeBundler.start().bundle(job));
      await rm(streams, { recursive: true, force: true });
    }
    await packedCodeStream(outDir, streams, packer);
    await bootScript(streams); // kept there too: a deck's first build bundles none
    return bundling;
  } finally {
    await Promise.all([rm(outDir, { recursive: true, force: true }), packer.close()]);
  }
}
