// The real deck's checked formulas, each with what the checker needs to evaluate it: its
// TeX as written, where it is, and its example's notation and values — built here from
// slides/notation.ts and the case files directly (tests may import src/grad; the compiler
// gets the same numbers through a snippet).
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { linkedExample, sourceOf } from "../../src/compile/html/example-links.ts";
import type { CompiledDeck } from "../../src/compile/state.ts";
import { DeckNotation } from "../../src/formulas/deck-notation.ts";
import { formulaExample, type FormulaExample } from "../../src/formulas/example.ts";
import notation, { caseValues } from "../../slides/notation.ts";

export interface DeckFormula {
  /** slides/FILE.md:LINE of the formula's TeX */
  at: string;
  slide: string;
  tex: string;
  example: FormulaExample;
  notation: DeckNotation;
}

export function deckFormulas(deck: CompiledDeck, root: string): DeckFormula[] {
  const { document } = parseHTML(`<html><body><div class="slides">${deck.slidesHtml}</div></body></html>`);
  const leaves = [...document.querySelectorAll("section")].filter((s) => !s.querySelector("section"));
  const byId = new Map(leaves.filter((s) => s.id).map((s) => [s.id, s] as const));
  const deckNotation = new DeckNotation(notation, deck.options.macros, "slides/notation.ts");
  const formulas: DeckFormula[] = [];
  for (const leaf of leaves) {
    if (leaf.querySelector("script.deck-example") || leaf.hasAttribute("data-no-example") || leaf.hasAttribute("data-unchecked")) continue;
    const example = linkedExample(leaf, byId);
    const displays = [...leaf.querySelectorAll(".math-display[data-at]")].filter((d) => !d.closest("aside.notes") && !d.hasAttribute("data-unchecked"));
    if (!example || displays.length === 0) continue;
    let formulaExampleOf: FormulaExample;
    if (example.record.case) {
      const json = JSON.parse(readFileSync(path.join(root, example.record.case), "utf8")) as { cell: string; x: unknown[] };
      formulaExampleOf = formulaExample(example.id, example.record, { cell: json.cell, steps: json.x.length, named: caseValues(json) });
    } else formulaExampleOf = formulaExample(example.id, example.record);
    for (const display of displays) {
      const line = display.getAttribute("data-at")!.split(":")[0];
      formulas.push({ at: `${sourceOf(leaf).file}:${line}`, slide: leaf.id, tex: display.querySelector("annotation")?.textContent ?? "", example: formulaExampleOf, notation: deckNotation });
    }
  }
  return formulas;
}
