// The offline file: one HTML file that works from file:// with no network, made from the
// site the build staged (its page, assets/: the chunks Vite split the code into and one
// stylesheet). The code (every chunk, the lazy ones too: offline-chunks.ts) goes in as one
// LZMA stream in base64 (lzma-pack.ts), the stylesheet and the slides (offline-slides.ts,
// their most frequent tags coded in a byte or two: offline-markup.ts) as another — less than
// half of what deflate makes of them — and KaTeX's fonts, cut to the deck, in base64 beside
// them in the table (src/shared/font-data.ts: packing cannot make woff2 smaller); the code's
// stream is packed apart so that a build whose code did not change packs only the other,
// and a plain deck's is packed once, by `npm install` (packedCodeStream). One classic script,
// src/deck/offline-boot.ts bundled once with its decoder (boot-script.ts), unpacks them and
// starts the deck, making each lazy chunk a module only when the deck first imports it.
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { scriptJson } from "../shared/html.ts";
import type { WasmTools } from "../io/wasm-tools.ts";
import { PACKED_CODE_ID, PACKED_ID, PACKED_TABLE_ID, type PackedDeck } from "../shared/runtime-config.ts";
import { bootScript } from "./boot-script.ts";
import { packChunks, type PackedChunks } from "./offline-chunks.ts";
import { keptOfflineSlides, makeOfflineSlides } from "./kept-offline-slides.ts";
import type { CodedMarkup } from "./offline-markup.ts";
import { lzmaPacked } from "./lzma-pack.ts";

const ENTRY_SCRIPT = /<script type="module"[^>]*\ssrc="\.\/assets\/([^"]+\.js)"[^>]*><\/script>\s*/;
const STYLESHEET = /<link rel="stylesheet"[^>]*\shref="\.\/assets\/([^"]+\.css)"[^>]*>\s*/;

/** The stylesheet in assets/ that `page` (a staged site's) links. */
export async function linkedStylesheet(siteDir: string, page: string): Promise<string> {
  const sheet = STYLESHEET.exec(page)?.[1];
  if (!sheet) throw new Error("offline file: the site's page links no stylesheet in assets/");
  return readFile(path.join(siteDir, "assets", sheet), "utf8");
}

/** The site's page without its script and stylesheet, its entry's file name, and the code
 * of every chunk in assets/. */
async function readSite(siteDir: string, page: string): Promise<{ html: string; entry: string; sources: Map<string, string> }> {
  const entry = ENTRY_SCRIPT.exec(page)?.[1];
  if (!entry || !STYLESHEET.test(page)) throw new Error("offline file: the site's page has no module script or stylesheet in assets/");
  const html = page.replace(ENTRY_SCRIPT, "").replace(STYLESHEET, "");
  if (/<(script|link)[^>]+(src|href)="\.\/assets\//.test(html)) throw new Error("the offline file still refers to assets/");
  const sources = new Map<string, string>();
  for (const file of (await readdir(path.join(siteDir, "assets"))).sort()) {
    if (file.endsWith(".js")) sources.set(file, await readFile(path.join(siteDir, "assets", file), "utf8"));
  }
  return { html, entry, sources };
}

/** The slides as the offline file carries them: their markup coded (offline-markup.ts). */
export interface OfflineSlides {
  /** their length once expanded, in UTF-16 units and in UTF-8 bytes */
  length: number;
  bytes: number;
  markup: CodedMarkup;
}

/** `slidesHtml` made ready for the offline file — a build does it while the runtime is
 * still being bundled —, kept in `keptIn` if given (kept-offline-slides.ts). */
export async function offlineSlidesOf(slidesHtml: string, keptIn?: string): Promise<OfflineSlides> {
  return keptIn ? keptOfflineSlides(slidesHtml, keptIn) : makeOfflineSlides(slidesHtml);
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

/** The offline file's frame — the markup codes' dictionary, the stylesheet with its fonts'
 * placeholders (the fonts go beside it: fillFontData) and the slides — as the table
 * describes it, and its packing. */
export interface PackedFrame {
  table: Pick<PackedDeck, "style" | "slides" | "frame" | "markup" | "expanded">;
  packed: Promise<Buffer>;
}

/** The frame of `style` (a staged stylesheet, its fonts not filled in) and `slides`, its
 * packing begun: a build starts it while KaTeX's fonts are still being cut. */
export function packFrame(style: string, slides: OfflineSlides, streams: OfflineStreams, packer: WasmTools): PackedFrame {
  const { markup } = slides;
  const styleBytes = Buffer.from(style, "utf8");
  const frame = Buffer.concat([markup.dictionary, styleBytes, markup.coded]);
  const packed = lzmaPacked(frame, streams.cacheFolder, packer);
  packed.catch(() => undefined); // awaited by offlineFile
  return { table: { style: style.length, slides: slides.length, frame: frame.length, markup: markup.dictionary.length, expanded: styleBytes.length + slides.bytes }, packed };
}

/** The offline file for the site staged in `siteDir`, whose page without its slides is
 * `page` (deckPageHtml(…, withoutSlides)), whose stylesheet and slides are `frame` and
 * whose fonts are `fonts` (fontData's); its code's stream is found where `streams` says,
 * else packed by `packer`. */
export async function offlineFile(siteDir: string, page: string, frame: PackedFrame, fonts: Readonly<Record<string, string>>, streams: OfflineStreams, packer: WasmTools): Promise<string> {
  const site = await readSite(siteDir, page);
  const code = await offlineCode(site);
  const table: PackedDeck = { ...code.chunks, code: code.bytes.length, ...frame.table, fonts };
  const [packedCode, packed, boot] = await Promise.all([
    lzmaPacked(code.bytes, streams.cacheFolder, packer, streams.prepared ? [streams.prepared] : []),
    frame.packed,
    bootScript(streams.cacheFolder, streams.prepared ? [streams.prepared] : []),
  ]);
  const tail = [
    `<script type="application/json" id="${PACKED_TABLE_ID}">${scriptJson(table)}</script>`,
    `<script type="application/octet-stream" id="${PACKED_CODE_ID}">${packedCode.toString("base64")}</script>`,
    `<script type="application/octet-stream" id="${PACKED_ID}">${packed.toString("base64")}</script>`,
    `<script>${boot}</script>`,
  ].join("\n    ");
  return site.html.replace("</body>", () => `    ${tail}\n  </body>`);
}
