// An exercise's formula blank judged: the student types the right-hand side of a formula of
// the deck ("write δcᵗ"), and the deck's own checker evaluates the relation with it on the
// exercise's case at every time step — and on cases drawn from other seeds, so that numbers
// that happen to agree do not pass — and says right, or where it is wrong: at which steps
// it matches and at which it does not, and which symbols it has that the deck's answer does
// not (or lacks). Any rewriting that is the same function of the case is right.
import type { DeckNotation } from "./deck-notation.ts";
import type { FormulaExample } from "./example.ts";
import { formulaContext, hasWildcard, rowsOf } from "./check.ts";
import { ExpressionParser, FormulaError } from "./expression.ts";
import { formatNumbers, readable } from "./readable.ts";
import { relationSteps, where, type FormulaContext, type RelationStep } from "./relation-steps.ts";
import { parseRelation, splitPieces, type Relation } from "./relations.ts";
import { numbersOf } from "./algebra.ts";
import { parseTex } from "./tex-tree.ts";

/** A formula with a blank: the TeX before and after it, and the deck's own answer. */
export interface FormulaBlank {
  before: string;
  after: string;
  answer: string;
}

/** A formula's TeX cut at its `\blank{…}`: before, the answer inside, after; undefined
 * without a blank. */
export function splitBlank(tex: string): FormulaBlank | undefined {
  const start = tex.search(/\\blank\s*\{/);
  if (start < 0) return undefined;
  const open = tex.indexOf("{", start);
  let depth = 0;
  for (let k = open; k < tex.length; k++) {
    if (tex[k] === "\\") k++;
    else if (tex[k] === "{") depth++;
    else if (tex[k] === "}" && --depth === 0) return { before: tex.slice(0, start), answer: tex.slice(open + 1, k), after: tex.slice(k + 1) };
  }
  return undefined;
}

/** The formula with `fill` in its blank. */
export function filledTex(blank: FormulaBlank, fill: string): string {
  return `${blank.before}{${fill}}${blank.after}`;
}

export type Judgement = { verdict: "right" } | { verdict: "wrong"; message: string } | { verdict: "unreadable"; message: string };

interface Parsed {
  relation: Relation;
  /** the bound symbols, by what they stand for (name and indices), with how they read */
  symbols: Map<string, string>;
}

/** The formula with `fill` in the blank, parsed as one relation; or why it cannot be. */
function parseFilled(blank: FormulaBlank, fill: string, context: FormulaContext): Parsed | string {
  const tex = filledTex(blank, fill);
  let rows;
  try {
    rows = rowsOf(parseTex(tex, context.macros));
  } catch (error) {
    return `cannot read the TeX: ${(error as Error).message}`;
  }
  const pieces = rows.length === 1 && !hasWildcard(rows[0]) ? splitPieces(rows[0]) : [];
  if (pieces.length !== 1) return "type one expression: the right-hand side, without = or a second formula";
  const parser = new ExpressionParser(context.notation, tex);
  try {
    const relation = parseRelation(pieces[0], parser);
    if (relation.relations.length !== 1) return "type the right-hand side only, without =";
    const symbols = new Map(parser.symbols.map((s) => [`${s.symbol.name}[${s.symbol.indices.map((f) => JSON.stringify(f)).join("][")}]`, readable(s.tex)]));
    return { relation, symbols };
  } catch (error) {
    if (error instanceof FormulaError) return error.message.replace(/: not in the notation table.*$/, ": not a symbol of this deck's notation");
    throw error;
  }
}

/** " at t = 0, 1" (or, with several index variables, " at t = 0, k = 1; t = 1, k = 1"); nothing
 * for a relation with no index (a sum over the steps holds or not as a whole). */
function atSteps(steps: readonly RelationStep[]): string {
  const names = [...new Set(steps.flatMap((s) => Object.keys(s.indices)))];
  if (names.length === 0) return "";
  if (names.length === 1) return ` at ${names[0]} = ${steps.map((s) => s.indices[names[0]]).join(", ")}`;
  return ` at ${steps.map((s) => where(s.indices).replace(/^ at /, "")).join("; ")}`;
}

/** Which symbols the typed formula has that the answer has not, and the other way round. */
function symbolDifference(typed: Parsed, answer: Parsed): string {
  const missing = [...answer.symbols].filter(([key]) => !typed.symbols.has(key)).map(([, name]) => name);
  const extra = [...typed.symbols].filter(([key]) => !answer.symbols.has(key)).map(([, name]) => name);
  if (missing.length && extra.length) return ` It uses ${extra.join(", ")} where the answer has ${missing.join(", ")}.`;
  if (missing.length) return ` It has no ${missing.join(", ")}: the route through ${missing.length > 1 ? "them is" : "it is"} missing.`;
  if (extra.length) return ` It has ${extra.join(", ")}, which the answer does not use.`;
  return " It has the answer's symbols, combined differently: check ⊙ against + and juxtaposition, a transpose, a sign.";
}

/** `typed` (the student's right-hand side) judged on the examples: the first is the
 * exercise's case, the others cases drawn from other seeds. */
export function judgeFormula(blank: FormulaBlank, typed: string, examples: readonly FormulaExample[], notation: DeckNotation): Judgement {
  if (!typed.trim()) return { verdict: "unreadable", message: "type the right-hand side first" };
  const context = formulaContext(examples[0], notation);
  if (typeof context === "string") return { verdict: "unreadable", message: context };
  const mine = parseFilled(blank, typed, context);
  if (typeof mine === "string") return { verdict: "unreadable", message: mine };
  const answer = parseFilled(blank, blank.answer, context);
  if (typeof answer === "string") return { verdict: "unreadable", message: `the deck's answer cannot be read: ${answer}` };
  for (const [n, example] of examples.entries()) {
    const here = formulaContext(example, notation);
    if (typeof here === "string") return { verdict: "unreadable", message: here };
    const result = relationSteps(mine.relation, here);
    if (result.problem) return { verdict: "wrong", message: `${result.problem.replace(/^.*?: cannot be evaluated/, "It cannot be evaluated")}.` };
    const failing = result.steps.filter((s) => s.fails >= 0);
    if (failing.length === 0) continue;
    const holding = result.steps.filter((s) => s.fails < 0 && !s.trivial);
    const first = failing[0];
    const numbers = `${atSteps([first]).trim()} yours is ${formatNumbers(numbersOf(first.sides[1]), 4)}, the answer ${formatNumbers(numbersOf(first.sides[0]), 4)}`.trim();
    const when = holding.length ? `It matches${atSteps(holding)} but not${atSteps(failing)}` : `It does not match${atSteps(failing)}`;
    const seeded = n === 0 ? "" : ` — with these numbers it happens to agree, but not with the case of another seed`;
    return { verdict: "wrong", message: `${when}${seeded} (${numbers}).${symbolDifference(mine, answer)}` };
  }
  return { verdict: "right" };
}
