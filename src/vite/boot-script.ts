// The offline file's boot script (src/deck/offline-boot.ts bundled with its LZMA decoder into
// one classic script), kept with a record of what it was bundled from (content-record.ts):
// it is the same for every deck, and bundling it started esbuild's service at every build's
// end (a warm build of the benchmark deck took 0.92x the time with it kept). `npm install`
// keeps one with the prepared runtime (prepared-runtime.ts); a build uses that one, or its
// own, or bundles it and keeps it in the deck's cache.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "../io/atomic-write.ts";
import { contentRecord, recordHolds, type ContentRecord } from "../io/content-record.ts";
import { readPackageJson } from "../io/package-json.ts";
import { PACKAGE_ROOT } from "../io/package-root.ts";

const BOOT_ENTRY = path.join("src", "deck", "offline-boot.ts");
/** The file a folder keeps the boot script in. */
const KEPT_NAME = "boot-script.json";

interface KeptBootScript {
  /** esbuild's version (it decides the bytes too) */
  esbuild: string;
  /** what it was bundled from, relative to the package's root */
  inputs: ContentRecord;
  code: string;
}

/** The boot script bundled now, and what it was bundled from (esbuild loaded only now, at
 * the build's end: ≈ 30 ms less before the compile starts). */
async function bundleBootScript(): Promise<KeptBootScript> {
  const { build, version } = await import("esbuild");
  const result = await build({ entryPoints: [BOOT_ENTRY], absWorkingDir: PACKAGE_ROOT, bundle: true, format: "iife", platform: "browser", target: "es2022", minify: true, write: false, metafile: true, logLevel: "error", legalComments: "none" });
  const code = result.outputFiles[0].text.trim();
  if (/<\/script|<!--/i.test(code)) throw new Error("offline file: the boot script would end its script element early");
  // this file too: how the script is bundled is part of what it is
  const inputs = [...Object.keys(result.metafile.inputs), path.join("src", "vite", "boot-script.ts")];
  return { esbuild: version, inputs: await contentRecord(inputs, PACKAGE_ROOT), code };
}

/** The boot script kept in `folder`, if every file it was bundled from reads the same. */
async function keptIn(folder: string): Promise<string | undefined> {
  try {
    const kept = JSON.parse(await readFile(path.join(folder, KEPT_NAME), "utf8")) as KeptBootScript;
    const holds = kept.esbuild === readPackageJson("esbuild").version && (await recordHolds(kept.inputs, PACKAGE_ROOT));
    return holds ? kept.code : undefined;
  } catch {
    return undefined; // none kept, or unreadable: bundle it
  }
}

/** The boot script: kept in `cacheFolder` or one of `alsoIn` (only read), else bundled and
 * kept in `cacheFolder`. */
export async function bootScript(cacheFolder: string, alsoIn: readonly string[] = []): Promise<string> {
  for (const folder of [cacheFolder, ...alsoIn]) {
    const kept = await keptIn(folder);
    if (kept !== undefined) return kept;
  }
  const bundled = await bundleBootScript();
  await writeFileAtomic(path.join(cacheFolder, KEPT_NAME), JSON.stringify(bundled));
  return bundled.code;
}
