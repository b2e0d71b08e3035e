// citation-js ships no types; this is the part of its API we use (BibTeX in, CSL-JSON data,
// APA citations and bibliography out).
declare module "@citation-js/core" {
  export interface CslEntry {
    id: string;
    [field: string]: unknown;
  }
  export interface FormatOptions {
    format?: "text" | "html";
    template?: string;
    lang?: string;
  }
  export class Cite {
    constructor(data: string | CslEntry | readonly CslEntry[]);
    data: CslEntry[];
    format(kind: "bibliography" | "citation" | "data", options?: FormatOptions): string;
  }
}
declare module "@citation-js/plugin-bibtex";
declare module "@citation-js/plugin-csl";
