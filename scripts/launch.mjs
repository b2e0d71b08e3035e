#!/usr/bin/env node
// Runs a TypeScript entry point (`node scripts/launch.mjs scripts/NAME.ts args…`) without a
// TypeScript compile on every call: the entry is bundled once with esbuild into
// node_modules/.cache/backprop-deck/, and the bundle is reused until one of its inputs
// (recorded in esbuild's metafile) changes. Packages stay external and load from node_modules.
import { build } from "esbuild";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const entry = process.argv[2];
if (!entry) {
  process.stderr.write("usage: node scripts/launch.mjs <entry.ts> [args…]\n");
  process.exit(2);
}
const entryPath = path.resolve(entry);
// the cache folder of src/io/cache-dir.ts (this file is plain JavaScript and cannot import it)
const cacheDir = path.join(root, "node_modules", ".cache", "backprop-deck");
const name = path.relative(root, entryPath).replace(/[\\/]/g, "__").replace(/\.ts$/, "");
const bundlePath = path.join(cacheDir, `${name}.mjs`);
const metaPath = path.join(cacheDir, `${name}.meta.json`);

async function isFresh() {
  try {
    const [bundle, meta] = await Promise.all([stat(bundlePath), readFile(metaPath, "utf8")]);
    const inputs = Object.keys(JSON.parse(meta).inputs);
    const times = await Promise.all(inputs.map((p) => stat(path.join(root, p)).then((s) => s.mtimeMs)));
    return times.every((t) => t <= bundle.mtimeMs);
  } catch {
    return false; // no bundle yet, or an input is gone: rebuild
  }
}

if (!(await isFresh())) {
  await mkdir(cacheDir, { recursive: true });
  const result = await build({
    entryPoints: [entryPath],
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    metafile: true,
    write: false,
    logLevel: "error",
    outfile: bundlePath,
  });
  // Write beside, then rename: parallel launches never read a half-written bundle.
  const tmp = `${bundlePath}.${process.pid}.tmp`;
  await writeFile(tmp, result.outputFiles[0].contents);
  await writeFile(`${metaPath}.${process.pid}.tmp`, JSON.stringify(result.metafile));
  await rename(`${metaPath}.${process.pid}.tmp`, metaPath);
  await rename(tmp, bundlePath);
}

process.argv.splice(1, 2, entryPath);
await import(pathToFileURL(bundlePath).href);
