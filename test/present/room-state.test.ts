// The room's state: every change numbered once, repeats and removals of what is not there
// change nothing, the room's bounds hold, and only a fresh (restarted) room takes a restore.
import { describe, expect, it } from "vitest";
import { RoomState } from "../../src/present/room-state.ts";
import type { RoomView } from "../../src/shared/room-protocol.ts";
import { stroke } from "../support/room-clients.ts";

const view: RoomView = { h: 2, v: 0, f: 1, overview: false, theme: "light" };
const doc = (slides: Record<string, ReturnType<typeof stroke>[]>) => ({ format: "backprop-deck-drawings" as const, version: 1 as const, slides });

describe("the room's state", () => {
  it("numbers each change once; the same move or stroke again is no change", () => {
    const state = new RoomState();
    expect(state.fresh).toBe(true);
    expect(state.setView(view)).toBe("applied");
    expect(state.fresh).toBe(false);
    expect(state.setView({ ...view })).toBe("same");
    expect(state.draw({ kind: "add", slide: "a", stroke: stroke(1) })).toBe("applied");
    expect(state.draw({ kind: "add", slide: "a", stroke: stroke(1) })).toBe("same");
    expect(state.draw({ kind: "add", slide: "b", stroke: stroke(1) })).toBe("same"); // ids are unique in the document
    expect(state.draw({ kind: "remove", slide: "a", id: 9 })).toBe("same");
    expect(state.draw({ kind: "clear", slide: "zzz" })).toBe("same");
    expect(state.seq).toBe(2);
    expect(state.snapshot()).toMatchObject({ seq: 2, fresh: false, view, drawings: doc({ a: [stroke(1)] }) });
  });

  it("keeps strokes in drawing (id) order, however they arrive, and forgets removed and cleared ones", () => {
    const state = new RoomState();
    for (const id of [3, 1, 2]) state.draw({ kind: "add", slide: "s", stroke: stroke(id) });
    state.draw({ kind: "add", slide: "t", stroke: stroke(4) });
    state.draw({ kind: "remove", slide: "s", id: 1 });
    expect(state.snapshot().drawings.slides).toEqual({ s: [stroke(2), stroke(3)], t: [stroke(4)] });
    state.draw({ kind: "clear", slide: "s" });
    expect(state.snapshot().drawings.slides).toEqual({ t: [stroke(4)] });
    // a cleared stroke's id may come back (an undo of the clear)
    expect(state.draw({ kind: "add", slide: "s", stroke: stroke(3) })).toBe("applied");
  });

  it("refuses strokes past the room's bounds, and frees room when strokes go", () => {
    const state = new RoomState({ strokes: 3, points: 25 });
    expect(state.draw({ kind: "add", slide: "a", stroke: stroke(1, 10) })).toBe("applied");
    expect(state.draw({ kind: "add", slide: "a", stroke: stroke(2, 10) })).toBe("applied");
    expect(state.draw({ kind: "add", slide: "a", stroke: stroke(3, 10) })).toBe("full"); // 30 points
    expect(state.draw({ kind: "remove", slide: "a", id: 1 })).toBe("applied");
    expect(state.draw({ kind: "add", slide: "a", stroke: stroke(3, 10) })).toBe("applied");
    expect(state.draw({ kind: "load", doc: doc({ a: [stroke(1), stroke(2), stroke(3), stroke(4)] }) })).toBe("full");
    expect(state.draw({ kind: "load", doc: doc({ a: [stroke(1)], b: [stroke(1)] }) })).toBe("invalid");
    expect(state.snapshot().drawings.slides.a.map((s) => s.id)).toEqual([2, 3]);
  });

  it("stays fresh (ready for the presenter's restore) while only others change it", () => {
    const state = new RoomState();
    expect(state.setView(view, false)).toBe("applied"); // the remote moved first
    expect(state.draw({ kind: "add", slide: "a", stroke: stroke(1) }, false)).toBe("applied");
    expect(state.fresh).toBe(true);
    expect(state.restore({ ...view, h: 5 }, doc({ b: [stroke(2)] }), 0)).toBe("applied");
    expect(state.snapshot()).toMatchObject({ fresh: false, seq: 3, view: { h: 5 }, drawings: doc({ b: [stroke(2)] }) });
  });

  it("takes a restore only while fresh, with its clock", () => {
    let now = 1000;
    const state = new RoomState(undefined, () => now);
    expect(state.restore(view, doc({ a: [stroke(5)] }), 60_000)).toBe("applied");
    now += 500;
    expect(state.snapshot()).toMatchObject({ fresh: false, view, elapsedMs: 60_500, drawings: doc({ a: [stroke(5)] }) });
    expect(state.restore({ ...view, h: 9 }, doc({}), 0)).toBe("not-fresh");
    expect(state.snapshot().view.h).toBe(2);
  });
});
