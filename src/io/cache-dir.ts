// Where build caches live: node_modules/.cache/backprop-deck/ below a root (the deck's for
// diagrams and fonts, the package's for bundled entry points and the snippet worker).
// Deleting the folder is always safe; scripts/launch.mjs uses the same place.
import path from "node:path";

export const CACHE_SUBDIR = path.join("node_modules", ".cache", "backprop-deck");

/** The cache folder below `root`, or a file or folder in it. */
export function cacheDir(root: string, ...parts: string[]): string {
  return path.join(root, CACHE_SUBDIR, ...parts);
}
