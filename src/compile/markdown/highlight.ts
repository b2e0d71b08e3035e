// Build-time code highlighting with shiki: light and dark colours in one pass (the dark
// ones as CSS variables, which the dark theme switches on). No highlighter in the browser.
// GitHub's high-contrast themes: every token ≥ 4.5:1 on the code panel, for a projector.
//
// Shiki itself (its grammars compile for half a second) is loaded only when some code is
// not in the cache: each block's HTML is kept on disk by the hash of what made it — shiki's
// version, the themes, the language and the code — so a cache never changes the output.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { writeFileAtomic } from "../../io/atomic-write.ts";

const LANGUAGES = ["ts", "tsx", "js", "json", "bash", "sh", "python", "markdown", "yaml", "html", "css", "tex"] as const;
const THEMES = { light: "github-light-high-contrast", dark: "github-dark-high-contrast" } as const;

/** A block of code a slide shows. */
export interface CodeBlock {
  code: string;
  lang: string;
}

export interface Highlighter {
  /** Load what highlighting `blocks` needs (shiki only for blocks not yet cached). */
  prepare(blocks: readonly CodeBlock[]): Promise<void>;
  /** Highlighted <pre> for `code` (prepared first); plain, escaped code for a language it
   * does not know. */
  html(code: string, lang: string): string;
  dispose(): void;
}

type Shiki = Awaited<ReturnType<typeof import("shiki")["createHighlighter"]>>;

type Language = (typeof LANGUAGES)[number];
const isLanguage = (lang: string): lang is Language => (LANGUAGES as readonly string[]).includes(lang);

async function loadShiki(): Promise<Shiki> {
  const [{ createHighlighter }, { createJavaScriptRegexEngine }] = await Promise.all([import("shiki"), import("shiki/engine/javascript")]);
  // JavaScript's own regular expressions, not the Oniguruma WebAssembly module; each
  // language's grammar is loaded when a block first needs it (compiling all takes long)
  return createHighlighter({ themes: Object.values(THEMES), langs: [], engine: createJavaScriptRegexEngine() });
}

function shikiVersion(): string {
  const require = createRequire(import.meta.url);
  return (JSON.parse(readFileSync(require.resolve("shiki/package.json"), "utf8")) as { version: string }).version;
}

/** A highlighter of its own, caching in `cacheDir` (the session owns it and disposes of it). */
export function createCodeHighlighter(cacheDir: string): Highlighter {
  const version = `${shikiVersion()}\0${THEMES.light}\0${THEMES.dark}`;
  const memory = new Map<string, string>();
  let shiki: Shiki | undefined;
  let loading: Promise<Shiki> | undefined;

  const keyOf = (code: string, lang: string): string => createHash("sha256").update(`${version}\0${lang}\0${code}`).digest("hex").slice(0, 32);
  const fileOf = (key: string): string => path.join(cacheDir, `${key}.html`);
  const cached = (key: string): string | undefined => {
    const hit = memory.get(key);
    if (hit !== undefined || !existsSync(fileOf(key))) return hit;
    const html = readFileSync(fileOf(key), "utf8");
    memory.set(key, html);
    return html;
  };
  const highlight = (s: Shiki, code: string, lang: string): string =>
    s.codeToHtml(code.replace(/\n$/, ""), {
      lang: isLanguage(lang) ? lang : "text",
      themes: THEMES,
      defaultColor: "light",
      // shiki stops tokenizing a line after 500 ms of wall-clock time by default, so a
      // busy machine would colour the same code differently: no limit, ever.
      tokenizeTimeLimit: 0,
    });

  return {
    async prepare(blocks) {
      const missing = blocks.filter((b) => cached(keyOf(b.code, b.lang)) === undefined);
      if (missing.length === 0) return;
      shiki ??= await (loading ??= loadShiki());
      const loaded = shiki.getLoadedLanguages();
      const needed = [...new Set(missing.map((b) => b.lang))].filter((lang) => isLanguage(lang) && !loaded.includes(lang));
      await shiki.loadLanguage(...needed.filter(isLanguage));
      for (const { code, lang } of missing) {
        const key = keyOf(code, lang);
        const html = highlight(shiki, code, lang);
        memory.set(key, html);
        await writeFileAtomic(fileOf(key), html);
      }
    },
    html(code, lang) {
      const hit = cached(keyOf(code, lang));
      if (hit !== undefined) return hit;
      // a block the compiler did not announce: only a bug gets here
      if (!shiki) throw new Error(`internal: code in "${lang}" was not prepared for highlighting`);
      return highlight(shiki, code, lang);
    },
    dispose: () => shiki?.dispose(),
  };
}
