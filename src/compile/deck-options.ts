// Deck options from the first chapter's front matter: their defaults and their checks live
// here and nowhere else. Other chapters' front matter may only name the chapter.
import type { Diagnostics } from "./diagnostics.ts";

export interface DeckOptions {
  /** shown on the title slide's <title> and in the PDF's metadata */
  title: string;
  author: string;
  /** file name stem for the offline file and the PDF, e.g. "backprop-deck" → dist/backprop-deck.html */
  name: string;
  /** "light" is projector-friendly; "dark" for dim rooms */
  theme: "light" | "dark";
  /** KaTeX macros shared by every formula, e.g. { "\\R": "\\mathbb{R}" } */
  macros: Record<string, string>;
  /** how long one ```ts run snippet may take, in milliseconds */
  snippetTimeoutMs: number;
  /** reveal.js options passed through as they are (e.g. { transition: "none" }) */
  reveal: Record<string, unknown>;
}

export const DEFAULT_OPTIONS: Readonly<DeckOptions> = {
  title: "Untitled deck",
  author: "",
  name: "deck",
  theme: "light",
  macros: {},
  snippetTimeoutMs: 10_000,
  reveal: {},
};

/** Keys a chapter's front matter may have (besides deck options in the first chapter). */
export const CHAPTER_KEYS = ["chapter"] as const;

export const DECK_KEYS = ["title", "author", "name", "theme", "macros", "snippetTimeoutMs", "reveal"] as const;

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "deck";
}

/** Reads deck options from front matter; a problem is reported at its key's line
 * (`keyLines`, 1-based; line 2 when unknown). */
export function readDeckOptions(data: Record<string, unknown>, file: string, keyLines: Record<string, number>, diagnostics: Diagnostics): DeckOptions {
  const options: DeckOptions = { ...DEFAULT_OPTIONS, macros: {}, reveal: {} };
  for (const [key, value] of Object.entries(data)) {
    const at = { file, line: keyLines[key] ?? 2, col: 1 };
    if ((CHAPTER_KEYS as readonly string[]).includes(key)) continue;
    if (!(DECK_KEYS as readonly string[]).includes(key)) {
      diagnostics.error(at, `front matter: unknown deck option "${key}" (known: ${[...DECK_KEYS, ...CHAPTER_KEYS].join(", ")})`);
      continue;
    }
    const bad = (expected: string): void => diagnostics.error(at, `front matter: ${key}: expected ${expected}, got ${JSON.stringify(value)}`);
    switch (key) {
      case "title":
      case "author":
      case "name":
        if (typeof value === "string") options[key] = value;
        else bad("a string");
        break;
      case "theme":
        if (value === "light" || value === "dark") options.theme = value;
        else bad(`"light" or "dark"`);
        break;
      case "macros":
        if (typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === "string")) {
          options.macros = value as Record<string, string>;
        } else bad("a map from macro name to TeX");
        break;
      case "snippetTimeoutMs":
        if (typeof value === "number" && value > 0) options.snippetTimeoutMs = value;
        else bad("a positive number of milliseconds");
        break;
      case "reveal":
        if (typeof value === "object" && value !== null && !Array.isArray(value)) options.reveal = value as Record<string, unknown>;
        else bad("a map of reveal.js options");
        break;
    }
  }
  options.name = slug(data.name === undefined ? options.title : options.name);
  return options;
}
