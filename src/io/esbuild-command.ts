// A worker's bundle made by esbuild's command, not through its JavaScript API: the API keeps
// esbuild's service process (≈ 15 MiB) until the process that used it exits — on a cold
// build, through its peak memory (Chromium drawing the diagrams) for bundles made in its
// first second — and stopping the service leaves waiting forever a build another caller has
// under way. The command ends with its bundle. (On Windows, where esbuild's bin entry is a
// script only Node runs, the API does it.)
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

/** How a worker's entry is bundled: for Node, as an ES module, its packages left to node_modules. */
const FOR_NODE = { bundle: true, platform: "node", format: "esm", target: "node20", packages: "external", logLevel: "error" } as const;

/** A bundle: its code, and the files it was made from (relative to where it was made, as
 * esbuild's metafile names them). */
export interface MadeBundle {
  code: Uint8Array;
  inputs: string[];
}

/** `entry` bundled for Node, esbuild run in `cwd`. */
export async function bundleForNode(entry: string, cwd: string): Promise<MadeBundle> {
  if (process.platform === "win32") return bundleWithApi(entry, cwd);
  const dir = await mkdtemp(path.join(os.tmpdir(), "deck-esbuild-"));
  const outfile = path.join(dir, "bundle.mjs");
  const metafile = path.join(dir, "meta.json");
  const args = [entry, "--bundle", `--platform=${FOR_NODE.platform}`, `--format=${FOR_NODE.format}`, `--target=${FOR_NODE.target}`, `--packages=${FOR_NODE.packages}`, `--log-level=${FOR_NODE.logLevel}`, `--outfile=${outfile}`, `--metafile=${metafile}`];
  try {
    const binary = createRequire(import.meta.url).resolve("esbuild/bin/esbuild");
    await new Promise<void>((resolve, reject) =>
      execFile(binary, args, { cwd }, (error, _stdout, stderr) => (error ? reject(new Error(`esbuild: ${stderr.trim() || error.message}`)) : resolve())),
    );
    const [code, meta] = await Promise.all([readFile(outfile), readFile(metafile, "utf8")]);
    return { code, inputs: Object.keys((JSON.parse(meta) as { inputs: Record<string, unknown> }).inputs) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function bundleWithApi(entry: string, cwd: string): Promise<MadeBundle> {
  const { build } = await import("esbuild");
  const result = await build({ ...FOR_NODE, entryPoints: [entry], absWorkingDir: cwd, metafile: true, write: false });
  return { code: result.outputFiles[0].contents, inputs: Object.keys(result.metafile.inputs) };
}
