// What the compiler remembers between compiles (the dev server keeps one cache for hours):
// typeset markup, each slide's HTML pass, each diagram's post-processed SVG — each on a shelf
// of its own, keyed by what it is made from. Anything a compile did not use is forgotten at
// its end. The cache only remembers; the stages say how each thing is made.
import type { Bibliography } from "./bibliography.ts";
import type { SourceLocation } from "./diagnostics.ts";
import type { SlideAttributes } from "./model.ts";
import type { DiagramStepMiss } from "../shared/diagram-steps.ts";

/** Things of one kind, by key. */
export class Shelf<T> {
  private readonly entries = new Map<string, T>();
  private readonly used = new Set<string>();

  /** The thing made for `key`, made now if the shelf lacks it; `make` says whether it may be
   * kept (not when it reported a problem, which the next compile must report again). */
  remember(key: string, make: () => { value: T; keep: boolean }): T {
    this.used.add(key);
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const { value, keep } = make();
    if (keep) this.entries.set(key, value);
    return value;
  }

  /** Forget what the last compile did not use. */
  sweep(): void {
    for (const key of this.entries.keys()) if (!this.used.has(key)) this.entries.delete(key);
    this.used.clear();
  }
}

/** A slide after its HTML pass (stages/slide-passes.ts). */
export interface PassedSlide {
  frame: string;
  attributes: SlideAttributes;
}

/** A drawn diagram sized for the slide, with its `%% step` highlights marked. */
export interface ProcessedDiagram {
  html: string;
  /** `%% step` targets that match no node or edge */
  missing: DiagramStepMiss[];
}

export class CompileCache {
  /** typeset TeX, live values, formulas annotated with their symbols' values */
  readonly markup = new Shelf<string>();
  /** slides after their HTML pass, by their rendered HTML */
  readonly slides = new Shelf<PassedSlide>();
  /** diagrams by source and SVG */
  readonly diagrams = new Shelf<ProcessedDiagram>();
  /** the deck's bibliography, by its BibTeX */
  readonly bibliographies = new Shelf<Bibliography | { at: SourceLocation; message: string }>();

  /** Forget what the last compile did not use. */
  sweep(): void {
    this.markup.sweep();
    this.slides.sweep();
    this.diagrams.sweep();
    this.bibliographies.sweep();
  }

  /** Markup that is slow to make and depends on `key` alone (see Shelf.remember). */
  markupFor(key: string, make: () => { html: string; keep: boolean }): string {
    return this.markup.remember(key, () => {
      const { html, keep } = make();
      return { value: html, keep };
    });
  }
}
