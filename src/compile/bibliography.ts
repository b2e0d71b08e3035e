// The deck's bibliography: a BibTeX file beside the chapters (slides/references.bib), read
// and formatted by citation-js — citations author–year, entries in the Harvard style — so that
// `[@key]` on a slide shows "(Hochreiter and Schmidhuber, 1997)" linking to the references
// slides the build adds at the end, which list every cited work, a few a slide.
import type { Cite as CiteClass, CslEntry } from "@citation-js/core";
import type { SourceLocation } from "./diagnostics.ts";

type CiteProcessor = typeof CiteClass;

/** citation-js with its BibTeX reader and CSL formatter: loaded only for a deck with a
 * bibliography (it takes a tenth of a second to load). */
export async function loadCiteProcessor(): Promise<CiteProcessor> {
  const [{ Cite }] = await Promise.all([import("@citation-js/core"), import("@citation-js/plugin-bibtex"), import("@citation-js/plugin-csl")]);
  return Cite;
}

// Harvard: author–year, as APA; citation-js starts it in a fraction of the time APA takes (its
// style is far smaller for the citation processor to read)
const STYLE = { template: "harvard1", lang: "en-US" } as const;

/** How many entries a references slide holds. */
export const ENTRIES_PER_SLIDE = 5;

export class Bibliography {
  private readonly entries: ReadonlyMap<string, CslEntry>;
  private readonly citations = new Map<string, string>();

  private constructor(
    /** where the BibTeX is (slides/references.bib) */
    readonly file: string,
    data: readonly CslEntry[],
    private readonly Cite: CiteProcessor,
  ) {
    this.entries = new Map(data.map((e) => [e.id, e]));
  }

  /** The BibTeX `text` of `file`, read; or the problem, where it is. */
  static read(file: string, text: string, Cite: CiteProcessor): Bibliography | { at: SourceLocation; message: string } {
    try {
      return new Bibliography(file, new Cite(text).data, Cite);
    } catch (error) {
      const message = (error as Error).message.split("\n")[0];
      const m = / at line (\d+) col (\d+)/.exec(message);
      return { at: { file, line: Number(m?.[1] ?? 1), col: Number(m?.[2] ?? 1) }, message: `references: ${message.replace(/ at line \d+ col \d+:?/, "")}` };
    }
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get keys(): string[] {
    return [...this.entries.keys()];
  }

  /** "(Hochreiter & Schmidhuber, 1997; Greff et al., 2017)" */
  citation(keys: readonly string[]): string {
    const id = keys.join("\0");
    let text = this.citations.get(id);
    if (text === undefined) {
      text = new this.Cite(keys.map((k) => this.entries.get(k)!)).format("citation", { format: "text", ...STYLE });
      this.citations.set(id, text);
    }
    return text;
  }

  /** The entries of `keys` in the bibliography's order (by author, then year), each as
   * HTML (a `div.csl-entry` with `data-csl-entry-id`). */
  entriesHtml(keys: readonly string[]): { key: string; html: string }[] {
    const html = new this.Cite(keys.map((k) => this.entries.get(k)!)).format("bibliography", { format: "html", ...STYLE });
    return [...html.matchAll(/<div data-csl-entry-id="([^"]+)" class="csl-entry">([\s\S]*?)<\/div>/g)].map((m) => ({ key: m[1], html: m[2] }));
  }
}

/** What rendering a citation needs: the bibliography, and the references slide that lists
 * each cited work. */
export interface Citations {
  bibliography: Bibliography;
  /** cited keys in the bibliography's order */
  cited: string[];
  slideOf: ReadonlyMap<string, string>;
}

/** The id of the references slide that holds the n-th cited work (0-based). */
export function referencesSlideId(n: number): string {
  const page = Math.floor(n / ENTRIES_PER_SLIDE);
  return page === 0 ? "references" : `references-${page + 1}`;
}
