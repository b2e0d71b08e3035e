// Build-time code highlighting with shiki (shiki.ts), in a worker thread of its own
// (highlight-worker.ts); no highlighter in the browser. A fence names its language as shiki
// does, by id or alias (`ts`, `typescript`); a name shiki does not know shows the code plain.
// Shiki (a grammar takes a quarter of a second to load and compile) is started only when some
// code is not in the cache: each block's HTML is kept on disk by the hash of what made it —
// shiki's and its grammars' versions, the themes, the language and the code — so a cache
// never changes the output.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "../../io/atomic-write.ts";
import { HighlightWorkerClient } from "./highlight-worker-client.ts";
import { shikiVersion } from "./shiki.ts";

/** A block of code a slide shows. */
export interface CodeBlock {
  code: string;
  lang: string;
}

/** What the highlighter's worker is asked, and answers. */
export interface HighlightRequest {
  request: number;
  blocks: readonly CodeBlock[];
}
export type HighlightReply = { request: number; html: string[] } | { request: number; error: string };

export interface Highlighter {
  /** whether the HTML of `block` is at hand without shiki */
  has(block: CodeBlock): boolean;
  /** Highlights those of `blocks` that no cache holds (shiki, in its worker); resolves when
   * html() has each of them. */
  prepare(blocks: readonly CodeBlock[]): Promise<void>;
  /** Highlighted <pre> for `code` (prepared first); plain, escaped code for a language
   * shiki does not know. */
  html(code: string, lang: string): string;
  close(): Promise<void>;
}

/** The name of the file in a highlighter's cache folder that holds `block`'s HTML as
 * shiki `version` (shikiVersion()) makes it. */
export function codeCacheFile(block: CodeBlock, version: string): string {
  return `${createHash("sha256").update(`${version}\0${block.lang}\0${block.code}`).digest("hex").slice(0, 32)}.html`;
}

/** A highlighter of its own, caching in `cacheDir` (the session owns it and closes it);
 * `worker`: one started already (startHighlighterEarly), which it takes over. */
export function createCodeHighlighter(cacheDir: string, worker?: HighlightWorkerClient): Highlighter {
  const version = shikiVersion();
  const memory = new Map<string, string>();

  const keyOf = (block: CodeBlock): string => codeCacheFile(block, version);
  const fileOf = (key: string): string => path.join(cacheDir, key);
  const cached = (key: string): string | undefined => {
    const hit = memory.get(key);
    if (hit !== undefined || !existsSync(fileOf(key))) return hit;
    const html = readFileSync(fileOf(key), "utf8");
    memory.set(key, html);
    return html;
  };

  return {
    has: (block) => cached(keyOf(block)) !== undefined,
    async prepare(blocks) {
      const missing = [...new Map(blocks.map((b) => [keyOf(b), b])).entries()].filter(([key]) => cached(key) === undefined);
      if (missing.length === 0) return;
      const client = (worker ??= new HighlightWorkerClient());
      const html = await client.highlight(missing.map(([, block]) => block)).catch(async (error: unknown) => {
        // a worker that failed answers nothing more: the next compile starts another
        if (worker === client) worker = undefined;
        await client.close();
        throw error;
      });
      await Promise.all(
        missing.map(([key], k) => {
          memory.set(key, html[k]);
          return writeFileAtomic(fileOf(key), html[k]);
        }),
      );
    },
    html(code, lang) {
      const hit = cached(keyOf({ code, lang }));
      // a block the compiler did not announce: only a bug gets here
      if (hit === undefined) throw new Error(`internal: code in "${lang}" was not prepared for highlighting`);
      return hit;
    },
    close: async () => {
      await worker?.close();
      worker = undefined;
    },
  };
}
