// The build changes a typeset formula's markup in KaTeX's own tree (reveal steps, symbols
// that carry their values): the DOM it gives must be the one the same changes give when made
// in a parsed DOM (test/support/linkedom-formula-markup.ts), for every formula of the real
// deck — the markup may differ only in how KaTeX and a DOM write the same thing (&#x27; or ').
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { descendants, typesetTree } from "../../src/compile/html/katex-tree.ts";
import { applyMathSteps } from "../../src/compile/html/math-steps.ts";
import { annotateFormula } from "../../src/compile/html/symbol-values.ts";
import type { CompiledDeck } from "../../src/compile/state.ts";
import { checkFormula } from "../../src/formulas/check.ts";
import { MATH_MACROS, trust } from "../../src/shared/math-macros.ts";
import { compileRealDeck, deckFormulas, type DeckFormula } from "../formulas/deck-formulas.ts";
import { annotatedInDom, canonical, holderOf, typesetWithSteps } from "../support/linkedom-formula-markup.ts";

let deck: CompiledDeck;
let formulas: DeckFormula[];
beforeAll(async () => {
  deck = await compileRealDeck();
  formulas = deckFormulas(deck);
}, 120_000);

/** Every display formula's TeX in the real deck's chapters, its labels and references left
 * out (the compile makes them numbers and links first). */
function displayTex(): string[] {
  const dir = path.join(process.cwd(), "slides");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .flatMap((f) => [...readFileSync(path.join(dir, f), "utf8").matchAll(/^\$\$\s*\n([\s\S]*?)^\$\$/gm)].map((m) => m[1]))
    .map((tex) => tex.replace(/\\label\{[^{}]*\}/g, "").replace(/\\(?:eq)?ref\{[^{}]*\}/g, "(1)"));
}

describe("a formula's markup changed in KaTeX's tree", () => {
  it("makes every step a fragment as a DOM would: each display formula of the deck", () => {
    const texs = displayTex();
    let withSteps = 0;
    for (const tex of texs) {
      const formula = typesetTree(tex, { displayMode: true, output: "htmlAndMathml", throwOnError: true, macros: { ...MATH_MACROS, ...deck.options.macros }, trust, strict: "ignore" });
      applyMathSteps(descendants(formula));
      const html = formula.toMarkup();
      if (html.includes("fragment")) withSteps++;
      expect(canonical(html), tex).toBe(canonical(typesetWithSteps(tex, deck.options.macros)));
    }
    expect(texs.length).toBeGreaterThanOrEqual(50);
    expect(withSteps).toBeGreaterThanOrEqual(5);
  });

  it("gives each checked formula's symbols their values and keyboard focus as a DOM would, hiding the rest", () => {
    let symbols = 0;
    for (const f of formulas) {
      const shown = checkFormula({ tex: f.tex }, f.example, f.notation).symbols;
      const made = annotateFormula(f.tex, shown, deck.options.macros);
      if (!("html" in made)) throw new Error(`${f.at}: ${made.failed}`);
      expect(canonical(made.html), f.at).toBe(canonical(annotatedInDom(f.tex, shown, deck.options.macros)));
      const holder = holderOf(made.html);
      symbols += holder.querySelectorAll(".symbol-value[tabindex='0']").length;
      // no focusable symbol inside hidden markup
      for (const symbol of holder.querySelectorAll(".symbol-value")) expect(symbol.closest("[aria-hidden='true']"), f.at).toBeNull();
    }
    expect(formulas.length).toBeGreaterThanOrEqual(20);
    expect(symbols).toBeGreaterThanOrEqual(50);
  });
});
