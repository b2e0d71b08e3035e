// Whether a build starts Vite's process before it loads the compiler (scripts/build.ts): only
// when it will bundle for certain, guessed from the deck's cache and its slides' text. Kept
// apart from the rest of the bundling code, which that early start must not wait to load.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { keepsAnything, preparedRuntimeDir } from "../io/cache-dir.ts";
import { PACKAGE_ROOT } from "../io/package-root.ts";
import { bundlesOf } from "./bundle-cache.ts";
import { RuntimeBundler } from "./runtime-bundler.ts";

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
  if (keepsAnything(bundlesOf(deckRoot))) return undefined;
  if (keepsAnything(preparedRuntimeDir(PACKAGE_ROOT, "bundles")) && !mayNeedBundler(slidesDir)) return undefined;
  return RuntimeBundler.start();
}
