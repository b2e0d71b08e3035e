// The real deck's checked formulas, each with what the checker evaluated it on — as the
// compiler itself checked them (CompiledDeck.checked), so that a test re-checks a mutated
// formula with the very same driver, example and notation. The deck is compiled once per
// test file, by a session of its own (compileRealDeck).
import type { CompiledDeck } from "../../src/compile/state.ts";
import { DeckSession } from "../../src/session/session.ts";
import type { DeckNotation } from "../../src/formulas/deck-notation.ts";
import type { FormulaExample } from "../../src/formulas/example.ts";

export interface DeckFormula {
  /** slides/FILE.md:LINE of the formula's TeX */
  at: string;
  slide: string;
  tex: string;
  example: FormulaExample;
  notation: DeckNotation;
}

export function deckFormulas(deck: CompiledDeck): DeckFormula[] {
  return deck.checked.map((c) => ({ at: `${c.at.file}:${c.at.line}`, slide: c.slide, tex: c.tex, example: c.example, notation: c.notation }));
}

/** The real deck (slides/), compiled once by a session of its own. */
export async function compileRealDeck(): Promise<CompiledDeck> {
  const session = DeckSession.create({ deckRoot: process.cwd(), diagrams: "browser" });
  try {
    return await session.compile();
  } finally {
    await session.close();
  }
}
