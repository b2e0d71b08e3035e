// One deck being compiled, with the services that outlive a single compile: the code
// highlighter, the snippet worker and (for builds) the Chromium that renders diagrams.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { CompileCache, compileDeck, type ChapterFile, type CompiledDeck } from "../compile/compile-deck.ts";
import { DEFAULT_OPTIONS, readDeckOptions } from "../compile/deck-options.ts";
import { Diagnostics } from "../compile/diagnostics.ts";
import { splitFrontMatter } from "../compile/frontmatter.ts";
import { createCodeHighlighter, type Highlighter } from "../compile/markdown/highlight.ts";
import { SnippetRunner } from "../compile/snippets/runner.ts";
import { findChromium, INSTALL_HINT } from "../chromium/find-chromium.ts";
import { createMermaidRenderer, type MermaidRenderer } from "../chromium/mermaid-renderer.ts";

export interface SessionOptions {
  deckRoot: string;
  /** folder of the chapters, relative to deckRoot */
  slidesDir?: string;
  /** "chromium": pre-render diagrams to SVG (falls back to the browser when there is no
   * Chromium); "browser": always leave them to mermaid in the browser (dev server) */
  diagrams: "chromium" | "browser";
  log?: (message: string) => void;
}

/** The chapters: slides/*.md in name order. */
export function readChapters(deckRoot: string, slidesDir = "slides"): ChapterFile[] {
  const dir = path.join(deckRoot, slidesDir);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => ({ path: `${slidesDir}/${f}`, text: readFileSync(path.join(dir, f), "utf8") }));
}

/** The theme the first chapter's front matter asks for (the diagrams' colours follow it),
 * read before compiling; its problems are reported by the compile itself. */
function themeOf(chapters: readonly ChapterFile[]): "light" | "dark" {
  const first = chapters[0];
  if (!first) return DEFAULT_OPTIONS.theme;
  const scratch = new Diagnostics();
  return readDeckOptions(splitFrontMatter(first.text, first.path, scratch).data, first.path, 2, scratch).theme;
}

export class DeckSession {
  private timeoutMs = DEFAULT_OPTIONS.snippetTimeoutMs;
  readonly runner: SnippetRunner;
  private renderers = new Map<string, MermaidRenderer>();
  /** true when diagrams had to be left to the browser because no Chromium was found */
  noChromium = false;
  private readonly cache = new CompileCache();

  private constructor(
    readonly options: SessionOptions,
    private readonly highlighter: Promise<Highlighter>,
  ) {
    this.runner = new SnippetRunner(options.deckRoot, () => this.timeoutMs);
  }

  /** A session with its slow parts already starting: the highlighter and the snippet worker. */
  static async create(options: SessionOptions): Promise<DeckSession> {
    const session = new DeckSession(options, createCodeHighlighter());
    session.runner.warmUp();
    return session;
  }

  private diagramRenderer(theme: "light" | "dark"): MermaidRenderer | undefined {
    if (this.options.diagrams === "browser") return undefined;
    const existing = this.renderers.get(theme);
    if (existing) return existing;
    const executablePath = findChromium();
    if (!executablePath) {
      if (!this.noChromium) {
        this.options.log?.(`No Chromium found, so diagrams will be drawn by mermaid in the browser (a larger offline file). To pre-render them, ${INSTALL_HINT}.`);
      }
      this.noChromium = true;
      return undefined;
    }
    const renderer = createMermaidRenderer({
      executablePath,
      theme,
      cacheDir: path.join(this.options.deckRoot, "node_modules", ".cache", "backprop-deck", "diagrams"),
      onLaunch: () => this.options.log?.("rendering diagrams in headless Chromium…"),
    });
    this.renderers.set(theme, renderer);
    return renderer;
  }

  async compile(): Promise<CompiledDeck> {
    const { deckRoot, slidesDir } = this.options;
    const chapters = readChapters(deckRoot, slidesDir);
    // A cold build: start Chromium now, while the slides compile, if a diagram is not cached.
    const sources = chapters.flatMap((c) => [...c.text.matchAll(/^```mermaid[^\n]*\n([\s\S]*?)^```/gm)].map((m) => m[1]));
    if (sources.length > 0) this.diagramRenderer(themeOf(chapters))?.prewarm(sources);
    return compileDeck(chapters, {
      highlighter: await this.highlighter,
      runSnippet: (s) => this.runner.run(s),
      readProjectFile: (p) => {
        const file = path.join(deckRoot, p);
        return existsSync(file) ? readFileSync(file, "utf8") : undefined;
      },
      diagrams: (theme) => this.diagramRenderer(theme),
      cache: this.cache,
      onOptions: (o) => {
        this.timeoutMs = o.snippetTimeoutMs;
      },
    });
  }

  async close(): Promise<void> {
    await this.runner.close();
    await Promise.all([...this.renderers.values()].map((r) => r.close()));
  }
}
