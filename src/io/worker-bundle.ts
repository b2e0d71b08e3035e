// A worker thread's entry point bundled into one ES module in the package's cache, named by
// its content (so a changed source gives a new file and a half-written one never runs).
// Dependencies stay in node_modules.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { writeFileAtomic } from "./atomic-write.ts";
import { cacheDir } from "./cache-dir.ts";
import { PACKAGE_ROOT } from "./package-root.ts";

/** `entry` (relative to the package) as a runnable module; `name` prefixes the file. */
export async function bundleWorker(entry: string, name: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(PACKAGE_ROOT, entry)],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    write: false,
    logLevel: "error",
  });
  const contents = result.outputFiles[0].contents;
  const hash = createHash("sha256").update(contents).digest("hex").slice(0, 12);
  const out = cacheDir(PACKAGE_ROOT, `${name}-${hash}.mjs`);
  if (!existsSync(out)) await writeFileAtomic(out, contents);
  return out;
}
