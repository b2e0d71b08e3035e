// The offline file as the browser ends up with it: its slides are a zstd frame in a script
// element (src/vite/offline-file.ts) that its boot script unpacks at load
// (src/deck/offline-boot.ts); tests that read the file's markup read it with the slides put
// back, the same way.
import { readFileSync } from "node:fs";
import { decompress } from "fzstd";
import { parseHTML } from "linkedom";
import { PACKED_CHUNKS_ID, PACKED_CODE_ID, PACKED_SLIDES_ID, type PackedChunks } from "../../src/shared/runtime-config.ts";

/** Element `id`'s zstd frame (base64), unpacked, or undefined when the page has none. */
function unpacked(html: string, id: string): string | undefined {
  const packed = parseHTML(html).document.getElementById(id);
  return packed ? Buffer.from(decompress(Buffer.from(packed.textContent!.trim(), "base64"))).toString("utf8") : undefined;
}

/** The packed slides' markup, or undefined when the page carries its slides as markup. */
export function packedSlides(html: string): string | undefined {
  return unpacked(html, PACKED_SLIDES_ID);
}

/** The offline file's code: each chunk by file name, as packed (its static imports' places
 * in `chunks.links`), or undefined when the page has none. */
export function packedCode(html: string): { chunks: PackedChunks; sources: Map<string, string> } | undefined {
  const code = unpacked(html, PACKED_CODE_ID);
  const table = parseHTML(html).document.getElementById(PACKED_CHUNKS_ID)?.textContent;
  if (code === undefined || !table) return undefined;
  const chunks = JSON.parse(table) as PackedChunks;
  const sources = new Map<string, string>();
  let at = 0;
  chunks.files.forEach((file, k) => {
    sources.set(file, code.slice(at, at + chunks.lengths[k]));
    at += chunks.lengths[k];
  });
  return { chunks, sources };
}

/** The offline file's page with its slides unpacked into `.reveal .slides`. */
export function readOfflinePage(file: string): string {
  const html = readFileSync(file, "utf8");
  const slides = packedSlides(html);
  if (slides === undefined) return html;
  return html.replace(new RegExp(`<script type="application/octet-stream" id="${PACKED_SLIDES_ID}">[^<]*</script>`), "").replace('<div class="slides"></div>', () => `<div class="slides">${slides}</div>`);
}
