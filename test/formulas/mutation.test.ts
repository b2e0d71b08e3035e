// The formula checker must reject the slips that published LSTM derivations are known for:
// every checked formula of the real deck, mutated one token at a time, must fail the check.
// Prints the score, the survivors, and the mutants that are equivalent (not slips at all).
import { beforeAll, describe, expect, it } from "vitest";
import { checkFormula } from "../../src/formulas/check.ts";
import { compileRealDeck, deckFormulas, type DeckFormula } from "./deck-formulas.ts";
import { mutants } from "./mutants.ts";

/** Mutants that change nothing a formula says, with why (matched on the formula's slide
 * and the mutated text). */
const EQUIVALENT: { slide: string; change: RegExp; why: string }[] = [
  { slide: "chain-vectors", change: /= J \\pd\{L\}/, why: "J is diagonal, so Jᵀ = J" },
  {
    slide: "rnn-jacobian-bound",
    change: /\\Bigl\\lVert \\pd\{\\mathbf\{h\}\^\{t\+1\}\}|\\Bigl\\lVert \\pd\{\\mathbf\{h\}\^\{t\}\}\{\\mathbf\{h\}\^\{k-1\}\}/,
    why: "one more Jacobian on the left of the bound is still under it (‖·‖₂ of each factor ≤ ‖W_hh‖₂ < 1 here): a true, looser statement",
  },
];

let formulas: DeckFormula[];
beforeAll(async () => {
  formulas = deckFormulas(await compileRealDeck());
}, 120_000);

describe("the formula checker against mutants of the deck's formulas", () => {
  it("checks every formula as written", () => {
    expect(formulas.length).toBeGreaterThanOrEqual(20);
    for (const f of formulas) expect(checkFormula({ tex: f.tex }, f.example, f.notation).problems, `${f.at}: ${f.tex}`).toEqual([]);
  });

  it("rejects the mutants (time index ±1, ⊙ ↔ +, a dropped ᵀ, swapped gate letters, a product's order)", () => {
    const survivors: string[] = [];
    const equivalent: string[] = [];
    let total = 0;
    let killed = 0;
    for (const f of formulas) {
      for (const m of mutants(f.tex)) {
        const known = EQUIVALENT.find((e) => e.slide === f.slide && e.change.test(m.tex));
        if (known) {
          equivalent.push(`${f.at} ${m.kind} (${m.change}): ${known.why}`);
          continue;
        }
        total++;
        if (checkFormula({ tex: m.tex }, f.example, f.notation).problems.length > 0) killed++;
        else survivors.push(`${f.at} ${m.kind} (${m.change}): ${m.tex.replace(/\s+/g, " ").slice(0, 160)}`);
      }
    }
    console.log(`formula mutants: ${killed} of ${total} rejected (${((100 * killed) / total).toFixed(1)} %)`);
    if (survivors.length) console.log(`survivors:\n  ${survivors.join("\n  ")}`);
    if (equivalent.length) console.log(`equivalent (not counted):\n  ${equivalent.join("\n  ")}`);
    expect(total).toBeGreaterThan(100);
    expect(survivors).toEqual([]);
  });
});
