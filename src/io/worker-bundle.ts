// A worker thread's entry point bundled into one ES module in the package's cache, named by
// its content (so a changed source gives a new file and a half-written one never runs).
// Dependencies stay in node_modules. The bundle is reused while the content of every file
// that went into it is unchanged (recorded beside it, as scripts/launch.mjs does).
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { writeFileAtomic } from "./atomic-write.ts";
import { cacheDir } from "./cache-dir.ts";
import { PACKAGE_ROOT } from "./package-root.ts";

interface BundleRecord {
  out: string;
  /** package-relative input → sha256 of its content */
  inputs: Record<string, string>;
}

const hashOf = (file: string): string => createHash("sha256").update(readFileSync(path.join(PACKAGE_ROOT, file))).digest("hex");

/** The recorded bundle of `name`, if it exists and none of its inputs changed. */
function reusable(record: string): string | undefined {
  try {
    const { out, inputs } = JSON.parse(readFileSync(record, "utf8")) as BundleRecord;
    const files = Object.keys(inputs);
    return files.length > 0 && existsSync(out) && files.every((f) => hashOf(f) === inputs[f]) ? out : undefined;
  } catch {
    return undefined; // no record yet, or an input is gone: bundle again
  }
}

/** `entry` (relative to the package) as a runnable module; `name` prefixes the file. */
export async function bundleWorker(entry: string, name: string): Promise<string> {
  const record = cacheDir(PACKAGE_ROOT, `${name}.meta.json`);
  const reused = reusable(record);
  if (reused) return reused;
  const result = await build({
    entryPoints: [path.join(PACKAGE_ROOT, entry)],
    absWorkingDir: PACKAGE_ROOT,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    metafile: true,
    write: false,
    logLevel: "error",
  });
  const contents = result.outputFiles[0].contents;
  const hash = createHash("sha256").update(contents).digest("hex").slice(0, 12);
  const out = cacheDir(PACKAGE_ROOT, `${name}-${hash}.mjs`);
  if (!existsSync(out)) await writeFileAtomic(out, contents);
  const inputs = Object.fromEntries(Object.keys(result.metafile.inputs).map((f) => [f, hashOf(f)]));
  await writeFileAtomic(record, JSON.stringify({ out, inputs } satisfies BundleRecord));
  return out;
}
