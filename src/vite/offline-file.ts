// The offline file: one HTML file that works from file:// with no network, made from the
// site the build staged (its page, assets/: the chunks Vite split the code into and one
// stylesheet, KaTeX's fonts inlined in it). The code (every chunk, the lazy ones too:
// offline-chunks.ts) goes in as one LZMA stream in base64 (lzma-pack.ts), the stylesheet and
// the slides (offline-slides.ts, their most frequent tags coded in a byte or two:
// offline-markup.ts) as another — less than half of what deflate makes of them; the code's
// stream is packed apart so that a build whose code did not change packs only the other,
// and a plain deck's is packed once, by `npm install` (packedCodeStream). One classic script,
// src/deck/offline-boot.ts bundled here with its decoder, unpacks them and starts the deck,
// making each lazy chunk a module only when the deck first imports it.
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";
import { PACKAGE_ROOT } from "../io/package-root.ts";
import { scriptJson } from "../shared/html.ts";
import type { WasmTools } from "../io/wasm-tools.ts";
import { PACKED_CODE_ID, PACKED_ID, PACKED_TABLE_ID, type PackedDeck } from "../shared/runtime-config.ts";
import { packChunks, type PackedChunks } from "./offline-chunks.ts";
import { codeMarkup, type CodedMarkup } from "./offline-markup.ts";
import { offlineSlides } from "./offline-slides.ts";
import { lzmaPacked } from "./lzma-pack.ts";

const BOOT_ENTRY = path.join(PACKAGE_ROOT, "src", "deck", "offline-boot.ts");
const ENTRY_SCRIPT = /<script type="module"[^>]*\ssrc="\.\/assets\/([^"]+\.js)"[^>]*><\/script>\s*/;
const STYLESHEET = /<link rel="stylesheet"[^>]*\shref="\.\/assets\/([^"]+\.css)"[^>]*>\s*/;

/** The boot script, bundled with its LZMA decoder into one classic script. */
async function bootScript(): Promise<string> {
  const result = await build({ entryPoints: [BOOT_ENTRY], bundle: true, format: "iife", platform: "browser", target: "es2022", minify: true, write: false, logLevel: "error", legalComments: "none" });
  const code = result.outputFiles[0].text.trim();
  if (/<\/script|<!--/i.test(code)) throw new Error("offline file: the boot script would end its script element early");
  return code;
}

/** JSON that cannot end its script element early. */

/** The site's page without its script and stylesheet, their file names, and the code of
 * every chunk in assets/. */
async function readSite(siteDir: string, page: string): Promise<{ html: string; entry: string; style: string; sources: Map<string, string> }> {
  const entry = ENTRY_SCRIPT.exec(page)?.[1];
  const sheet = STYLESHEET.exec(page)?.[1];
  if (!entry || !sheet) throw new Error("offline file: the site's page has no module script or stylesheet in assets/");
  const html = page.replace(ENTRY_SCRIPT, "").replace(STYLESHEET, "");
  if (/<(script|link)[^>]+(src|href)="\.\/assets\//.test(html)) throw new Error("the offline file still refers to assets/");
  const sources = new Map<string, string>();
  for (const file of (await readdir(path.join(siteDir, "assets"))).sort()) {
    if (file.endsWith(".js")) sources.set(file, await readFile(path.join(siteDir, "assets", file), "utf8"));
  }
  return { html, entry, style: await readFile(path.join(siteDir, "assets", sheet), "utf8"), sources };
}

/** The slides as the offline file carries them: their markup coded (offline-markup.ts). */
export interface OfflineSlides {
  /** their length once expanded, in UTF-16 units and in UTF-8 bytes */
  length: number;
  bytes: number;
  markup: CodedMarkup;
}

/** `slidesHtml` made ready for the offline file — a build does it while the runtime is
 * still being bundled. */
export function offlineSlidesOf(slidesHtml: string): OfflineSlides {
  const slides = offlineSlides(slidesHtml);
  return { length: slides.length, bytes: Buffer.byteLength(slides, "utf8"), markup: codeMarkup(slides) };
}

/** The code of a staged site (readSite), as the offline file carries it: the chunks' table,
 * and their code in UTF-8. */
async function offlineCode(site: Awaited<ReturnType<typeof readSite>>): Promise<{ chunks: PackedChunks; bytes: Buffer }> {
  const { code, chunks } = await packChunks(site.sources, site.entry);
  return { chunks, bytes: Buffer.from(code, "utf8") };
}

/** Packs the code stream of the site in `siteDir` (its index.html as the bundler wrote it)
 * into `cacheFolder`: what prepared-runtime.ts keeps for every plain deck's offline file. */
export async function packedCodeStream(siteDir: string, cacheFolder: string, packer: WasmTools): Promise<void> {
  const site = await readSite(siteDir, await readFile(path.join(siteDir, "index.html"), "utf8"));
  await lzmaPacked((await offlineCode(site)).bytes, cacheFolder, packer);
}

/** Where the offline file's streams are kept: `cacheFolder` (the deck's, written), and
 * `prepared` (the package's prepared code streams, only read). */
export interface OfflineStreams {
  cacheFolder: string;
  prepared?: string;
}

/** The offline file for the site staged in `siteDir`, whose page without its slides is
 * `page` (deckPageHtml(…, withoutSlides)) and whose slides are `slides`; its streams are
 * found where `streams` says, else packed by `packer`. */
export async function offlineFile(siteDir: string, page: string, slides: OfflineSlides, streams: OfflineStreams, packer: WasmTools): Promise<string> {
  const site = await readSite(siteDir, page);
  const code = await offlineCode(site);
  const { markup } = slides;
  const style = Buffer.from(site.style, "utf8");
  const frame = Buffer.concat([markup.dictionary, style, markup.coded]);
  const table: PackedDeck = { ...code.chunks, code: code.bytes.length, style: site.style.length, slides: slides.length, frame: frame.length, markup: markup.dictionary.length, expanded: style.length + slides.bytes };
  const [packedCode, packed, boot] = await Promise.all([
    lzmaPacked(code.bytes, streams.cacheFolder, packer, streams.prepared ? [streams.prepared] : []),
    lzmaPacked(frame, streams.cacheFolder, packer),
    bootScript(),
  ]);
  const tail = [
    `<script type="application/json" id="${PACKED_TABLE_ID}">${scriptJson(table)}</script>`,
    `<script type="application/octet-stream" id="${PACKED_CODE_ID}">${packedCode.toString("base64")}</script>`,
    `<script type="application/octet-stream" id="${PACKED_ID}">${packed.toString("base64")}</script>`,
    `<script>${boot}</script>`,
  ].join("\n    ");
  return site.html.replace("</body>", () => `    ${tail}\n  </body>`);
}
