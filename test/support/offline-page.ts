// The offline file as the browser ends up with it: its slides are deflated into a script
// element (src/vite/build.ts) that the page inflates at load (src/deck/packed-slides.ts);
// tests that read the file's markup read it with the slides put back, the same way.
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import { parseHTML } from "linkedom";
import { PACKED_SLIDES_ID } from "../../src/shared/runtime-config.ts";

/** The packed slides' markup, or undefined when the page carries its slides as markup. */
export function packedSlides(html: string): string | undefined {
  const { document } = parseHTML(html);
  const packed = document.getElementById(PACKED_SLIDES_ID);
  return packed ? inflateRawSync(Buffer.from(packed.textContent!.trim(), "base64")).toString("utf8") : undefined;
}

/** The offline file's page with its slides unpacked into `.reveal .slides`. */
export function readOfflinePage(file: string): string {
  const html = readFileSync(file, "utf8");
  const slides = packedSlides(html);
  if (slides === undefined) return html;
  return html.replace(new RegExp(`<script type="application/octet-stream" id="${PACKED_SLIDES_ID}">[^<]*</script>`), "").replace('<div class="slides"></div>', () => `<div class="slides">${slides}</div>`);
}
