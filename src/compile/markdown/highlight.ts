// Build-time code highlighting with shiki: light and dark colours in one pass (the dark
// ones as CSS variables, which the dark theme switches on). No highlighter in the browser.
// GitHub's high-contrast themes: every token ≥ 4.5:1 on the code panel, for a projector.
import { createHighlighter } from "shiki";
import { createJavaScriptRegexEngine } from "shiki/engine/javascript";

const LANGUAGES = ["ts", "tsx", "js", "json", "bash", "sh", "python", "markdown", "yaml", "html", "css", "tex"] as const;

export interface Highlighter {
  /** Highlighted <pre> for `code`; plain, escaped code for a language it does not know. */
  html(code: string, lang: string): string;
  dispose(): void;
}

/** A highlighter of its own (the session owns it and disposes of it when it closes). */
export async function createCodeHighlighter(): Promise<Highlighter> {
  // JavaScript's own regular expressions, not the Oniguruma WebAssembly: no half-second of
  // compiling a wasm module before the first slide (shiki's JS engine runs its grammars)
  const shiki = await createHighlighter({
    themes: ["github-light-high-contrast", "github-dark-high-contrast"],
    langs: [...LANGUAGES],
    engine: createJavaScriptRegexEngine(),
  });
  const known = new Set<string>(shiki.getLoadedLanguages());
  return {
    html(code, lang) {
      return shiki.codeToHtml(code.replace(/\n$/, ""), {
        lang: known.has(lang) ? lang : "text",
        themes: { light: "github-light-high-contrast", dark: "github-dark-high-contrast" },
        defaultColor: "light",
        // shiki stops tokenizing a line after 500 ms of wall-clock time by default, so a
        // busy machine would colour the same code differently: no limit, ever.
        tokenizeTimeLimit: 0,
      });
    },
    dispose: () => shiki.dispose(),
  };
}
