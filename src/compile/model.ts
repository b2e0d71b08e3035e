// A slide as the compiler knows it: the facts its Markdown rules recorded while rendering it
// (formulas, numbers in prose, example records, links, diagrams, declared ids), the
// attributes the HTML pass found on it, and its HTML — a frame with a slot for each piece a
// later stage fills in (a checked formula, a computed number, a diagram). Stages read the
// facts; none reads positions or TeX back out of HTML.
import type { ExampleRecord } from "../author/snippet.ts";
import type { DiagramSource } from "../shared/diagrams.ts";
import type { SourceLocation } from "./diagnostics.ts";
import type { SlideSource } from "./split.ts";

/** Where on a slide a fact was met. */
export type Place = "slide" | "notes" | "snippet";

/** A display formula ($$…$$) written on the slide, in its notes or in a snippet's value. */
export interface FormulaFact {
  /** its slot in the slide's HTML (slide formulas only: they may be annotated) */
  slot?: number;
  /** the TeX as written */
  tex: string;
  /** where the TeX starts (after the opening $$) */
  at: SourceLocation;
  /** where the opening $$ is */
  open: SourceLocation;
  place: Place;
  /** a formula with \blank{…} (on an exercise slide): the slot for what the student uses to
   * fill it — a text box, or the choices that follow */
  blankSlot?: number;
}

/** `{{? path | decimals}}`: a number a student computes (an exercise slide's blank). */
export interface NumberBlankFact {
  slot: number;
  path: string;
  decimals: number;
  at: SourceLocation;
}

/** A `::: choices` list: the candidates for the blank of the formula before it. */
export interface ChoicesFact {
  /** its legend and verdict */
  slot: number;
  choices: { tex: string; at: SourceLocation }[];
  at: SourceLocation;
}

/** `{{path | digits}}`: a number of the slide's example, shown in prose or notes. */
export interface ProseNumberFact {
  slot: number;
  path: string;
  digits: number;
  at: SourceLocation;
}

/** An example slide's record: written as a `<script class="deck-example">` or made by a
 * snippet's deckExample(…). */
export type ExampleFact = { record: ExampleRecord; at: SourceLocation } | { invalid: string; at: SourceLocation };

export interface LinkFact {
  href: string;
  /** the link has the class example-link (the equation ↔ example contract) */
  exampleLink: boolean;
  /** the link has the class exercise-link (from a slide to the exercise that practises it) */
  exerciseLink: boolean;
  at: SourceLocation;
}

/** A ```mermaid fence, to be drawn and placed into its slot. */
export interface DiagramFact extends DiagramSource {
  slot: number;
  at: SourceLocation;
}

/** An id a slide declares (`<!-- .slide: id="…" -->`, `# Title {#id}`), where it is written. */
export interface DeclaredId {
  id: string;
  at: SourceLocation;
}

/** What the Markdown rules record about one slide while it is rendered. Filled by the render
 * stage only; every later stage reads it. */
export class SlideFacts {
  readonly formulas: FormulaFact[] = [];
  readonly proseNumbers: ProseNumberFact[] = [];
  readonly examples: ExampleFact[] = [];
  readonly links: LinkFact[] = [];
  readonly diagrams: DiagramFact[] = [];
  readonly ids: DeclaredId[] = [];
  readonly numberBlanks: NumberBlankFact[] = [];
  readonly choices: ChoicesFact[] = [];
  /** `::: hint` blocks on the slide */
  hints = 0;
  /** its HTML names its place in the file besides its section's data-source (a live
   * example's key, a choices group's name): moved in its file, it is rendered again */
  namesItsPlace = false;
  /** where an exercise's controls go (after its body, before its notes) */
  controlsSlot?: number;
  /** each slot's first HTML (a formula as typeset; empty for what a later stage computes) */
  readonly slots: string[] = [];

  /** A new slot holding `html` for now: its number and the marker that stands for it. */
  slot(html = ""): { slot: number; marker: string } {
    this.slots.push(html);
    const slot = this.slots.length - 1;
    return { slot, marker: slotMarker(slot) };
  }
}

/** What the HTML pass found on a slide once its attribute comments were applied. */
export interface SlideAttributes {
  /** the slide's id (reveal's `#/id` links reach it) */
  id?: string;
  /** data-no-example="why" */
  noExample?: string;
  /** data-unchecked="why" on the slide */
  unchecked?: string;
  /** data-unchecked="why" on one display formula, by its slot */
  formulaUnchecked: Readonly<Record<number, string>>;
  /** the text of its first heading (h1–h3), for the PDF outline */
  heading?: string;
  /** an exercise slide (class "exercise"): the case its numbers are of (data-exercise-case) */
  exercise?: { case?: string };
  /** routes a student may leave out of the backward pass on this example slide
   * (data-break-routes="cell recurrent-f …", src/grad/routes.ts) */
  breakRoutes?: string[];
}

/** A slide's HTML: the frame (one <section>, attributes applied) and the slots later
 * stages fill; assemble joins them. The slots are the one part a stage after the HTML
 * pass changes. */
export interface SlideHtml {
  readonly frame: string;
  readonly slots: string[];
}

export interface SlideModel {
  readonly source: SlideSource;
  /** render */
  readonly facts: SlideFacts;
  /** slide-passes */
  readonly attributes: SlideAttributes;
  /** slide-passes writes the frame; the prose-numbers, formulas and diagrams stages fill slots */
  readonly html: SlideHtml;
}

/** The marker of slot n in a frame: a comment, which the HTML pass keeps as it is and
 * attribute comments skip over (they target elements). */
export function slotMarker(slot: number): string {
  return `<!--deck-slot ${slot}-->`;
}

const SLOT = /<!--deck-slot (\d+)-->/g;

/** The slot a marker at the start of `html` stands for, if any. */
export function slotIn(html: string): number | undefined {
  const m = /^<!--deck-slot (\d+)-->/.exec(html);
  return m ? Number(m[1]) : undefined;
}

/** The slide's HTML as it stands: the frame with every slot filled in. */
export function slideHtml(html: SlideHtml): string {
  return html.frame.replace(SLOT, (_m, n: string) => html.slots[Number(n)] ?? "");
}

/** The example a slide records, if it is an example slide (its first valid record). */
export function exampleRecordOf(slide: SlideModel): ExampleRecord | undefined {
  for (const fact of slide.facts.examples) if ("record" in fact) return fact.record;
  return undefined;
}

/** The example an equation slide links to (its first example link that lands on an example
 * slide), if any. */
export function linkedExample(slide: SlideModel, byId: ReadonlyMap<string, SlideModel>): { id: string; record: ExampleRecord; slide: SlideModel } | undefined {
  for (const id of exampleLinkTargets(slide)) {
    const target = byId.get(id);
    const record = target && exampleRecordOf(target);
    if (target && record) return { id, record, slide: target };
  }
  return undefined;
}

/** The slide ids the slide's example links point at, in order. */
export function exampleLinkTargets(slide: SlideModel): string[] {
  return slide.facts.links.filter((l) => l.exampleLink).map((l) => decodeURIComponent(l.href.replace(/^#\//, "")));
}

/** The slides by id (a duplicate id is an error of its own; the later slide wins here). */
export function slidesById(slides: readonly SlideModel[]): Map<string, SlideModel> {
  return new Map(slides.filter((s) => s.attributes.id).map((s) => [s.attributes.id!, s] as const));
}

/** The deck has exercises or routes to break: the browser needs their runtime. */
export function hasExercises(slides: readonly SlideModel[]): boolean {
  return slides.some((s) => s.attributes.exercise || s.attributes.breakRoutes);
}
