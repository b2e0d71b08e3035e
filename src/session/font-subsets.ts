// KaTeX's fonts cut down to the characters a deck's formulas use (subset-font, woff2),
// cached on disk by content, and within one session by request, so the two builds of one
// `npm run build` (and the prewarm before them) share each subsetting.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "../io/atomic-write.ts";

export class FontSubsetter {
  private readonly pending = new Map<string, Promise<Buffer>>();

  constructor(private readonly cacheDir: string) {}

  /** The woff2 font `file` subset to the characters of `text`. */
  subset(file: string, text: string): Promise<Buffer> {
    const key = `${file}\0${text}`;
    let result = this.pending.get(key);
    if (!result) {
      result = this.subsetCached(file, text);
      this.pending.set(key, result);
    }
    return result;
  }

  private async subsetCached(file: string, text: string): Promise<Buffer> {
    const source = await readFile(file);
    const key = createHash("sha256").update(source).update("\0").update(text).digest("hex").slice(0, 24);
    const cached = path.join(this.cacheDir, `${key}.woff2`);
    if (existsSync(cached)) return readFile(cached);
    const { default: subsetFont } = await import("subset-font"); // loaded only when a subset is new
    const subset = await subsetFont(source, text, { targetFormat: "woff2" });
    await writeFileAtomic(cached, subset);
    return subset;
  }
}
