// What the build tells the browser runtime, embedded in the page as JSON
// (<script type="application/json" id="deck-config">).
export interface DeckRuntimeConfig {
  title: string;
  theme: "light" | "dark";
  /** reveal.js options from the deck's front matter */
  reveal: Record<string, unknown>;
  /** mermaid settings, for diagrams the browser renders itself */
  mermaid: Record<string, unknown>;
}

export const RUNTIME_CONFIG_ID = "deck-config";
export const CHAPTERS_ID = "deck-chapters";
/** The offline file's slides, deflated and in base64 (src/deck/packed-slides.ts): the
 * slides' markup is KaTeX's, very repetitive, and the file is for carrying around. */
export const PACKED_SLIDES_ID = "deck-slides-packed";
