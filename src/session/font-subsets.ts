// KaTeX's fonts cut down to the characters a deck's formulas use (subset-font, woff2),
// cached on disk by content.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "../io/atomic-write.ts";

/** Part of a cached subset's name: what the subsetter is asked for besides the text. The
 * subsets carry no TrueType hinting (bytecode that snaps outlines to the pixels of small
 * sizes on low-resolution screens): it is 40 % of their bytes, and a slide draws nothing
 * small enough for it to matter. */
const SUBSET_OPTIONS_KEY = "\0woff2,no-hinting";

/** Cuts a woff2 font to the characters of a text (woff2, no hinting). */
export type SubsetWoff2 = (font: Uint8Array, text: string) => Promise<Buffer>;

export class FontSubsetter {
  /** `cut` runs subset-font (src/io/subset-woff2.ts, in src/vite/font-cutter.ts's process). */
  constructor(
    private readonly cacheDir: string,
    private readonly cut: SubsetWoff2,
  ) {}

  /** The woff2 font `file` subset to the characters of `text`. */
  async subset(file: string, text: string): Promise<Buffer> {
    const source = await readFile(file);
    const key = createHash("sha256").update(source).update("\0").update(text).update(SUBSET_OPTIONS_KEY).digest("hex").slice(0, 24);
    const cached = path.join(this.cacheDir, `${key}.woff2`);
    if (existsSync(cached)) return readFile(cached);
    const subset = await this.cut(source, text);
    await writeFileAtomic(cached, subset);
    return subset;
  }
}
