// What the compiler remembers between compiles (the dev server keeps one cache for hours):
// typeset markup, each slide's HTML pass, each diagram's post-processed SVG — each on a shelf
// of its own, keyed by what it is made from. Anything a compile did not use is forgotten at
// its end. The cache only remembers; the stages say how each thing is made.
import type { FormulaReport } from "../formulas/check.ts";
import type { DeckNotation } from "../formulas/deck-notation.ts";
import type { Bibliography, BibliographyRecord } from "./bibliography.ts";
import type { Token } from "markdown-it";
import type { ParsedSlide, RenderedSlide } from "./state.ts";
import type { FrontMatter } from "./frontmatter.ts";
import type { SourceLocation } from "./diagnostics.ts";
import type { SlideAttributes } from "./model.ts";
import type { DiagramStepMiss } from "../shared/diagram-steps.ts";

/** `text`, flat: a string built piece by piece (`+=`: KaTeX's markup, markdown-it's, a
 * filled slide) is in V8 a tree of its pieces, about three times the size of its characters;
 * reading one character makes V8 copy them into one string, which the tree then stands for.
 * What the cache keeps — for hours in the dev server — it keeps flat: with KaTeX's markup
 * kept as it came, the dev server's heap grew 5 MiB over 100 edits (formulas typeset again
 * replacing the flat markup read from the compile store), against none without. */
export function flat(text: string): string {
  text.charCodeAt(text.length >> 1);
  return text;
}

/** Things of one kind, by key. */
export class Shelf<T> {
  private readonly entries = new Map<string, T>();
  /** the key each kept object is held under (the shelf's own key string: see touchValue) */
  private readonly keyOf = new WeakMap<object, string>();
  private readonly used = new Set<string>();
  private recording: Set<string> | undefined;

  /** Runs `work`, noting the keys it used: a caller that later skips the work (it kept its
   * result) touches them, so that they stay. */
  noting<R>(work: () => R): { result: R; keys: string[] } {
    const outer = this.recording;
    const keys = new Set<string>();
    this.recording = keys;
    try {
      return { result: work(), keys: [...keys] };
    } finally {
      if (outer) for (const key of keys) outer.add(key);
      this.recording = outer;
    }
  }

  /** Marks `keys` used by this compile (see noting). */
  touch(keys: readonly string[]): void {
    for (const key of keys) this.used.add(key);
  }

  /** The thing made for `key`, made now if the shelf lacks it; `make` says whether it may be
   * kept (not when it reported a problem, which the next compile must report again). */
  remember(key: string, make: () => { value: T; keep: boolean }): T {
    this.used.add(key);
    this.recording?.add(key);
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const { value, keep } = make();
    if (keep) this.hold(key, value);
    return value;
  }

  /** The thing kept for `key`, if any (marked used by this compile). */
  get(key: string): T | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) this.touch([key]);
    return hit;
  }

  /** Keeps `value` for `key`, in place of what was kept for it. */
  put(key: string, value: T): void {
    this.touch([key]);
    this.hold(key, value);
  }

  /** Marks used by this compile the key that `value` (an object the shelf gave) is held
   * under: a caller that kept the value needs neither to make its key again nor to hold it. */
  touchValue(value: T & object): void {
    const key = this.keyOf.get(value);
    if (key !== undefined) this.touch([key]);
  }

  private hold(key: string, value: T): void {
    this.entries.set(key, value);
    if (typeof value === "object" && value !== null) this.keyOf.set(value, key);
  }

  /** Forget what the last compile did not use. */
  sweep(): void {
    for (const key of this.entries.keys()) if (!this.used.has(key)) this.entries.delete(key);
    this.used.clear();
  }

  /** Whether the shelf holds a thing for `key` (without using it). */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** What the shelf holds (after a compile's sweep: what that compile used). */
  held(): [string, T][] {
    return [...this.entries];
  }

  /** Puts things made by an earlier process on the shelf (see src/session/compile-store.ts). */
  stock(entries: Iterable<[string, T]>): void {
    for (const [key, value] of entries) this.hold(key, value);
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

/** A slide as rendered (stages/render.ts), with what else its rendering read and where in
 * its file it was. */
export interface KeptRender {
  /** what else it read: the same for every slide, its included files */
  key: string;
  /** its snippets' outcomes and the bibliography, compared by identity */
  outcomes: unknown[];
  rendered: RenderedSlide;
  /** the typeset markup it used (touched while it is kept) */
  markupKeys: string[];
  /** the line its section started at */
  line: number;
  /** its key on CompileCache.rendersByText */
  textKey: string;
}

/** A slide's Markdown tokens (no stage changes them after the parse). */
export interface SlideTokens {
  tokens: Token[];
  notesTokens?: Token[];
}

/** A chapter after the parse: its front matter and slides (the parse stage). */
export interface ParsedChapter {
  front: FrontMatter;
  slides: ParsedSlide[];
  /** the keys of its slides' tokens on the slideTokens shelf */
  tokenKeys: readonly string[];
}

/** Slides' HTML with their slots filled, by frame: filled again only when a slot changed
 * (slots are compared by identity first, which is cheap, as kept markup keeps it). */
export class FilledSlides {
  private readonly entries = new Map<string, { slots: readonly string[]; html: string }>();
  private readonly used = new Set<string>();

  fill(frame: string, slots: readonly string[], make: () => string): string {
    this.used.add(frame);
    const hit = this.entries.get(frame);
    if (hit && hit.slots.length === slots.length && hit.slots.every((s, k) => s === slots[k])) {
      // held from now on under this compile's copy of the frame's text, which the compile
      // keeps: a Map keeps the first key it was given, and a slide below an edit in its
      // chapter is rendered again, its frame a new copy of the same text (the old copy would
      // stay beside it for as long as the dev server runs)
      this.entries.delete(frame);
      this.entries.set(frame, hit);
      return hit.html;
    }
    const html = flat(make());
    this.entries.set(frame, { slots: [...slots], html });
    return html;
  }

  sweep(): void {
    for (const key of this.entries.keys()) if (!this.used.has(key)) this.entries.delete(key);
    this.used.clear();
  }
}

export class CompileCache {
  /** chapters parsed, by file and a digest of their text (kept only when the parse reported nothing) */
  readonly chapters = new Shelf<ParsedChapter>();
  /** slides parsed, by file, text and first line (kept only when the parse reported nothing) */
  readonly slideTokens = new Shelf<SlideTokens>();
  /** formula checks, by the formula's TeX and what it was checked on */
  readonly checks = new Shelf<FormulaReport>();
  /** content hashes of big values that keep their identity across compiles */
  readonly hashes = new WeakMap<object, string>();
  /** the notation ready for checking (its tables compiled), by the notation module's value
   * (the same object while the module is unchanged) and the deck's macros */
  readonly notations = new WeakMap<object, { macros: string; notation: DeckNotation }>();
  /** slides rendered, by their tokens (a chapter's tokens are the same objects while its text
   * is: see chapters) and what else the rendering read */
  readonly renders = new WeakMap<readonly Token[], KeptRender>();
  /** the same by the slide's file and text, wherever in the file it starts: a slide that an
   * edit above it only moved has new tokens, and is moved, not rendered again */
  readonly rendersByText = new Shelf<KeptRender>();
  /** typeset TeX, live values, formulas annotated with their symbols' values */
  readonly markup = new Shelf<string>();
  /** slides after their HTML pass, by a digest of their rendered HTML */
  readonly slides = new Shelf<PassedSlide>();
  /** a rendered slide's pass (the object on `slides`) and its frame with its place put back:
   * an unchanged slide (the same rendered object) is not looked up by its HTML again */
  readonly placed = new WeakMap<object, { passed: PassedSlide; frame: string }>();
  /** diagrams by source and SVG */
  readonly diagrams = new Shelf<ProcessedDiagram>();
  /** slides' HTML as assembled */
  readonly filled = new FilledSlides();
  /** the deck's bibliography as read (and formatted so far), by its BibTeX */
  readonly bibliographies = new Shelf<BibliographyRecord | { at: SourceLocation; message: string }>();
  /** the session's one Bibliography of a record: what a slide's render is keyed by */
  readonly bibliographyOf = new WeakMap<BibliographyRecord, Bibliography>();

  /** Forget what the last compile did not use. */
  sweep(): void {
    this.markup.sweep();
    this.slides.sweep();
    this.rendersByText.sweep();
    this.diagrams.sweep();
    this.bibliographies.sweep();
    this.slideTokens.sweep();
    this.chapters.sweep();
    this.checks.sweep();
    this.filled.sweep();
  }

  /** The shelves a later process may take over: plain data, made the same from the same key
   * by the same code. */
  lasting(): { markup: Shelf<string>; slides: Shelf<PassedSlide>; checks: Shelf<FormulaReport>; diagrams: Shelf<ProcessedDiagram>; bibliographies: Shelf<BibliographyRecord | { at: SourceLocation; message: string }> } {
    return { markup: this.markup, slides: this.slides, checks: this.checks, diagrams: this.diagrams, bibliographies: this.bibliographies };
  }

  /** Markup that is slow to make and depends on `key` alone (see Shelf.remember). */
  markupFor(key: string, make: () => { html: string; keep: boolean }): string {
    return this.markup.remember(key, () => {
      const { html, keep } = make();
      return { value: flat(html), keep };
    });
  }
}
