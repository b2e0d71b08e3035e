// The deck's notation table in the browser, for exercises: `virtual:deck-notation` is the
// deck's slides/notation.ts (its symbols, and values(json) — computed with src/grad, which
// the exercises bundle anyway), or undefined for a deck without one. Imported lazily by the
// exercises' runtime only, so other decks and slides pay nothing.
import { existsSync } from "node:fs";
import path from "node:path";
import type { Plugin } from "vite";

export const NOTATION_VIRTUAL_ID = "virtual:deck-notation";
const RESOLVED_ID = "\0virtual:deck-notation";

export function createNotationPlugin(deckRoot: string, slidesDir = "slides"): Plugin {
  return {
    name: "backprop-deck:notation",
    resolveId: (id) => (id === NOTATION_VIRTUAL_ID ? RESOLVED_ID : undefined),
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      const file = path.join(deckRoot, slidesDir, "notation.ts");
      return existsSync(file) ? `export { default } from ${JSON.stringify(file)};\n` : "export default undefined;\n";
    },
  };
}
