// The browser runtime's bundle, kept between builds: a build whose bundle would come out the
// same copies the last one instead of bundling again. "The same" is what the bundle is made
// from: what the compile asks for (features, live examples' code), the build tools (the lock
// file, this project's Vite plugins) — the key — and every file the bundler read, by
// content — its content record, checked on the way in. A deck's bundles are kept in its
// cache folder (deleting it is always safe); the one that serves every deck of the plainest
// shape in the package's (prepared-runtime.ts).
import { existsSync } from "node:fs";
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Plugin } from "vite";
import { cacheDir } from "../io/cache-dir.ts";
import { contentRecord, recordHolds, sha256, type ContentRecord } from "../io/content-record.ts";

/** Bundles kept: a few, for switching between decks' shapes (with and without exercises…). */
const KEPT = 4;
const RECORD = "record.json";

interface BundleRecord {
  /** the files the bundler read (absolute) */
  files: ContentRecord;
}

/** The files of the bundler's module graph: real files only (virtual modules are made from
 * what the key holds), without query strings. */
async function filesOf(moduleIds: readonly string[]): Promise<string[]> {
  const files = new Set<string>();
  for (const id of moduleIds) {
    if (id.startsWith("\0") || !path.isAbsolute(id)) continue;
    const file = id.replace(/\?.*$/, "");
    if ((await stat(file).catch(() => undefined))?.isFile()) files.add(file);
  }
  return [...files].sort();
}

/** Where a deck's bundles are kept, one folder each (a ".tmp" one being written). */
export const bundlesOf = (deckRoot: string): string => cacheDir(deckRoot, "bundles");

export class BundleCache {
  private readonly dir: string;

  constructor(
    /** where the bundles are kept: a deck's (bundlesOf), or the package's prepared ones */
    folder: string,
    /** what the bundle is made from besides the files it reads */
    keyParts: unknown,
  ) {
    this.dir = path.join(folder, sha256(JSON.stringify(keyParts)).slice(0, 32));
  }

  /** Whether a bundle is kept for this key (not whether it is still good: restore says). */
  get kept(): boolean {
    return existsSync(path.join(this.dir, RECORD));
  }

  /** Copies the kept bundle into `outDir` if every file it was made from is unchanged;
   * false when there is none to use. */
  async restore(outDir: string): Promise<boolean> {
    let record: BundleRecord;
    try {
      record = JSON.parse(await readFile(path.join(this.dir, RECORD), "utf8")) as BundleRecord;
    } catch {
      return false; // none kept, or an unreadable record: bundle again
    }
    if (!(await recordHolds(record.files))) return false;
    await rm(outDir, { recursive: true, force: true });
    try {
      await cp(path.join(this.dir, "out"), outDir, { recursive: true });
      return true;
    } catch {
      // replaced under us by another build keeping a bundle of the same key: bundle again
      await rm(outDir, { recursive: true, force: true });
      return false;
    }
  }

  /** Keeps the bundle just written to `outDir`, made from `moduleIds`. */
  async keep(outDir: string, moduleIds: readonly string[]): Promise<void> {
    const record: BundleRecord = { files: await contentRecord(await filesOf(moduleIds)) };
    // written beside, then swapped in: a build reading the folder meanwhile sees all or none
    const fresh = `${this.dir}.${process.pid}.tmp`;
    await rm(fresh, { recursive: true, force: true });
    await mkdir(fresh, { recursive: true });
    await cp(outDir, path.join(fresh, "out"), { recursive: true });
    await writeFile(path.join(fresh, RECORD), JSON.stringify(record));
    await rm(this.dir, { recursive: true, force: true });
    try {
      await rename(fresh, this.dir);
    } catch {
      // another build kept a bundle of the same key meanwhile (the package's prepared one
      // serves many decks): theirs stays, ours goes
      await rm(fresh, { recursive: true, force: true });
      return;
    }
    await this.forgetOld();
  }

  /** Only the most recently kept bundles stay. */
  private async forgetOld(): Promise<void> {
    const root = path.dirname(this.dir);
    const names = (await readdir(root)).filter((n) => !n.endsWith(".tmp"));
    const dated = await Promise.all(names.map(async (n) => ({ n, at: (await stat(path.join(root, n))).mtimeMs })));
    for (const { n } of dated.sort((a, b) => b.at - a.at).slice(KEPT)) await rm(path.join(root, n), { recursive: true, force: true });
  }
}

/** What makes the bundle besides the deck: the packages (the lock file), this project's
 * Vite plugins (their source), Node. */
export async function bundleToolsKey(packageRoot: string): Promise<string> {
  const pluginDir = path.join(packageRoot, "src", "vite");
  const sources = [path.join(packageRoot, "package-lock.json"), ...(await readdir(pluginDir)).sort().map((f) => path.join(pluginDir, f))];
  const hashes = Object.values(await contentRecord(sources));
  return sha256(JSON.stringify([process.version, process.platform, process.arch, hashes]));
}

/** A plugin that hears the module ids of the build's graph when it is complete. */
export function moduleGraphPlugin(onIds: (ids: string[]) => void): Plugin {
  return {
    name: "backprop-deck:module-graph",
    buildEnd() {
      onIds([...this.getModuleIds()]);
    },
  };
}
