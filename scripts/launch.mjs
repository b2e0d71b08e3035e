#!/usr/bin/env node
// Runs a TypeScript entry point (`node scripts/launch.mjs scripts/NAME.ts args…`) without a
// TypeScript compile on every call: the entry is bundled once with esbuild into
// node_modules/.backprop-deck-commands/, and the bundle is reused until the content of one
// of its inputs (recorded with esbuild's metafile) changes — content, not file times, so a
// copied or restored tree never runs a stale bundle. `npm install` bundles every command
// (`node scripts/launch.mjs --prepare`, the package's prepare script), as an installed tool
// comes compiled: a deck's first build does not compile the tool's code first; it then
// bundles the browser runtime of a plain deck (scripts/prepare-runtime.ts). They are
// not in the decks' cache folder (node_modules/.cache/backprop-deck), which holds what is
// made from a deck. Packages stay external. A dynamic
// import() becomes a chunk of its own, loaded when it runs: an entry can start slow work
// (Chromium) before it loads the heavy modules it needs next. The workers' entry points are
// bundled in the same run (WORKER_ENTRIES), so a cold build starts its workers at once
// instead of bundling each of them on its way (src/io/worker-bundle.ts finds them).
import { createHash } from "node:crypto";
import { setFlagsFromString } from "node:v8";
import { access, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { EVENT_TARGET_FILE, withLazyListenerMaps } from "./linkedom-listeners.mjs";
import { STYLE_ELEMENT_FILE, withoutStyleSheetParser } from "./linkedom-style-sheets.mjs";

// V8 optimises a function once it has run for a while; our commands are short and load a
// great deal of code that runs a few times each (the compiler, Vite, svgo), so at V8's
// default much of it was optimised for nothing — in background threads, on two cores.
// Sixteen times the default (whole-process times, alternated pairs): four times the default
// made a cold build of the benchmark deck ≈ 10 % faster; sixteen, another 6 % (0.94×), and
// the real deck's cold build 0.93×; its warm build and the dev server's edits as fast
// (npm run bench); sixty-four times gained nothing more. Set before the entry's code loads.
setFlagsFromString("--interrupt-budget=1081344");

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const PREPARE = "--prepare";
const entry = process.argv[2];

// V8 runs a regular expression's first match in its interpreter and compiles it to machine
// code for the second: most of ours run many times (markdown-it's, KaTeX's, shiki's
// grammars), so each was compiled twice. Straight to machine code: shiki loaded and the
// benchmark deck's TypeScript block highlighted in ≈ 0.21 s instead of ≈ 0.30 s (its
// tokenizing alone ≈ 0.12 s instead of ≈ 0.2 s), the deck's cold build 0.97× and
// this deck's 0.98× (alternated pairs). Only in the commands that compile once and end: a
// dev server kept the machine code of every edit's new expressions — its heap after 100
// edits grew ≈ 9 MiB (14 %) in most runs of `npm run bench -- dev`, against ≈ 2 MiB.
const COMPILES_ONCE = ["build.ts", "pdf.ts", "check.ts"].map((file) => path.join(root, "scripts", file));
if (entry && COMPILES_ONCE.includes(path.resolve(entry))) setFlagsFromString("--no-regexp-tier-up");
if (!entry) {
  process.stderr.write(`usage: node scripts/launch.mjs <entry.ts> [args…]\n       node scripts/launch.mjs ${PREPARE}   (bundles every command of package.json, then the browser runtime of a plain deck)\n`);
  process.exit(2);
}
// src/io/cache-dir.ts's commandsDir (this file is plain JavaScript and cannot import it;
// test/cli/launch.test.ts finds the bundles where that says)
const commandsDir = path.join(root, "node_modules", ".backprop-deck-commands");

/** The entry points that src/io/worker-bundle.ts's bundleWorker() is asked for, by the name
 * it is given (a test keeps this list and those calls in step). */
const WORKER_ENTRIES = {
  "mermaid-worker": "src/chromium/mermaid-worker.ts",
  "runtime-bundle-worker": "src/vite/runtime-bundle-worker.ts",
  "wasm-tools-worker": "src/io/wasm-tools-worker.ts",
  "snippet-worker": "src/compile/snippets/worker.ts",
  "highlight-worker": "src/compile/markdown/highlight-worker.ts",
};
/** Where worker-bundle.ts looks for them: this variable names a JSON object of entry point
 * (package-relative) → bundled file. */
const WORKER_BUNDLES_VARIABLE = "BACKPROP_DECK_WORKER_BUNDLES";

const hashOf = async (file) => createHash("sha256").update(await readFile(path.join(root, file))).digest("hex");

/** Packages bundled into the entry rather than imported from node_modules: linkedom is ≈250
 * small modules with its HTML parser and CSS selector engine, which Node's module loader took
 * ≈145 ms to load, and ≈55 bundled. Its own imports of other packages come in with it (they
 * must be ES modules: a CommonJS package's require() of Node's modules cannot run bundled
 * into an ES module). */
const INLINED_PACKAGES = new Set(["linkedom", "yaml"]);
/** Inlined packages whose Node build is CommonJS, by the ES module build they also ship (the
 * same code, their package's "default" export): yaml's Node build is 77 CommonJS modules,
 * ≈ 60 ms of CPU to load alone against ≈ 15 ms bundled; the benchmark deck's warm build
 * 0.96x the time (fourteen alternated pairs), its cold build as fast. */
const ES_MODULE_BUILDS = { yaml: "browser/index.js" };
/** What stands for the inlined packages' files in a bundle's record: the lock file fixes
 * their versions (hashing their hundreds of files on every launch would cost more than it saves). */
const LOCK_FILE = "package-lock.json";
/** This file: how a bundle is made (INLINED_PACKAGES) is part of what it is, so a record
 * without it is from an older way of making them. */
const LAUNCH_FILE = path.relative(root, fileURLToPath(import.meta.url));
/** How linkedom is changed as it is bundled: part of what a bundle is, as this file is. */
const LINKEDOM_PATCH_FILES = ["linkedom-listeners.mjs", "linkedom-style-sheets.mjs"].map((file) => path.join("scripts", file));

/** esbuild: packages stay external (imported from node_modules when the bundle runs) except
 * INLINED_PACKAGES and what they import. */
const inlineSomePackages = {
  name: "inline-some-packages",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("node:") || args.importer.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const [scopeOrName, name] = args.path.split("/");
      const esModuleBuild = ES_MODULE_BUILDS[args.path];
      if (esModuleBuild) return { path: path.join(path.dirname(require.resolve(`${args.path}/package.json`)), esModuleBuild) };
      return INLINED_PACKAGES.has(scopeOrName.startsWith("@") ? `${scopeOrName}/${name}` : scopeOrName) ? undefined : { path: args.path, external: true };
    });
  },
};

/** esbuild: linkedom's listener maps made on a node's first listener (linkedom-listeners.mjs),
 * and its <style> element without the CSS parser (linkedom-style-sheets.mjs). */
const linkedomAsBundled = {
  name: "linkedom-as-bundled",
  setup(build) {
    for (const [filter, change] of [[EVENT_TARGET_FILE, withLazyListenerMaps], [STYLE_ELEMENT_FILE, withoutStyleSheetParser]]) {
      build.onLoad({ filter }, async (args) => {
        const code = await readFile(args.path, "utf8");
        return { contents: change(code) ?? code, loader: "js" };
      });
    }
  },
};

/** Where entry `entryPath`'s bundles and its record are. */
function bundleNames(entryPath) {
  const name = path.relative(root, entryPath).replace(/[\\/]/g, "__").replace(/\.ts$/, "");
  return { name, metaPath: path.join(commandsDir, `${name}.meta.json`) };
}

/** The recorded bundle's entry, if every input it was made from is unchanged. */
async function freshBundle(entryPath) {
  const { metaPath } = bundleNames(entryPath);
  try {
    const { hashes, dir } = JSON.parse(await readFile(metaPath, "utf8"));
    const entryFile = path.join(commandsDir, path.basename(dir), "main.mjs");
    await access(entryFile);
    const files = Object.keys(hashes);
    const now = await Promise.all(files.map(hashOf));
    return files.includes(LAUNCH_FILE) && now.every((h, k) => h === hashes[files[k]]) ? entryFile : undefined;
  } catch {
    return undefined; // no bundle yet, an input is gone, or an older kind of record: rebuild
  }
}

/** Bundles the entry into a folder named by its content: a folder, once there, never
 * changes, so a launch still running from it (its chunks load late) is never disturbed,
 * and two launches making the same bundle agree. */
async function bundle(entryPath) {
  const { name, metaPath } = bundleNames(entryPath);
  await mkdir(commandsDir, { recursive: true });
  const tmpDir = path.join(commandsDir, `${name}.${process.pid}.tmp`);
  const esbuild = await import("esbuild"); // loaded only when the bundle must be made again
  const result = await esbuild.build({
    entryPoints: { main: entryPath, ...Object.fromEntries(Object.entries(WORKER_ENTRIES).map(([name, file]) => [name, path.join(root, file)])) },
    absWorkingDir: root,
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    plugins: [inlineSomePackages, linkedomAsBundled],
    metafile: true,
    write: false,
    logLevel: "error",
    outdir: tmpDir,
    outExtension: { ".js": ".mjs" },
  });
  // esbuild's service process would otherwise stay, holding ≈55 MiB, through the whole
  // command (a cold build's peak is Chromium drawing diagrams); a later use starts it again
  await esbuild.stop();
  const content = createHash("sha256");
  for (const f of result.outputFiles) content.update(path.relative(tmpDir, f.path)).update(f.contents);
  const dir = `${name}-${content.digest("hex").slice(0, 12)}`;
  const finalDir = path.join(commandsDir, dir);
  try {
    await access(path.join(finalDir, "main.mjs"));
  } catch {
    await mkdir(tmpDir, { recursive: true });
    await Promise.all(result.outputFiles.map((f) => writeFile(f.path, f.contents)));
    // another launch may have put the same folder there first: theirs is as good
    await rename(tmpDir, finalDir).catch(() => rm(tmpDir, { recursive: true, force: true }));
  }
  const sources = Object.keys(result.metafile.inputs).map((file) => (file.includes("node_modules/") ? LOCK_FILE : file));
  const inputs = [...new Set([...sources, LAUNCH_FILE, ...LINKEDOM_PATCH_FILES])];
  const hashes = Object.fromEntries(await Promise.all(inputs.map(async (file) => [file, await hashOf(file)])));
  await writeFile(`${metaPath}.${process.pid}.tmp`, JSON.stringify({ hashes, dir }));
  await rename(`${metaPath}.${process.pid}.tmp`, metaPath);
  await pruneOlderBundles(name, dir);
  return path.join(finalDir, "main.mjs");
}

/** This entry's other bundle folders not touched for an hour (a launch that started from one
 * has long since loaded its chunks). */
async function pruneOlderBundles(name, keep) {
  for (const entry of await readdir(commandsDir)) {
    if (entry === keep || !entry.startsWith(`${name}-`) || entry.includes(".")) continue;
    const dir = path.join(commandsDir, entry);
    const { mtimeMs } = await stat(dir).catch(() => ({ mtimeMs: Date.now() }));
    if (Date.now() - mtimeMs > 3_600_000) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** The entry points of package.json's scripts that run through this file. */
async function commandEntries() {
  const { scripts } = JSON.parse(await readFile(path.join(root, "package.json"), "utf8"));
  const entries = Object.values(scripts).flatMap((line) => [...line.matchAll(/scripts\/launch\.mjs (\S+\.ts)/g)].map(([, file]) => path.join(root, file)));
  return [...new Set(entries)];
}

/** What --prepare runs once the commands are bundled: the browser runtime of a plain deck,
 * bundled into the same folder (src/vite/prepared-runtime.ts). */
const PREPARE_RUNTIME = path.join(root, "scripts", "prepare-runtime.ts");

if (entry === PREPARE) {
  // one at a time: esbuild uses every core for each
  for (const entryPath of await commandEntries()) if (!(await freshBundle(entryPath))) await bundle(entryPath);
}

const entryPath = entry === PREPARE ? PREPARE_RUNTIME : path.resolve(entry);
const bundlePath = (await freshBundle(entryPath)) ?? (await bundle(entryPath));
const bundleDir = path.dirname(bundlePath);
process.env[WORKER_BUNDLES_VARIABLE] = JSON.stringify(Object.fromEntries(Object.entries(WORKER_ENTRIES).map(([name, file]) => [file, path.join(bundleDir, `${name}.mjs`)])));

process.argv.splice(1, 2, entryPath);
await import(pathToFileURL(bundlePath).href);
