// What the plugin's always-loaded part hands the drawing view it loads on first use.
import type { RevealApi } from "reveal.js";
import type { DrawingModel } from "./model.ts";

export type DrawingTool = "pen" | "highlighter" | "eraser";

/** The pen as the presenter set it up, and the mode the layer is in. */
export interface DrawingState {
  active: boolean;
  readOnly: boolean;
  tool: DrawingTool;
  /** index into DRAWING_COLORS */
  color: number;
}

export interface DrawingContext {
  deck: RevealApi;
  model: DrawingModel;
  state: DrawingState;
  /** the toolbar, holding the toggle button; the view adds its tools */
  toolbar: HTMLElement;
  /** the plugin's load: validates, replaces everything, throws with the bad field */
  load(json: unknown): void;
  /** the stem of an exported file's name */
  deckName: string;
}

/** Nominal widths in slide px. */
export const PEN_SIZE = 6;
export const HIGHLIGHTER_SIZE = 24;
/** the eraser's reach around the pointer, slide px */
export const ERASER_RADIUS = 14;
