// The offline file's one script of its own (a classic script at the end of its body,
// bundled with its LZMA decoder by src/vite/offline-file.ts): it unpacks the deck — its code
// (one LZMA stream in base64, PACKED_CODE_ID), its stylesheet and slides (another,
// PACKED_ID, the slides' frequent tags in codes of a byte or two: src/shared/markup-codes.ts),
// the stylesheet's fonts filled in from the table — and starts it. Every chunk of
// the code becomes a module at a blob: URL of its own, made the first time it is needed —
// the entry now, a chunk that only some slides use when the deck first imports it, its code
// unpacked only then (≈ two thirds of the code: KaTeX and the formula checker) — with
// the specifiers of its static imports replaced by their chunks' URLs; its dynamic imports
// ask window[CHUNK_URL_KEY] (the build wrote them so). Chromium refuses module scripts from
// file://, but not modules made here. The boot puts the slides into the page while the
// entry loads (the browser fetches and compiles it meanwhile), as the site's page has them
// as markup: the deck's code finds them there.
import { fillFontData } from "../shared/font-data.ts";
import { LzmaReader } from "../shared/lzma-decode.ts";
import { expandMarkup, markupEntries } from "../shared/markup-codes.ts";
import { CHUNK_URL_KEY, OFFLINE_LZMA, PACKED_CODE_ID, PACKED_ID, PACKED_TABLE_ID, type PackedDeck } from "../shared/runtime-config.ts";

type BootWindow = Window & Record<string, unknown>;

/** The text of element `id`, taken out of the page (it is read once). */
function takeText(id: string): string {
  const element = document.getElementById(id);
  if (!element?.textContent) throw new Error(`the file has no #${id}`);
  element.remove();
  return element.textContent;
}

/** The LZMA stream in base64 in element `id`, to be unpacked to its `length` bytes. */
function packed(id: string, length: number): LzmaReader {
  const binary = atob(takeText(id).trim());
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new LzmaReader(bytes, OFFLINE_LZMA, length);
}

/** The frame (PACKED_ID) unpacked, its markup codes expanded (their dictionary is its first
 * `markup` bytes, `expanded` their length), read as UTF-8: the stylesheet, then the slides. */
function unpackFrame({ frame: length, markup, expanded }: PackedDeck): string {
  const frame = packed(PACKED_ID, length).readTo(length);
  return new TextDecoder().decode(expandMarkup(frame.subarray(markup), markupEntries(frame.subarray(0, markup)), expanded));
}

/** Chunk `index`'s module URL, made (with those of its static imports) on first use: its
 * code unpacked from `code` only then — the chunks the entry imports come right after it,
 * the ones only some slides use after those. */
function chunkUrls(code: LzmaReader, table: PackedDeck): (index: number) => string {
  const starts = table.lengths.map((_, k) => table.lengths.slice(0, k).reduce((a, b) => a + b, 0));
  const text = new TextDecoder();
  const urls: string[] = [];
  const urlOf = (index: number): string => {
    if (urls[index]) return urls[index];
    const end = starts[index] + table.lengths[index];
    const chunk = text.decode(code.readTo(end).subarray(starts[index], end));
    let source = "";
    let at = 0;
    for (const [start, stop, target] of table.links[index]) {
      source += chunk.slice(at, start) + urlOf(target);
      at = stop;
    }
    source += chunk.slice(at);
    urls[index] = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    return urls[index];
  };
  return urlOf;
}

/** Says on the page why the deck cannot start (it has nothing else to show). */
function cannotStart(error: unknown): void {
  const slides = document.querySelector(".reveal .slides");
  const why = String((error as Error)?.message ?? error).replace(/</g, "&lt;");
  if (slides) slides.innerHTML = `<section><h2>This browser cannot open the deck</h2><p>The deck in this file is compressed, and this browser cannot unpack or start it (${why}). Open it in a current Chrome, Edge, Firefox or Safari.</p></section>`;
}

function boot(win: BootWindow): void {
  const table = JSON.parse(takeText(PACKED_TABLE_ID)) as PackedDeck;
  const text = unpackFrame(table);
  const urlOf = chunkUrls(packed(PACKED_CODE_ID, table.code), table);
  win[CHUNK_URL_KEY] = (file: string): string => {
    const index = table.files.indexOf(file);
    if (index < 0) throw new Error(`no chunk ${file} in this file`);
    return urlOf(index);
  };
  const style = document.createElement("style");
  style.textContent = fillFontData(text.slice(0, table.style), table.fonts);
  document.head.append(style);
  import(/* @vite-ignore */ urlOf(0))
    .catch((error: unknown) => {
      // served with a Content-Security-Policy that allows no blob: scripts (npm run
      // present's serves dist/): the site's own chunks are beside the file
      if (!/^https?:$/.test(location.protocol)) throw error;
      return import(/* @vite-ignore */ new URL(`assets/${table.files[0]}`, location.href).href);
    })
    .catch(cannotStart);
  document.querySelector(".reveal .slides")!.innerHTML = text.slice(table.style, table.style + table.slides);
}

try {
  boot(window as unknown as BootWindow);
} catch (error) {
  cannotStart(error);
}
