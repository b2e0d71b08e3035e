// A worker's entry point bundled into one ES module in the package's cache, named by its
// content (so a changed source gives a new file and a half-written one never runs).
// Dependencies stay in node_modules. The bundle is reused while the content of every file
// that went into it is unchanged (its content record, beside it). A command started by
// scripts/launch.mjs has its workers bundled already, with the command: those are used.
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "./atomic-write.ts";
import { cacheDir } from "./cache-dir.ts";
import { contentRecord, recordHolds, sha256, type ContentRecord } from "./content-record.ts";
import { bundleForNode } from "./esbuild-command.ts";
import { PACKAGE_ROOT } from "./package-root.ts";

interface BundleRecord {
  /** the bundle's file name in the cache folder (not a path: a copied tree has its own) */
  out: string;
  /** what it was made from, package-relative */
  inputs: ContentRecord;
}

/** The recorded bundle of `name`, if it exists and none of its inputs changed. */
async function reusable(record: string): Promise<string | undefined> {
  try {
    const { out, inputs } = JSON.parse(await readFile(record, "utf8")) as BundleRecord;
    const file = cacheDir(PACKAGE_ROOT, path.basename(out));
    return existsSync(file) && (await recordHolds(inputs, PACKAGE_ROOT)) ? file : undefined;
  } catch {
    return undefined; // no record yet, or an unreadable one: bundle again
  }
}

/** The variable scripts/launch.mjs names its worker bundles in (plain JavaScript: it cannot
 * import this). */
export const WORKER_BUNDLES_VARIABLE = "BACKPROP_DECK_WORKER_BUNDLES";

/** What scripts/launch.mjs bundled `entry` into along with the command it launched, if it
 * did and the file is still there. */
function launchedBundle(entry: string): string | undefined {
  try {
    const file = (JSON.parse(process.env[WORKER_BUNDLES_VARIABLE] ?? "{}") as Record<string, string>)[entry];
    return file && existsSync(file) ? file : undefined;
  } catch {
    return undefined; // not a record of ours: bundle it here
  }
}

/** `entry` (relative to the package) as a runnable module; `name` prefixes the file. */
export async function bundleWorker(entry: string, name: string): Promise<string> {
  const launched = launchedBundle(entry);
  if (launched) return launched;
  const record = cacheDir(PACKAGE_ROOT, `${name}.meta.json`);
  const reused = await reusable(record);
  if (reused) return reused;
  const { code: contents, inputs: sources } = await bundleForNode(path.join(PACKAGE_ROOT, entry), PACKAGE_ROOT);
  const hash = sha256(contents).slice(0, 12);
  const fileName = `${name}-${hash}.mjs`;
  const out = cacheDir(PACKAGE_ROOT, fileName);
  if (!existsSync(out)) {
    await writeFileAtomic(out, contents);
    pruneOlderBundles(name, fileName);
  }
  const inputs = await contentRecord(sources, PACKAGE_ROOT);
  // the record only saves the next run a bundling: failing to write it costs nothing else
  await writeFileAtomic(record, JSON.stringify({ out: fileName, inputs } satisfies BundleRecord)).catch(() => undefined);
  return out;
}

/** Earlier bundles of `name` not touched for an hour (a process that started one has
 * long since loaded it). */
function pruneOlderBundles(name: string, keep: string): void {
  const dir = cacheDir(PACKAGE_ROOT);
  for (const file of readdirSync(dir)) {
    if (file === keep || !file.startsWith(`${name}-`) || !file.endsWith(".mjs")) continue;
    try {
      if (Date.now() - statSync(path.join(dir, file)).mtimeMs > 3_600_000) rmSync(path.join(dir, file), { force: true });
    } catch {
      // another process pruned it first
    }
  }
}
