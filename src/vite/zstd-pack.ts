// zstd for the offline file (@hpcc-js/wasm-zstd: the reference library built to
// WebAssembly, so it installs anywhere Node runs). Level 19: the slides' markup packs to
// half of what deflate makes of it, and a page unpacks it in a few milliseconds (fzstd,
// src/deck/offline-boot.ts). That level takes about a second for a large deck, so each
// frame is kept in the build cache, named by the content and the settings: a build whose
// slides or code did not change reuses it.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Zstd } from "@hpcc-js/wasm-zstd";
import { writeFileAtomic } from "../io/atomic-write.ts";

const LEVEL = 19;

/** `data` as one zstd frame, from `cacheFolder` when it was packed before. */
export async function zstdPacked(data: Buffer, cacheFolder: string): Promise<Buffer> {
  const zstd = await Zstd.load(); // one instance per process, however often asked
  const key = createHash("sha256").update(`zstd ${zstd.version()} level ${LEVEL}\0`).update(data).digest("hex").slice(0, 32);
  const cached = path.join(cacheFolder, `${key}.zst`);
  if (existsSync(cached)) return readFile(cached);
  const packed = Buffer.from(zstd.compress(data, LEVEL));
  await writeFileAtomic(cached, packed);
  return packed;
}
