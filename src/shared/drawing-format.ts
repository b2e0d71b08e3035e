// The drawing layer's exchange format: what the browser keeps in local storage, exports to
// a file, prints with `npm run pdf -- --annotations`, and what a room sends between pages.
// Numbers only, never HTML or script: everything is checked here, field by field, and
// anything else is rejected with a message that names the field. Pure: no DOM, no Node.
import { FRAME } from "./constants.ts";

/** A stroke in slide coordinates (the 1280×720 frame). */
export interface Stroke {
  /** positive safe integer, unique within the document; the drawing order */
  id: number;
  /** the reveal.js fragment index current when it was drawn (-1: before any step); the
   * stroke shows while the slide's current fragment index is at least this */
  step: number;
  /** 0 pen, 1 highlighter */
  tool: 0 | 1;
  /** index into DRAWING_COLORS */
  color: number;
  /** nominal width in slide px */
  size: number;
  /** flat [x, y, pressure, x, y, pressure, …]; x in [0, 1280], y in [0, 720], pressure in [0, 1] */
  points: number[];
}

export interface DrawingDocument {
  format: typeof DRAWING_FORMAT;
  version: 1;
  /** slide key → strokes in drawing order. A slide key is the section's id when it has
   * one (and the id fits SLIDE_KEY), else "h.v" (reveal's indices). */
  slides: Record<string, Stroke[]>;
}

/** A change, as the layer emits it and as a remote copy applies it. */
export type DrawingChange =
  | { kind: "add"; slide: string; stroke: Stroke }
  | { kind: "remove"; slide: string; id: number }
  | { kind: "clear"; slide: string }
  | { kind: "load"; doc: DrawingDocument };

/** What this module's parsers return carries this mark (a type only: nothing at run time),
 * so that code holding a parsed document or change applies it without checking it again. */
declare const CHECKED: unique symbol;
/** A document parseDrawingDocument has checked. */
export type CheckedDrawingDocument = DrawingDocument & { readonly [CHECKED]: true };
/** A change parseDrawingChange has checked (a load's document with it). */
export type CheckedDrawingChange = (Exclude<DrawingChange, { kind: "load" }> | { kind: "load"; doc: CheckedDrawingDocument }) & { readonly [CHECKED]: true };

/** Loading a checked document, as a checked change. */
export function checkedLoad(doc: CheckedDrawingDocument): CheckedDrawingChange {
  return { kind: "load", doc } as CheckedDrawingChange;
}

export const DRAWING_FORMAT = "backprop-deck-drawings";
export const PEN = 0;
export const HIGHLIGHTER = 1;

/** The pen's colours: the text colour and the six route colours, drawn as each theme draws
 * them (the strokes take `--route-N` of src/deck/classroom.css), so that a stroke in route
 * 2's colour is route 2's colour in either theme, as in the formulas and diagrams. */
export const DRAWING_COLORS = [
  { name: "ink" },
  { name: "blue (route 1)" },
  { name: "red (route 2)" },
  { name: "green (route 3)" },
  { name: "purple (route 4)" },
  { name: "orange (route 5)" },
  { name: "teal (route 6)" },
] as const;

export const DRAWING_LIMITS = {
  /** points in one stroke */
  maxPoints: 4000,
  /** strokes on one slide */
  maxStrokes: 1000,
  /** slides with strokes */
  maxSlides: 500,
  /** points in the whole document (≈ 6 MB of JSON) */
  maxTotalPoints: 200_000,
  /** a stroke's nominal width, slide px */
  minSize: 0.5,
  maxSize: 64,
  /** the highest fragment index a stroke may name */
  maxStep: 999,
} as const;

/** A slide key: a section id of ours, or "h.v". Nothing that could be markup. */
export const SLIDE_KEY = /^[A-Za-z0-9_.:-]{1,80}$/;

/** Thrown for input that is not a drawing document or change; the message names the field. */
export class DrawingFormatError extends Error {
  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.name = "DrawingFormatError";
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `a string`;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "a non-finite number";
  return `a ${typeof value}`;
}

function record(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new DrawingFormatError(field, `expected an object, got ${describe(value)}`);
  return value as Record<string, unknown>;
}

function onlyKeys(value: Record<string, unknown>, field: string, keys: readonly string[]): void {
  const extra = Object.keys(value).find((k) => !keys.includes(k));
  if (extra !== undefined) throw new DrawingFormatError(field, `unexpected field ${JSON.stringify(extra.slice(0, 40))}`);
}

function numberIn(value: unknown, field: string, min: number, max: number, integer = false): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new DrawingFormatError(field, `expected a number, got ${describe(value)}`);
  if (integer && !Number.isInteger(value)) throw new DrawingFormatError(field, `expected an integer, got ${value}`);
  if (value < min || value > max) throw new DrawingFormatError(field, `expected ${min} … ${max}, got ${value}`);
  return value;
}

export function slideKey(value: unknown, field: string): string {
  if (typeof value !== "string") throw new DrawingFormatError(field, `expected a slide key, got ${describe(value)}`);
  if (!SLIDE_KEY.test(value)) throw new DrawingFormatError(field, `expected a slide key of letters, digits and _ . : - (1 to 80), got ${JSON.stringify(value.slice(0, 40))}`);
  return value;
}

function points(value: unknown, field: string): number[] {
  if (!Array.isArray(value)) throw new DrawingFormatError(field, `expected an array of numbers, got ${describe(value)}`);
  if (value.length === 0 || value.length % 3 !== 0) throw new DrawingFormatError(field, `expected x, y, pressure triples, got ${value.length} numbers`);
  if (value.length > DRAWING_LIMITS.maxPoints * 3) throw new DrawingFormatError(field, `expected at most ${DRAWING_LIMITS.maxPoints} points, got ${value.length / 3}`);
  const ranges = [FRAME.width, FRAME.height, 1];
  return value.map((n, k) => numberIn(n, `${field}[${k}]`, 0, ranges[k % 3]));
}

export function parseStroke(json: unknown, field: string): Stroke {
  const value = record(json, field);
  onlyKeys(value, field, ["id", "step", "tool", "color", "size", "points"]);
  return {
    id: numberIn(value.id, `${field}.id`, 1, Number.MAX_SAFE_INTEGER, true),
    step: numberIn(value.step, `${field}.step`, -1, DRAWING_LIMITS.maxStep, true),
    tool: numberIn(value.tool, `${field}.tool`, PEN, HIGHLIGHTER, true) as 0 | 1,
    color: numberIn(value.color, `${field}.color`, 0, DRAWING_COLORS.length - 1, true),
    size: numberIn(value.size, `${field}.size`, DRAWING_LIMITS.minSize, DRAWING_LIMITS.maxSize),
    points: points(value.points, `${field}.points`),
  };
}

/** What a document has used so far: stroke ids, and points (bounded over the whole document). */
interface Seen {
  ids: Set<number>;
  points: number;
}

function strokeList(json: unknown, field: string, seen: Seen): Stroke[] {
  if (!Array.isArray(json)) throw new DrawingFormatError(field, `expected an array of strokes, got ${describe(json)}`);
  if (json.length > DRAWING_LIMITS.maxStrokes) throw new DrawingFormatError(field, `expected at most ${DRAWING_LIMITS.maxStrokes} strokes, got ${json.length}`);
  return json.map((s, k) => {
    const stroke = parseStroke(s, `${field}[${k}]`);
    if (seen.ids.has(stroke.id)) throw new DrawingFormatError(`${field}[${k}].id`, `${stroke.id} is used by another stroke`);
    seen.ids.add(stroke.id);
    seen.points += stroke.points.length / 3;
    if (seen.points > DRAWING_LIMITS.maxTotalPoints) throw new DrawingFormatError(`${field}[${k}]`, `the document holds more than ${DRAWING_LIMITS.maxTotalPoints} points`);
    return stroke;
  });
}

/** A drawing document from parsed JSON; throws DrawingFormatError naming the bad field. */
export function parseDrawingDocument(json: unknown, field = "document"): CheckedDrawingDocument {
  const value = record(json, field);
  onlyKeys(value, field, ["format", "version", "slides"]);
  if (value.format !== DRAWING_FORMAT) throw new DrawingFormatError(`${field}.format`, `expected "${DRAWING_FORMAT}", got ${typeof value.format === "string" ? JSON.stringify(value.format.slice(0, 40)) : describe(value.format)}`);
  if (value.version !== 1) throw new DrawingFormatError(`${field}.version`, `expected 1, got ${describe(value.version)}`);
  const slides = record(value.slides, `${field}.slides`);
  const keys = Object.keys(slides);
  if (keys.length > DRAWING_LIMITS.maxSlides) throw new DrawingFormatError(`${field}.slides`, `expected at most ${DRAWING_LIMITS.maxSlides} slides, got ${keys.length}`);
  const seen: Seen = { ids: new Set(), points: 0 };
  // entries, not assignments: a key such as "__proto__" (a valid slide key) stays a plain
  // key of its own instead of replacing the object's prototype (and its strokes vanishing)
  const parsed = keys.map((key): [string, Stroke[]] => [slideKey(key, `${field}.slides key`), strokeList(slides[key], `${field}.slides.${key}`, seen)]);
  return { format: DRAWING_FORMAT, version: 1, slides: Object.fromEntries(parsed) } as CheckedDrawingDocument;
}

/** A change from parsed JSON; throws DrawingFormatError naming the bad field. */
export function parseDrawingChange(json: unknown, field = "change"): CheckedDrawingChange {
  return checkedChange(json, field) as CheckedDrawingChange;
}

function checkedChange(json: unknown, field: string): DrawingChange {
  const value = record(json, field);
  switch (value.kind) {
    case "add":
      onlyKeys(value, field, ["kind", "slide", "stroke"]);
      return { kind: "add", slide: slideKey(value.slide, `${field}.slide`), stroke: parseStroke(value.stroke, `${field}.stroke`) };
    case "remove":
      onlyKeys(value, field, ["kind", "slide", "id"]);
      return { kind: "remove", slide: slideKey(value.slide, `${field}.slide`), id: numberIn(value.id, `${field}.id`, 1, Number.MAX_SAFE_INTEGER, true) };
    case "clear":
      onlyKeys(value, field, ["kind", "slide"]);
      return { kind: "clear", slide: slideKey(value.slide, `${field}.slide`) };
    case "load":
      onlyKeys(value, field, ["kind", "doc"]);
      return { kind: "load", doc: parseDrawingDocument(value.doc, `${field}.doc`) };
    default:
      throw new DrawingFormatError(`${field}.kind`, `expected "add", "remove", "clear" or "load", got ${typeof value.kind === "string" ? JSON.stringify(value.kind.slice(0, 20)) : describe(value.kind)}`);
  }
}

export function emptyDrawingDocument(): DrawingDocument {
  return { format: DRAWING_FORMAT, version: 1, slides: {} };
}

/** The drawing plugin's public API (`Reveal.getPlugin("drawing")`), for whoever drives it
 * from another plugin or a script. */
export interface DrawingApi {
  /** drawing mode on/off (pointer input goes to the layer); returns the new mode */
  toggle(on?: boolean): boolean;
  /** clears one slide (default: the current one), all its steps; undoable */
  clear(slide?: string): void;
  toJSON(): DrawingDocument;
  /** validates, replaces all drawings; throws DrawingFormatError on invalid input */
  load(json: DrawingDocument | string): void;
  /** every local change (add, remove, clear, load; undo, redo and the eraser as add and
   * remove); returns the unsubscribe function */
  onChange(listener: (change: DrawingChange) => void): () => void;
  /** a change from elsewhere, applied without telling onChange's listeners; idempotent */
  apply(change: DrawingChange): void;
  /** audience pages: strokes shown, no drawing UI */
  setReadOnly(readOnly: boolean): void;
}

/** Where `npm run pdf -- --annotations FILE` puts the document for the page to print
 * (a property of window, set before the page's scripts run). */
export const ANNOTATIONS_GLOBAL = "deckAnnotations";

/** The attribute the print view gives each slide: its slide key, for the printer to tell
 * which annotated slides the deck has. */
export const SLIDE_KEY_ATTRIBUTE = "data-drawing-key";
