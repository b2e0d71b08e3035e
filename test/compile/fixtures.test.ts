// The compiler against the fixture files in test/fixtures/compile (Markdown in, HTML
// structure and diagnostics out). Each test is named after its fixture's file and line.
import { afterAll, describe, it } from "vitest";
import { checkExpectations, fixtureDeck } from "../support/compile-fixture.ts";
import { fixturePath, readFixtures } from "../support/fixtures.ts";

const NOTATION = `
import { casePreactivations, evaluateCase, parseCase } from "@grad";
import { defineNotation } from "@deck/notation";
const table = {
  indices: ["t"],
  symbols: {
    "\\\\mathbf{h}^{t}": "h[t]", "\\\\mathbf{a}^{t}": "a[t]", "\\\\mathbf{x}^{t}": "x[t]",
    "\\\\delta\\\\mathbf{a}^{t}": "da[t]", "\\\\delta\\\\mathbf{h}^{t}": "dh[t]",
    "W_{hh}": "Whh", "W_{ih}": "Wih", "\\\\mathbf{b}": "b",
  },
  functions: {},
  boundaries: { h: { before: "h0" }, da: { after: "zero" } },
};
export default defineNotation({
  cells: { rnn: table },
  examples: { ex: { indices: [], symbols: { y: "y", x: "x" }, functions: {}, boundaries: {} } },
  product: "later-left",
  values: (json) => {
    const c = parseCase(json);
    const r = evaluateCase(c);
    return { h: r.h, h0: [0, 0], a: casePreactivations(c), x: json.x, da: r.deltas.a, dh: r.deltas.h, Whh: json.params.weight_hh, Wih: json.params.weight_ih, b: json.params.bias_ih };
  },
});
`;

const deck = fixtureDeck({
  "code/sample.ts": "export const a = 1;\n// #region body\nconst inside = 2;\n// #endregion body\n",
});
// A deck with a notation table and a case, for the formula checker's fixtures.
const withNotation = fixtureDeck({
  "slides/notation.ts": NOTATION,
  "slides/examples/rnn.json": JSON.stringify({
    cell: "rnn",
    params: { weight_ih: [[0.5, -0.4], [0.3, 0.8]], weight_hh: [[0.6, -0.2], [0.4, 0.5]], bias_ih: [0.1, -0.2], bias_hh: [0, 0] },
    x: [[1, 0.5], [-0.5, 1]],
    loss: { kind: "mse", target: [[0.5, -0.2], [0.1, 0.3]] },
  }),
});
// A deck with a bibliography, for the citations' fixtures.
const withReferences = fixtureDeck({
  "slides/references.bib": `@article{hochreiter1997, author = {Hochreiter, Sepp and Schmidhuber, J{\\"u}rgen}, title = {Long Short-Term Memory}, journal = {Neural Computation}, year = {1997}, volume = {9}, number = {8}, pages = {1735--1780}, doi = {10.1162/neco.1997.9.8.1735}}
@article{gers2000forget, author = {Gers, Felix A. and Schmidhuber, J{\\"u}rgen and Cummins, Fred}, title = {Learning to Forget: Continual Prediction with {LSTM}}, journal = {Neural Computation}, year = {2000}, volume = {12}, number = {10}, pages = {2451--2471}}
`,
});
afterAll(() => Promise.all([deck.close(), withNotation.close(), withReferences.close()]));

for (const [name, compiler] of [["math.txt", deck], ["markdown.txt", deck], ["snippets.txt", deck], ["links.txt", deck], ["prose-numbers.txt", deck], ["labels.txt", deck], ["formulas.txt", withNotation], ["exercises.txt", withNotation], ["citations.txt", withReferences]] as const) {
  describe(name, () => {
    for (const fixture of readFixtures(fixturePath("compile", name))) {
      it(`${name}:${fixture.line} ${fixture.title}`, async () => {
        checkExpectations(await compiler.compile(fixture.input), fixture.expected);
      });
    }
  });
}
