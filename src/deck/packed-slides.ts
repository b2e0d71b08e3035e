// The offline file carries its slides compressed (src/vite/offline-file.ts), and its boot
// script unpacks them while the deck's code loads (src/deck/offline-boot.ts), handing them
// over as window[INFLATED_SLIDES_KEY]: put them into the page before anything else looks
// for them. The site's page has its slides as markup and nothing to do here.
import { INFLATED_SLIDES_KEY } from "../shared/runtime-config.ts";

export async function unpackSlides(doc: Document): Promise<void> {
  const unpacked = (window as unknown as Record<string, Promise<string> | undefined>)[INFLATED_SLIDES_KEY];
  if (!unpacked) return;
  const slides = doc.querySelector(".reveal .slides")!;
  try {
    slides.innerHTML = await unpacked;
  } catch (error) {
    // a browser that cannot unpack them must say so, not show an empty deck
    slides.innerHTML = `<section><h2>This browser cannot open the deck's slides</h2><p>The slides in this file are compressed, and this browser cannot unpack them (${String((error as Error)?.message ?? error).replace(/</g, "&lt;")}). Open it in a current Chrome, Edge, Firefox or Safari.</p></section>`;
  }
}
