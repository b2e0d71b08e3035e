// The strokes the drawing layer and the room both keep: each slide's in id order, an id once
// in the whole store, the bounds of a document and of the keeper, idempotent changes, and a
// replace that is all or nothing.
import { describe, expect, it } from "vitest";
import { DRAWING_LIMITS, type DrawingDocument, type Stroke } from "../../src/shared/drawing-format.ts";
import { StrokeStore } from "../../src/shared/stroke-store.ts";

/** a stroke of `id` with `points` points */
const stroke = (id: number, points = 1): Stroke => ({ id, step: -1, tool: 0, color: 0, size: 4, points: Array.from({ length: points * 3 }, (_, k) => (k % 3 === 2 ? 0.5 : k)) });
const doc = (slides: Record<string, Stroke[]>): DrawingDocument => ({ format: "backprop-deck-drawings", version: 1, slides });
const ids = (store: StrokeStore, slide: string): number[] => store.strokesOf(slide).map((s) => s.id);

describe("StrokeStore", () => {
  it("keeps each slide's strokes by id, each id once in the store; repeats and absent strokes change nothing", () => {
    const store = new StrokeStore();
    expect(store.isEmpty).toBe(true);
    for (const id of [5, 2, 9]) expect(store.add("a", stroke(id))).toBe("added");
    expect(ids(store, "a")).toEqual([2, 5, 9]);
    expect(store.add("a", stroke(5))).toBe("same");
    expect(store.add("b", stroke(2))).toBe("same"); // on another slide too
    expect(store.nextId()).toBe(10);
    expect(store.remove("b", 2)).toBeUndefined(); // not that slide's
    expect(store.remove("a", 2)?.id).toBe(2);
    expect(store.remove("a", 2)).toBeUndefined();
    expect(store.clear("a").map((s) => s.id)).toEqual([5, 9]);
    expect(store.clear("a")).toEqual([]);
    expect(store.isEmpty).toBe(true);
    expect(store.add("b", stroke(2))).toBe("added"); // a removed id may come back (an undo)
    expect(store.toDocument()).toEqual(doc({ b: [stroke(2)] }));
  });

  it("refuses what passes its bounds, and has room again when strokes go", () => {
    const store = new StrokeStore({ strokes: 3, points: 25 });
    expect(store.add("a", stroke(1, 10))).toBe("added");
    expect(store.add("a", stroke(2, 10))).toBe("added");
    expect(store.full("a", stroke(3, 10))).toBe(true);
    expect(store.add("a", stroke(3, 10))).toBe("full"); // 30 points
    expect(store.add("b", stroke(3, 5))).toBe("added");
    expect(store.add("c", stroke(4, 1))).toBe("full"); // a fourth stroke
    store.remove("a", 1);
    expect(store.add("c", stroke(4, 10))).toBe("added");
    expect(store.toDocument()).toEqual(doc({ a: [stroke(2, 10)], b: [stroke(3, 5)], c: [stroke(4, 10)] }));
  });

  it("holds a document's bounds: strokes on one slide, slides with strokes", () => {
    const store = new StrokeStore();
    for (let id = 1; id <= DRAWING_LIMITS.maxStrokes; id++) store.add("a", stroke(id));
    expect(store.add("a", stroke(DRAWING_LIMITS.maxStrokes + 1))).toBe("full");
    for (let k = 1; k < DRAWING_LIMITS.maxSlides; k++) expect(store.add(`s${k}`, stroke(10_000 + k))).toBe("added");
    expect(store.add("one-more", stroke(20_000))).toBe("full");
    expect(store.add("s1", stroke(20_001))).toBe("added"); // a slide it has takes more
  });

  it("replaces everything with a document, or nothing when it repeats an id or passes the bounds", () => {
    const store = new StrokeStore({ strokes: 3, points: 100 });
    store.add("a", stroke(1));
    expect(store.replace(doc({ x: [stroke(7), stroke(3)], y: [], z: [stroke(4)] }))).toBe("replaced");
    expect(store.toDocument()).toEqual(doc({ x: [stroke(3), stroke(7)], z: [stroke(4)] })); // empty slides dropped, id order
    expect(store.replace(doc({ x: [stroke(1)], y: [stroke(1)] }))).toBe("invalid");
    expect(store.replace(doc({ x: [stroke(1), stroke(2), stroke(3), stroke(4)] }))).toBe("full");
    expect(store.replace(doc({ x: [stroke(1, 101)] }))).toBe("full");
    expect(store.toDocument()).toEqual(doc({ x: [stroke(3), stroke(7)], z: [stroke(4)] }));
    expect(store.add("q", stroke(8))).toBe("full"); // the bounds count what was loaded
  });

  it("gives documents whose lists are its own copies", () => {
    const store = new StrokeStore();
    store.add("a", stroke(1));
    store.toDocument().slides.a.push(stroke(2));
    expect(ids(store, "a")).toEqual([1]);
  });
});
