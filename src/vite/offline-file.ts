// The offline file: one HTML file that works from file:// with no network, made from the
// site the build staged (its page, assets/: the chunks Vite split the code into and one
// stylesheet). The stylesheet goes in as it is (KaTeX's fonts are inlined in it); the code
// (every chunk, the lazy ones too: offline-chunks.ts) and the slides go in as two zstd
// frames in base64 (zstd-pack.ts), half of what deflate makes of them; one classic script,
// src/deck/offline-boot.ts bundled here with its decoder, unpacks them and starts the deck,
// making each lazy chunk a module only when the deck first imports it.
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";
import { replaceCss } from "vite-plugin-singlefile";
import { PACKAGE_ROOT } from "../io/package-root.ts";
import { PACKED_CHUNKS_ID, PACKED_CODE_ID, PACKED_SLIDES_ID } from "../shared/runtime-config.ts";
import { packChunks } from "./offline-chunks.ts";
import { zstdPacked } from "./zstd-pack.ts";

const BOOT_ENTRY = path.join(PACKAGE_ROOT, "src", "deck", "offline-boot.ts");
const ENTRY_SCRIPT = /<script type="module"[^>]*\ssrc="\.\/assets\/([^"]+\.js)"[^>]*><\/script>\s*/;

/** The boot script, bundled with fzstd into one classic script. */
async function bootScript(): Promise<string> {
  const result = await build({ entryPoints: [BOOT_ENTRY], bundle: true, format: "iife", platform: "browser", target: "es2022", minify: true, write: false, logLevel: "error", legalComments: "none" });
  const code = result.outputFiles[0].text.trim();
  if (/<\/script|<!--/i.test(code)) throw new Error("offline file: the boot script would end its script element early");
  return code;
}

/** JSON that cannot end its script element early. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, "\\u003c");

/** The offline file for the site staged in `siteDir`, whose page without its slides is
 * `page` (deckPageHtml(…, withoutSlides)) and whose slides are `slidesHtml`; zstd frames
 * are cached in `cacheFolder`. */
export async function offlineFile(siteDir: string, page: string, slidesHtml: string, cacheFolder: string): Promise<string> {
  const entry = ENTRY_SCRIPT.exec(page)?.[1];
  if (!entry) throw new Error("offline file: the site's page has no module script in assets/");
  const assets = (await readdir(path.join(siteDir, "assets"))).sort();
  let html = page.replace(ENTRY_SCRIPT, "");
  const sources = new Map<string, string>();
  for (const file of assets) {
    const text = await readFile(path.join(siteDir, "assets", file), "utf8");
    if (file.endsWith(".js")) sources.set(file, text);
    else if (file.endsWith(".css")) html = replaceCss(html, file, text);
  }
  if (/<(script|link)[^>]+(src|href)="\.\/assets\//.test(html)) throw new Error("the offline file still refers to assets/");
  const { code, chunks } = await packChunks(sources, entry);
  const [packedCode, packedSlides, boot] = await Promise.all([zstdPacked(code, cacheFolder), zstdPacked(slidesHtml, cacheFolder), bootScript()]);
  const tail = [
    `<script type="application/json" id="${PACKED_CHUNKS_ID}">${scriptJson(chunks)}</script>`,
    `<script type="application/octet-stream" id="${PACKED_CODE_ID}">${packedCode.toString("base64")}</script>`,
    `<script type="application/octet-stream" id="${PACKED_SLIDES_ID}">${packedSlides.toString("base64")}</script>`,
    `<script>${boot}</script>`,
  ].join("\n    ");
  return html.replace("</body>", () => `    ${tail}\n  </body>`);
}
