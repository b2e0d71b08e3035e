// The render environment markdown-it passes to every rule: where the slide is, the
// diagnostics collector, and the results of the async passes (snippets, includes).
import type { CompileCache } from "../cache.ts";
import type { DiagramSource } from "../../shared/diagrams.ts";
import type { Diagnostics, SourceLocation } from "../diagnostics.ts";
import type { Highlighter } from "./highlight.ts";
import type { SnippetOutcome } from "../snippets/types.ts";

/** A ```mermaid fence met while rendering, to be rendered to SVG afterwards. */
export interface DiagramRequest extends DiagramSource {
  at: SourceLocation;
}

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
  /** diagrams met while rendering, to be rendered to SVG afterwards */
  diagrams: DiagramRequest[];
  /** rendering a snippet's value: its numbers are computed, not typed */
  computed?: boolean;
  /** what compiles remember (the dev server's session keeps it between them) */
  cache?: CompileCache;
}

export function envOf(env: unknown): DeckEnv {
  return env as DeckEnv;
}

/** The file location of a 0-based line within the Markdown being rendered. */
export function locate(env: unknown, mapLine: number, col: number): SourceLocation {
  const e = envOf(env);
  return { file: e.file, line: e.firstLine + mapLine, col };
}
