// The deck compiler's types: what goes in (chapters and the services it may use), the
// state the stages fill in one after the other (src/compile/pipeline.ts lists them), and
// what comes out.
import type { MarkdownIt, Token } from "markdown-it";
import type { DiagramRenderer } from "../shared/diagrams.ts";
import type { CompileCache } from "./cache.ts";
import type { DeckOptions } from "./deck-options.ts";
import type { Diagnostic, Diagnostics, SourceLocation } from "./diagnostics.ts";
import type { DeckNotation } from "../formulas/deck-notation.ts";
import type { FormulaExample } from "../formulas/example.ts";
import type { Citations } from "./bibliography.ts";
import type { Labels } from "./labels.ts";
import type { Highlighter } from "./markdown/highlight.ts";
import type { SlideFacts, SlideModel } from "./model.ts";
import type { SlideSource } from "./split.ts";
import type { Notation } from "../author/notation.ts";
import type { ExampleRecord } from "../author/snippet.ts";
import type { CaseBook, EvaluateCase } from "./cases.ts";
import type { SnippetOutcome, SnippetSource, WorkerOutcome } from "./snippets/types.ts";

export interface ChapterFile {
  /** project-relative path, forward slashes */
  path: string;
  text: string;
}

/** What the compiler may use besides its input; the session provides them. */
export interface CompileServices {
  highlighter: Highlighter;
  runSnippet(snippet: SnippetSource): Promise<SnippetOutcome>;
  /** a case file evaluated with src/grad (in the snippet worker), its numbers named by the
   * notation module when one is given */
  evaluateCase: EvaluateCase;
  /** the deck's notation table, read and checked (in the snippet worker) */
  loadNotation(notationFile: string): Promise<WorkerOutcome<Notation>>;
  readProjectFile(path: string): string | undefined;
  /** called once the deck options are known, before any snippet runs */
  onOptions?(options: DeckOptions): void;
  /** the deck has snippets: start what runs them now, while the parse finishes */
  prewarmSnippets?(): void;
  /** the diagram renderer for the deck's theme; undefined leaves diagrams to mermaid's
   * runtime in the browser */
  diagrams(theme: DeckOptions["theme"]): DiagramRenderer | undefined;
  /** processed slides and diagrams from earlier compiles (the dev server keeps one) */
  cache?: CompileCache;
  /** told how long each stage took (DECK_TIMINGS=1 prints it) */
  onStageDone?(stage: string, ms: number): void;
  /** told what the browser bundle depends on as soon as it is known, before formulas are
   * checked and diagrams drawn, so that a build can bundle meanwhile; read it at once */
  onBundleInputs?(inputs: BundleInputs): void;
}

/** What the browser bundle depends on (the bundle-inputs stage reports it). */
export interface BundleInputs {
  /** snippets whose value is a live example: the bundle carries their code */
  liveSnippets: readonly SnippetSource[];
  /** every slide's HTML as it stands: its formulas' glyphs and classes pick the fonts (no
   * later stage changes them: formulas typesets the same TeX again with data attributes,
   * and diagrams add SVG) */
  slides: readonly string[];
  /** the browser must draw diagrams (there is no renderer): the bundle carries mermaid */
  runtimeDiagrams: boolean;
  /** the deck has exercises or routes to break: the bundle carries their runtime */
  exercises: boolean;
}

/** One slide after the parse stage: its source and its Markdown tokens. */
export interface ParsedSlide {
  source: SlideSource;
  /** the chapter's lines */
  lines: readonly string[];
  tokens: Token[];
  notesTokens?: Token[];
}

export interface ChapterTitle {
  title: string;
  file: string;
  /** index into DeckState.parsed of the chapter's first slide */
  firstSlide: number;
}

/** One slide as the render stage leaves it: what its rules recorded, and its HTML with a
 * slot marker wherever a later stage fills something in. */
export interface RenderedSlide {
  readonly facts: SlideFacts;
  /** one <section data-source="file:line">, attribute comments not yet applied */
  readonly html: string;
}

/** What the stages share. Each field is filled by the stage named beside it and read only
 * by the stages after it; a slide's HTML has one owner at a time: `rendered` until the
 * slide passes, then each model's `html` (its frame fixed, its slots filled by the stages
 * after). */
export interface DeckState {
  readonly chapters: readonly ChapterFile[];
  readonly services: CompileServices;
  readonly diagnostics: Diagnostics;
  readonly md: MarkdownIt;
  readonly cache: CompileCache;
  /** the deck's notation module beside the chapters (slides/notation.ts), if it has one */
  readonly notationFile: string | undefined;
  /** every example's case, evaluated once per compile */
  readonly cases: CaseBook;
  /** parse */
  options: DeckOptions;
  chapterTitles: ChapterTitle[];
  parsed: ParsedSlide[];
  /** snippets: outcomes by snippet key, the files they imported, the live examples */
  snippets: Map<string, SnippetOutcome>;
  snippetDeps: Set<string>;
  liveSnippets: SnippetSource[];
  /** labels: equation numbers by label, and ids made for slides that hold one but declare none */
  labels: Labels;
  madeIds: Map<number, string>;
  /** bibliography: the deck's references and where each cited work is listed */
  citations?: Citations;
  /** code: the slides (by index) whose code the highlighter is still working on, and when it
   * is done (the render stage waits for it before the first of them) */
  highlighting: { slides: ReadonlySet<number>; done: Promise<void> };
  /** render */
  rendered: RenderedSlide[];
  /** slide-passes */
  slides: SlideModel[];
  /** formulas: what was checked, and each checked formula with its example; the notation
   * and what a record's formulas are checked on, for the stages after (exercises) */
  formulas: FormulaSummary;
  checked: CheckedFormula[];
  checker?: { notation: DeckNotation; exampleFor: ExampleFor };
  /** diagrams: how many diagrams the browser must draw */
  runtimeDiagrams: number;
  /** assemble */
  output?: CompiledDeck;
}

export interface FormulaSummary {
  /** the notation table, or undefined when the deck has none (nothing is checked) */
  notation?: string;
  /** display formulas checked, and the relations in them */
  formulas: number;
  relations: number;
  /** formulas that say why they are not checked: `file:line: reason` */
  unchecked: string[];
}

export interface CompiledDeck {
  options: DeckOptions;
  /** the <section> elements, ready for `.reveal .slides` */
  slidesHtml: string;
  /** names the deck's markup (a hash of slidesHtml, worked out once): the page keeps its
   * drawings per build, since another build may have other slides under the same keys */
  buildId: string;
  /** the same by top-level section (a slide alone, or a vertical stack): its slides' HTML */
  sections: string[][];
  /** chapter titles with the index of their first horizontal slide (for the PDF outline) */
  chapters: { title: string; file: string; slideIndex: number }[];
  diagnostics: Diagnostic[];
  /** diagrams the browser must render itself (no renderer, or dev) */
  runtimeDiagrams: number;
  /** files the snippets imported, to re-run them when one changes */
  snippetDeps: string[];
  /** snippets whose value is a live example: the deck bundles their code for the browser */
  liveSnippets: SnippetSource[];
  /** the deck has exercises (or routes to break): the browser gets their runtime */
  exercises: boolean;
  slideCount: number;
  formulas: FormulaSummary;
  /** every slide as the compiler knows it (facts, attributes, HTML) */
  slides: readonly SlideModel[];
  /** every formula that was checked, with what it was checked on (tools and tests re-check
   * with the same driver, src/formulas/check.ts) */
  checked: readonly CheckedFormula[];
}

/** What the formulas of an example (its slide id and record) are checked on, or why they
 * cannot be. */
export type ExampleFor = (id: string, record: ExampleRecord) => Promise<FormulaExample | string>;

export interface CheckedFormula {
  /** where its TeX starts */
  at: SourceLocation;
  /** the equation slide's id */
  slide: string;
  tex: string;
  example: FormulaExample;
  notation: DeckNotation;
}

/** One line (and one per unchecked formula) saying what the formula checker did. */
export function formulaSummaryLines(summary: FormulaSummary): string[] {
  if (!summary.notation) return ["formulas: not checked (no notation table beside the chapters, e.g. slides/notation.ts)"];
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
  const head = `formulas: ${plural(summary.formulas, "display formula")} checked against ${summary.notation} (${plural(summary.relations, "relation")}, at every time step of their examples)`;
  if (summary.unchecked.length === 0) return [head];
  return [`${head}; ${summary.unchecked.length} marked not checkable:`, ...summary.unchecked.map((u) => `  ${u}`)];
}
