// Build-time code highlighting with shiki: light and dark colours in one pass (the dark
// ones as CSS variables, which the dark theme switches on). No highlighter in the browser.
// GitHub's high-contrast themes: every token ≥ 4.5:1 on the code panel, for a projector.
//
// A fence names its language as shiki does, by id or alias (`ts`, `typescript`); a name
// shiki does not know shows the code plain. Shiki itself (a grammar takes a quarter of a
// second to load and compile) is loaded only when some code is not in the cache: each
// block's HTML is kept on disk by the hash of what made it — shiki's and its grammars'
// versions, the themes, the language and the code — so a cache never changes the output.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "../../io/atomic-write.ts";
import { readPackageJson } from "../../io/package-json.ts";

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

type Shiki = Awaited<ReturnType<typeof import("shiki/core")["createHighlighterCore"]>>;

/** Shiki with the names it knows a language by (ids and aliases: `ts` and `typescript`). */
interface LoadedShiki {
  shiki: Shiki;
  knows(lang: string): boolean;
  /** loads the grammars of those of `langs` that shiki has (by id or alias) */
  load(langs: readonly string[]): Promise<void>;
}

const PRECOMPILED = "@shikijs/langs-precompiled";

/** Shiki with its grammars precompiled to JavaScript's regular expressions: the first block
 * of TypeScript took ≈ 0.5 s with the grammar's Oniguruma patterns translated as it was
 * tokenized (or compiled to the WebAssembly Oniguruma), ≈ 0.25 s precompiled — the same
 * HTML for every block of this deck and the benchmark's. Each language's grammar is loaded
 * when a block first needs it (compiling all takes long). */
async function loadShiki(): Promise<LoadedShiki> {
  const [{ createHighlighterCore }, { createJavaScriptRawEngine }, light, dark] = await Promise.all([
    import("shiki/core"),
    import("shiki/engine/javascript"),
    import("shiki/themes/github-light-high-contrast.mjs"),
    import("shiki/themes/github-dark-high-contrast.mjs"),
  ]);
  const shiki = await createHighlighterCore({ themes: [light.default, dark.default], langs: [], engine: createJavaScriptRawEngine() });
  // the package's exports name every language by its id and its aliases ("./ts", "./typescript")
  const exported = readPackageJson(PRECOMPILED).exports ?? {};
  const moduleNamed = (name: string): boolean => /^[\w+#-]+$/.test(name) && Object.hasOwn(exported, `./${name}`);
  // all but the aliases a module's name cannot be ("c++", "c#", "f#"): those by shiki's list
  const byAlias = new Map<string, string>();
  const moduleOf = async (lang: string): Promise<string | undefined> => {
    if (moduleNamed(lang)) return lang;
    const { bundledLanguagesInfo } = await import("shiki/langs");
    const id = bundledLanguagesInfo.find((info) => info.aliases?.includes(lang))?.id;
    if (id === undefined || !moduleNamed(id)) return undefined;
    byAlias.set(lang, id);
    return id;
  };
  return {
    shiki,
    knows: (lang) => moduleNamed(lang) || byAlias.has(lang),
    async load(langs) {
      const modules = (await Promise.all(langs.map(moduleOf))).filter((name) => name !== undefined);
      const grammars = await Promise.all(modules.map(async (name) => ((await import(`${PRECOMPILED}/${name}`)) as { default: Parameters<Shiki["loadLanguage"]>[0] }).default));
      await shiki.loadLanguage(...grammars);
    },
  };
}

function shikiVersion(): string {
  return `${readPackageJson("shiki").version} ${readPackageJson(PRECOMPILED).version}`;
}

/** A highlighter of its own, caching in `cacheDir` (the session owns it and disposes of it). */
export function createCodeHighlighter(cacheDir: string): Highlighter {
  const version = `${shikiVersion()}\0${THEMES.light}\0${THEMES.dark}`;
  const memory = new Map<string, string>();
  let shiki: LoadedShiki | undefined;
  let loading: Promise<LoadedShiki> | undefined;

  const keyOf = (code: string, lang: string): string => createHash("sha256").update(`${version}\0${lang}\0${code}`).digest("hex").slice(0, 32);
  const fileOf = (key: string): string => path.join(cacheDir, `${key}.html`);
  const cached = (key: string): string | undefined => {
    const hit = memory.get(key);
    if (hit !== undefined || !existsSync(fileOf(key))) return hit;
    const html = readFileSync(fileOf(key), "utf8");
    memory.set(key, html);
    return html;
  };
  const highlight = ({ shiki: s, knows }: LoadedShiki, code: string, lang: string): string =>
    s.codeToHtml(code.replace(/\n$/, ""), {
      lang: knows(lang) ? lang : "text",
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
      const loadedShiki = (shiki ??= await (loading ??= loadShiki()));
      const loaded = loadedShiki.shiki.getLoadedLanguages();
      await loadedShiki.load([...new Set(missing.map((b) => b.lang))].filter((lang) => !loaded.includes(lang)));
      for (const { code, lang } of missing) {
        const key = keyOf(code, lang);
        const html = highlight(loadedShiki, code, lang);
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
    dispose: () => shiki?.shiki.dispose(),
  };
}
