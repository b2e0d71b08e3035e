// Where build caches live: node_modules/.cache/backprop-deck/ below a root (the deck's for
// diagrams and fonts, the package's for the workers' bundles when not launched with them).
// Deleting the folder is always safe. The commands themselves, compiled by `npm install`,
// are kept apart from what is made from a deck (scripts/launch.mjs, which is plain
// JavaScript and names the same folder).
import { readdirSync } from "node:fs";
import path from "node:path";

export const CACHE_SUBDIR = path.join("node_modules", ".cache", "backprop-deck");

/** The cache folder below `root`, or a file or folder in it. */
export function cacheDir(root: string, ...parts: string[]): string {
  return path.join(root, CACHE_SUBDIR, ...parts);
}

/** The folder of the package's compiled commands (scripts/launch.mjs's bundles and their
 * records) below the package root `root`, or a file or folder in it. */
export function commandsDir(root: string, ...parts: string[]): string {
  return path.join(root, "node_modules", ".backprop-deck-commands", ...parts);
}

/** The package's prepared browser runtime (src/vite/prepared-runtime.ts), made by `npm
 * install` beside the compiled commands below the package root `root`: its bundles, or the
 * code streams of its offline file. */
export function preparedRuntimeDir(root: string, part: "bundles" | "streams"): string {
  return commandsDir(root, part === "bundles" ? "runtime" : "runtime-streams");
}

/** Whether the folder `dir` is there and holds anything but entries on their way in
 * (".tmp": atomic-write.ts's and the bundle cache's) — a cache folder: a first or cold build
 * finds it empty or missing. */
export function keepsAnything(dir: string): boolean {
  try {
    return readdirSync(dir).some((entry) => !entry.endsWith(".tmp"));
  } catch {
    return false;
  }
}
