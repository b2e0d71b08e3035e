// The drawing layer's document and changes: strokes in slide coordinates (the 1280×720
// frame), numbers only, never HTML or script. Types and validation written to the contract
// the drawing layer and the room share; pure (no DOM, no Node).
import { FRAME } from "./constants.ts";

/** a stroke in slide coordinates; numbers only */
export interface Stroke {
  /** positive safe integer, unique within the document */
  id: number;
  /** the reveal fragment index current when it was drawn (-1: before any step) */
  step: number;
  /** 0 pen, 1 highlighter */
  tool: 0 | 1;
  /** index into DRAWING_COLORS */
  color: number;
  /** nominal width in slide px */
  size: number;
  /** flat [x, y, pressure, …]; x in [0, 1280], y in [0, 720], pressure in [0, 1] */
  points: number[];
}

export interface DrawingDocument {
  format: "backprop-deck-drawings";
  version: 1;
  /** slide key (the section's id, else "h.v") → strokes in drawing order */
  slides: Record<string, Stroke[]>;
}

export type DrawingChange =
  | { kind: "add"; slide: string; stroke: Stroke }
  | { kind: "remove"; slide: string; id: number }
  | { kind: "clear"; slide: string }
  | { kind: "load"; doc: DrawingDocument };

/** The pen's colours: the route colours of both themes among them. */
export const DRAWING_COLORS = ["#d62728", "#1f77b4", "#2ca02c", "#7b1fa2", "#d59bff", "#ff7f0e", "#1a1a1a", "#ffffff"] as const;
export const MAX_POINTS = 4000;
export const MAX_STROKES = 1000;
export const MAX_SLIDES = 1000;
export const MAX_STEP = 1000;
export const STROKE_SIZE = { min: 0.5, max: 64 } as const;
export const SLIDE_KEY = /^[A-Za-z0-9_.:-]{1,80}$/;
export const DRAWING_FORMAT = "backprop-deck-drawings";

/** A field's value with its path, for messages that name the field. */
function fail(path: string, expected: string): never {
  throw new Error(`${path}: expected ${expected}`);
}

function record(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(path, "an object");
  return value as Record<string, unknown>;
}

/** The object's keys must be exactly these (no unknown field slips through). */
function onlyKeys(object: Record<string, unknown>, keys: readonly string[], path: string): void {
  for (const key of Object.keys(object)) if (!keys.includes(key)) fail(`${path}.${key}`, "no such field");
}

function integer(value: unknown, min: number, max: number, path: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) fail(path, `an integer in [${min}, ${max}]`);
  return value;
}

function slideKey(value: unknown, path: string): string {
  if (typeof value !== "string" || !SLIDE_KEY.test(value)) fail(path, "a slide key (letters, digits, _ . : -, at most 80)");
  return value;
}

export function parseStroke(json: unknown, path = "stroke"): Stroke {
  const s = record(json, path);
  onlyKeys(s, ["id", "step", "tool", "color", "size", "points"], path);
  const size = s.size;
  if (typeof size !== "number" || !(size >= STROKE_SIZE.min && size <= STROKE_SIZE.max)) fail(`${path}.size`, `a number in [${STROKE_SIZE.min}, ${STROKE_SIZE.max}]`);
  const points = s.points;
  if (!Array.isArray(points) || points.length === 0 || points.length % 3 !== 0 || points.length > 3 * MAX_POINTS) fail(`${path}.points`, `1 to ${MAX_POINTS} points of [x, y, pressure]`);
  for (let k = 0; k < points.length; k++) {
    const v = points[k];
    const max = k % 3 === 0 ? FRAME.width : k % 3 === 1 ? FRAME.height : 1;
    if (typeof v !== "number" || !(v >= 0 && v <= max)) fail(`${path}.points[${k}]`, `a number in [0, ${max}]`);
  }
  return {
    id: integer(s.id, 1, Number.MAX_SAFE_INTEGER, `${path}.id`),
    step: integer(s.step, -1, MAX_STEP, `${path}.step`),
    tool: integer(s.tool, 0, 1, `${path}.tool`) as 0 | 1,
    color: integer(s.color, 0, DRAWING_COLORS.length - 1, `${path}.color`),
    size,
    points: points as number[],
  };
}

export function parseDrawingDocument(json: unknown): DrawingDocument {
  const d = record(json, "drawings");
  onlyKeys(d, ["format", "version", "slides"], "drawings");
  if (d.format !== DRAWING_FORMAT) fail("drawings.format", `"${DRAWING_FORMAT}"`);
  if (d.version !== 1) fail("drawings.version", "1");
  const slides = record(d.slides, "drawings.slides");
  const keys = Object.keys(slides);
  if (keys.length > MAX_SLIDES) fail("drawings.slides", `at most ${MAX_SLIDES} slides`);
  // entries, not assignments: a key such as "__proto__" stays a plain own property
  const entries: [string, Stroke[]][] = [];
  for (const key of keys) {
    const path = `drawings.slides[${JSON.stringify(key).slice(0, 90)}]`;
    slideKey(key, path);
    const strokes = slides[key];
    if (!Array.isArray(strokes) || strokes.length > MAX_STROKES) fail(path, `an array of at most ${MAX_STROKES} strokes`);
    const ids = new Set<number>();
    entries.push([
      key,
      strokes.map((stroke, k) => {
        const parsed = parseStroke(stroke, `${path}[${k}]`);
        if (ids.has(parsed.id)) fail(`${path}[${k}].id`, "an id not used before on this slide");
        ids.add(parsed.id);
        return parsed;
      }),
    ]);
  }
  return { format: DRAWING_FORMAT, version: 1, slides: Object.fromEntries(entries) };
}

export function parseDrawingChange(json: unknown): DrawingChange {
  const c = record(json, "change");
  switch (c.kind) {
    case "add":
      onlyKeys(c, ["kind", "slide", "stroke"], "change");
      return { kind: "add", slide: slideKey(c.slide, "change.slide"), stroke: parseStroke(c.stroke, "change.stroke") };
    case "remove":
      onlyKeys(c, ["kind", "slide", "id"], "change");
      return { kind: "remove", slide: slideKey(c.slide, "change.slide"), id: integer(c.id, 1, Number.MAX_SAFE_INTEGER, "change.id") };
    case "clear":
      onlyKeys(c, ["kind", "slide"], "change");
      return { kind: "clear", slide: slideKey(c.slide, "change.slide") };
    case "load":
      onlyKeys(c, ["kind", "doc"], "change");
      return { kind: "load", doc: parseDrawingDocument(c.doc) };
    default:
      return fail("change.kind", `"add", "remove", "clear" or "load"`);
  }
}

export function emptyDrawingDocument(): DrawingDocument {
  return { format: DRAWING_FORMAT, version: 1, slides: {} };
}
