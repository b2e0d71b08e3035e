// The offline file as the browser ends up with it: its code is one LZMA stream in a script
// element, its stylesheet and slides another (src/vite/offline-file.ts), which its boot
// script unpacks at load (src/deck/offline-boot.ts), expanding the slides' markup codes and
// filling the stylesheet's fonts in from the table; tests that read the
// file's markup read it with the stylesheet and the slides put back, the same way (with the
// boot's decoder: test/shared/lzma-decode.test.ts checks it against 7-Zip's encoder).
import { readFileSync } from "node:fs";
import { parseHTML } from "linkedom";
import { fillFontData } from "../../src/shared/font-data.ts";
import { lzmaDecode } from "../../src/shared/lzma-decode.ts";
import { expandMarkup, markupEntries } from "../../src/shared/markup-codes.ts";
import { OFFLINE_LZMA, PACKED_CODE_ID, PACKED_ID, PACKED_TABLE_ID, type PackedDeck } from "../../src/shared/runtime-config.ts";

export interface UnpackedDeck {
  table: PackedDeck;
  /** each chunk's code by file name, as packed (its static imports' places in table.links) */
  sources: Map<string, string>;
  style: string;
  slides: string;
}

/** What the offline file's frame holds, or undefined for a page that has none. */
export function unpackOffline(html: string): UnpackedDeck | undefined {
  const { document } = parseHTML(html);
  const packed = document.getElementById(PACKED_ID)?.textContent;
  const packedCode = document.getElementById(PACKED_CODE_ID)?.textContent;
  const tableText = document.getElementById(PACKED_TABLE_ID)?.textContent;
  if (!packed || !packedCode || !tableText) return undefined;
  const table = JSON.parse(tableText) as PackedDeck;
  const code = Buffer.from(lzmaDecode(Buffer.from(packedCode.trim(), "base64"), OFFLINE_LZMA, table.code));
  const frame = lzmaDecode(Buffer.from(packed.trim(), "base64"), OFFLINE_LZMA, table.frame);
  const text = Buffer.from(expandMarkup(frame.subarray(table.markup), markupEntries(frame.subarray(0, table.markup)))).toString("utf8");
  const sources = new Map<string, string>();
  let at = 0;
  table.files.forEach((file, k) => {
    sources.set(file, code.subarray(at, at + table.lengths[k]).toString("utf8"));
    at += table.lengths[k];
  });
  return { table, sources, style: fillFontData(text.slice(0, table.style), table.fonts), slides: text.slice(table.style, table.style + table.slides) };
}

/** The packed slides' markup, or undefined when the page carries its slides as markup. */
export function packedSlides(html: string): string | undefined {
  return unpackOffline(html)?.slides;
}

/** The offline file's page with its stylesheet and slides put back, its frame taken out. */
export function readOfflinePage(file: string): string {
  const html = readFileSync(file, "utf8");
  const unpacked = unpackOffline(html);
  if (!unpacked) return html;
  return html
    .replace(new RegExp(`<script type="application/octet-stream" id="(${PACKED_ID}|${PACKED_CODE_ID})">[^<]*</script>`, "g"), "")
    .replace("</head>", () => `<style>${unpacked.style}</style></head>`)
    .replace('<div class="slides"></div>', () => `<div class="slides">${unpacked.slides}</div>`);
}
