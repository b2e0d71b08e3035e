// The deck's bibliography: a BibTeX file beside the chapters (slides/references.bib), read
// and formatted by citation-js — citations author–year, entries in the Harvard style — so that
// `[@key]` on a slide shows "(Hochreiter and Schmidhuber, 1997)" linking to the references
// slides the build adds at the end, which list every cited work, as many a slide as fit.
import type { Cite as CiteClass, CslEntry } from "@citation-js/core";
import { escapeHtml } from "../shared/html.ts";
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

/** A references slide's room, in lines of its column and characters of a line: at the size
 * the theme sets an entry (section.references, 26 px in the 1184-px column) a line holds some
 * 85 characters of an entry's text and the slide 15 lines under its heading. Both are counted
 * short, so that what the count says fits does (the deck's tests measure every slide). */
const LINE_CHARS = 78;
const SLIDE_LINES = 15;
/** the space between two entries, in lines (the theme's margin under an entry) */
const ENTRY_GAP_LINES = 0.35;

/** A formatted entry: its key, its HTML, and its text (what takes room on the slide). */
export interface ReferenceEntry {
  key: string;
  html: string;
}

/** A bibliography as plain data (the compile store keeps it for the next process): its
 * entries as citation-js read them, and every citation and list of entries formatted so far,
 * so that a build whose citations were all formatted before loads no citation-js at all. */
export interface BibliographyRecord {
  /** where the BibTeX is (slides/references.bib) */
  file: string;
  entries: CslEntry[];
  /** formatted citations, by their keys joined with NUL */
  citations: Map<string, string>;
  /** formatted entries, by the keys asked for joined with NUL */
  formatted: Map<string, ReferenceEntry[]>;
}

export class Bibliography {
  private readonly entries: ReadonlyMap<string, CslEntry>;

  /** `Cite`: citation-js, for what `record` has not formatted yet (useProcessor) */
  constructor(
    readonly record: BibliographyRecord,
    private Cite?: CiteProcessor,
  ) {
    this.entries = new Map(record.entries.map((e) => [e.id, e]));
  }

  /** The BibTeX `text` of `file`, read; or the problem, where it is. */
  static read(file: string, text: string, Cite: CiteProcessor): BibliographyRecord | { at: SourceLocation; message: string } {
    try {
      return { file, entries: new Cite(text).data as CslEntry[], citations: new Map(), formatted: new Map() };
    } catch (error) {
      const message = (error as Error).message.split("\n")[0];
      const m = / at line (\d+) col (\d+)/.exec(message);
      return { at: { file, line: Number(m?.[1] ?? 1), col: Number(m?.[2] ?? 1) }, message: `references: ${message.replace(/ at line \d+ col \d+:?/, "")}` };
    }
  }

  get file(): string {
    return this.record.file;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get keys(): string[] {
    return [...this.entries.keys()];
  }

  /** Whether the citations `groups` and the entries of `cited` are formatted already. */
  formats(groups: readonly (readonly string[])[], cited: readonly string[]): boolean {
    return groups.every((keys) => this.record.citations.has(keys.join("\0"))) && (cited.length === 0 || this.record.formatted.has(cited.join("\0")));
  }

  /** citation-js, for what is not formatted yet. */
  useProcessor(Cite: CiteProcessor): void {
    this.Cite = Cite;
  }

  /** "(Hochreiter & Schmidhuber, 1997; Greff et al., 2017)" */
  citation(keys: readonly string[]): string {
    const id = keys.join("\0");
    let text = this.record.citations.get(id);
    if (text === undefined) {
      text = new (this.processor())(keys.map((k) => this.entries.get(k)!)).format("citation", { format: "text", ...STYLE });
      this.record.citations.set(id, text);
    }
    return text;
  }

  /** The entries of `keys` in the bibliography's order (by author, then year), each as
   * HTML (citation-js's `div.csl-entry` with `data-csl-entry-id`, its content) followed by its
   * BibTeX `note`, which the Harvard style leaves out ("Also published as …"). */
  entriesHtml(keys: readonly string[]): readonly ReferenceEntry[] {
    const id = keys.join("\0");
    let entries = this.record.formatted.get(id);
    if (entries === undefined) {
      entries = this.format(keys);
      this.record.formatted.set(id, entries);
    }
    return entries;
  }

  private processor(): CiteProcessor {
    if (!this.Cite) throw new Error("internal: a citation the bibliography stage did not foresee (citation-js not loaded)");
    return this.Cite;
  }

  private format(keys: readonly string[]): ReferenceEntry[] {
    const html = new (this.processor())(keys.map((k) => this.entries.get(k)!)).format("bibliography", { format: "html", ...STYLE });
    return [...html.matchAll(/<div data-csl-entry-id="([^"]+)" class="csl-entry">([\s\S]*?)<\/div>/g)].map((m) => {
      const field: unknown = this.entries.get(m[1])?.note;
      const note = typeof field === "string" ? field.trim() : "";
      return { key: m[1], html: note && !m[2].includes(escapeHtml(note)) ? `${m[2]} ${escapeHtml(note)}${/[.!?]$/.test(note) ? "" : "."}` : m[2] };
    });
  }
}

/** How many lines an entry's `text` takes in a line of LINE_CHARS characters, broken at
 * spaces as a browser breaks it: a word that does not fit (a long URL) starts a new line. */
export function linesOf(text: string): number {
  let lines = 1;
  let used = 0;
  for (const word of text.trim().split(/\s+/)) {
    const needs = used === 0 ? word.length : used + 1 + word.length;
    if (needs <= LINE_CHARS || used === 0) used = needs;
    else {
      lines += 1 + Math.floor((word.length - 1) / LINE_CHARS);
      used = ((word.length - 1) % LINE_CHARS) + 1;
    }
  }
  return lines;
}

/** The entries cut into references slides, in order: each slide as many as its lines hold
 * (an entry longer than a slide alone on one). */
export function referencePages<T extends ReferenceEntry>(entries: readonly T[]): T[][] {
  const pages: T[][] = [];
  let room = 0;
  for (const entry of entries) {
    const needs = linesOf(entry.html.replace(/<[^>]*>/g, "").replace(/&[a-z#0-9]+;/gi, "x")) + ENTRY_GAP_LINES;
    if (pages.length === 0 || needs > room) {
      pages.push([]);
      room = SLIDE_LINES;
    }
    pages[pages.length - 1].push(entry);
    room -= needs;
  }
  return pages;
}

/** What rendering a citation needs: the bibliography, and the references slide that lists
 * each cited work. */
export interface Citations {
  bibliography: Bibliography;
  /** the cited works' entries in the bibliography's order, a references slide's each */
  pages: ReferenceEntry[][];
  slideOf: ReadonlyMap<string, string>;
}

/** The id of the references slide `page` (0-based). */
export function referencesSlideId(page: number): string {
  return page === 0 ? "references" : `references-${page + 1}`;
}
