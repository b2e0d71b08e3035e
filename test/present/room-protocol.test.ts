// The room's schema: what it accepts, and that everything else — unknown fields, strings
// that are not what they say, numbers out of range, HTML where a number belongs — is
// refused with the field named.
import { describe, expect, it } from "vitest";
import { DRAWING_LIMITS, parseDrawingChange, parseDrawingDocument } from "../../src/shared/drawing-format.ts";
import { parseClientMessage, parseServerMessage } from "../../src/shared/room-protocol.ts";
import { stroke } from "../support/room-clients.ts";

const view = { h: 3, v: 1, f: -1, overview: false, theme: "dark" };
const doc = { format: "backprop-deck-drawings", version: 1, slides: { "lstm-forward": [stroke(1)], "4.1": [stroke(2)] } };

describe("client messages", () => {
  it.each([
    [{ type: "hello", role: "audience" }],
    [{ type: "hello", role: "presenter", secret: "s3cret_-AB" }],
    [{ type: "view", n: 1, view }],
    [{ type: "draw", n: 2, change: { kind: "add", slide: "title", stroke: stroke(7) } }],
    [{ type: "draw", n: 2, change: { kind: "remove", slide: "title", id: 7 } }],
    [{ type: "draw", n: 2, change: { kind: "clear", slide: "0.0" } }],
    [{ type: "draw", n: 2, change: { kind: "load", doc } }],
    [{ type: "restore", n: 3, view, drawings: doc, elapsedMs: 1000 }],
    [{ type: "sync" }],
  ])("accepts %j", (message) => {
    expect(parseClientMessage(message)).toEqual(message);
  });

  it.each([
    ["not an object", "hello", /message/],
    ["an array", [], /message/],
    ["an unknown type", { type: "eval" }, /type/],
    ["an unknown field", { type: "sync", x: 1 }, /x: expected no such field/],
    ["an unknown role", { type: "hello", role: "admin" }, /role/],
    ["a secret with markup", { type: "hello", role: "presenter", secret: "<script>alert(1)</script>" }, /secret/],
    ["a short secret", { type: "hello", role: "presenter", secret: "abc" }, /secret/],
    ["a fractional slide", { type: "view", n: 1, view: { ...view, h: 1.5 } }, /view.h/],
    ["a negative slide", { type: "view", n: 1, view: { ...view, v: -1 } }, /view.v/],
    ["a step below -1", { type: "view", n: 1, view: { ...view, f: -2 } }, /view.f/],
    ["a string for a number", { type: "view", n: 1, view: { ...view, h: "3" } }, /view.h/],
    ["an unknown theme", { type: "view", n: 1, view: { ...view, theme: "red" } }, /view.theme/],
    ["a missing n", { type: "view", view }, /n: expected a value/],
    ["an extra view field", { type: "view", n: 1, view: { ...view, html: "<b>" } }, /html/],
    ["a slide key with markup", { type: "draw", n: 1, change: { kind: "clear", slide: "<img src=x onerror=alert(1)>" } }, /change.slide/],
    ["a point off the slide", { type: "draw", n: 1, change: { kind: "add", slide: "a", stroke: { ...stroke(1), points: [1281, 0, 0.5] } } }, /points\[0\]/],
    ["a pressure over 1", { type: "draw", n: 1, change: { kind: "add", slide: "a", stroke: { ...stroke(1), points: [0, 0, 2] } } }, /points\[2\]/],
    ["a string among the points", { type: "draw", n: 1, change: { kind: "add", slide: "a", stroke: { ...stroke(1), points: [0, "1", 0] } } }, /points\[1\]/],
    ["points not in threes", { type: "draw", n: 1, change: { kind: "add", slide: "a", stroke: { ...stroke(1), points: [0, 1] } } }, /points/],
    ["too many points", { type: "draw", n: 1, change: { kind: "add", slide: "a", stroke: stroke(1, DRAWING_LIMITS.maxPoints + 1) } }, /points/],
    ["a colour out of the palette", { type: "draw", n: 1, change: { kind: "add", slide: "a", stroke: { ...stroke(1), color: 99 } } }, /color/],
    ["a zero id", { type: "draw", n: 1, change: { kind: "add", slide: "a", stroke: { ...stroke(1), id: 0 } } }, /id/],
    ["a stroke with markup", { type: "draw", n: 1, change: { kind: "add", slide: "a", stroke: { ...stroke(1), svg: "<path/>" } } }, /svg/],
    ["an unknown change", { type: "draw", n: 1, change: { kind: "exec" } }, /change.kind/],
    ["a document of another format", { type: "restore", n: 1, view, drawings: { ...doc, format: "x" }, elapsedMs: 0 }, /format/],
    ["a clock over a week", { type: "restore", n: 1, view, drawings: doc, elapsedMs: 1e12 }, /elapsedMs/],
  ])("refuses %s", (_what, message, field) => {
    expect(() => parseClientMessage(message)).toThrow(field);
  });
});

describe("server messages", () => {
  it("are checked the same way in the browser", () => {
    const snapshot = { type: "snapshot", seq: 4, fresh: false, view, drawings: doc, elapsedMs: 5 };
    expect(parseServerMessage(snapshot)).toEqual(snapshot);
    expect(() => parseServerMessage({ ...snapshot, seq: -1 })).toThrow(/seq/);
    expect(() => parseServerMessage({ type: "refused", reason: "because" })).toThrow(/reason/);
  });
});

describe("the drawing format", () => {
  it("keeps a slide key such as __proto__ a plain key", () => {
    const parsed = parseDrawingDocument(JSON.parse('{"format":"backprop-deck-drawings","version":1,"slides":{"__proto__":[]}}'));
    expect(Object.getPrototypeOf(parsed.slides)).toBe(Object.prototype);
    expect(Object.keys(parsed.slides)).toEqual(["__proto__"]);
  });
  it("refuses a stroke id used twice on a slide", () => {
    expect(() => parseDrawingChange({ kind: "load", doc: { ...doc, slides: { a: [stroke(1), stroke(1)] } } })).toThrow(/id/);
  });
});
