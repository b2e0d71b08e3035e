// The offline file carries its slides deflated (src/vite/build.ts), and a classic script in
// its head starts inflating them while the page loads (INFLATE_SLIDES_SCRIPT): put them
// into the page before anything else looks for them. The site's page has its slides as
// markup and nothing to do here.
import { INFLATED_SLIDES_KEY, PACKED_SLIDES_ID } from "../shared/runtime-config.ts";

export async function unpackSlides(doc: Document): Promise<void> {
  const packed = doc.getElementById(PACKED_SLIDES_ID);
  if (!packed) return;
  const slides = doc.querySelector(".reveal .slides")!;
  try {
    const inflated = (window as unknown as Record<string, Promise<string> | undefined>)[INFLATED_SLIDES_KEY];
    if (!inflated) throw new Error("the script that inflates them did not run");
    slides.innerHTML = await inflated;
  } catch (error) {
    // a browser too old to inflate (DecompressionStream: Chrome 103, Firefox 113, Safari
    // 16.4) must say so, not show an empty deck
    slides.innerHTML = `<section><h2>This browser cannot open the deck's slides</h2><p>The slides in this file are compressed, and this browser cannot unpack them (${String((error as Error)?.message ?? error).replace(/</g, "&lt;")}). Open it in a current Chrome, Edge, Firefox or Safari.</p></section>`;
  }
  packed.remove();
}
