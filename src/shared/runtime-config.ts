// What the build tells the browser runtime, embedded in the page as JSON
// (<script type="application/json" id="deck-config">).
export interface DeckRuntimeConfig {
  title: string;
  theme: "light" | "dark";
  /** reveal.js options from the deck's front matter */
  reveal: Record<string, unknown>;
  /** mermaid settings, for diagrams the browser renders itself */
  mermaid: Record<string, unknown>;
  /** the deck's KaTeX macros, for live examples typeset in the browser */
  macros: Record<string, string>;
}

export const RUNTIME_CONFIG_ID = "deck-config";
export const CHAPTERS_ID = "deck-chapters";
