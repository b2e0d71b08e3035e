// The offline file carries its slides deflated (src/vite/build.ts): put them into the page
// before anything else looks for them. The browser inflates them itself
// (DecompressionStream); the site's page has its slides as markup and nothing to do here.
import { PACKED_SLIDES_ID } from "../shared/runtime-config.ts";

export async function unpackSlides(doc: Document): Promise<void> {
  const packed = doc.getElementById(PACKED_SLIDES_ID);
  if (!packed) return;
  const bytes = Uint8Array.from(atob(packed.textContent!.trim()), (c) => c.charCodeAt(0));
  const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  doc.querySelector(".reveal .slides")!.innerHTML = await new Response(inflated).text();
  packed.remove();
}
