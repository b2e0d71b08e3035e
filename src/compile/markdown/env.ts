// The render environment markdown-it passes to every rule: where the slide is, the
// diagnostics collector, and the results of the async passes (snippets, includes).
import type { CompileCache } from "../cache.ts";
import type { Diagnostics, SourceLocation } from "../diagnostics.ts";
import type { Citations } from "../bibliography.ts";
import type { Labels } from "../labels.ts";
import type { Place, SlideFacts } from "../model.ts";
import type { Highlighter } from "./highlight.ts";
import type { SnippetOutcome } from "../snippets/types.ts";

export interface DeckEnv {
  /** project-relative path of the chapter file */
  file: string;
  /** 1-based file line of the Markdown's first line (a slide or its notes) */
  firstLine: number;
  /** the chapter's lines, for columns */
  sourceLines: readonly string[];
  diagnostics: Diagnostics;
  macros: Record<string, string>;
  highlighter: Highlighter;
  /** snippet outcomes keyed by snippetKey (`file:line` of the fence) */
  snippets: ReadonlyMap<string, SnippetOutcome>;
  /** reads a project file for `<<<` includes; undefined when it does not exist */
  readProjectFile(path: string): string | undefined;
  /** what the rules record about the slide being rendered (src/compile/model.ts) */
  facts: SlideFacts;
  /** equation numbers by label (the labels stage) */
  labels: Labels;
  /** the bibliography and the references slide of each cited work (the bibliography stage) */
  citations?: Citations;
  /** diagrams are drawn by mermaid in the browser (there is no renderer at build time) */
  runtimeDiagrams: boolean;
  /** rendering the slide's speaker notes */
  inNotes?: boolean;
  /** rendering a snippet's value: its numbers are computed, not typed */
  computed?: boolean;
  /** what compiles remember (the dev server's session keeps it between them) */
  cache?: CompileCache;
}

export function envOf(env: unknown): DeckEnv {
  return env as DeckEnv;
}

/** Where on the slide the Markdown being rendered is. */
export function placeOf(env: unknown): Place {
  const deck = envOf(env);
  return deck.computed ? "snippet" : deck.inNotes ? "notes" : "slide";
}

/** The file location of a 0-based line within the Markdown being rendered. */
export function locate(env: unknown, mapLine: number, col: number): SourceLocation {
  const e = env as Pick<DeckEnv, "file" | "firstLine">;
  return { file: e.file, line: e.firstLine + mapLine, col };
}
