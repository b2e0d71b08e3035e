// Build-time code highlighting with shiki: light and dark colours in one pass (the dark
// ones as CSS variables, which the dark theme switches on). No highlighter in the browser.
import { createHighlighter, type BundledLanguage, type BundledTheme, type HighlighterGeneric } from "shiki";

const LANGUAGES = ["ts", "tsx", "js", "json", "bash", "sh", "python", "markdown", "yaml", "html", "css", "tex"] as const;

export interface Highlighter {
  /** Highlighted <pre> for `code`; plain, escaped code for a language it does not know. */
  html(code: string, lang: string): string;
}

let shared: Promise<HighlighterGeneric<BundledLanguage, BundledTheme>> | undefined;

export async function createCodeHighlighter(): Promise<Highlighter> {
  shared ??= createHighlighter({ themes: ["github-light", "github-dark"], langs: [...LANGUAGES] });
  const shiki = await shared;
  const known = new Set<string>(shiki.getLoadedLanguages());
  return {
    html(code, lang) {
      const language = (known.has(lang) ? lang : "text") as BundledLanguage;
      return shiki.codeToHtml(code.replace(/\n$/, ""), {
        lang: language,
        themes: { light: "github-light", dark: "github-dark" },
        defaultColor: "light",
      });
    },
  };
}
