// What the room needs of reveal.js and of the drawing layer: the few methods it calls,
// written down here so that the room's code depends on nothing else of theirs.
import type { CheckedDrawingChange, DrawingChange, DrawingDocument } from "../../shared/drawing-format.ts";
import type { RoomRole } from "../../shared/room-protocol.ts";

export interface RoomDeck {
  getIndices(): { h: number; v?: number; f?: number };
  slide(h: number, v?: number, f?: number): void;
  next(): void;
  prev(): void;
  isOverview(): boolean;
  /** reveal.js's scroll view (the reading view on a phone): steps come as the reader scrolls */
  isScrollView?(): boolean;
  toggleOverview(override?: boolean): void;
  getCurrentSlide(): HTMLElement | undefined;
  getSlide(h: number, v?: number): HTMLElement | undefined;
  getSlides(): HTMLElement[];
  getTotalSlides(): number;
  getSlidePastCount(): number;
  getPlugin(id: string): unknown;
  addKeyBinding(binding: { keyCode: number; key: string; description: string }, callback: () => void): void;
  removeKeyBinding(keyCode: number): void;
  configure(options: Record<string, unknown>): void;
  on(type: string, listener: (event: Event) => void): void;
  off(type: string, listener: (event: Event) => void): void;
}

/** The drawing layer's public API (Reveal.getPlugin("drawing")), as far as the room uses it,
 * and its applyChecked. */
export interface DrawingLayer {
  toJSON(): DrawingDocument;
  onChange(listener: (change: DrawingChange) => void): () => void;
  /** a change from elsewhere, checked here */
  apply(change: DrawingChange): void;
  /** a change the room's protocol has checked already */
  applyChecked(change: CheckedDrawingChange): void;
  setReadOnly(readOnly: boolean): void;
}

/** How the page was opened: `?room=ROLE` and, for the presenter and the remote, `&secret=…`. */
export interface RoomMode {
  role: RoomRole;
  secret?: string;
}

/** What the room's browser code (client.ts, loaded on demand) exports. */
export interface RoomClientModule {
  /** joins the room the page's address names; returns how to leave */
  startRoom(deck: RoomDeck): () => void;
}
