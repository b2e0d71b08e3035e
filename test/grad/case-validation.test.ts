// Malformed cases: each problem is one error naming the field path, what was expected and
// what was found (docs/DESIGN.md contract).
import { describe, expect, it } from "vitest";
import { CaseError, parseCase } from "../../src/grad/index.ts";
import { randomCase } from "../support/random-case.ts";

// An LSTM with H = 2, I = 3, T = 4: weight_ih is 8 rows of 3.
const good = (): Record<string, any> => randomCase({ cell: "lstm", loss: "mse", hidden: 2, input: 3, steps: 4, seed: 1 }); // any: tests mutate it freely

const cases: [string, (c: Record<string, any>) => unknown, string][] = [
  ["not an object", () => [1, 2], "case: expected an object, got an array of 2 values"],
  ["unknown cell", (c) => ({ ...c, cell: "elman" }), `cell: expected "lstm", "gru" or "rnn", got "elman"`],
  ["missing cell", (c) => ({ ...c, cell: undefined }), `cell: expected "lstm", "gru" or "rnn", got nothing`],
  ["missing params", (c) => ({ ...c, params: undefined }), "params: missing (expected an object)"],
  ["misspelt parameter", (c) => ({ ...c, params: { ...c.params, weight_hi: [] } }), "params.weight_hi: unknown field (expected weight_ih, weight_hh, bias_ih, bias_hh)"],
  ["weight_ih too narrow", (c) => ({ ...c, params: { ...c.params, weight_ih: c.params.weight_ih.map((r: number[]) => r.slice(0, 2)) } }), "params.weight_ih: expected 8 rows of 3, got 8 rows of 2"],
  ["weight_ih missing a row", (c) => ({ ...c, params: { ...c.params, weight_ih: c.params.weight_ih.slice(1) } }), "params.weight_ih: expected 8 rows of 3, got 7 rows of 3"],
  ["weight_ih ragged", (c) => { c.params.weight_ih[5] = [1, 2]; return c; }, "params.weight_ih[5]: expected 3 numbers, got 2"],
  ["weight_hh rows not 4·H", (c) => ({ ...c, params: { ...c.params, weight_hh: c.params.weight_hh.slice(1) } }), "params.weight_hh: expected 8 rows of 2, got 7 rows of 2"],
  ["weight_hh rows not 4·H and ragged", (c) => ({ ...c, params: { ...c.params, weight_hh: [[1], [1, 2], [1, 2]] } }), "params.weight_hh: expected 4·H rows of H numbers for an LSTM, got 3 rows"],
  ["weight_hh wrong width", (c) => { c.params.weight_hh = c.params.weight_hh.map((r: number[]) => [...r, 0]); return c; }, "params.weight_hh: expected 8 rows of 2, got 8 rows of 3"],
  ["bias too short", (c) => { c.params.bias_hh.pop(); return c; }, "params.bias_hh: expected 8 numbers, got 7"],
  ["bias as a matrix", (c) => { c.params.bias_ih = [c.params.bias_ih]; return c; }, "params.bias_ih: expected 8 numbers, got 1 row"],
  ["string in x", (c) => { c.x[2][1] = "0.5"; return c; }, `x[2][1]: not a finite number (got "0.5")`],
  ["null in x", (c) => { c.x[2][1] = null; return c; }, "x[2][1]: not a finite number (got null)"],
  ["overflowing literal", (c) => { c.x[0][0] = 1e999; return c; }, "x[0][0]: not a finite number (got Infinity)"],
  ["empty x", (c) => ({ ...c, x: [] }), "x: expected [T][I] numbers with T ≥ 1, got an empty array"],
  ["x as a vector", (c) => ({ ...c, x: [1, 2, 3] }), "x: expected [T][I] numbers with T ≥ 1, got an array of 3 values"],
  ["h0 wrong size", (c) => ({ ...c, h0: [0, 0, 0] }), "h0: expected 2 numbers, got 3"],
  ["c0 not numbers", (c) => ({ ...c, c0: [0, "a"] }), `c0[1]: not a finite number (got "a")`],
  ["c0 on an RNN", () => ({ ...randomCase({ cell: "rnn", loss: "mse", hidden: 2, input: 3, steps: 4, seed: 1 }), c0: [0, 0] }), `c0: only an LSTM has a cell state, but cell is "rnn"`],
  ["missing loss", (c) => ({ ...c, loss: undefined }), "loss: missing (expected an object)"],
  ["unknown loss", (c) => ({ ...c, loss: { kind: "hinge" } }), `loss.kind: expected "linear" or "mse", got "hinge"`],
  ["mse with dh", (c) => ({ ...c, loss: { kind: "mse", dh: c.loss.target } }), "loss.dh: unknown field for a mse loss (expected kind, target)"],
  ["target wrong length", (c) => ({ ...c, loss: { kind: "mse", target: c.loss.target.slice(1) } }), "loss.target: expected 4 rows of 2, got 3 rows of 2"],
  ["linear without dh", (c) => ({ ...c, loss: { kind: "linear" } }), "loss.dh: missing (expected 4 rows of 2)"],
];

// A GRU with H = 2, I = 3, T = 4: weight_hh is 6 rows of 2 (blocks r, z, n).
const goodGru = (): Record<string, any> => randomCase({ cell: "gru", loss: "linear", hidden: 2, input: 3, steps: 4, seed: 2 }); // any: tests mutate it freely

const gruCases: [string, (c: Record<string, any>) => unknown, string][] = [
  ["weight_hh missing a row", (c) => ({ ...c, params: { ...c.params, weight_hh: c.params.weight_hh.slice(1) } }), "params.weight_hh: expected 6 rows of 2, got 5 rows of 2"],
  ["weight_ih sized for an LSTM", (c) => ({ ...c, params: { ...c.params, weight_ih: [...c.params.weight_ih, [0, 0, 0], [0, 0, 0]] } }), "params.weight_ih: expected 6 rows of 3, got 8 rows of 3"],
  ["bias_hh too long", (c) => { c.params.bias_hh.push(0); return c; }, "params.bias_hh: expected 6 numbers, got 7"],
  ["a cell state", (c) => ({ ...c, c0: [0, 0] }), `c0: only an LSTM has a cell state, but cell is "gru"`],
  ["dh of the wrong width", (c) => ({ ...c, loss: { kind: "linear", dh: c.loss.dh.map((r: number[]) => [...r, 0]) } }), "loss.dh: expected 4 rows of 2, got 4 rows of 3"],
];

describe("parseCase rejects a malformed GRU", () => {
  it.each(gruCases)("%s", (_name, mutate, message) => {
    let caught: unknown;
    try {
      parseCase(mutate(goodGru()));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CaseError);
    expect((caught as CaseError).message).toBe(message);
  });
});

describe("parseCase rejects", () => {
  it.each(cases)("%s", (_name, mutate, message) => {
    const bad = mutate(good());
    let caught: unknown;
    try {
      parseCase(bad);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CaseError);
    expect((caught as CaseError).message).toBe(message);
  });
});

it("parseCase accepts the unmutated case and extra top-level metadata", () => {
  const c = parseCase({ ...good(), name: "demo", description: "free text" });
  expect(c.sizes).toEqual({ steps: 4, inputSize: 3, hiddenSize: 2 });
});
