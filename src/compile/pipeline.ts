// The deck compiler: chapters of Markdown in, the reveal.js slides' HTML out, with every
// problem as a diagnostic. It is a list of stages over one DeckState (src/compile/state.ts);
// their order lives in this table and nowhere else.
import { CompileCache } from "./cache.ts";
import { CaseBook } from "./cases.ts";
import { DEFAULT_OPTIONS } from "./deck-options.ts";
import { Diagnostics } from "./diagnostics.ts";
import { createMarkdown } from "./markdown/index.ts";
import { assembleStage } from "./stages/assemble.ts";
import { bundleInputsStage } from "./stages/bundle-inputs.ts";
import { checksStage } from "./stages/checks.ts";
import { codeStage } from "./stages/code.ts";
import { diagramsStage } from "./stages/diagrams.ts";
import { exercisesStage } from "./stages/exercises.ts";
import { formulasStage } from "./stages/formulas.ts";
import { labelsStage } from "./stages/labels.ts";
import { bibliographyStage } from "./stages/bibliography.ts";
import { referencesStage } from "./stages/references.ts";
import { proseNumbersStage } from "./stages/prose-numbers.ts";
import { parseStage } from "./stages/parse.ts";
import { renderStage } from "./stages/render.ts";
import { slidePassesStage } from "./stages/slide-passes.ts";
import { snippetsStage } from "./stages/snippets.ts";
import type { ChapterFile, CompiledDeck, CompileServices, DeckState } from "./state.ts";

/** A slow service a stage asks: the snippet worker (snippets, cases, the notation), or
 * Chromium drawing diagrams. */
export type StageService = "snippet-worker" | "chromium";

export interface Stage {
  name: string;
  run(state: DeckState): void | Promise<void>;
  /** the services it asks (a session that compiles once closes each after its last stage) */
  uses?: readonly StageService[];
}

export const COMPILE_STAGES: readonly Stage[] = [
  { name: "parse", run: parseStage }, //               front matter, slides, Markdown tokens (pure)
  { name: "snippets", run: snippetsStage, uses: ["snippet-worker"] }, //        ```ts run, one at a time in a worker
  { name: "code", run: codeStage }, //                code blocks: from the cache, or by shiki in its worker meanwhile
  { name: "labels", run: labelsStage }, //            equation numbers, in deck order
  { name: "bibliography", run: bibliographyStage }, // references.bib read; each cited work placed
  { name: "render", run: renderStage }, //            Markdown → HTML, slide by slide
  { name: "slide-passes", run: slidePassesStage }, // attribute comments, formula steps, ids
  { name: "references", run: referencesStage }, //    the references slides, after the last chapter
  { name: "checks", run: checksStage }, //            duplicate ids, equation ↔ example links
  { name: "prose-numbers", run: proseNumbersStage, uses: ["snippet-worker"] }, // {{path}} in prose and notes: numbers of the example
  { name: "bundle-inputs", run: bundleInputsStage }, // tell a build what to bundle, so it bundles meanwhile
  { name: "formulas", run: formulasStage, uses: ["snippet-worker"] }, //        every formula evaluated on its example; symbols carry values
  { name: "exercises", run: exercisesStage, uses: ["snippet-worker"] }, //      blanks and choices checked on their case; their controls
  { name: "diagrams", run: diagramsStage, uses: ["chromium"] }, //        mermaid → SVG (Chromium) placed in the slides
  { name: "assemble", run: assembleStage }, //        vertical stacks, chapters, the deck's HTML
];

/** The name of the last stage that asks `service`: after it, a compile no longer needs it. */
export function lastStageUsing(service: StageService): string | undefined {
  return COMPILE_STAGES.findLast((stage) => stage.uses?.includes(service))?.name;
}

/** The notation module's path: beside the chapters. */
function notationFileOf(chapters: readonly ChapterFile[], services: CompileServices): string | undefined {
  const dir = chapters[0]?.path.replace(/\/[^/]*$/, "");
  const file = `${dir}/notation.ts`;
  return dir && services.readProjectFile(file) !== undefined ? file : undefined;
}

/** `services` whose project files are read once in this compile: an include is read by the
 * code stage, for its slide's render key and by the render itself. */
function readingOnce(given: CompileServices): CompileServices {
  const read = new Map<string, string | undefined>();
  const readProjectFile = (file: string): string | undefined => {
    if (!read.has(file)) read.set(file, given.readProjectFile(file));
    return read.get(file);
  };
  return { ...given, readProjectFile };
}

export async function compileDeck(chapters: readonly ChapterFile[], givenServices: CompileServices): Promise<CompiledDeck> {
  const services = readingOnce(givenServices);
  const notationFile = notationFileOf(chapters, services);
  const snippetDeps = new Set<string>();
  const state: DeckState = {
    chapters,
    services,
    diagnostics: new Diagnostics(),
    md: createMarkdown(),
    cache: services.cache ?? new CompileCache(),
    notationFile,
    cases: new CaseBook(services.evaluateCase, notationFile, snippetDeps),
    options: { ...DEFAULT_OPTIONS },
    chapterTitles: [],
    parsed: [],
    snippets: new Map(),
    snippetDeps,
    liveSnippets: [],
    labels: new Map(),
    madeIds: new Map(),
    highlighting: { slides: new Set(), done: Promise.resolve() },
    rendered: [],
    slides: [],
    formulas: { formulas: 0, relations: 0, unchecked: [] },
    checked: [],
    runtimeDiagrams: 0,
  };
  for (const stage of COMPILE_STAGES) {
    const started = performance.now();
    await stage.run(state);
    services.onStageDone?.(stage.name, performance.now() - started);
  }
  return state.output!;
}
