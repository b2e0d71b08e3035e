// The drawings of a deck as data: strokes per slide in drawing (id) order (a StrokeStore),
// the history that undo and redo walk, and the changes it tells its listeners about. No
// DOM: the view and the storage listen to it.
import { parseDrawingDocument, type CheckedDrawingChange, type CheckedDrawingDocument, type DrawingChange, type DrawingDocument, type Stroke } from "../../shared/drawing-format.ts";
import { StrokeStore } from "../../shared/stroke-store.ts";

/** One undoable step: strokes that appeared and strokes that went, by slide. */
interface Edit {
  added: { slide: string; stroke: Stroke }[];
  removed: { slide: string; stroke: Stroke }[];
}

type Listener = (change: DrawingChange, local: boolean) => void;

export class DrawingModel {
  private readonly store = new StrokeStore();
  private undoStack: Edit[] = [];
  private redoStack: Edit[] = [];
  private listeners = new Set<Listener>();

  /** `listener` hears every change; `local` is false for one applied from elsewhere. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  strokesOf(slide: string): readonly Stroke[] {
    return this.store.strokesOf(slide);
  }

  get isEmpty(): boolean {
    return this.store.isEmpty;
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  /** An id no stroke of the document has: one past the highest. */
  nextId(): number {
    return this.store.nextId();
  }

  /** A copy: what the caller does with it changes nothing here. */
  toJSON(): DrawingDocument {
    const doc = this.store.toDocument();
    for (const slide of Object.keys(doc.slides)) doc.slides[slide] = doc.slides[slide].map((s) => ({ ...s, points: [...s.points] }));
    return doc;
  }

  /** A stroke drawn here (undoable); false when the document has no room for it (the
   * format's limits: what is kept must load again). */
  draw(slide: string, stroke: Stroke): boolean {
    if (this.store.full(slide, stroke)) return false;
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
    const removed = this.store.clear(slide).map((stroke) => ({ slide, stroke }));
    if (removed.length === 0) return;
    this.undoStack.push({ added: [], removed });
    this.redoStack = [];
    this.emit({ kind: "clear", slide }, true);
  }

  /** Replaces everything (validated); the history starts afresh. */
  load(json: unknown, local = true): void {
    this.loadChecked(parseDrawingDocument(json), local);
  }

  private loadChecked(doc: CheckedDrawingDocument, local: boolean): void {
    this.store.replace(doc); // checked: its ids are unique and it is within a document's bounds
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
        if (this.store.add(change.slide, change.stroke) === "added") this.emit(change, false);
        return;
      case "remove":
        if (this.store.remove(change.slide, change.id)) this.emit(change, false);
        return;
      case "clear":
        if (this.store.clear(change.slide).length > 0) this.emit(change, false);
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
    for (const { slide, stroke } of edit.removed) if (this.store.remove(slide, stroke.id)) this.emit({ kind: "remove", slide, id: stroke.id }, true);
    for (const { slide, stroke } of edit.added) if (this.store.add(slide, stroke) === "added") this.emit({ kind: "add", slide, stroke }, true);
  }

  private emit(change: DrawingChange, local: boolean): void {
    for (const listener of this.listeners) listener(change, local);
  }
}
