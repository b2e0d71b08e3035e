// What the build tells the browser runtime, embedded in the page as JSON
// (<script type="application/json" id="deck-config">).
export interface DeckRuntimeConfig {
  title: string;
  theme: "light" | "dark";
  /** reveal.js options from the deck's front matter */
  reveal: Record<string, unknown>;
  /** mermaid settings, for diagrams the browser renders itself */
  mermaid: Record<string, unknown>;
  /** the deck's KaTeX macros, for a deck with exercises (they typeset and check TeX) */
  macros?: Record<string, string>;
  /** a short hash of the slides' HTML: what the page keeps per build (its drawings) is
   * keyed by it, so strokes never land on a rebuilt deck's different slides */
  buildId: string;
}

export const RUNTIME_CONFIG_ID = "deck-config";
export const CHAPTERS_ID = "deck-chapters";
/** The offline file's slides, deflated and in base64 (src/deck/packed-slides.ts): the
 * slides' markup is KaTeX's, very repetitive, and the file is for carrying around. */
export const PACKED_SLIDES_ID = "deck-slides-packed";

/** Where the page keeps the promise of its inflated slides (a property of window). */
export const INFLATED_SLIDES_KEY = "deckInflatedSlides";

/** A classic script the offline page runs as soon as its packed slides are parsed: it starts
 * inflating them while the browser still compiles the deck's module script (which only
 * runs once the whole page is parsed). */
export const INFLATE_SLIDES_SCRIPT = `window.${INFLATED_SLIDES_KEY} = (() => {
  try {
    const packed = document.getElementById("${PACKED_SLIDES_ID}");
    const bytes = Uint8Array.from(atob(packed.textContent.trim()), (c) => c.charCodeAt(0));
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"))).text();
  } catch (error) {
    return Promise.reject(error);
  }
})();`;
