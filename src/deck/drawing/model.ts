// The drawings of a deck as data: strokes per slide in drawing (id) order, the history that
// undo and redo walk, and the changes it tells its listeners about. No DOM: the view and
// the storage listen to it.
import { DRAWING_LIMITS, emptyDrawingDocument, parseDrawingDocument, type CheckedDrawingChange, type CheckedDrawingDocument, type DrawingChange, type DrawingDocument, type Stroke } from "../../shared/drawing-format.ts";

/** One undoable step: strokes that appeared and strokes that went, by slide. */
interface Edit {
  added: { slide: string; stroke: Stroke }[];
  removed: { slide: string; stroke: Stroke }[];
}

type Listener = (change: DrawingChange, local: boolean) => void;

export class DrawingModel {
  private slides = new Map<string, Stroke[]>();
  private undoStack: Edit[] = [];
  private redoStack: Edit[] = [];
  private listeners = new Set<Listener>();

  /** `listener` hears every change; `local` is false for one applied from elsewhere. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  strokesOf(slide: string): readonly Stroke[] {
    return this.slides.get(slide) ?? [];
  }

  get isEmpty(): boolean {
    return this.slides.size === 0;
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  /** An id no stroke of the document has: one past the highest. */
  nextId(): number {
    let max = 0;
    for (const strokes of this.slides.values()) for (const s of strokes) max = Math.max(max, s.id);
    return max + 1;
  }

  toJSON(): DrawingDocument {
    const doc = emptyDrawingDocument();
    for (const [slide, strokes] of this.slides) doc.slides[slide] = strokes.map((s) => ({ ...s, points: [...s.points] }));
    return doc;
  }

  /** A stroke drawn here (undoable); false when the document has no room for it (the
   * format's limits: what is kept must load again). */
  draw(slide: string, stroke: Stroke): boolean {
    const strokes = this.strokesOf(slide);
    let points = stroke.points.length / 3;
    for (const list of this.slides.values()) for (const s of list) points += s.points.length / 3;
    const full = strokes.length >= DRAWING_LIMITS.maxStrokes || (strokes.length === 0 && this.slides.size >= DRAWING_LIMITS.maxSlides) || points > DRAWING_LIMITS.maxTotalPoints;
    if (full) return false;
    this.record({ added: [{ slide, stroke }], removed: [] });
    return true;
  }

  /** Strokes erased here, in one undoable step. */
  erase(slide: string, ids: readonly number[]): void {
    const removed = this.strokesOf(slide).filter((s) => ids.includes(s.id));
    if (removed.length > 0) this.record({ added: [], removed: removed.map((stroke) => ({ slide, stroke })) });
  }

  /** Every stroke of one slide, all its steps (undoable: undo brings them back). */
  clear(slide: string): void {
    const removed = this.strokesOf(slide).map((stroke) => ({ slide, stroke }));
    if (removed.length === 0) return;
    this.slides.delete(slide);
    this.undoStack.push({ added: [], removed });
    this.redoStack = [];
    this.emit({ kind: "clear", slide }, true);
  }

  /** Replaces everything (validated); the history starts afresh. */
  load(json: unknown, local = true): void {
    this.loadChecked(parseDrawingDocument(json), local);
  }

  private loadChecked(doc: CheckedDrawingDocument, local: boolean): void {
    this.slides = new Map(Object.entries(doc.slides).filter(([, strokes]) => strokes.length > 0).map(([slide, strokes]) => [slide, [...strokes].sort((a, b) => a.id - b.id)]));
    this.undoStack = [];
    this.redoStack = [];
    this.emit({ kind: "load", doc: this.toJSON() }, local);
  }

  undo(): void {
    const edit = this.undoStack.pop();
    if (!edit) return;
    this.redoStack.push(edit);
    this.play({ added: edit.removed, removed: edit.added });
  }

  redo(): void {
    const edit = this.redoStack.pop();
    if (!edit) return;
    this.undoStack.push(edit);
    this.play(edit);
  }

  /** A change from elsewhere (checked: parseDrawingChange): applied, never recorded, idempotent. */
  apply(change: CheckedDrawingChange): void {
    switch (change.kind) {
      case "add":
        if (this.insert(change.slide, change.stroke)) this.emit(change, false);
        return;
      case "remove":
        if (this.take(change.slide, change.id)) this.emit(change, false);
        return;
      case "clear":
        if (this.slides.delete(change.slide)) this.emit(change, false);
        return;
      case "load":
        this.loadChecked(change.doc, false);
    }
  }

  private record(edit: Edit): void {
    this.undoStack.push(edit);
    this.redoStack = [];
    this.play(edit);
  }

  /** Makes an edit happen, telling the listeners one add or remove per stroke. */
  private play(edit: Edit): void {
    for (const { slide, stroke } of edit.removed) if (this.take(slide, stroke.id)) this.emit({ kind: "remove", slide, id: stroke.id }, true);
    for (const { slide, stroke } of edit.added) if (this.insert(slide, stroke)) this.emit({ kind: "add", slide, stroke }, true);
  }

  /** Puts a stroke in its place by id; false when a stroke of that id is there already. */
  private insert(slide: string, stroke: Stroke): boolean {
    for (const strokes of this.slides.values()) if (strokes.some((s) => s.id === stroke.id)) return false;
    const strokes = this.slides.get(slide) ?? [];
    const at = strokes.findIndex((s) => s.id > stroke.id);
    strokes.splice(at < 0 ? strokes.length : at, 0, stroke);
    this.slides.set(slide, strokes);
    return true;
  }

  private take(slide: string, id: number): boolean {
    const strokes = this.slides.get(slide);
    const at = strokes?.findIndex((s) => s.id === id) ?? -1;
    if (!strokes || at < 0) return false;
    strokes.splice(at, 1);
    if (strokes.length === 0) this.slides.delete(slide);
    return true;
  }

  private emit(change: DrawingChange, local: boolean): void {
    for (const listener of this.listeners) listener(change, local);
  }
}
