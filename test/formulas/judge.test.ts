// Formula blanks: the deck's own checker judges what a student types — the answer and any
// rewriting of it are right on the case and on cases of other seeds; a one-token slip is
// wrong, with the time steps where it matches and where not, and the symbols it lacks or adds.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { DeckNotation } from "../../src/formulas/deck-notation.ts";
import { formulaExample, type FormulaExample } from "../../src/formulas/example.ts";
import { judgeFormula, type FormulaBlank } from "../../src/formulas/judge.ts";
import { drawCase } from "../../src/grad/index.ts";
import { compileRealDeck } from "./deck-formulas.ts";
import { caseValues } from "../../slides/notation.ts";

let notation: DeckNotation;
let examples: FormulaExample[];
beforeAll(async () => {
  const deck = await compileRealDeck();
  notation = deck.checked[0].notation;
  const json = JSON.parse(readFileSync("slides/examples/tiny-lstm.json", "utf8")) as { x: unknown[] };
  const at = (c: { x: unknown[] }) => formulaExample("ex", { case: "slides/examples/tiny-lstm.json", t: 1, values: {} }, { cell: "lstm", steps: c.x.length, named: caseValues(c) });
  examples = [json, drawCase(json, 3), drawCase(json, 11)].map((c) => at(c as { x: unknown[] }));
}, 120_000);

const deltaC: FormulaBlank = {
  before: "\\delta\\mathbf{c}^{t} = ",
  after: "",
  answer: "\\delta\\mathbf{y}^{t} \\odot \\mathbf{o}^{t} \\odot \\tanh'(\\mathbf{c}^{t}) + \\delta\\mathbf{c}^{t+1} \\odot \\mathbf{f}^{t+1}",
};
const deltaY: FormulaBlank = {
  before: "\\delta\\mathbf{y}^{t} = ",
  after: "",
  answer: "\\Delta^{t} + R_z^\\top\\delta\\bar{\\mathbf{z}}^{t+1} + R_i^\\top\\delta\\bar{\\mathbf{i}}^{t+1} + R_f^\\top\\delta\\bar{\\mathbf{f}}^{t+1} + R_o^\\top\\delta\\bar{\\mathbf{o}}^{t+1}",
};
const judge = (blank: FormulaBlank, typed: string) => judgeFormula(blank, typed, examples, notation);

describe("a formula blank", () => {
  it("accepts the answer and rewritings of it: terms reordered, ⊙ commuted, factored", () => {
    for (const typed of [
      deltaC.answer,
      "\\delta\\mathbf{c}^{t+1} \\odot \\mathbf{f}^{t+1} + \\delta\\mathbf{y}^{t} \\odot \\mathbf{o}^{t} \\odot \\tanh'(\\mathbf{c}^{t})",
      "\\mathbf{f}^{t+1} \\odot \\delta\\mathbf{c}^{t+1} + \\tanh'(\\mathbf{c}^{t}) \\odot (\\mathbf{o}^{t} \\odot \\delta\\mathbf{y}^{t})",
    ]) expect(judge(deltaC, typed), typed).toEqual({ verdict: "right" });
    expect(judge(deltaY, "\\Delta^{t} + R_z^\\top\\delta\\bar{\\mathbf{z}}^{t+1} + R_i^\\top\\delta\\bar{\\mathbf{i}}^{t+1} + R_o^\\top\\delta\\bar{\\mathbf{o}}^{t+1} + R_f^\\top\\delta\\bar{\\mathbf{f}}^{t+1}")).toEqual({ verdict: "right" });
  });

  it.each([
    ["a time index off by one", deltaC, deltaC.answer.replace("\\mathbf{f}^{t+1}", "\\mathbf{f}^{t}"), /uses fᵗ where the answer has fᵗ⁺¹/],
    ["⊙ for +", deltaC, deltaC.answer.replace("+", "\\odot"), /combined differently/],
    ["a dropped route", deltaC, "\\delta\\mathbf{y}^{t} \\odot \\mathbf{o}^{t} \\odot \\tanh'(\\mathbf{c}^{t})", /It matches at t = 2 but not at t = 0, 1.*has no δcᵗ⁺¹, fᵗ⁺¹: the route through them is missing/],
    ["a dropped transpose", deltaY, deltaY.answer.replace("R_f^\\top", "R_f"), /at t = \d/],
    ["t − 1 for t", deltaC, deltaC.answer.replace("\\mathbf{o}^{t}", "\\mathbf{o}^{t-1}"), /uses oᵗ⁻¹ where the answer has oᵗ/],
  ])("rejects %s, naming a time step", (_slip, blank, typed, message) => {
    const judged = judge(blank, typed);
    expect(judged.verdict).toBe("wrong");
    expect(judged.verdict === "wrong" && judged.message).toMatch(/t = \d/);
    expect(judged.verdict === "wrong" && judged.message).toMatch(message);
  });

  it("says what it cannot read: a symbol the notation lacks, broken TeX, a whole equation", () => {
    expect(judge(deltaC, "\\delta\\mathbf{q}^{t}")).toEqual({ verdict: "unreadable", message: expect.stringMatching(/not a symbol of this deck's notation/) });
    expect(judge(deltaC, "\\frac{")).toEqual({ verdict: "unreadable", message: expect.stringMatching(/cannot read the TeX/) });
    expect(judge(deltaC, `x = ${deltaC.answer}`).verdict).toBe("unreadable");
    expect(judge(deltaC, "   ").verdict).toBe("unreadable");
  });
});

describe("a formula blank with no time index (a sum over the steps)", () => {
  let rnn: FormulaExample[];
  beforeAll(() => {
    const json = JSON.parse(readFileSync("slides/examples/tiny-rnn.json", "utf8")) as { x: unknown[] };
    const at = (c: { x: unknown[] }) => formulaExample("ex", { case: "slides/examples/tiny-rnn.json", t: 1, values: {} }, { cell: "rnn", steps: c.x.length, named: caseValues(c) });
    rnn = [json, drawCase(json, 3), drawCase(json, 11)].map((c) => at(c as { x: unknown[] }));
  });
  const weights: FormulaBlank = { before: "\\pd{L}{W_{hh}} = ", after: "", answer: "\\sum_{t} \\delta\\mathbf{a}^{t}\\,(\\mathbf{h}^{t-1})^\\top" };

  it("is right as the deck writes it", () => {
    expect(judgeFormula(weights, weights.answer, rnn, notation)).toEqual({ verdict: "right" });
  });

  it("says a slip does not match, naming no empty step", () => {
    const judged = judgeFormula(weights, weights.answer.replace("^{t-1}", "^{t}"), rnn, notation);
    expect(judged.verdict).toBe("wrong");
    const message = judged.verdict === "wrong" ? judged.message : "";
    expect(message).toMatch(/^It does not match \(yours is \[.*\], the answer \[.*\]\)\./);
    expect(message).not.toMatch(/ at [(;.,]| at $|at {2}/);
    expect(message).toMatch(/uses hᵗ where the answer has hᵗ⁻¹/);
  });
});
