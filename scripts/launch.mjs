#!/usr/bin/env node
// Runs a TypeScript entry point (`node scripts/launch.mjs scripts/NAME.ts args…`) without a
// TypeScript compile on every call: the entry is bundled once with esbuild into
// node_modules/.cache/backprop-deck/, and the bundle is reused until the content of one of
// its inputs (recorded with esbuild's metafile) changes — content, not file times, so a
// copied or restored tree never runs a stale bundle. Packages stay external. A dynamic
// import() becomes a chunk of its own, loaded when it runs: an entry can start slow work
// (Chromium) before it loads the heavy modules it needs next.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { access, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
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
const bundleDir = path.join(cacheDir, name);
const bundlePath = path.join(bundleDir, "main.mjs");
const metaPath = path.join(cacheDir, `${name}.meta.json`);

const hashOf = async (file) => createHash("sha256").update(await readFile(path.join(root, file))).digest("hex");

async function isFresh() {
  try {
    await access(bundlePath);
    const recorded = JSON.parse(await readFile(metaPath, "utf8")).hashes;
    const files = Object.keys(recorded);
    const now = await Promise.all(files.map(hashOf));
    return files.length > 0 && now.every((h, k) => h === recorded[files[k]]);
  } catch {
    return false; // no bundle yet, an input is gone, or an older kind of record: rebuild
  }
}

if (!(await isFresh())) {
  await mkdir(cacheDir, { recursive: true });
  const result = await build({
    entryPoints: { main: entryPath },
    absWorkingDir: root,
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    metafile: true,
    write: false,
    logLevel: "error",
    outdir: bundleDir,
    outExtension: { ".js": ".mjs" },
  });
  // Write a folder beside, then rename it: parallel launches never read a half-written one.
  const tmpDir = `${bundleDir}.${process.pid}.tmp`;
  await mkdir(tmpDir, { recursive: true });
  await Promise.all(result.outputFiles.map((f) => writeFile(path.join(tmpDir, path.relative(bundleDir, f.path)), f.contents)));
  const inputs = Object.keys(result.metafile.inputs);
  const hashes = Object.fromEntries(await Promise.all(inputs.map(async (file) => [file, await hashOf(file)])));
  await writeFile(`${metaPath}.${process.pid}.tmp`, JSON.stringify({ hashes }));
  const oldDir = `${bundleDir}.${process.pid}.old`;
  await rename(bundleDir, oldDir).catch(() => undefined);
  await rename(tmpDir, bundleDir);
  await rm(oldDir, { recursive: true, force: true });
  await rename(`${metaPath}.${process.pid}.tmp`, metaPath);
}

process.argv.splice(1, 2, entryPath);
await import(pathToFileURL(bundlePath).href);
