// zstd for the offline file (@hpcc-js/wasm-zstd: the reference library built to
// WebAssembly, so it installs anywhere Node runs). Level 19: the slides' markup packs to
// half of what deflate makes of it, and a page unpacks it in a few milliseconds (fzstd,
// src/deck/offline-boot.ts). That level takes about a second for a large deck, so each
// frame is kept in the build cache, named by the content and the settings: a build whose
// slides or code did not change reuses it.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import { writeFileAtomic } from "../io/atomic-write.ts";
import type { WasmTools } from "../io/wasm-tools.ts";

const LEVEL = 19;

/** The zstd package's version (it fixes the library's): part of a cached frame's name. Its
 * package.json is not among its exports: found above its entry. */
function zstdVersion(): string {
  const name = "@hpcc-js/wasm-zstd";
  for (let dir = path.dirname(createRequire(import.meta.url).resolve(name)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (!existsSync(manifest)) continue;
    const { name: found, version } = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string; version: string };
    if (found === name) return version;
  }
  throw new Error(`${name}'s package.json was not found`);
}

/** `data` as one zstd frame, from `cacheFolder` when it was packed before; packed by
 * `tools` (a worker process: zstd's WebAssembly memory is given back when it ends). */
export async function zstdPacked(data: Buffer, cacheFolder: string, tools: WasmTools): Promise<Buffer> {
  const key = createHash("sha256").update(`@hpcc-js/wasm-zstd ${zstdVersion()} level ${LEVEL}\0`).update(data).digest("hex").slice(0, 32);
  const cached = path.join(cacheFolder, `${key}.zst`);
  if (existsSync(cached)) return readFile(cached);
  const packed = await tools.run({ tool: "zstd", data, level: LEVEL });
  await writeFileAtomic(cached, packed);
  return packed;
}
