// A notation module is the deck's own code: what it exports is checked before the checker
// reads it, and a table that is missing or broken is said once, with why.
import { describe, expect, it } from "vitest";
import { DeckNotation, isNotationProblem, readNotation } from "../../src/formulas/deck-notation.ts";

const table = { indices: ["t"], symbols: { "\\mathbf{h}^{t}": "h[t]" }, functions: { "\\sigma": "sigmoid" }, boundaries: {} };

describe("readNotation", () => {
  it("accepts a notation and fills in the defaults", () => {
    expect(readNotation({ cells: { rnn: table } })).toEqual({ cells: { rnn: { ...table } }, examples: {}, product: "later-left" });
  });
  it.each([
    [null, "expected an object, got null"],
    [[], "expected an object, got an array"],
    [{ cells: { rnn: { ...table, functions: { "\\sigma": "relu" } } } }, 'cells.rnn.functions["\\sigma"]: unknown function "relu"'],
    [{ cells: { rnn: { ...table, indices: "t" } } }, "cells.rnn.indices: expected a list of strings"],
    [{ cells: { rnn: { ...table, symbols: { h: 3 } } } }, "cells.rnn.symbols: expected an object of strings"],
    [{ product: "backwards" }, 'product: expected "later-left" or "as-written"'],
  ])("rejects %j", (value, message) => {
    expect(() => readNotation(value)).toThrow(message);
  });
});

describe("DeckNotation", () => {
  it("compiles a table once, and says why a table cannot be used", () => {
    const notation = new DeckNotation(readNotation({ cells: { rnn: table, bad: { ...table, symbols: { "\\frac{": "h[t]" } } } }), {}, "slides/notation.ts");
    const rnn = notation.table("cells", "rnn");
    expect(isNotationProblem(rnn)).toBe(false);
    expect(notation.table("cells", "rnn")).toBe(rnn);
    expect(notation.table("cells", "lstm")).toEqual({ problem: "slides/notation.ts has no table cells.lstm" });
    const bad = notation.table("cells", "bad");
    expect(isNotationProblem(bad) && bad.problem).toBe("the table cells.bad in slides/notation.ts has errors");
  });
});
