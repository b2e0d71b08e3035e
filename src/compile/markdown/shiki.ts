// Shiki itself, as the highlighter's worker thread runs it (highlight-worker.ts): light and
// dark colours in one pass (the dark ones as CSS variables, which the dark theme switches
// on), GitHub's high-contrast themes — every token ≥ 4.5:1 on the code panel, for a projector.
import type { CodeBlock } from "./highlight.ts";
import { readPackageJson } from "../../io/package-json.ts";

export const THEMES = { light: "github-light-high-contrast", dark: "github-dark-high-contrast" } as const;

const PRECOMPILED = "@shikijs/langs-precompiled";

/** What a block's HTML depends on besides its code and language: shiki's and its grammars'
 * versions and the themes (part of the cache's key). */
export function shikiVersion(): string {
  return `${readPackageJson("shiki").version} ${readPackageJson(PRECOMPILED).version}\0${THEMES.light}\0${THEMES.dark}`;
}

type Shiki = Awaited<ReturnType<typeof import("shiki/core")["createHighlighterCore"]>>;

/** Shiki with the names it knows a language by (ids and aliases: `ts` and `typescript`). */
interface LoadedShiki {
  shiki: Shiki;
  knows(lang: string): boolean;
  /** loads the grammars of those of `langs` that shiki has (by id or alias) */
  load(langs: readonly string[]): Promise<void>;
}

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

/** Highlights blocks of code, loading shiki at once and each grammar when first needed (its
 * thread's end frees it: the worker is terminated). */
export class ShikiHighlighting {
  private readonly loading = loadShiki();

  constructor() {
    this.loading.catch(() => undefined); // reported to the first request
  }

  /** Each block's <pre>; a language shiki does not know shows the code plain (escaped). */
  async highlight(blocks: readonly CodeBlock[]): Promise<string[]> {
    const loaded = await this.loading;
    const known = loaded.shiki.getLoadedLanguages();
    await loaded.load([...new Set(blocks.map((b) => b.lang))].filter((lang) => !known.includes(lang)));
    return blocks.map(({ code, lang }) =>
      loaded.shiki.codeToHtml(code.replace(/\n$/, ""), {
        lang: loaded.knows(lang) ? lang : "text",
        themes: THEMES,
        defaultColor: "light",
        // shiki stops tokenizing a line after 500 ms of wall-clock time by default, so a
        // busy machine would colour the same code differently: no limit, ever.
        tokenizeTimeLimit: 0,
      }),
    );
  }
}
