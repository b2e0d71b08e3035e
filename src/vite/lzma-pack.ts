// LZMA for the offline file, by 7-Zip's encoder (7z-wasm: 7-Zip built to WebAssembly, so it
// installs anywhere Node runs) at its best settings: 5 % smaller than zstd's level 19 for
// this deck's code and slides, and unpacked by a decoder of 2.8 KB in the page's boot
// (src/shared/lzma-decode.ts). Packing takes 0.5–0.7 s for this deck, so each stream is
// kept in the build cache, named by the content and the settings: a build whose slides or
// code did not change reuses it.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import { writeFileAtomic } from "../io/atomic-write.ts";
import type { WasmTools } from "../io/wasm-tools.ts";
import { OFFLINE_LZMA } from "../shared/runtime-config.ts";

/** The encoder package's version (it fixes 7-Zip's): part of a cached stream's name. */
function encoderVersion(): string {
  const manifest = createRequire(import.meta.url).resolve("7z-wasm/package.json");
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}

/** `data` as a raw LZMA stream (OFFLINE_LZMA's parameters), from `cacheFolder` (or one of
 * `alsoIn`, which are only read: the package's prepared streams) when it was packed before;
 * packed by `tools` (a worker process: 7-Zip's WebAssembly memory is given back when it
 * ends) and kept in `cacheFolder`. */
export async function lzmaPacked(data: Buffer, cacheFolder: string, tools: WasmTools, alsoIn: readonly string[] = []): Promise<Buffer> {
  const settings = `7z-wasm ${encoderVersion()} ${JSON.stringify(OFFLINE_LZMA)}\0`;
  const name = `${createHash("sha256").update(settings).update(data).digest("hex").slice(0, 32)}.lzma`;
  const found = [cacheFolder, ...alsoIn].map((folder) => path.join(folder, name)).find((file) => existsSync(file));
  if (found) return readFile(found);
  const cached = path.join(cacheFolder, name);
  const packed = await tools.run({ tool: "lzma", data, properties: OFFLINE_LZMA });
  await writeFileAtomic(cached, packed);
  return packed;
}
