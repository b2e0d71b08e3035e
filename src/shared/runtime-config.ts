// What the build tells the browser runtime, embedded in the page as JSON
// (<script type="application/json" id="deck-config">).
import type { LzmaProperties } from "./lzma-decode.ts";

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
/** The offline file (src/vite/offline-file.ts) carries its stylesheet and its slides as one
 * raw LZMA stream in base64, in a script element of this id, its code as another
 * (PACKED_CODE_ID), and what is where in them as JSON (PACKED_TABLE_ID): the slides' markup
 * is KaTeX's, very repetitive, and the file is for carrying around. The code is packed apart
 * so that a build whose code did not change (or is the package's prepared runtime's) packs
 * only the slides and the stylesheet. Its one classic script (src/deck/offline-boot.ts)
 * unpacks them. */
export const PACKED_ID = "deck-packed";
export const PACKED_CODE_ID = "deck-packed-code";
export const PACKED_TABLE_ID = "deck-packed-table";

/** The LZMA stream's literal and position parameters: literals coded under the previous
 * byte's top two bits, nothing by position — the smallest stream for this deck's code and
 * markup (3 and 4 bits, or positions mod 4, each add 0.1–0.6 KB). */
export const OFFLINE_LZMA: Readonly<LzmaProperties> = { lc: 2, lp: 0, pb: 0 };

/** Where the offline file keeps the function that gives a chunk's module URL by its file
 * name (a property of window): its chunks' dynamic imports call it. */
export const CHUNK_URL_KEY = "deckChunkUrl";

/** What the offline file's streams hold. The code's: the chunks one after another (the entry
 * first, then the chunks it imports, then the ones only imported when needed), in UTF-8.
 * The frame: the dictionary of the slides' markup codes (src/shared/markup-codes.ts), then
 * — their codes expanded — the stylesheet and the slides.
 * The stylesheet's and the slides' lengths are in UTF-16 code units. */
export interface PackedDeck {
  /** the code stream's length in bytes */
  code: number;
  /** the frame's length in bytes as it is packed (its markup codes not expanded) */
  frame: number;
  /** the markup codes' dictionary's length in bytes, at the frame's start */
  markup: number;
  /** the length in bytes of the rest of the frame once its codes are expanded */
  expanded: number;
  /** the chunks' file names, in the order of the code; the first is the entry */
  files: readonly string[];
  /** each chunk's length in UTF-8 bytes */
  lengths: readonly number[];
  /** per chunk, its static imports of other chunks: [start, end, chunk] — where, in the
   * chunk's text (UTF-16 code units), the specifier is (between its quotes), and which chunk
   * it names */
  links: readonly (readonly (readonly [number, number, number])[])[];
  /** the stylesheet's length (its fonts' placeholders not filled in) */
  style: number;
  /** the slides' length */
  slides: number;
  /** KaTeX's fonts in base64 by their placeholders in the stylesheet (src/shared/font-data.ts) */
  fonts: Readonly<Record<string, string>>;
}
