// Strokes by slide, as both the drawing layer's model (src/deck/drawing/model.ts) and the
// room's state (src/present/room-state.ts) keep them: each slide's in drawing order (by id,
// which the format defines as that order), an id at most once in the whole store, and within
// a drawing document's bounds and the keeper's own (a room's strokes and points). Changes are
// idempotent: a stroke already there, or the removal of one that is not, changes nothing.
// Pure: no DOM, no Node.
import { DRAWING_LIMITS, emptyDrawingDocument, type DrawingDocument, type Stroke } from "./drawing-format.ts";

/** In the whole store, besides a document's own bounds (strokes per slide, slides). */
export interface StrokeBounds {
  strokes: number;
  /** a point is x, y, pressure */
  points: number;
}

/** A drawing document's bounds: as many points as one may hold, strokes bounded per slide. */
export const DOCUMENT_BOUNDS: Readonly<StrokeBounds> = { strokes: Number.POSITIVE_INFINITY, points: DRAWING_LIMITS.maxTotalPoints };

const pointsOf = (stroke: Stroke): number => stroke.points.length / 3;

export class StrokeStore {
  /** slide key → its strokes by id */
  private slides = new Map<string, Stroke[]>();
  /** stroke id → its slide */
  private ids = new Map<number, string>();
  private points = 0;

  constructor(private readonly bounds: Readonly<StrokeBounds> = DOCUMENT_BOUNDS) {}

  get isEmpty(): boolean {
    return this.slides.size === 0;
  }

  strokesOf(slide: string): readonly Stroke[] {
    return this.slides.get(slide) ?? [];
  }

  /** An id no stroke has: one past the highest. */
  nextId(): number {
    let max = 0;
    for (const id of this.ids.keys()) max = Math.max(max, id);
    return max + 1;
  }

  /** Whether `stroke` would be refused on `slide` for the bounds (an id already there is not). */
  full(slide: string, stroke: Stroke): boolean {
    const strokes = this.slides.get(slide);
    if (strokes ? strokes.length >= DRAWING_LIMITS.maxStrokes : this.slides.size >= DRAWING_LIMITS.maxSlides) return true;
    return this.ids.size + 1 > this.bounds.strokes || this.points + pointsOf(stroke) > this.bounds.points;
  }

  /** "same": a stroke of that id is there already; "full": past the bounds. */
  add(slide: string, stroke: Stroke): "added" | "same" | "full" {
    if (this.ids.has(stroke.id)) return "same";
    if (this.full(slide, stroke)) return "full";
    const strokes = this.slides.get(slide) ?? [];
    const at = strokes.findIndex((s) => s.id > stroke.id);
    strokes.splice(at < 0 ? strokes.length : at, 0, stroke);
    this.slides.set(slide, strokes);
    this.ids.set(stroke.id, slide);
    this.points += pointsOf(stroke);
    return "added";
  }

  /** The stroke removed, if `slide` had it. */
  remove(slide: string, id: number): Stroke | undefined {
    const strokes = this.slides.get(slide);
    const at = strokes?.findIndex((s) => s.id === id) ?? -1;
    if (!strokes || at < 0) return undefined;
    const [stroke] = strokes.splice(at, 1);
    this.forget(stroke);
    if (strokes.length === 0) this.slides.delete(slide);
    return stroke;
  }

  /** Every stroke of `slide`, removed (none: it had none). */
  clear(slide: string): Stroke[] {
    const strokes = this.slides.get(slide) ?? [];
    strokes.forEach((s) => this.forget(s));
    this.slides.delete(slide);
    return strokes;
  }

  /** Replaces every stroke with `doc`'s; "invalid": it uses an id twice, "full": past the
   * bounds (nothing changes then). */
  replace(doc: DrawingDocument): "replaced" | "invalid" | "full" {
    const entries = Object.entries(doc.slides).filter(([, strokes]) => strokes.length > 0);
    const all = entries.flatMap(([slide, strokes]) => strokes.map((stroke) => [slide, stroke] as const));
    const ids = new Map(all.map(([slide, s]) => [s.id, slide]));
    if (ids.size !== all.length) return "invalid";
    const points = all.reduce((sum, [, s]) => sum + pointsOf(s), 0);
    if (all.length > this.bounds.strokes || points > this.bounds.points) return "full";
    this.slides = new Map(entries.map(([slide, strokes]) => [slide, [...strokes].sort((a, b) => a.id - b.id)]));
    this.ids = ids;
    this.points = points;
    return "replaced";
  }

  /** The strokes as a drawing document (new lists; the strokes themselves are shared). */
  toDocument(): DrawingDocument {
    return { ...emptyDrawingDocument(), slides: Object.fromEntries([...this.slides].map(([slide, strokes]) => [slide, [...strokes]])) };
  }

  private forget(stroke: Stroke): void {
    this.ids.delete(stroke.id);
    this.points -= pointsOf(stroke);
  }
}
