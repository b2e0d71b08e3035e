// The offline file carries its slides deflated (src/vite/build.ts), and a classic script in
// its head starts inflating them while the page loads (INFLATE_SLIDES_SCRIPT): put them
// into the page before anything else looks for them. The site's page has its slides as
// markup and nothing to do here.
import { INFLATED_SLIDES_KEY, PACKED_SLIDES_ID } from "../shared/runtime-config.ts";

export async function unpackSlides(doc: Document): Promise<void> {
  const inflated = (window as unknown as Record<string, Promise<string> | undefined>)[INFLATED_SLIDES_KEY];
  if (!inflated) return;
  doc.querySelector(".reveal .slides")!.innerHTML = await inflated;
  doc.getElementById(PACKED_SLIDES_ID)?.remove();
}
