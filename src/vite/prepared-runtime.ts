// The browser runtime of a plain deck — no live example, no exercise, every diagram drawn at
// build time — is the same for every such deck (its fonts are filled in afterwards:
// site-fonts.ts). `npm install` bundles it once into the package's folder of prepared code
// (scripts/prepare-runtime.ts), as it compiles the commands, and a plain deck's first build
// copies it instead of starting Vite (runtime-bundle.ts). Kept by the same rules as a deck's
// bundles (bundle-cache.ts): after an edit to the runtime's code it is made again, by the
// next plain build or install.
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { commandsDir } from "../io/cache-dir.ts";
import { PACKAGE_ROOT } from "../io/package-root.ts";
import { BundleCache, bundlesOf, bundleToolsKey } from "./bundle-cache.ts";
import type { RuntimeFeatures } from "./config.ts";
import { RuntimeBundler } from "./runtime-bundler.ts";

/** The features of a plain deck's runtime. */
export const PLAIN_FEATURES: Readonly<RuntimeFeatures> = { mermaid: false, live: false, exercises: false };

export const isPlain = (features: RuntimeFeatures): boolean => !features.mermaid && !features.live && !features.exercises;

/** The package's folder of prepared bundles. */
export const preparedFolder = (): string => commandsDir(PACKAGE_ROOT, "runtime");

/** The prepared plain runtime in `folder`, made with the build tools `tools`
 * (bundleToolsKey). */
export const preparedRuntime = (tools: string, folder = preparedFolder()): BundleCache => new BundleCache(folder, { features: PLAIN_FEATURES, tools });

/** Bundles the plain runtime into `folder` unless a good one is there; whether it bundled. */
export async function prepareRuntime(folder = preparedFolder()): Promise<boolean> {
  const prepared = preparedRuntime(await bundleToolsKey(PACKAGE_ROOT), folder);
  const outDir = await mkdtemp(path.join(tmpdir(), "prepared-runtime-"));
  try {
    if (await prepared.restore(outDir)) return false;
    const job = { deckRoot: PACKAGE_ROOT, outDir, features: { ...PLAIN_FEATURES }, liveSnippets: [] };
    await prepared.keep(outDir, await RuntimeBundler.start().bundle(job));
    return true;
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

/** Whether the slides in `slidesDir` may make a runtime that is not plain — a live example,
 * an exercise — by a look at their text, before they are compiled. */
function mayNeedBundler(slidesDir: string): boolean {
  try {
    const chapters = readdirSync(slidesDir).filter((name) => name.endsWith(".md"));
    return chapters.some((name) => /\blive\s*\(|exercise/.test(readFileSync(path.join(slidesDir, name), "utf8")));
  } catch {
    return true; // no slides folder to read: the compile will say what is wrong
  }
}

/** A bundler's process, started now when the build will bundle for certain — no bundle is
 * kept for the deck, nor (when its slides look plain) a prepared one — so that its entry is
 * bundled and Vite loaded while the compile runs, not after it (`npm run build` calls this
 * before it loads the compiler). Should the compile find otherwise, the build starts one
 * late, or ends this one unused. */
export function startBundlerEarly(deckRoot: string, slidesDir = path.join(deckRoot, "slides")): RuntimeBundler | undefined {
  if (!BundleCache.noneKept(bundlesOf(deckRoot))) return undefined;
  if (!BundleCache.noneKept(preparedFolder()) && !mayNeedBundler(slidesDir)) return undefined;
  return RuntimeBundler.start();
}
