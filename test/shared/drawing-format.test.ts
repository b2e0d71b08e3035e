// The drawing format accepts what the layer writes and rejects everything else — markup,
// non-numbers, numbers out of range, oversized arrays — with a message naming the field.
import { describe, expect, it } from "vitest";
import { checkedLoad, DRAWING_COLORS, DRAWING_LIMITS, DrawingFormatError, parseDrawingChange, parseDrawingDocument, type CheckedDrawingChange, type DrawingChange, type Stroke } from "../../src/shared/drawing-format.ts";

const stroke = (over: Partial<Record<keyof Stroke, unknown>> = {}): Record<string, unknown> => ({ id: 1, step: -1, tool: 0, color: 2, size: 4, points: [10, 20, 0.5, 1280, 720, 1, 0, 0, 0], ...over });
const doc = (slides: Record<string, unknown>): Record<string, unknown> => ({ format: "backprop-deck-drawings", version: 1, slides });

/** the message a rejected input gets (and that it is rejected as a format error) */
function rejection(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(DrawingFormatError);
    return (error as Error).message;
  }
  throw new Error("accepted");
}

describe("parseDrawingDocument", () => {
  it("accepts a document and returns the same strokes", () => {
    const input = doc({ "chain-one-route": [stroke(), stroke({ id: 7, step: 2, tool: 1, color: DRAWING_COLORS.length - 1, size: 24 })], "3.1": [stroke({ id: 3 })] });
    expect(parseDrawingDocument(JSON.parse(JSON.stringify(input)))).toEqual(input);
    expect(parseDrawingDocument(doc({}))).toEqual(doc({}));
  });

  it.each([
    ["a wrong format name", { format: "x", version: 1, slides: {} }, /^document\.format: expected "backprop-deck-drawings"/],
    ["another version", { format: "backprop-deck-drawings", version: 2, slides: {} }, /^document\.version: expected 1, got 2/],
    ["slides as an array", doc([] as unknown as Record<string, unknown>), /^document\.slides: expected an object, got an array/],
    ["an unknown top-level field", { ...doc({}), html: "<b>" }, /^document: unexpected field "html"/],
    ["a slide key with markup", doc({ "<img src=x onerror=alert(1)>": [] }), /^document\.slides key: expected a slide key/],
    ["an empty slide key", doc({ "": [] }), /^document\.slides key: expected a slide key/],
    ["strokes that are not an array", doc({ a: "strokes" }), /^document\.slides\.a: expected an array of strokes, got a string/],
    ["an id as a string", doc({ a: [stroke({ id: "1" })] }), /^document\.slides\.a\[0\]\.id: expected a number, got a string/],
    ["a zero id", doc({ a: [stroke({ id: 0 })] }), /^document\.slides\.a\[0\]\.id: expected 1 … /],
    ["a fractional id", doc({ a: [stroke({ id: 1.5 })] }), /^document\.slides\.a\[0\]\.id: expected an integer/],
    ["an id used twice", doc({ a: [stroke()], b: [stroke()] }), /^document\.slides\.b\[0\]\.id: 1 is used by another stroke/],
    ["a step below -1", doc({ a: [stroke({ step: -2 })] }), /^document\.slides\.a\[0\]\.step: expected -1 … /],
    ["tool 2", doc({ a: [stroke({ tool: 2 })] }), /^document\.slides\.a\[0\]\.tool: expected 0 … 1, got 2/],
    ["a colour past the palette", doc({ a: [stroke({ color: DRAWING_COLORS.length })] }), /^document\.slides\.a\[0\]\.color: expected 0 … /],
    ["a colour as CSS", doc({ a: [stroke({ color: "red;background:url(x)" })] }), /^document\.slides\.a\[0\]\.color: expected a number, got a string/],
    ["a size too large", doc({ a: [stroke({ size: 65 })] }), /^document\.slides\.a\[0\]\.size: expected 0\.5 … 64, got 65/],
    ["a point off the frame", doc({ a: [stroke({ points: [1281, 0, 0.5] })] }), /^document\.slides\.a\[0\]\.points\[0\]: expected 0 … 1280, got 1281/],
    ["a negative y", doc({ a: [stroke({ points: [0, -1, 0.5] })] }), /^document\.slides\.a\[0\]\.points\[1\]: expected 0 … 720, got -1/],
    ["a pressure above 1", doc({ a: [stroke({ points: [0, 0, 1.5] })] }), /^document\.slides\.a\[0\]\.points\[2\]: expected 0 … 1, got 1\.5/],
    ["a point as a string", doc({ a: [stroke({ points: [0, "<script>", 0.5] })] }), /^document\.slides\.a\[0\]\.points\[1\]: expected a number, got a string/],
    ["null in the points", doc({ a: [stroke({ points: [0, null, 0.5] })] }), /points\[1\]: expected a number, got null/],
    ["points not in triples", doc({ a: [stroke({ points: [0, 0] })] }), /points: expected x, y, pressure triples, got 2 numbers/],
    ["no points", doc({ a: [stroke({ points: [] })] }), /points: expected x, y, pressure triples, got 0 numbers/],
    ["an extra stroke field", doc({ a: [{ ...stroke(), onclick: "x" }] }), /^document\.slides\.a\[0\]: unexpected field "onclick"/],
    ["a stroke that is a string", doc({ a: ["<svg onload=alert(1)>"] }), /^document\.slides\.a\[0\]: expected an object, got a string/],
  ])("rejects %s", (_what, input, message) => {
    expect(rejection(() => parseDrawingDocument(input))).toMatch(message);
  });

  it("rejects non-finite numbers (as JSON cannot carry them, but objects can)", () => {
    expect(rejection(() => parseDrawingDocument(doc({ a: [stroke({ size: Number.NaN })] })))).toMatch(/size: expected a number, got a non-finite number/);
    expect(rejection(() => parseDrawingDocument(doc({ a: [stroke({ points: [Infinity, 0, 0] })] })))).toMatch(/points\[0\]: expected a number/);
  });

  it("rejects oversized documents: too many points in a stroke, strokes on a slide, slides, or points in all", () => {
    const points = (n: number): number[] => Array.from({ length: n * 3 }, (_, k) => (k % 3 === 2 ? 0.5 : 1));
    expect(rejection(() => parseDrawingDocument(doc({ a: [stroke({ points: points(DRAWING_LIMITS.maxPoints + 1) })] })))).toMatch(`expected at most ${DRAWING_LIMITS.maxPoints} points, got ${DRAWING_LIMITS.maxPoints + 1}`);
    expect(parseDrawingDocument(doc({ a: [stroke({ points: points(DRAWING_LIMITS.maxPoints) })] })).slides.a[0].points).toHaveLength(DRAWING_LIMITS.maxPoints * 3);
    const many = Array.from({ length: DRAWING_LIMITS.maxStrokes + 1 }, (_, k) => stroke({ id: k + 1 }));
    expect(rejection(() => parseDrawingDocument(doc({ a: many })))).toMatch(`document.slides.a: expected at most ${DRAWING_LIMITS.maxStrokes} strokes`);
    const slides = Object.fromEntries(Array.from({ length: DRAWING_LIMITS.maxSlides + 1 }, (_, k) => [`s${k}`, []]));
    expect(rejection(() => parseDrawingDocument(doc(slides)))).toMatch(`document.slides: expected at most ${DRAWING_LIMITS.maxSlides} slides`);
    const perStroke = DRAWING_LIMITS.maxPoints;
    const heavy = Object.fromEntries(
      Array.from({ length: Math.ceil(DRAWING_LIMITS.maxTotalPoints / perStroke) + 1 }, (_, k) => [`s${k}`, [stroke({ id: k + 1, points: points(perStroke) })]]),
    );
    expect(rejection(() => parseDrawingDocument(doc(heavy)))).toMatch(`the document holds more than ${DRAWING_LIMITS.maxTotalPoints} points`);
  });
});

describe("parseDrawingChange", () => {
  it("accepts each kind of change", () => {
    const changes = [
      { kind: "add", slide: "a", stroke: stroke() },
      { kind: "remove", slide: "2.0", id: 5 },
      { kind: "clear", slide: "a" },
      { kind: "load", doc: doc({ a: [stroke()] }) },
    ];
    for (const change of changes) expect(parseDrawingChange(change)).toEqual(change);
  });

  it.each([
    ["an unknown kind", { kind: "eval", slide: "a" }, /^change\.kind: expected "add", "remove", "clear" or "load", got "eval"/],
    ["no kind", { slide: "a" }, /^change\.kind: expected .* got nothing/],
    ["a slide key with markup", { kind: "clear", slide: "<b>" }, /^change\.slide: expected a slide key/],
    ["a removal by a string id", { kind: "remove", slide: "a", id: "5" }, /^change\.id: expected a number, got a string/],
    ["a stroke with a bad point", { kind: "add", slide: "a", stroke: stroke({ points: [0, 0, 2] }) }, /^change\.stroke\.points\[2\]: expected 0 … 1, got 2/],
    ["an extra field", { kind: "clear", slide: "a", html: "<p>" }, /^change: unexpected field "html"/],
    ["a bad document", { kind: "load", doc: { format: "backprop-deck-drawings", version: 1, slides: { a: [stroke({ tool: -1 })] } } }, /^change\.doc\.slides\.a\[0\]\.tool: expected 0 … 1/],
    ["an array", [], /^change: expected an object, got an array/],
  ])("rejects %s", (_what, input, message) => {
    expect(rejection(() => parseDrawingChange(input))).toMatch(message);
  });
});

describe("checked changes", () => {
  it("only what the parsers return is a checked change: the drawing model applies nothing else without checking", () => {
    const checked: CheckedDrawingChange = parseDrawingChange({ kind: "clear", slide: "title" });
    expect(checked).toEqual({ kind: "clear", slide: "title" });
    expect(checkedLoad(parseDrawingDocument(doc({})))).toEqual({ kind: "load", doc: doc({}) });
    const unchecked: DrawingChange = { kind: "clear", slide: "<script>" };
    // @ts-expect-error a change nobody checked is not a checked one (the compiler says so)
    const notChecked: CheckedDrawingChange = unchecked;
    expect(notChecked).toBe(unchecked);
    // @ts-expect-error nor is a document
    checkedLoad(doc({}));
  });
});
