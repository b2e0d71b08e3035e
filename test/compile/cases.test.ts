// Each example case is evaluated once per compile, by one typed call to the snippet worker,
// however many stages and slides ask for its numbers.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compileDeck } from "../../src/compile/pipeline.ts";
import { DeckServices } from "../../src/session/services.ts";

const root = mkdtempSync(path.join(tmpdir(), "deck-cases-"));
mkdirSync(path.join(root, "slides/examples"), { recursive: true });
writeFileSync(
  path.join(root, "slides/examples/rnn.json"),
  JSON.stringify({ cell: "rnn", params: { weight_ih: [[0.5]], weight_hh: [[0.6]], bias_ih: [0.1], bias_hh: [0] }, x: [[1], [-0.5]], loss: { kind: "mse", target: [[0.5], [0.1]] } }),
);
writeFileSync(
  path.join(root, "slides/notation.ts"),
  `import { evaluateCase, parseCase } from "@grad";
import { defineNotation } from "@deck/notation";
export default defineNotation({
  cells: { rnn: { indices: ["t"], symbols: { "\\\\mathbf{h}^{t}": "h[t]", "\\\\delta\\\\mathbf{h}^{t}": "dh[t]" }, functions: {}, boundaries: {} } },
  examples: {},
  product: "later-left",
  values: (json) => { const r = evaluateCase(parseCase(json)); return { h: r.h, dh: r.deltas.h }; },
});
`,
);
const example = (id: string, back: string): string =>
  `<!-- .slide: id="${id}" -->\n<script type="application/json" class="deck-example">{"case": "slides/examples/rnn.json", "t": 1, "values": {}}</script>\nh is {{h.1.0}}, the loss {{loss}}.\n[back](#/${back}){.example-link}\n`;
const equation = (id: string, ex: string): string => `<!-- .slide: id="${id}" -->\n$$\n\\delta\\mathbf{h}^{t} = \\delta\\mathbf{h}^{t}\n$$\n[numbers](#/${ex}){.example-link} at {{h.0.0}}\n`;
const markdown = [equation("eq1", "ex1"), example("ex1", "eq1"), equation("eq2", "ex2"), example("ex2", "eq2")].join("---\n");

const services = DeckServices.create({ deckRoot: root, diagrams: "browser" });
afterAll(() => services.close());

describe("evaluated cases", () => {
  it("are evaluated once per compile, for prose numbers and formulas on every slide alike", async () => {
    const base = await services.forCompile();
    const calls: string[] = [];
    const deck = await compileDeck([{ path: "slides/deck.md", text: markdown }], {
      ...base,
      evaluateCase: (file, notation) => {
        calls.push(`${file} ${notation ?? ""}`);
        return base.evaluateCase(file, notation);
      },
    });
    expect(deck.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(deck.formulas.formulas).toBe(2);
    expect(calls).toEqual(["slides/examples/rnn.json slides/notation.ts"]);
    // and again on the next compile (nothing is kept across compiles that a file edit could stale)
    await compileDeck([{ path: "slides/deck.md", text: markdown }], { ...base, evaluateCase: (f, n) => (calls.push(f), base.evaluateCase(f, n)) });
    expect(calls.length).toBe(2);
  });
});
